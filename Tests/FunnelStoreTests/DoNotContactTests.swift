import Foundation
import FunnelCore
@testable import FunnelStore
import GRDB
import Testing

/// "Do not contact" is never offered for outreach: no follow-up, no outbound touch.
@Suite struct DoNotContactTests {
    static func markedDoNotContact() throws -> (Store, Candidate) {
        let store = try Store.inMemory()
        let ana = try store.add(CandidateDraft(firstName: "Ana", email: "ana@example.com", nextFollowUp: day(2026, 6, 1)), at: at(0))
        let (dnc, _) = try store.setStatus(ana.id, to: .doNotContact, at: at(1))
        return (store, dnc)
    }

    @Test func markingClearsTheFollowUp() throws {
        let (store, ana) = try Self.markedDoNotContact()
        #expect(ana.status == .doNotContact)
        #expect(ana.nextFollowUp == nil)
        #expect(try store.candidate(ana.id).nextFollowUp == nil)
        expectFunnelError(.invalid, "Ana is already do not contact") { try store.setStatus(ana.id, to: .doNotContact, at: at(2)) }
    }

    @Test(arguments: [Channel.email, .phone, .voicemail, .sms, .whatsapp, .linkedin, .inPerson, .other])
    func outboundTouchesAreRefused(_ channel: Channel) throws {
        let (store, ana) = try Self.markedDoNotContact()
        let before = try Snapshot(store)
        expectFunnelError(.refused, "Ana is marked do not contact: outbound touches are refused") {
            try store.logTouch(ana.id, TouchDraft(at: at(5), channel: channel, direction: .outbound, outcome: .sent, note: "hello"))
        }
        #expect(try Snapshot(store) == before)
    }

    @Test func schedulingIsRefusedEverywhere() throws {
        let (store, ana) = try Self.markedDoNotContact()
        let before = try Snapshot(store)
        expectFunnelError(.refused, "no follow-up can be scheduled") { try store.setFollowUp(ana.id, to: day(2026, 7, 1), at: at(5)) }
        expectFunnelError(.refused, "no follow-up can be scheduled") {
            try store.logTouch(ana.id, TouchDraft(at: at(5), channel: .phone, direction: .inbound, outcome: .replied), followUp: .set(day(2026, 7, 1)))
        }
        expectFunnelError(.refused, "no follow-up can be scheduled") {
            try store.logTouch(ana.id, .note("they asked us to stop", at: at(5)), followUp: .set(day(2026, 7, 1)))
        }
        expectFunnelError(.refused, "no follow-up can be scheduled") {
            try store.update(ana.id, with: CandidateDraft(firstName: "Ana", email: "ana@example.com", status: .doNotContact,
                                                          nextFollowUp: day(2026, 7, 1)), at: at(5))
        }
        #expect(try Snapshot(store) == before)
    }

    @Test func notesInboundTouchesAndClearingAreStillFine() throws {
        let (store, ana) = try Self.markedDoNotContact()
        try store.logTouch(ana.id, .note("asked to be removed from lists", at: at(5)))
        try store.logTouch(ana.id, TouchDraft(at: at(6), channel: .phone, direction: .inbound, outcome: .replied))
        try store.setFollowUp(ana.id, to: nil, at: at(7))
        let after = try store.candidate(ana.id)
        #expect(after.lastTouchAt == at(6))
        #expect(after.nextFollowUp == nil)
        #expect(try store.touches(of: ana.id).count == 2)
    }

    @Test func aNewCandidateCannotBeBornDueAndDoNotContact() throws {
        let store = try Store.inMemory()
        expectFunnelError(.refused, "cannot have a follow-up date") {
            try store.add(CandidateDraft(firstName: "Ana", status: .doNotContact, nextFollowUp: day(2026, 6, 1)), at: at(0))
        }
        #expect(try store.totalCount() == 0)
        #expect(try store.add(CandidateDraft(firstName: "Ana", status: .doNotContact), at: at(0)).status == .doNotContact)
    }

