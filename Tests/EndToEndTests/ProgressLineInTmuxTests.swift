import Foundation
import Testing

/// The command line's progress lines on a real terminal (tmux): `funnel campaign send` redraws
/// one line in place while the command works, and `funnel inbox` blanks its line before the
/// summary. The erase sequence must reach the terminal as such: shown as text, it would print
/// `\r\x1b[K` in front of every update.
@Suite struct ProgressLineInTmuxTests {
    @Test func campaignSendAndInboxRedrawOneLineOnATerminal() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.buildDemoDesk()
        let sent = try workspace.fakeSendmail(delay: "0.1")
        let made = try workspace.funnel(["campaign", "new", "--from", "tag:python", "--template", "followup-after-voicemail",
                                         "--db", workspace.db])
        try #require(made.code == 0, "funnel campaign new failed: \(made.stderr)")

        let funnel = workspace.binary.shellQuoted, db = workspace.db.shellQuoted
        let tmux = Tmux()
        defer { tmux.kill() }
        try tmux.start(command: "\(funnel) campaign send 1 --db \(db) && \(funnel) inbox --maildir \((Workspace.sampleData + "/inbox").shellQuoted) --db \(db)",
                       width: 100, height: 30, env: workspace.environment, directory: workspace.folder.path)
        let sending = try tmux.wait(for: "the progress line") { rows in
            rows.contains { $0.range(of: #"^sent [1-9][0-9]*/[0-9]+ · .*/min · .* left$"#, options: .regularExpression) != nil }
        }
        #expect(!sending.joined().contains("\\r") && !sending.joined().contains("\\x1b"), "\(sending)")
        _ = try tmux.waitFor(text: "new messages read; logged", timeout: .seconds(60))
        let exit = try tmux.waitForExit(timeout: .seconds(30))
        #expect(exit.status == 0)
        let rows = try tmux.rows()
        // One progress line (redrawn in place), then the campaign's summary; the inbox's line blanked.
        let progress = rows.filter { $0.hasPrefix("sent ") }
        #expect(progress.count == 1, "\(rows)")
        #expect(rows.contains { $0.hasPrefix("Campaign #1 done: ") }, "\(rows)")
        #expect(!rows.contains { $0.contains("logged so far") }, "\(rows)")
        #expect(!rows.joined().contains("\\x1b") && !rows.joined().contains("\\r"), "\(rows)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: sent.path).count > 0)
    }
}
