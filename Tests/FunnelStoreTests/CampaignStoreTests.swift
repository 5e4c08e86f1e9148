import Foundation
import FunnelCore
@testable import FunnelStore
import GRDB
import Testing

/// Campaigns on a real store file (issue 12): the review's counts and reasons, the rendered
/// messages, every source, one transaction per campaign, edits, the re-checks when a message is
/// claimed, the touch a sent message logs, and erase.
@Suite struct CampaignStoreTests {
    /// 400 days after `t0`: everyone added at `t0` and never touched since is due for re-engagement.
    static let now = t0.addingTimeInterval(400 * 86_400)
    static let utc = TimeZone(identifier: "UTC")!
    static let moment = Moment(now: now, timeZone: utc)

    struct Desk {
        let folder: TemporaryFolder
        let store: Store
        var path: String { folder.path("funnel.sqlite") }
    }

    static func desk() throws -> Desk {
        let folder = try TemporaryFolder()
        let store = try Store.open(at: folder.path("funnel.sqlite"))
        try store.saveTemplate(validated: TemplateDraft(name: "hello", channel: .email, subject: "Hello {{first_name}}",
                                                        body: "Hi {{first_name}},\nhow are things at {{company}}?\n{{recruiter.name}}\n"))
        try store.saveTemplate(validated: TemplateDraft(name: "future", channel: .email, subject: "About {{future_role.title}}",
                                                        body: "Hi {{first_name}}, still after a {{future_role.title}} role?\n"))
        try store.saveTemplate(validated: TemplateDraft(name: "call", channel: .phone, subject: "", body: "Ring {{first_name}}\n"))
        return Desk(folder: folder, store: store)
    }

    static func plan(_ source: CampaignSource, template: String = "hello", moment: Moment = moment, limit: Int? = nil) -> Store.CampaignPlan {
        Store.CampaignPlan(name: "test", template: template, source: source, recruiterName: "Rita",
                           recruiterEmail: "rita@agency.example", rules: .defaults, moment: moment, limit: limit)
    }

    @discardableResult
    static func person(_ store: Store, _ first: String, email: String? = "", company: String? = "Acme", tags: [String] = ["camp"],
                       title: String? = nil, stage: Stage = .awareness, status: Status = .active, added: Date = t0) throws -> Int64 {
        let address = email == "" ? "\(first.lowercased())@example.com" : email
        return try store.add(CandidateDraft(firstName: first, lastName: "Test", email: address, title: title, company: company,
                                            tags: tags, stage: stage, status: status), at: added).id
    }

    /// Bypasses validation, as a store written before names were checked would hold the value.
    static func rawUpdate(_ desk: Desk, _ sql: String, _ arguments: StatementArguments) throws {
        try desk.store.writer.write { db in try db.execute(sql: sql, arguments: arguments) }
    }

    static func messages(_ store: Store, _ id: Int64) throws -> [CampaignMessage] {
        try store.campaignMessages(id, after: 0, limit: 10_000)
    }

    static func byName(_ store: Store, _ id: Int64) throws -> [String: CampaignMessage] {
        Dictionary(uniqueKeysWithValues: try messages(store, id).map { ($0.name.components(separatedBy: " ")[0], $0) })
    }

