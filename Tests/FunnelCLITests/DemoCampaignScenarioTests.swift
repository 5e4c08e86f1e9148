import Foundation
import Testing

/// Issue 12's "done when", on the demo desk through the binary: the recruiter re-engages
/// Today's re-engagement group in one sitting (a campaign, reviewed, sent: one message and one
/// touch each), and the next morning `funnel inbox` on `sample-data/inbox` logs the three who
/// answered, the report shows the campaign's reply rate, and those three leave the cadence.
/// (The same flow from the Today screen is CampaignInTmuxTests.)
@Suite struct DemoCampaignScenarioTests {
    static let inbox = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sample-data/inbox").path
    static let nextMorning = "2026-11-23T08:00:00Z"

    @Test func theDemoDeskIsReengagedInOneSittingAndTheAnswersAreLoggedTheNextMorning() throws {
        let sandbox = try Sandbox()
        #expect(try sandbox.run("demo", "--no-open").code == 0)
        let demo = sandbox.demoStore
        func count(_ sql: String) throws -> Int { try StoreFile.count(demo, sql) }
        func due(_ now: String? = nil) throws -> [[String: Any]] {
            let result = try sandbox.run(["due", "--json", "--db", demo, "--limit", "1000"], env: now.map { ["FUNNEL_NOW": $0] } ?? [:])
            let object = try #require(try result.json() as? [String: Any])
            return try #require(object["items"] as? [[String: Any]])
        }
        let group = try due().filter { $0["group"] as? String == "reengagement" }
        let names = Set(group.compactMap { $0["name"] as? String })
        for name in ["Íñigo Núñez", "Pablo Ortega", "Davide Rossi", "Thijs Dekker", "Felix Braun"] {
            #expect(names.contains(name), "\(name) is in Today's re-engagement group")
        }

        // No config.toml: the desk's own recruiter (Sam Rivera) is the From; no sendmail: the outbox.
        let made = try sandbox.run("campaign", "new", "--from", "reengagement", "--template", "reengage-hello", "--db", demo)
        #expect(made.code == 0, "\(made)")
        let campaign = try count("SELECT max(id) FROM campaign")
        let queued = try count("SELECT count(*) FROM campaign_message WHERE state = 'queued'")
        #expect(queued > 0 && queued <= group.count)
        #expect(try count("SELECT count(*) FROM campaign_message") == group.count)
        let sent = try sandbox.run("campaign", "send", "\(campaign)", "--db", demo)
        #expect(sent.code == 0, "\(sent)")
        #expect(sent.stderr.contains("sent \(queued)/\(queued)"), "\(sent)")
        let outbox = try FileManager.default.contentsOfDirectory(atPath: sandbox.path("data/funnel/outbox")).filter { $0.hasSuffix(".eml") }
        #expect(outbox.count == queued)
        #expect(try count("SELECT count(*) FROM touchpoint WHERE campaign_id = \(campaign) AND direction = 'out' AND message_id IS NOT NULL") == queued)
        #expect(try count("SELECT count(DISTINCT candidate_id) FROM touchpoint WHERE campaign_id = \(campaign)") == queued)

        // The next morning.
        let read = try sandbox.run(["inbox", "--maildir", Self.inbox, "--db", demo], env: ["FUNNEL_NOW": Self.nextMorning])
        #expect(read.code == 0, "\(read)")
        #expect(read.stdout.contains("logged 3 replies, 1 auto-reply, 1 bounce, 1 address marked bouncing"), "\(read)")
        #expect(try count("SELECT count(*) FROM touchpoint WHERE campaign_id = \(campaign) AND direction = 'in' AND outcome = 'replied'") == 3)
        let again = try sandbox.run(["inbox", "--maildir", Self.inbox, "--db", demo], env: ["FUNNEL_NOW": Self.nextMorning])
        #expect(again.stdout.contains("logged 0 replies"), "\(again)")

        let report = try sandbox.run(["report", "--json", "--db", demo], env: ["FUNNEL_NOW": Self.nextMorning])
        let object = try #require(try report.json() as? [String: Any])
        let figures = try #require((object["campaigns"] as? [[String: Any]])?.first { $0["id"] as? Int == campaign })
        #expect(figures["sent"] as? Int == queued && figures["delivered"] as? Int == queued - 1 && figures["replied"] as? Int == 3)
        let rate = try #require(figures["reply_rate"] as? Double)
        #expect(abs(rate - 3 / Double(queued - 1)) < 1e-9)
        let text = try sandbox.run(["report", "--db", demo], env: ["FUNNEL_NOW": Self.nextMorning])
        #expect(text.stdout.contains("Campaigns"), "\(text)")

        // The three who answered leave the cadence and are due today, to be answered; Felix's
        // address bounces, so no rule offers him again until it is edited.
        let morning = try due(Self.nextMorning)
        for name in ["Íñigo Núñez", "Pablo Ortega", "Davide Rossi"] {
            #expect(morning.first { $0["name"] as? String == name }?["group"] as? String == "today", "\(name)")
        }
        let later = try due("2027-01-20T08:00:00Z")
        let laterNames = Set(later.filter { $0["group"] as? String == "reengagement" }.compactMap { $0["name"] as? String })
        #expect(!laterNames.contains("Felix Braun"))
        #expect(laterNames.contains("Thijs Dekker"), "an out-of-office keeps the cadence: due again after 21 days")
        #expect(!laterNames.contains("Íñigo Núñez") && !laterNames.contains("Pablo Ortega") && !laterNames.contains("Davide Rossi"))
        #expect(try sandbox.run("check", "--db", demo).code == 0)
    }
}
