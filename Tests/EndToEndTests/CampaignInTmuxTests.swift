import Foundation
import Testing

/// A campaign from Today in the real binary (tmux, 100×30, the demo desk, time pinned): `C`, a
/// template, the review, `S` and `y`, the progress line while a slow fake sendmail takes each
/// message, Esc to stop halfway, `S` to go on; then the files the command got and the store.
@Suite struct CampaignInTmuxTests {
    @Test func reengageTheWholeGroupFromToday() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.buildDemoDesk()

        // A sendmail that takes its time and keeps every message it is given (Support/FakeSendmail.swift).
        let sent = try workspace.fakeSendmail()

        let due = try workspace.funnel(["due", "--db", workspace.db, "--json", "--limit", "1000"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(due.stdout.utf8)) as? [String: Any])
        let group = try #require((object["counts"] as? [String: Any])?["reengagement"] as? NSNumber).intValue
        try #require(group >= 10, "the demo desk should have people to re-engage")

        let tmux = try workspace.board(width: 100, height: 30)
        try tmux.wait("? help")
        try tmux.type("t")
        try tmux.wait("to re-engage")
        try tmux.type("C")
        try tmux.wait("Campaign to the re-engagement group (\(group))")
        try tmux.press("Enter")
        let review = try tmux.wait(" Campaign #1 · \(group) messages · 0 sent · 0 left out")
        // The selected (first) message in full below the list, as it will be sent.
        #expect(review.contains { $0.hasPrefix(" To: ") && $0.contains("Subject: ") })
        #expect(review.contains { $0.contains("1.") && $0.contains("to send") })

        try tmux.type("S")
        try tmux.wait("Send \(group) messages now, one per person?")
        try tmux.type("y")
        // The progress line, while the command works.
        let sending = try tmux.wait(for: "the progress line") { rows in
            rows.contains { $0.range(of: #"Sending: sent [1-9][0-9]*/\#(group) · .*/min · .* left"#, options: .regularExpression) != nil }
        }
        #expect(sending.last?.contains("Esc stops") == true)
        try tmux.press("Escape")
        let stopped = try tmux.wait("Stopped: ")
        let line = try #require(stopped.first { $0.hasPrefix(" Stopped: ") })
        let sentBefore = Int(line.dropFirst(" Stopped: ".count).prefix { $0.isNumber }) ?? -1
        #expect(sentBefore > 0 && sentBefore < group, "stopped after \(sentBefore) of \(group)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: sent.path).count == sentBefore)

        // S goes on where it stopped, to the end.
        try tmux.type("S")
        try tmux.wait("Send \(group - sentBefore) message")
        try tmux.type("y")
        try tmux.wait("Campaign #1 done: \(group) sent, each logged as a touch")
        try tmux.press("Escape")
        try tmux.wait(" 0 to re-engage")
        try tmux.type("q")
        try tmux.type("q")

        // One message file per person, nobody twice; the store logged each as a touch.
        let files = try FileManager.default.contentsOfDirectory(atPath: sent.path)
        #expect(files.count == group)
        let listed = try workspace.funnel(["campaign", "list", "--db", workspace.db])
        #expect(listed.stdout.contains("#1 ") && listed.stdout.contains("done") && listed.stdout.contains("sent \(group)/\(group)"))
        let check = try workspace.funnel(["check", "--db", workspace.db])
        #expect(check.code == 0, "funnel check: \(check.stdout)\(check.stderr)")
        let after = try workspace.funnel(["due", "--db", workspace.db, "--json"])
        let counts = try #require(try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [String: Any])["counts"] as? [String: Any]
        #expect((counts?["reengagement"] as? NSNumber)?.intValue == 0)
    }
}