    @Test func anEditToDoNotContactDropsTheFollowUp() throws {
        let store = try Store.inMemory()
        let ana = try store.add(CandidateDraft(firstName: "Ana", nextFollowUp: day(2026, 6, 1)), at: at(0))
        let (edited, _) = try store.update(ana.id, with: CandidateDraft(firstName: "Ana", status: .doNotContact, nextFollowUp: day(2026, 6, 1)), at: at(1))
        #expect(edited.status == .doNotContact)
        #expect(edited.nextFollowUp == nil)
    }
}

/// One person, one card: the same email (any case) or LinkedIn profile (any spelling) is refused.
@Suite struct DuplicateTests {
    @Test(arguments: ["jane@example.com", "JANE@Example.COM", "  Jane@example.com "])
    func refusesASecondCandidateWithTheSameEmail(_ email: String) throws {
        let store = try Store.inMemory()
        let jane = try store.add(CandidateDraft(firstName: "Jane", email: "jane@example.com"), at: at(0))
        let before = try Snapshot(store)
        expectFunnelError(.invalid, "candidate #\(jane.id) already has the email jane@example.com") {
            try store.add(CandidateDraft(firstName: "Janet", email: email), at: at(1))
        }
        #expect(try Snapshot(store) == before)
        #expect(try store.findDuplicate(email: try Email.normalize(email), linkedinURL: nil)?.id == jane.id)
    }

    @Test(arguments: ["linkedin.com/in/jane-doe", "https://uk.linkedin.com/in/JANE-DOE/?trk=x", "www.linkedin.com/in/jane-doe#top"])
    func refusesASecondCandidateWithTheSameProfile(_ url: String) throws {
        let store = try Store.inMemory()
        let jane = try store.add(CandidateDraft(firstName: "Jane", linkedinURL: "https://www.linkedin.com/in/Jane-Doe/"), at: at(0))
        let before = try Snapshot(store)
        expectFunnelError(.invalid, "candidate #\(jane.id) already has the LinkedIn profile https://www.linkedin.com/in/jane-doe") {
            try store.add(CandidateDraft(firstName: "J.", email: "other@example.com", linkedinURL: url), at: at(1))
        }
        #expect(try Snapshot(store) == before)
        #expect(try store.findDuplicate(email: nil, linkedinURL: try LinkedIn.normalize(url))?.id == jane.id)
    }

    @Test func anEditCannotTakeSomeoneElsesEmailOrProfile() throws {
        let store = try Store.inMemory()
        let jane = try store.add(CandidateDraft(firstName: "Jane", email: "jane@example.com", linkedinURL: "linkedin.com/in/jane"), at: at(0))
        let bo = try store.add(CandidateDraft(firstName: "Bo", email: "bo@example.com"), at: at(1))
        let before = try Snapshot(store)
        expectFunnelError(.invalid, "candidate #\(jane.id) already has the email") {
            try store.update(bo.id, with: CandidateDraft(firstName: "Bo", email: "Jane@Example.com"), at: at(2))
        }
        expectFunnelError(.invalid, "candidate #\(jane.id) already has the LinkedIn profile") {
            try store.update(bo.id, with: CandidateDraft(firstName: "Bo", linkedinURL: "https://www.linkedin.com/in/JANE"), at: at(2))
        }
        #expect(try Snapshot(store) == before)
        // Keeping one's own email is not a duplicate.
        #expect(try store.update(jane.id, with: CandidateDraft(firstName: "Jane", lastName: "Doe", email: "JANE@example.com"), at: at(3)).0.lastName == "Doe")
    }

    @Test func theSchemaRefusesDuplicatesEvenBehindTheStoresBack() throws {
        let store = try Store.inMemory()
        try store.add(CandidateDraft(firstName: "Jane", email: "jane@example.com"), at: at(0))
        #expect(throws: DatabaseError.self) {
            try store.writer.write { db in
                try db.execute(sql: """
                    INSERT INTO candidate (first_name, email, stage, status, created_at, updated_at, stage_entered_at, activity_at, sort_name)
                    VALUES ('Eve', 'jane@example.com', 'awareness', 'active', 0, 0, 0, 0, 'eve')
                    """)
            }
        }
        #expect(try store.totalCount() == 1)
    }
}
