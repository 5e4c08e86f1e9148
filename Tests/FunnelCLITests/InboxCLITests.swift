import Foundation
import FunnelCore
import FunnelStore
import GRDB
import Testing

/// `funnel inbox` as a user runs it (issue 12, part 2) on the mail corpus (Tests/MailCorpus):
/// every kind of message logged or left alone as docs/mailbox.md says, the same from the Maildir
/// and the mbox, nothing new on a second run, hostile subjects printed as visible text, and bad
/// input refused with one error and no change.
@Suite(.serialized) struct InboxCLITests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("MailCorpus")
    static let maildir = corpus.appendingPathComponent("maildir").path
    static let mbox = corpus.appendingPathComponent("corpus.mbox").path
    static let s1 = "1795339800.a1b2c3d4@agency.example"
    static let s2 = "1795426200.e5f6a7b8@agency.example"
    static let s3 = "1795512600.c9d0e1f2@agency.example"
    /// After every message of the corpus was written.
    static let now = "2026-12-08T09:00:00Z"

    /// A desk holding some of the corpus's senders: what Funnel sent them is recorded with the
    /// corpus's Message-IDs (S1 to Ken, S2 to Zoë as plain touches; S3 as Ben's campaign message).
    struct Desk {
        let home: URL
        var storePath: String { home.appendingPathComponent("desk.sqlite").path }
        var ids: [String: Int64] = [:]
        var campaignID: Int64 = 0

        static func make() throws -> Desk {
            let home = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-inbox-cli-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            var desk = Desk(home: home)
            let store = try Store.open(at: desk.storePath)
            let added = Date(timeIntervalSince1970: 1_760_000_000)
            for (first, last, email) in [("Zoë", "Müller", "zoe.mueller@example.com"), ("Ken", "Ito", "ken.ito@example.jp"),
                                         ("Li", "Wei", "li.wei@example.com"), ("Ben", "Okafor", "ben.okafor@example.com"),
                                         ("Lars", "Berg", "lars@example.se"), ("Olga", "Old", "old.address@example.com"),
                                         ("Ana", "Lima", "ana.lima@example.org"), ("Eve", "Hostile", "eve@hostile.example")] {
                desk.ids[first] = try store.add(CandidateDraft(firstName: first, lastName: last, email: email, tags: ["corpus"]), at: added).id
            }
            let sent = Date(timeIntervalSince1970: 1_795_339_800)
            for (name, id) in [("Ken", s1), ("Zoë", s2)] {
                let (touch, _) = try store.logTouch(desk.ids[name]!, TouchDraft(at: sent, channel: .email, outcome: .sent, note: "Hello"))
                try store.writer.write { db in
                    try db.execute(sql: "UPDATE touchpoint SET message_id = ? WHERE id = ?", arguments: [id, touch.id])
                }
            }
            try store.saveTemplate(validated: TemplateDraft(name: "hello", channel: .email, subject: "Hello {{first_name}}", body: "Hi\n"))
            let moment = Moment(now: sent, timeZone: TimeZone(identifier: "UTC")!)
            let tally = try store.createCampaign(Store.CampaignPlan(name: "corpus", template: "hello", source: .search("Okafor"),
                                                                    recruiterName: "Rita", recruiterEmail: "rita@agency.example",
                                                                    rules: .defaults, moment: moment))
            desk.campaignID = tally.campaign.id
            let claimed = try #require(try store.claimCampaignMessage(desk.campaignID, at: sent))
            try store.writer.write { db in
                try db.execute(sql: "UPDATE campaign_message SET message_id = ? WHERE id = ?", arguments: [s3, claimed.id])
            }
            try store.recordCampaignSent(claimed.id, at: sent, rules: .defaults, moment: moment)
            return desk
        }

        func remove() { try? FileManager.default.removeItem(at: home) }

        func run(_ args: String..., config: String? = nil) throws -> RunResult {
            if let config {
                let folder = home.appendingPathComponent("config/funnel")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try config.write(to: folder.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
            }
            return try FunnelBinary.run(args, env: ["FUNNEL_DB": storePath, "FUNNEL_NOW": InboxCLITests.now], home: home)
        }

        func count(_ sql: String, _ arguments: StatementArguments = []) throws -> Int { try StoreFile.count(storePath, sql, arguments) }

        func inbound(_ name: String, _ outcome: String) throws -> Int {
            try count("SELECT count(*) FROM touchpoint WHERE candidate_id = ? AND direction = 'in' AND outcome = ?", [ids[name]!, outcome])
        }
    }

    /// What the corpus must produce on this desk, whichever format it is read from.
    static func expectTheCorpusLogged(_ desk: Desk, _ result: RunResult, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(result.code == 0, "\(result)", sourceLocation: sourceLocation)
        // Zoë: 01 (her address; S1 was Ken's), 02 (another address, answering S2), 15 and 20; 16 is 15 again.
        #expect(try desk.inbound("Zoë", "replied") == 4, sourceLocation: sourceLocation)
        #expect(try desk.inbound("Li", "replied") == 1 && desk.inbound("Ben", "replied") == 1, sourceLocation: sourceLocation)
        #expect(try desk.inbound("Ana", "replied") == 1 && desk.inbound("Eve", "replied") == 1, sourceLocation: sourceLocation)
        #expect(try desk.inbound("Ken", "auto_reply") == 1 && desk.inbound("Lars", "auto_reply") == 1, sourceLocation: sourceLocation)
        #expect(try desk.inbound("Olga", "bounced") == 1, sourceLocation: sourceLocation)
        #expect(try desk.count("SELECT count(*) FROM touchpoint WHERE direction = 'in'") == 11, sourceLocation: sourceLocation)
        #expect(try desk.count("SELECT count(*) FROM candidate WHERE email_bounced_at IS NOT NULL") == 1, sourceLocation: sourceLocation)
        #expect(try desk.count("SELECT count(*) FROM candidate WHERE email_bounced_at IS NOT NULL AND email = 'old.address@example.com'") == 1,
                sourceLocation: sourceLocation)
        // Ben answered the campaign's message by its Message-ID: the reply is the campaign's.
        #expect(try desk.count("SELECT count(*) FROM touchpoint WHERE candidate_id = ? AND direction = 'in' AND campaign_id = ?",
                               [desk.ids["Ben"]!, desk.campaignID]) == 1, sourceLocation: sourceLocation)
        // Subjects are the notes, decoded.
        #expect(try desk.count("SELECT count(*) FROM touchpoint WHERE note = 'Re: Café meeting — next week' AND candidate_id = ?",
                               [desk.ids["Ana"]!]) == 1, sourceLocation: sourceLocation)
        let out = result.stdout
        #expect(out.contains("20 new messages read"), "\(out)", sourceLocation: sourceLocation)
        #expect(out.contains("logged 8 replies, 2 auto-replies, 1 bounce, 1 address marked bouncing"), "\(out)", sourceLocation: sourceLocation)
        #expect(out.contains("left alone: 7 from unknown senders, 1 delivery report, 1 already logged"), "\(out)", sourceLocation: sourceLocation)
        // Nothing from the mail acts on the terminal: the hostile subject's escapes are shown.
        #expect(!out.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F || (0x80...0x9F).contains($0.value) },
                sourceLocation: sourceLocation)
        #expect(out.contains("\\x1b[2J"), sourceLocation: sourceLocation)
        let check = try FunnelBinary.run(["check"], env: ["FUNNEL_DB": desk.storePath, "FUNNEL_NOW": InboxCLITests.now], home: desk.home)
        #expect(check.code == 0, "\(check)", sourceLocation: sourceLocation)
    }

    @Test func theMaildirCorpusIsLoggedOnceAndASecondRunLogsNothing() throws {
        let desk = try Desk.make()
        defer { desk.remove() }
        try Self.expectTheCorpusLogged(desk, try desk.run("inbox", "--maildir", Self.maildir))
        let before = try StoreFile.dump(desk.storePath).filter { !$0.contains("inbox_mailbox") }
        let again = try desk.run("inbox", "--maildir", Self.maildir)
        #expect(again.code == 0)
        #expect(again.stdout.contains("0 new messages read (20 seen before); logged 0 replies, 0 auto-replies, 0 bounces."), "\(again)")
        #expect(try StoreFile.dump(desk.storePath).filter { !$0.contains("inbox_mailbox") } == before)
    }

    @Test func theMboxCorpusLogsTheSameAndResumesAfterItsLastMessage() throws {
        let desk = try Desk.make()
        defer { desk.remove() }
        try Self.expectTheCorpusLogged(desk, try desk.run("inbox", "--mbox", Self.mbox))
        #expect(try desk.count("SELECT count(*) FROM inbox_mailbox WHERE last_key IS NOT NULL") == 1)
        let again = try desk.run("inbox", "--mbox", Self.mbox)
        #expect(again.code == 0 && again.stdout.contains("0 new messages read"), "\(again)")
        // The same messages from the other format: every one already logged by its Message-ID.
        let maildir = try desk.run("inbox", "--maildir", Self.maildir)
        #expect(maildir.stdout.contains("logged 0 replies, 0 auto-replies, 0 bounces"), "\(maildir)")
        #expect(try desk.count("SELECT count(*) FROM touchpoint WHERE direction = 'in'") == 11)
    }

    @Test func theConfiguredInboxIsReadWhenNoneIsGivenAndADryRunKeepsNothing() throws {
        let desk = try Desk.make()
        defer { desk.remove() }
        let config = "[mail]\ninbox = \"\(Self.maildir)\"\n"
        let dry = try desk.run("inbox", "--dry-run", config: config)
        #expect(dry.code == 0 && dry.stdout.contains("would log 8 replies, 2 auto-replies, 1 bounce"), "\(dry)")
        #expect(try desk.count("SELECT count(*) FROM touchpoint WHERE direction = 'in'") == 0)
        #expect(try desk.count("SELECT count(*) FROM inbox_seen") == 0)
        let json = try desk.run("inbox", "--json", config: config)
        #expect(json.code == 0, "\(json)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let tally = try #require(object["tally"] as? [String: Any])
        #expect(tally["replies"] as? Int == 8 && tally["bounces"] as? Int == 1 && tally["unknown_senders"] as? Int == 7)
        #expect((tally["logged"] as? [Any])?.count == 11)
    }

    @Test func badInputGetsOneClearErrorAndChangesNothing() throws {
        let desk = try Desk.make()
        defer { desk.remove() }
        let before = try StoreFile.dump(desk.storePath)
        let cases: [([String], String)] = [
            (["inbox"], "pass --maildir PATH or --mbox PATH, or set [mail] inbox"),
            (["inbox", "--maildir", "/nonexistent/mail"], "/nonexistent/mail"),
            (["inbox", "--mbox", Self.maildir], "mbox"),
            (["inbox", "--maildir", Self.mbox], "Maildir"),
            (["inbox", "--maildir", Self.maildir, "--mbox", Self.mbox], "not both"),
        ]
        for (args, message) in cases {
            let result = try FunnelBinary.run(args, env: ["FUNNEL_DB": desk.storePath, "FUNNEL_NOW": Self.now], home: desk.home)
            #expect(result.code != 0, "\(args): \(result)")
            #expect(result.stderr.contains(message), "\(args): \(result)")
            // One error (ArgumentParser adds its usage lines to a bad combination of options).
            #expect(result.stderr.split(separator: "\n").filter { $0.contains("rror") || $0.hasPrefix("funnel:") }.count == 1, "\(args): \(result)")
        }
        #expect(try StoreFile.dump(desk.storePath) == before)
    }
}
