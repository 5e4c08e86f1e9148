import Foundation
import FunnelApp
import FunnelCore
import FunnelStore
import FunnelUI
import GRDB
import Testing

/// A campaign sent from the terminal UI (`BoardApp.run` on a real SQLite file, keys from a
/// `FakeTerminal`, the real effect runner and sender, a fake mail command): quitting in the
/// middle of a send ends the run there, so the campaign is "stopped" (not left "sending") and
/// `S` or `funnel campaign resume` goes on with the rest.
@Suite struct CampaignAppTests {
    static let environment = ["FUNNEL_NOW": "2026-11-22T09:30:00Z", "FUNNEL_TZ": "UTC", "NO_COLOR": ""]
    static let now = ISO8601DateFormatter().date(from: "2026-11-22T09:30:00Z")!

    @Test func quittingDuringASendStopsTheCampaignWithTheRestQueued() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-campaign-app-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let sent = folder.appendingPathComponent("sent")
        try FileManager.default.createDirectory(at: sent, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("desk.sqlite").path
        let store = try Store.open(at: path)
        for (i, first) in ["Ana", "Bo", "Cy", "Dee", "Eli"].enumerated() {
            _ = try store.add(CandidateDraft(firstName: first, lastName: "Test", email: "\(first.lowercased())@example.org"),
                              at: Self.now.addingTimeInterval(-Double(100 + i) * 86_400))
        }
        try store.saveTemplate(validated: TemplateDraft(name: "hello", channel: .email, subject: "Hello {{first_name}}", body: "Hi\n"))
        var config = Config(recruiter: .init(name: "Rita", email: "rita@agency.example"),
                            mail: .init(sendmail: "f=$(mktemp -p '\(sent.path)'); cat > \"$f\"", outbox: folder.appendingPathComponent("outbox").path))
        config.rules = .defaults

        // The board's Awareness column (all five): C, Enter (review), S, y (send), two ticks (two
        // messages), then Ctrl-C quits.
        let terminal = FakeTerminal(size: Size(width: 80, height: 24))
        terminal.enqueue(keys: .char("C"), .enter, .char("S"), .char("y"))
        terminal.enqueue(.tick, .tick)
        terminal.enqueue(keys: .ctrl("c"))
        try BoardApp.run(store: store, terminal: terminal, config: config, environment: Self.environment)
        #expect(terminal.isStopped)

        let reopened = try Store.open(at: path)
        let campaign = try #require(try reopened.campaigns().first)
        let tally = try reopened.campaignTally(campaign.id)
        let files = try FileManager.default.contentsOfDirectory(atPath: sent.path)
        #expect(tally.count(.sent) == files.count && files.count >= 1 && files.count < 5, "\(tally) \(files)")
        #expect(tally.count(.handing) == 0)
        #expect(tally.campaign.state == .stopped, "\(tally.campaign.state)")
        #expect(tally.remaining == 5 - files.count)
    }
}
