import Foundation
import FunnelCore
@testable import FunnelStore
import GRDB
import Testing

/// `funnel inbox`'s store side on a real store file (issue 12, part 2): who a message is tied to
/// (a Message-ID Funnel sent, else the sender's address), what is logged (reply, auto-reply,
/// bounce) and what is left alone, once per Message-ID, and what it does to the cadence, the
/// Today queue, campaigns and the kept counts.
@Suite struct InboxStoreTests {
    static let now = CampaignStoreTests.now
    static let moment = CampaignStoreTests.moment
    static let mailbox = "maildir:/tmp/test-inbox"

    static func rfc5322(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    /// A message as a mailbox holds it. `headers`: more header lines.
    static func mail(_ id: String, from: String, subject: String, inReplyTo: String? = nil, headers: [String] = [],
                     date: Date = now.addingTimeInterval(-3_600), key: String? = nil, body: String = "Hello.\n") -> InboxEntry {
        var lines = ["From: \(from)", "To: Rita <rita@agency.example>", "Subject: \(subject)", "Message-ID: <\(id)>",
                     "Date: \(rfc5322(date))"]
        if let inReplyTo { lines += ["In-Reply-To: <\(inReplyTo)>", "References: <\(inReplyTo)>"] }
        lines += headers
        let text = lines.joined(separator: "\n") + "\n\n" + body
        return InboxEntry(key: key ?? id, message: InboundMessage.parse(Array(text.utf8)))
    }

    /// An RFC 3464 report that `address` fails for good, returning the headers of `original`.
    static func bounce(_ id: String, address: String, original: String?, status: String = "5.1.1") -> InboxEntry {
        let text = """
            From: Mail Delivery System <MAILER-DAEMON@mx.agency.example>
            To: rita@agency.example
            Subject: Undelivered Mail Returned to Sender
            Message-ID: <\(id)>
            Date: \(rfc5322(now.addingTimeInterval(-600)))
            Auto-Submitted: auto-replied
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="B1"

            --B1
            Content-Type: text/plain

            Your message could not be delivered.
            --B1
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.agency.example

            Final-Recipient: rfc822; \(address)
            Original-Recipient: rfc822;\(address)
            Action: failed
            Status: \(status)
            Diagnostic-Code: smtp; 550 5.1.1 <\(address)>: Recipient address rejected: User unknown

            --B1
            Content-Type: text/rfc822-headers

            From: Rita <rita@agency.example>
            To: \(address)
            Subject: Hello
            \(original.map { "Message-ID: <\($0)>" } ?? "X-Nothing: here")

            --B1--

            """
        return InboxEntry(key: id, message: InboundMessage.parse(Array(text.utf8)))
    }

    @discardableResult
    static func record(_ store: Store, _ entries: [InboxEntry], commit: Bool = true) throws -> InboxTally {
        try store.recordInbox(entries, mailbox: mailbox, rules: .defaults, moment: moment, commit: commit)
    }

    static func touches(_ store: Store, _ id: Int64) throws -> [Row] {
        try store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM touchpoint WHERE candidate_id = ? ORDER BY id", arguments: [id])
        }
    }

    static func text(_ row: Row?, _ column: String) -> String? { row?[column] }
    static func int(_ row: Row?, _ column: String) -> Int64? { row?[column] }

    static func group(_ store: Store, _ id: Int64) throws -> DueGroup? {
        try store.dueQueue(rules: .defaults, moment: moment, limit: 1_000).first { $0.id == id }?.group
    }

    static func cadenceStart(_ store: Store, _ id: Int64) throws -> Int64? {
        _ = try store.dueCounts(rules: .defaults, moment: moment)
        return try store.writer.read { db in try Int64.fetchOne(db, sql: "SELECT cadence_start FROM candidate WHERE id = ?", arguments: [id]) }
    }

    /// A campaign to everyone tagged "camp", every message sent; the Message-ID of each by first name.
    static func sentCampaign(_ store: Store, at sent: Date = now) throws -> (id: Int64, ids: [String: String]) {
        let tally = try store.createCampaign(CampaignStoreTests.plan(.tag("camp")))
        let id = tally.campaign.id
        while let claimed = try store.claimCampaignMessage(id, at: sent) {
            try store.recordCampaignSent(claimed.id, at: sent, rules: .defaults, moment: moment)
        }
        let ids = Dictionary(uniqueKeysWithValues: try CampaignStoreTests.messages(store, id).compactMap { message in
            message.messageID.map { (message.name.components(separatedBy: " ")[0], $0) }
        })
        return (id, ids)
    }

