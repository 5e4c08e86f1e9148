import Foundation
import FunnelCore
import FunnelStore
import Testing

/// Campaigns started from the board and from the search in the real binary (tmux, 100×30, the
/// demo desk, time pinned): `C` on a column and `Ctrl-G` on the results, the form naming the
/// group, the review, `S` and `y` to a fake sendmail, Esc back to where it started; then the
/// store: the campaign's source as recorded, every message sent logged as a touch.
@Suite struct CampaignSourcesInTmuxTests {
    /// The demo desk with a fake sendmail: the workspace and the folder the messages land in.
    static func demoDesk() throws -> (Workspace, URL) {
        let workspace = try Workspace()
        try workspace.buildDemoDesk()
        return (workspace, try workspace.fakeSendmail(delay: "0.02"))
    }

    /// Checks campaign #1 in the store: its source, `sent` of its messages sent, each with its
    /// touch (email, out, sent, the template, the subject as note) and a file at the command.
    static func expectSent(_ workspace: Workspace, source: CampaignSource, sent: Int, files: URL) throws {
        let store = try Store.open(at: workspace.db)
        let campaign = try store.campaign(1)
        #expect(campaign.source == source)
        #expect(campaign.state == .done)
        let tally = try store.campaignTally(1)
        #expect(tally.count(.sent) == sent)
        let messages = try store.campaignMessages(1, limit: Int.max).filter { $0.state == .sent }
        #expect(messages.count == sent)
        for message in messages {
            let touches = try store.touches(of: message.candidateID, limit: 10)
            #expect(touches.contains {
                $0.channel == .email && $0.direction == .outbound && $0.outcome == .sent && $0.note == message.subject
                    && $0.template == campaign.template
            }, "no touch logged for message \(message.position) to \(message.name)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: files.path).count == sent)
    }

    @Test func aCampaignToAStageColumnFromTheBoard() throws {
        let (workspace, files) = try Self.demoDesk()
        defer { workspace.remove() }
        let inStage = try #require(try Store.open(at: workspace.db).stageCounts()[.consideration])
        try #require(inStage >= 5, "the demo desk should have people in consideration")

        let tmux = try workspace.board(width: 100, height: 30)
        try tmux.wait("? help")
        // To the first column, then the second: Consideration.
        try tmux.type("hhhhl")
        try tmux.type("C")
        try tmux.wait("Campaign to the \(inStage) people in Consideration")
        try tmux.press("Enter")
        let review = try tmux.wait(" Campaign #1 · ")
        let header = try #require(review.first { $0.hasPrefix(" Campaign #1 · ") })
        #expect(header.contains("stage Consideration"))
        let store = try Store.open(at: workspace.db)
        let tally = try store.campaignTally(1)
        #expect(tally.count(.excluded) + tally.remaining == inStage)
        try #require(tally.remaining > 0, "nobody to send to in consideration: \(header)")

        try tmux.type("S")
        try tmux.wait("Send \(tally.remaining) message")
        try tmux.type("y")
        try tmux.wait("Campaign #1 done: \(tally.remaining) sent")
        // Esc: the board again, where the campaign was started.
        try tmux.press("Escape")
        try tmux.wait("hjkl/arrows move")
        try tmux.type("q")
        _ = try tmux.waitForExit(timeout: Workspace.patience)

        try Self.expectSent(workspace, source: .stage(.consideration), sent: tally.remaining, files: files)
        let check = try workspace.funnel(["check", "--db", workspace.db])
        #expect(check.code == 0, "funnel check: \(check.stdout)\(check.stderr)")
    }

    @Test func aCampaignToTheSearchResults() throws {
        let (workspace, files) = try Self.demoDesk()
        defer { workspace.remove() }
        let query = "engineer"
        let found = try Store.open(at: workspace.db).search(query, limit: 100_000).count
        try #require(found >= 3, "the demo desk should have engineers")

        let tmux = try workspace.board(width: 100, height: 30)
        try tmux.wait("? help")
        try tmux.type("/")
        try tmux.wait("Search:")
        try tmux.type(query)
        try tmux.wait("\(found) match")
        try tmux.wait("Ctrl-G campaign")
        try tmux.press("C-g")
        try tmux.wait("Campaign to the \(found) people found for “\(query)”")
        try tmux.press("Enter")
        let review = try tmux.wait(" Campaign #1 · ")
        #expect(review.first { $0.hasPrefix(" Campaign #1 · ") }?.contains("search “\(query)”") == true)
        let remaining = try Store.open(at: workspace.db).campaignTally(1).remaining
        try #require(remaining > 0)

        try tmux.type("S")
        try tmux.wait("Send \(remaining) message")
        try tmux.type("y")
        try tmux.wait("Campaign #1 done: \(remaining) sent")
        // Esc: the results again, the query as typed.
        try tmux.press("Escape")
        let back = try tmux.wait("Ctrl-G campaign")
        #expect(back.first?.hasPrefix(" Search: \(query)") == true)
        try tmux.press("Escape")
        try tmux.wait("hjkl/arrows move")
        try tmux.type("q")
        _ = try tmux.waitForExit(timeout: Workspace.patience)

        try Self.expectSent(workspace, source: .search(query), sent: remaining, files: files)
    }
}