    /// Recording a message sent and claiming the next in one transaction leaves what the two
    /// calls one after the other leave; the last record claims nothing, and a claimed message
    /// put back is queued as before.
    @Test func recordingASendCanClaimTheNextInTheSameTransaction() throws {
        func sendAll(_ chained: Bool) throws -> (Desk, [CampaignMessage]) {
            let desk = try Self.desk()
            for first in ["Ana", "Bo", "Cy"] { _ = try Self.person(desk.store, first) }
            let store = desk.store
            let id = try store.createCampaign(Self.plan(.tag("camp"))).campaign.id
            var next = try store.claimCampaignMessage(id, at: Self.now)
            while let message = next {
                if chained {
                    next = try store.recordCampaignSent(message.id, at: Self.now, rules: .defaults, moment: Self.moment, claimingNextOf: id).next
                } else {
                    try store.recordCampaignSent(message.id, at: Self.now, rules: .defaults, moment: Self.moment)
                    next = try store.claimCampaignMessage(id, at: Self.now)
                }
            }
            return (desk, try store.campaignMessages(id, after: 0, limit: 10))
        }
        let (chained, messages) = try sendAll(true)
        let (separate, expected) = try sendAll(false)
        #expect(messages.count == 3 && messages.allSatisfy { $0.state == .sent })
        #expect(messages.map(\.candidateID) == expected.map(\.candidateID))
        let touches = { (store: Store) in
            try store.writer.read { db in
                try Row.fetchAll(db, sql: "SELECT candidate_id, at, channel, direction, outcome, note, template, campaign_id FROM touchpoint ORDER BY id")
            }
        }
        #expect(try touches(chained.store) == touches(separate.store))

        let desk = try Self.desk()
        for first in ["Ana", "Bo"] { _ = try Self.person(desk.store, first) }
        let id = try desk.store.createCampaign(Self.plan(.tag("camp"))).campaign.id
        let first = try #require(try desk.store.claimCampaignMessage(id, at: Self.now))
        let second = try #require(try desk.store.recordCampaignSent(first.id, at: Self.now, rules: .defaults, moment: Self.moment,
                                                                    claimingNextOf: id).next)
        #expect(try desk.store.campaignMessages(id, after: 0, limit: 10).map(\.state) == [.sent, .handing])
        try desk.store.recordCampaignOutcome(second.id, .queued, error: nil)
        #expect(try desk.store.campaignMessages(id, after: 0, limit: 10).map(\.state) == [.sent, .queued])
    }

    @Test func aCampaignAboutAnOpeningContactsItsMatchesAboutIt() throws {
        let desk = try Self.desk()
        let store = desk.store
        let eve = try Self.person(store, "Eve", tags: [], stage: .conversion)
        let opening = try store.addOpening(OpeningDraft(title: "Staff Engineer", location: "Lisbon"), at: t0)
        _ = try store.recordFutureRole(eve, title: "Staff Engineer", location: "Lisbon", remote: false, at: Self.now.addingTimeInterval(-86_400))
        let uncontacted = { try store.matches(forOpening: opening.id, options: MatchOptions(limit: 10), now: Self.now).filter { !$0.contacted } }
        #expect(try uncontacted().map(\.candidateID) == [eve])
        let tally = try store.createCampaign(Self.plan(.opening(opening.id)))
        let claimed = try #require(try store.claimCampaignMessage(tally.campaign.id, at: Self.now))
        let touch = try store.recordCampaignSent(claimed.id, at: Self.now, rules: .defaults, moment: Self.moment)
        #expect(touch.openingID == opening.id)
        // Sent about it: no longer offered as not yet contacted, so a second campaign leaves Eve out.
        #expect(try uncontacted().isEmpty)
        #expect(try Self.messages(store, try store.createCampaign(Self.plan(.opening(opening.id))).campaign.id).isEmpty)
    }

    // MARK: Review

    @Test func theReviewCountsAndNamesEachReasonForLeavingSomeoneOut() throws {
        let desk = try Self.desk()
        let store = desk.store
        let ana = try Self.person(store, "Ana")
        _ = try store.recordFutureRole(ana, title: "Staff Engineer", location: "Lisbon", remote: false, at: t0)
        try Self.person(store, "Bo")  // no future-role answer
        try Self.person(store, "Cy", status: .doNotContact)
        try Self.person(store, "Dee", email: nil)
        let fay = try Self.person(store, "Fay")
        _ = try store.recordFutureRole(fay, title: "CTO", location: "Porto", remote: false, at: t0)
        _ = try store.logTouch(fay, TouchDraft(at: Self.now.addingTimeInterval(-5 * 86_400), channel: .phone, outcome: .noAnswer))
        let gus = try Self.person(store, "Gus")
        _ = try store.recordFutureRole(gus, title: "CTO", location: "Porto", remote: false, at: t0)
        try Self.rawUpdate(desk, "UPDATE candidate SET first_name = ? WHERE id = ?", ["Gus\u{7}\r\nBcc: x@evil.example", gus])
        // Do not contact wins over every other reason (here: no email and a control character too).
        let hal = try Self.person(store, "Hal", email: nil, status: .doNotContact)
        try Self.rawUpdate(desk, "UPDATE candidate SET first_name = ? WHERE id = ?", ["Hal\u{1B}[2J", hal])
        try Self.person(store, "Out", tags: ["other"])  // not in the group

        let tally = try store.createCampaign(Self.plan(.tag("camp"), template: "future"))
        #expect(tally.campaign.state == .review)
        #expect(tally.count(.queued) == 1)
        #expect(tally.messages == 1)
        #expect(tally.count(.excluded) == 6)
        let reasons = Dictionary(uniqueKeysWithValues: tally.exclusions.map { ($0.reason, $0.count) })
        #expect(reasons == [
            "do not contact": 2,
            "no valid email": 1,
            "missing {{future_role.title}}": 1,
            "contacted in the last \(Rules.defaults.reengageEveryDays) days": 1,
            "name holds a control character (edit the name)": 1,
        ])
        let rows = try Self.messages(store, tally.campaign.id)
        #expect(rows.map(\.position) == Array(1...7))
        #expect(rows.filter { $0.state == .excluded }.allSatisfy { $0.messageID == nil && $0.subject.isEmpty && $0.body.isEmpty })
        let queued = try #require(rows.first { $0.state == .queued })
        #expect(queued.candidateID == ana)
        #expect(queued.subject == "About Staff Engineer")
        // The placed are left out of a re-engagement (they are not in its group at all, and the rule says why).
        let placed = try store.add(CandidateDraft(firstName: "Pia", email: "pia@example.com", status: .placed), at: t0)
        #expect(CampaignRule.exclusion(placed, source: .reengagement, rules: .defaults, at: Self.moment) == .placed)
        #expect(CampaignRule.exclusion(placed, source: .tag("camp"), rules: .defaults, at: Self.moment) == nil)
        let reengagement = try store.createCampaign(Self.plan(.reengagement))
        #expect(!(try Self.messages(store, reengagement.campaign.id)).map(\.candidateID).contains(placed.id))
    }

    @Test func everyMessageIsRenderedForItsPersonWithAUniqueMessageIDFixedAtCreation() throws {
        let desk = try Self.desk()
        let store = desk.store
        var ids: [Int64] = []
        for (i, name) in ["Ana", "Zoë", "Bartholomew", "O'Neil"].enumerated() {
            ids.append(try Self.person(store, name, company: "Co\(i)"))
        }
        let tally = try store.createCampaign(Self.plan(.tag("camp")))
        let rows = try Self.messages(store, tally.campaign.id)
        #expect(rows.count == 4)
        for (i, (row, name)) in zip(rows, ["Ana", "Zoë", "Bartholomew", "O'Neil"]).enumerated() {
            #expect(row.state == .queued)
            #expect(row.candidateID == ids[i])
            #expect(row.subject == "Hello \(name)")
            #expect(row.body == "Hi \(name),\nhow are things at Co\(i)?\nRita\n")
            #expect(row.address == "\(name.lowercased())@example.com")
            #expect(row.messageID?.hasSuffix("@agency.example") == true)
        }
        let messageIDs = rows.compactMap(\.messageID)
        #expect(Set(messageIDs).count == 4)
        // Fixed: reading again, editing, or making a second campaign for the same people changes none of them.
        try store.editCampaignMessage(tally.campaign.id, position: 2, subject: "Hello again", body: "Changed.\n")
        #expect(try Self.messages(store, tally.campaign.id).compactMap(\.messageID) == messageIDs)
        let second = try store.createCampaign(Self.plan(.tag("camp")))
        let secondIDs = try Self.messages(store, second.campaign.id).compactMap(\.messageID)
        #expect(Set(secondIDs).count == 4 && Set(secondIDs).isDisjoint(with: messageIDs))
    }

    @Test func everySourceGivesItsGroup() throws {
        let desk = try Self.desk()
        let store = desk.store
        let ana = try Self.person(store, "Ana", tags: ["python"], title: "Kubernetes Engineer")
        let bo = try Self.person(store, "Bo", tags: ["python", "go"], stage: .consideration)
        let cy = try Self.person(store, "Cy", tags: ["go"], title: "Kubernetes Lead", stage: .consideration)
        let dee = try Self.person(store, "Dee", tags: [])
        // Recently touched: not in the re-engagement group.
        _ = try store.logTouch(dee, TouchDraft(at: Self.now.addingTimeInterval(-3 * 86_400), channel: .phone, outcome: .noAnswer))
        let eve = try Self.person(store, "Eve", tags: [], stage: .conversion)
        let opening = try store.addOpening(OpeningDraft(title: "Staff Engineer", location: "Lisbon"), at: t0)
        _ = try store.recordFutureRole(eve, title: "Staff Engineer", location: "Lisbon", remote: false, at: Self.now.addingTimeInterval(-86_400))
        _ = try store.recordFutureRole(cy, title: "Barista", location: "Porto", remote: false, at: Self.now.addingTimeInterval(-86_400))

        func group(_ source: CampaignSource) throws -> Set<Int64> {
            let tally = try store.createCampaign(Self.plan(source))
            #expect(tally.campaign.source == source)
            return Set(try Self.messages(store, tally.campaign.id).map(\.candidateID))
        }
        #expect(try group(.reengagement) == [ana, bo, cy, eve])
        #expect(try group(.search("kubernetes")) == [ana, cy])
        #expect(try group(.tag("python")) == [ana, bo])
        #expect(try group(.stage(.consideration)) == [bo, cy])
        #expect(try group(.opening(opening.id)) == [eve])
        #expect(try group(.tag("nobody")) == [])
        // The texts read back as the same source.
        for text in ["reengagement", "search:kubernetes", "tag:python", "stage:consideration", "opening:\(opening.id)"] {
            #expect(try CampaignSource(parsing: text).text == text)
        }
        // --limit takes the first of the group in its own order.
        let limited = try store.createCampaign(Self.plan(.tag("python"), limit: 1))
        #expect(try Self.messages(store, limited.campaign.id).map(\.candidateID) == [ana])
    }

    @Test func aCampaignIsMadeWholeOrNotAtAll() throws {
        let desk = try Self.desk()
        let store = desk.store
        try Self.person(store, "Ana")
        try Self.person(store, "Bo")
        // A template whose body no longer parses (written before templates were checked).
        try Self.rawUpdate(desk, "INSERT INTO template (name, channel, subject, body) VALUES ('broken', 'email', 'Hi', 'Hi {{first_name')", [])
        let closed = try store.addOpening(OpeningDraft(title: "Gone"), at: t0)
        _ = try store.closeOpening(closed.id, as: .filled, at: t0)
        let before = try Snapshot(store)
        let campaigns = { try StoreCount.rows(store, "campaign") + StoreCount.rows(store, "campaign_message") }
        expectFunnelError(.notFound, "no template named 'nope'") { try store.createCampaign(Self.plan(.tag("camp"), template: "nope")) }
        expectFunnelError(.invalid, "template 'broken'") { try store.createCampaign(Self.plan(.tag("camp"), template: "broken")) }
        expectFunnelError(.invalid, "not email") { try store.createCampaign(Self.plan(.tag("camp"), template: "call")) }
        expectFunnelError(.refused, "no campaign is made about it") { try store.createCampaign(Self.plan(.opening(closed.id))) }
        expectFunnelError(.notFound, "no opening with id 999") { try store.createCampaign(Self.plan(.opening(999))) }
        var noFrom = Self.plan(.tag("camp"))
        noFrom.recruiterEmail = nil
        expectFunnelError(.invalid, "set your address in config.toml") { try store.createCampaign(noFrom) }
        var badName = Self.plan(.tag("camp"))
        badName.name = "Spring\n\u{1B}[31m"
        #expect(throws: FunnelError.self) { try store.createCampaign(badName) }
        #expect(try campaigns() == 0)
        #expect(try Snapshot(store) == before)
        for text in ["", "tags:x", "search:", "stage:nowhere", "opening:x", "opening:-3", "re-engagement:x"] {
            #expect(throws: FunnelError.self, "\(text)") { try CampaignSource(parsing: text) }
        }
        #expect(throws: FunnelError.self) { try CampaignSource(parsing: "reengagement:anything") }
        // The whole campaign in one commit.
        let recorder = CommitRecorder()
        store.writer.add(transactionObserver: recorder)
        try store.createCampaign(Self.plan(.tag("camp")))
        #expect(recorder.commits == [["insert campaign", "insert campaign_message"]])
    }

    @Test func aMessageIsEditedBeforeItIsSentAndNotAfter() throws {
        let desk = try Self.desk()
        let store = desk.store
        try Self.person(store, "Ana")
        try Self.person(store, "Bo")
        let id = try store.createCampaign(Self.plan(.tag("camp"))).campaign.id
        let edited = try store.editCampaignMessage(id, position: 1, subject: "  A personal note ", body: "Dear Ana,\nonly for you.\n")
        #expect(edited.subject == "A personal note" && edited.body == "Dear Ana,\nonly for you.\n" && edited.edited)
        #expect(try store.campaignMessage(id, position: 2).edited == false)
        let before = try Self.messages(store, id)
        expectFunnelError(.invalid, "the Subject header would hold a carriage return") {
            try store.editCampaignMessage(id, position: 1, subject: "Hi\r\nBcc: x@evil.example", body: "x")
        }
        expectFunnelError(.invalid, "a message needs a subject") { try store.editCampaignMessage(id, position: 1, subject: "  ", body: "x") }
        expectFunnelError(.notFound, "has no message 9") { try store.editCampaignMessage(id, position: 9, subject: "x", body: "x") }
        #expect(try Self.messages(store, id) == before)

        let claimed = try #require(try store.claimCampaignMessage(id, at: Self.now))
        #expect(claimed.position == 1 && claimed.subject == "A personal note")
        expectFunnelError(.refused, "can no longer be edited") { try store.editCampaignMessage(id, position: 1, subject: "x", body: "x") }
        try store.recordCampaignSent(claimed.id, at: Self.now, rules: .defaults, moment: Self.moment)
        expectFunnelError(.refused, "is sent: it can no longer be edited") { try store.editCampaignMessage(id, position: 1, subject: "x", body: "x") }
        #expect(try store.campaignMessage(id, position: 1).subject == "A personal note")
    }

    // MARK: Sending

    @Test func aClaimChecksThePersonAgain() throws {
        let desk = try Self.desk()
        let store = desk.store
        let ana = try Self.person(store, "Ana")
        let bo = try Self.person(store, "Bo")
        let cy = try Self.person(store, "Cy")
        let dee = try Self.person(store, "Dee")
        let eve = try Self.person(store, "Eve")
        let id = try store.createCampaign(Self.plan(.tag("camp"))).campaign.id
        #expect(try store.campaignTally(id).count(.queued) == 5)
        let later = Self.now.addingTimeInterval(60)
        _ = try store.setStatus(bo, to: .doNotContact, at: later)
        _ = try store.logTouch(cy, TouchDraft(at: later, channel: .email, direction: .inbound, outcome: .replied, note: "Re: Hello"))
        _ = try store.move(dee, to: .consideration, at: later)
        _ = try store.update(eve, with: CandidateDraft(firstName: "Eve", lastName: "Test", company: "Acme", tags: ["camp"]), at: later)

        let first = try #require(try store.claimCampaignMessage(id, at: later))
        #expect(first.candidateID == ana && first.state == .handing && first.handedAt == later)
        #expect(try store.campaign(id).state == .sending)
        try store.recordCampaignSent(first.id, at: later, rules: .defaults, moment: Self.moment)
        #expect(try store.claimCampaignMessage(id, at: later) == nil)
        let rows = try Self.byName(store, id)
        #expect(rows["Bo"]?.state == .excluded && rows["Bo"]?.reason == "do not contact (since the review)")
        #expect(rows["Cy"]?.reason == "answered since the review")
        #expect(rows["Dee"]?.reason == "moved to \(Stage.consideration.title) since the review")
        #expect(rows["Eve"]?.reason == "no valid email (since the review)")
        for name in ["Bo", "Cy", "Dee", "Eve"] { #expect(rows[name]?.handedAt == nil, "\(name)") }
        #expect(try store.finishCampaignRun(id, at: later).state == .done)
        // Nothing was logged for the four left out.
        for person in [bo, dee, eve] { #expect(try store.touches(of: person).isEmpty) }
        #expect(try store.touches(of: cy).map(\.direction) == [.inbound])
    }

    @Test func aSentMessageLogsExactlyOneTouchWithItsMessageIDAndCampaign() throws {
        let desk = try Self.desk()
        let store = desk.store
        let ana = try Self.person(store, "Ana")  // never touched: re-engaging
        let bo = try Self.person(store, "Bo", added: Self.now.addingTimeInterval(-40 * 86_400))
        _ = try store.logTouch(bo, TouchDraft(at: Self.now.addingTimeInterval(-25 * 86_400), channel: .phone, outcome: .noAnswer))
        let id = try store.createCampaign(Self.plan(.tag("camp"))).campaign.id
        var sent: [Int64: CampaignMessage] = [:]
        while let message = try store.claimCampaignMessage(id, at: Self.now) {
            try store.recordCampaignSent(message.id, at: Self.now, rules: .defaults, moment: Self.moment)
            sent[message.candidateID] = message
        }
        #expect(Set(sent.keys) == [ana, bo])
        // Recording again is refused and logs nothing.
        expectFunnelError(.refused, "not being handed over") {
            try store.recordCampaignSent(sent[ana]!.id, at: Self.now, rules: .defaults, moment: Self.moment)
        }
        expectFunnelError(.refused, "not being handed over") { try store.recordCampaignOutcome(sent[ana]!.id, .failed, error: "x") }
        let touches = try desk.store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM touchpoint WHERE campaign_id IS NOT NULL ORDER BY candidate_id")
        }
        #expect(touches.count == 2)
        for row in touches {
            let person: Int64 = row["candidate_id"]
            let message = try #require(sent[person])
            #expect(row["message_id"] as String? == message.messageID)
            #expect(row["campaign_id"] as Int64? == id)
            #expect(row["channel"] as String == "email" && row["direction"] as String == "out" && row["outcome"] as String == "sent")
            #expect(row["template"] as String? == "hello")
            #expect(row["note"] as String == message.subject)
            #expect(row["at"] as Int64 == Int64(Self.now.timeIntervalSince1970))
            let stored = try store.campaignMessage(id, position: message.position)
            #expect(stored.state == .sent && stored.sentAt == Self.now)
            #expect(try desk.store.writer.read { db in try Int64.fetchOne(db, sql: "SELECT touch_id FROM campaign_message WHERE id = ?",
                                                                          arguments: [message.id]) } == row["id"] as Int64)
        }
        // Ana re-engages: no date, the cadence brings her back after reengage_every_days (21).
        #expect(try store.candidate(ana).nextFollowUp == nil)
        func inReengagement(_ days: Int) throws -> Bool {
            let later = Moment(now: Self.now.addingTimeInterval(Double(days) * 86_400), timeZone: Self.utc)
            return try store.campaignGroup(.reengagement, rules: .defaults, moment: later, limit: nil).map(\.id).contains(ana)
        }
        #expect(try inReengagement(20) == false)
        #expect(try inReengagement(21) == true)
        // Bo joined 40 days ago, not re-engaging: the `sent` default follows.
        #expect(try store.candidate(bo).nextFollowUp == Rules.defaults.proposedFollowUp(after: .sent, today: Self.moment.today))
        #expect(try store.finishCampaignRun(id, at: Self.now).state == .done)
        #expect(try store.check().problems == [])
    }

    @Test func someoneMarkedDoNotContactWhileTheCommandHadTheirMessageStillHasTheSendLogged() throws {
        let desk = try Self.desk()
        let store = desk.store
        let ana = try Self.person(store, "Ana")
        let id = try store.createCampaign(Self.plan(.tag("camp"))).campaign.id
        let message = try #require(try store.claimCampaignMessage(id, at: Self.now))
        // The command is running with the message when the recruiter marks Ana do not contact.
        _ = try store.setStatus(ana, to: .doNotContact, at: Self.now)
        // The command said yes: the message went out, and that fact must be recorded, or the
        // message stays "being handed over" and every resume fails on it again.
        try store.recordCampaignSent(message.id, at: Self.now, rules: .defaults, moment: Self.moment)
        #expect(try store.campaignMessage(id, position: 1).state == .sent)
        // Logged as it happened, and no follow-up planned for someone who may not be contacted.
        let touches = try store.touches(of: ana)
        #expect(touches.count == 1 && touches.first?.outcome == .sent)
        #expect(try store.candidate(ana).nextFollowUp == nil)
    }

    @Test func eraseTakesThePersonsCampaignMessagesWithThem() throws {
        let desk = try Self.desk()
        let store = desk.store
        let ana = try Self.person(store, "Xavierquon")
        let bo = try Self.person(store, "Bo")
        let id = try store.createCampaign(Self.plan(.tag("camp"))).campaign.id
        let message = try #require(try store.claimCampaignMessage(id, at: Self.now))
        #expect(message.candidateID == ana)
        try store.recordCampaignSent(message.id, at: Self.now, rules: .defaults, moment: Self.moment)
        let report = try store.erase(ana, at: Self.now)
        #expect(report.walTruncated)
        #expect(try StoreCount.rows(store, "campaign_message", "candidate_id = \(ana)") == 0)
        #expect(try StoreCount.rows(store, "touchpoint", "candidate_id = \(ana)") == 0)
        #expect(try Self.messages(store, id).map(\.candidateID) == [bo])
        #expect(try store.check().problems == [])
        var bytes = try Data(contentsOf: URL(fileURLWithPath: desk.path))
        if FileManager.default.fileExists(atPath: desk.path + "-wal") { bytes.append(try Data(contentsOf: URL(fileURLWithPath: desk.path + "-wal"))) }
        for needle in ["Xavierquon", "xavierquon@example.com", message.messageID!] {
            #expect(bytes.range(of: Data(needle.utf8)) == nil, "\(needle)")
        }
    }
}

/// Row counts straight from SQL.
enum StoreCount {
    static func rows(_ store: Store, _ table: String, _ condition: String = "1") throws -> Int {
        try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE \(condition)")! }
    }
}