    static func expectCountsEqualARecount(_ store: Store, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let report = try store.check()
        #expect(report.problems == [], sourceLocation: sourceLocation)
    }

    // MARK: Replies

    @Test func aReplyFromACandidatesAddressIsLoggedOnceMakesThemDueTodayAndEndsReengagement() throws {
        let desk = try CampaignStoreTests.desk()
        let store = desk.store
        let ana = try CampaignStoreTests.person(store, "Ana")
        #expect(try Self.group(store, ana) == .reengagement)

        let reply = Self.mail("r1@mail.example.com", from: "Ana Test <Ana@Example.com>", subject: "Re: Are you still looking?")
        let tally = try Self.record(store, [reply])
        #expect(tally.read == 1 && tally.replies == 1 && tally.unknownSenders == 0)
        #expect(tally.logged.map(\.kind) == [.replied] && tally.logged.first?.matchedBy == "address")
        let rows = try Self.touches(store, ana)
        #expect(rows.count == 1)
        #expect(Self.text(rows.first, "channel") == "email" && Self.text(rows.first, "direction") == "in" && Self.text(rows.first, "outcome") == "replied")
        #expect(Self.text(rows.first, "note") == "Re: Are you still looking?")
        #expect(Self.text(rows.first, "message_id") == "r1@mail.example.com")
        #expect(Self.int(rows.first, "at") == Rows.seconds(Self.now.addingTimeInterval(-3_600)))
        // Worked while it is warm: due today, no longer in re-engagement.
        #expect(try store.candidate(ana).nextFollowUp == Self.moment.today)
        #expect(try Self.group(store, ana) == .today)

        // The same message again, from another file: nothing new.
        let again = try Self.record(store, [Self.mail("r1@mail.example.com", from: "ana@example.com", subject: "Re: Are you still looking?",
                                                      key: "copy")])
        #expect(again.alreadyLogged == 1 && again.replies == 0 && again.logged.isEmpty)
        #expect(try Self.touches(store, ana).count == 1)
        try Self.expectCountsEqualARecount(store)
    }

    @Test func aReplyNamingASentMessageIDFromAnotherAddressGoesToThePersonItWasSentTo() throws {
        let desk = try CampaignStoreTests.desk()
        let store = desk.store
        let bo = try CampaignStoreTests.person(store, "Bo")
        try CampaignStoreTests.person(store, "Cy")
        let campaign = try Self.sentCampaign(store)
        let boID = try #require(campaign.ids["Bo"])
        #expect(try Self.cadenceStart(store, bo) != nil)

        let reply = Self.mail("r2@private.example.net", from: "someone.else@private.example.net", subject: "Re: Hello Bo",
                              inReplyTo: boID)
        let tally = try Self.record(store, [reply])
        #expect(tally.replies == 1 && tally.unknownSenders == 0)
        #expect(tally.logged.first?.candidateID == bo && tally.logged.first?.matchedBy == "in-reply-to")
        #expect(tally.logged.first?.campaignID == campaign.id)
        let inbound = try Self.touches(store, bo).filter { Self.text($0, "direction") == "in" }
        #expect(inbound.count == 1 && Self.int(inbound.first, "campaign_id") == campaign.id)
        // The person who answered leaves the cadence.
        #expect(try Self.cadenceStart(store, bo) == nil)
        try Self.expectCountsEqualARecount(store)
    }

    @Test func anAnswerWrittenAsANewMailIsCreditedToTheCampaignSentWithinTheCadence() throws {
        let desk = try CampaignStoreTests.desk()
        let store = desk.store
        let ana = try CampaignStoreTests.person(store, "Ana")
        let campaign = try Self.sentCampaign(store, at: Self.now.addingTimeInterval(-2 * 86_400))
        let tally = try Self.record(store, [Self.mail("n1@example.com", from: "ana@example.com", subject: "Hi again")])
        #expect(tally.logged.first?.campaignID == campaign.id && tally.logged.first?.matchedBy == "address")

        // Sent longer ago than the cadence: the answer is not credited to it.
        let desk2 = try CampaignStoreTests.desk()
        let old = try CampaignStoreTests.person(desk2.store, "Old")
        _ = try Self.sentCampaign(desk2.store, at: Self.now.addingTimeInterval(-Double(Rules.defaults.reengageEveryDays + 3) * 86_400))
        let late = try Self.record(desk2.store, [Self.mail("n2@example.com", from: "old@example.com", subject: "Hi")])
        #expect(late.logged.first?.candidateID == old && late.logged.first?.campaignID == nil)
        _ = ana
    }

    @Test func aDoNotContactPersonsReplyIsLoggedWithoutAFollowUp() throws {
        let desk = try CampaignStoreTests.desk()
        let cy = try CampaignStoreTests.person(desk.store, "Cy", status: .doNotContact)
        let tally = try Self.record(desk.store, [Self.mail("d1@example.com", from: "cy@example.com", subject: "Please stop")])
        #expect(tally.replies == 1)
        #expect(try desk.store.candidate(cy).nextFollowUp == nil)
        #expect(Self.text(try Self.touches(desk.store, cy).first, "outcome") == "replied")
    }

    // MARK: Automatic mail

    @Test func anAutoReplyIsLoggedAsSuchAndKeepsTheCadenceRunning() throws {
        let desk = try CampaignStoreTests.desk()
        let store = desk.store
        let ana = try CampaignStoreTests.person(store, "Ana")
        let campaign = try Self.sentCampaign(store, at: Self.now.addingTimeInterval(-2 * 86_400))
        let started = try #require(try Self.cadenceStart(store, ana))
        let auto = Self.mail("a1@example.com", from: "ana@example.com", subject: "Out of office", inReplyTo: campaign.ids["Ana"],
                             headers: ["Auto-Submitted: auto-replied"])
        let tally = try Self.record(store, [auto])
        #expect(tally.autoReplies == 1 && tally.replies == 0)
        let inbound = try Self.touches(store, ana).filter { Self.text($0, "direction") == "in" }
        #expect(inbound.count == 1 && Self.text(inbound.first, "outcome") == "auto_reply" && Self.text(inbound.first, "note") == "auto-reply: Out of office")
        #expect(Self.int(inbound.first, "campaign_id") == campaign.id)
        #expect(try Self.cadenceStart(store, ana) == started)
        #expect(try store.candidate(ana).nextFollowUp != Self.moment.today)
        try Self.expectCountsEqualARecount(store)
    }

    /// The batch settles each candidate once (InboxBatch): what it commits must be what logging
    /// the same messages one per transaction leaves — rows, search, counts.
    @Test func aBatchLeavesTheDeskAsLoggingEachMessageOnItsOwnWould() throws {
        func desk() throws -> CampaignStoreTests.Desk {
            let desk = try CampaignStoreTests.desk()
            for first in ["Ana", "Bo", "Cy", "Dee"] {
                let id = try CampaignStoreTests.person(desk.store, first)
                // Bo and Dee are in a running re-engagement cadence: an auto-reply keeps Bo's, a bounce ends Dee's.
                if first == "Bo" || first == "Dee" {
                    try desk.store.logTouch(id, TouchDraft(at: Self.now.addingTimeInterval(-3 * 86_400), channel: .email,
                                                           direction: .outbound, note: "Still looking?"))
                }
            }
            // Ana has a note a reply will repeat: her search document already holds it.
            let ana = try #require(try desk.store.writer.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM candidate WHERE first_name = 'Ana'") })
            try desk.store.logTouch(ana, TouchDraft(at: Self.now.addingTimeInterval(-40 * 86_400), channel: .phone, note: "Checking in — pecan"))
            // Cy has two notes; a reply repeats the later one with an earlier date, which moves it
            // first in his document: that one must be rebuilt.
            let cy = try #require(try desk.store.writer.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM candidate WHERE first_name = 'Cy'") })
            try desk.store.logTouch(cy, TouchDraft(at: Self.now.addingTimeInterval(-42 * 86_400), channel: .phone, note: "Intro — hazel"))
            try desk.store.logTouch(cy, TouchDraft(at: Self.now.addingTimeInterval(-40 * 86_400), channel: .phone, note: "Checking in — pecan"))
            // Fay's reply repeats her note, later: her document stays as it is, unwritten.
            let fay = try CampaignStoreTests.person(desk.store, "Fay")
            try desk.store.logTouch(fay, TouchDraft(at: Self.now.addingTimeInterval(-40 * 86_400), channel: .phone, note: "Checking in — pecan"))
            _ = try CampaignStoreTests.person(desk.store, "Eve", status: .doNotContact)
            // The desk keeps re-engagement starts (the queue was opened once): the batch keeps them too.
            _ = try desk.store.dueCounts(rules: .defaults, moment: Self.moment)
            return desk
        }
        let hour = { (n: Double) in Self.now.addingTimeInterval(-n * 3_600) }
        func rows(_ store: Store, _ table: String) throws -> [Row] {
            try store.writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2") }
        }
        // In the order a mailbox lists them: Ana twice, the later answer last.
        let entries = [
            Self.mail("b1@example.com", from: "ana@example.com", subject: "Re: hello — walnut", date: hour(30)),
            Self.mail("b2@example.com", from: "bo@example.com", subject: "Away", headers: ["Auto-Submitted: auto-replied"], date: hour(20)),
            Self.mail("b3@example.com", from: "eve@example.com", subject: "Re: stop — quince", date: hour(10)),
            Self.bounce("b4@example.com", address: "dee@example.com", original: nil),
            Self.mail("b5@example.com", from: "ana@example.com", subject: "Re: Re: hello — almond", date: hour(2)),
            Self.mail("b6@example.com", from: "stranger@elsewhere.example", subject: "Hi", date: hour(1)),
            // Notes Ana has already: one from before the batch, one from earlier in it.
            Self.mail("b7@example.com", from: "ana@example.com", subject: "Checking in — pecan", date: hour(1.5)),
            Self.mail("b8@example.com", from: "ana@example.com", subject: "Re: hello — walnut", date: hour(1.2)),
            // Cy's pecan note again, dated before both of his.
            Self.mail("b9@example.com", from: "cy@example.com", subject: "Checking in — pecan", date: hour(24 * 45)),
            Self.mail("b10@example.com", from: "fay@example.com", subject: "Checking in — pecan", date: hour(5)),
        ]
        let batched = try desk(), single = try desk()
        let tally = try Self.record(batched.store, entries)
        #expect(tally.replies == 7 && tally.autoReplies == 1 && tally.bounces == 1 && tally.markedBouncing == 1 && tally.unknownSenders == 1, "\(tally)")
        // The same touches through `insertTouch`, one transaction each, as any other touch is
        // logged; replies from people who may be contacted are due today; the bounce marks Dee.
        let logged = try rows(batched.store, "touchpoint").filter { $0["direction"] == "in" }
        for row in logged {
            let outcome = try Outcome.parse(row["outcome"] as String)
            let candidate = try single.store.candidate(row["candidate_id"])
            let draft = TouchDraft(at: Rows.date(row["at"] as Int64), channel: .email, direction: .inbound, outcome: outcome, note: row["note"])
            let followUp: FollowUpUpdate = outcome == .replied && candidate.status.allowsOutreach ? .set(Self.moment.today) : .keep
            try single.store.writer.write { db in
                _ = try Store.insertTouch(db, candidate.id, draft, followUp: followUp, messageID: row["message_id"], campaignID: row["campaign_id"])
                if outcome == .bounced {
                    try db.execute(sql: "UPDATE candidate SET email_bounced_at = ?, email_bounce = ? WHERE id = ?",
                                   arguments: [Rows.seconds(Self.now), try batched.store.candidate(candidate.id).emailBounce, candidate.id])
                }
            }
        }
        #expect(logged.count == 9)
        for table in ["candidate", "touchpoint", "follow_up_tally", "reengage_tally", "touch_tally", "touch_answered"] {
            let a = try rows(batched.store, table), b = try rows(single.store, table)
            #expect(a == b, "\(table): \(zip(a, b).filter { $0 != $1 }.map { "\($0) vs \($1)" })")
        }
        // The search documents too: Fay's (her reply's note known: left unwritten) and Cy's (a
        // known note, earlier than where his document has it: rebuilt) included.
        let documents = { (store: Store) in
            try store.writer.read { db in try Row.fetchAll(db, sql: "SELECT rowid, body FROM candidate_search ORDER BY rowid") }
        }
        #expect(try documents(batched.store) == documents(single.store))
        let ana = try #require(try batched.store.writer.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM candidate WHERE first_name = 'Ana'") })
        #expect(try batched.store.search("walnut almond").map(\.id) == [ana])
        #expect(try batched.store.search("quince").map(\.id) == single.store.search("quince").map(\.id))
        #expect(try batched.store.candidate(ana).nextFollowUp == Self.moment.today)
        let starts = try batched.store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT first_name, cadence_start, cadence_dirty FROM candidate WHERE first_name IN ('Bo', 'Dee') ORDER BY id")
        }
        #expect(starts.map { $0["cadence_start"] as Int64? } == [Rows.seconds(Self.now.addingTimeInterval(-3 * 86_400)), nil])
        #expect(starts.map { $0["cadence_dirty"] as Int64 } == [0, 0])
        try Self.expectCountsEqualARecount(batched.store)
    }

    @Test func listMailFromACandidateAndMailFromStrangersAreCountedAndLeftAlone() throws {
        let desk = try CampaignStoreTests.desk()
        let store = desk.store
        let ana = try CampaignStoreTests.person(store, "Ana")
        let tally = try Self.record(store, [
            Self.mail("l1@example.com", from: "ana@example.com", subject: "My newsletter", headers: ["Precedence: list"]),
            Self.mail("u1@example.com", from: "pat@unknown.example", subject: "Hello"),
            Self.mail("u2@example.com", from: "pat@unknown.example", subject: "Away", headers: ["X-Autoreply: yes"]),
            Self.bounce("b0@mx.example", address: "nobody@nowhere.example", original: nil),
        ])
        #expect(tally.read == 4 && tally.bulk == 1 && tally.unknownSenders == 3 && tally.logged.isEmpty)
        #expect(try Self.touches(store, ana).isEmpty)
        // Every entry is remembered, logged or not.
        #expect(try store.inboxSeen(mailbox: Self.mailbox).keys == ["l1@example.com", "u1@example.com", "u2@example.com", "b0@mx.example"])
    }

    // MARK: Bounces

    @Test func aBounceIsLoggedAndTheAddressLeavesEveryRuleAndCampaignUntilItIsEdited() throws {
        let desk = try CampaignStoreTests.desk()
        let store = desk.store
        let ana = try CampaignStoreTests.person(store, "Ana")
        try CampaignStoreTests.person(store, "Bo")
        let campaign = try Self.sentCampaign(store, at: Self.now.addingTimeInterval(-30 * 86_400))
        let later = Moment(now: Self.now.addingTimeInterval(200 * 86_400), timeZone: Self.moment.timeZone)
        #expect(try store.dueQueue(rules: .defaults, moment: later, limit: 100).map(\.id).contains(ana))

        let tally = try Self.record(store, [Self.bounce("b1@mx.example", address: "ana@example.com", original: campaign.ids["Ana"])])
        #expect(tally.bounces == 1 && tally.markedBouncing == 1 && tally.unknownSenders == 0)
        let bounced = try #require(try Self.touches(store, ana).last)
        #expect(Self.text(bounced, "outcome") == "bounced" && Self.int(bounced, "campaign_id") == campaign.id)
        let note: String = bounced["note"]
        #expect(note.hasPrefix("bounced: ana@example.com — 5.1.1"))
        let candidate = try store.candidate(ana)
        #expect(candidate.emailBouncedAt != nil && candidate.emailBounce?.hasPrefix("5.1.1") == true)
        #expect(candidate.email == "ana@example.com")  // kept, shown as bouncing
        try Self.expectCountsEqualARecount(store)

        // No rule offers Ana any more: not due for re-engagement, even months later; not in a campaign.
        #expect(try !store.dueQueue(rules: .defaults, moment: later, limit: 100).map(\.id).contains(ana))
        let counts = try store.dueCounts(rules: .defaults, moment: later)
        let listed = try store.dueQueue(rules: .defaults, moment: later, limit: 100).count
        #expect(counts.reengagement + counts.cadence == listed)
        let next = try store.createCampaign(CampaignStoreTests.plan(.tag("camp"), moment: later))
        let reasons = Dictionary(uniqueKeysWithValues: next.exclusions.map { ($0.reason, $0.count) })
        #expect(reasons["address bounces (edit the email)"] == 1)

        // The same report again marks nothing; a bounce of an address since edited marks nothing.
        let again = try Self.record(store, [Self.bounce("b1@mx.example", address: "ana@example.com", original: nil)])
        #expect(again.alreadyLogged == 1 && again.markedBouncing == 0)

        // A new address clears it (whatever writes it): Ana is offered again.
        try store.writer.write { db in try db.execute(sql: "UPDATE candidate SET email = 'ana.new@example.com' WHERE id = ?", arguments: [ana]) }
        let edited = try store.candidate(ana)
        #expect(edited.emailBouncedAt == nil && edited.emailBounce == nil)
        #expect(try store.dueQueue(rules: .defaults, moment: later, limit: 100).map(\.id).contains(ana))
        try Self.expectCountsEqualARecount(store)
    }

    @Test func aBounceWithoutTheOriginalIsTiedByTheFailedAddress() throws {
        let desk = try CampaignStoreTests.desk()
        let bo = try CampaignStoreTests.person(desk.store, "Bo")
        let tally = try Self.record(desk.store, [Self.bounce("b2@mx.example", address: "bo@example.com", original: nil)])
        #expect(tally.bounces == 1 && tally.markedBouncing == 1 && tally.logged.first?.candidateID == bo)
        #expect(tally.logged.first?.campaignID == nil)
        // A delayed report (4.x.x) is neither.
        let delayed = try Self.record(desk.store, [Self.bounce("b3@mx.example", address: "bo@example.com", original: nil, status: "4.4.1")])
        #expect(delayed.deliveryReports == 1 && delayed.bounces == 0 && delayed.logged.isEmpty)
    }

    // MARK: Runs

    @Test func aDryRunSaysWhatItWouldLogAndKeepsNothing() throws {
        let desk = try CampaignStoreTests.desk()
        let ana = try CampaignStoreTests.person(desk.store, "Ana")
        let tally = try Self.record(desk.store, [Self.mail("r9@example.com", from: "ana@example.com", subject: "Yes!")], commit: false)
        #expect(tally.replies == 1)
        #expect(try Self.touches(desk.store, ana).isEmpty)
        #expect(try desk.store.inboxSeen(mailbox: Self.mailbox).keys.isEmpty)
        #expect(try desk.store.candidate(ana).nextFollowUp == nil)
    }

    @Test func theLastMboxKeyIsKeptForTheNextRun() throws {
        let desk = try CampaignStoreTests.desk()
        _ = try desk.store.recordInbox([Self.mail("k1@example.com", from: "x@unknown.example", subject: "a", key: "0:aaaa")],
                                       mailbox: "mbox:/tmp/m", lastKey: "0:aaaa", rules: .defaults, moment: Self.moment)
        _ = try desk.store.recordInbox([], mailbox: "mbox:/tmp/m", lastKey: nil, rules: .defaults, moment: Self.moment)
        let seen = try desk.store.inboxSeen(mailbox: "mbox:/tmp/m")
        #expect(seen.keys == ["0:aaaa"] && seen.lastKey == "0:aaaa")
        #expect(try desk.store.inboxSeen(mailbox: Self.mailbox).keys.isEmpty)
    }

    @Test func aHostileSubjectIsStoredAsVisibleText() throws {
        let desk = try CampaignStoreTests.desk()
        let ana = try CampaignStoreTests.person(desk.store, "Ana")
        let subject = "=?UTF-8?Q?Hi=0ABcc:_x@y_=1B[2J?="
        _ = try Self.record(desk.store, [Self.mail("h1@example.com", from: "ana@example.com", subject: subject)])
        let note = try #require(Self.text(try Self.touches(desk.store, ana).first, "note"))
        #expect(!note.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        #expect(note.contains("Bcc: x@y") && note.contains("\\x1b[2J"))
    }
}
