import Foundation
import FunnelCore
@testable import FunnelStore
import GRDB
import Testing

/// Undo: each kind of change taken back exactly, and refused (changing nothing) once the
/// candidate has changed since in a way that would make the undo wrong.
@Suite struct RevertTests {
    @Test func undoesAMove() throws {
        let store = try Store.inMemory()
        let ana = try store.add(CandidateDraft(firstName: "Ana"), at: at(0))
        let before = try Snapshot(store)
        let (_, back) = try store.move(ana.id, to: .conversion, at: at(5))
        #expect(back.summary == "move Awareness → Conversion")
        #expect(back.candidateID == ana.id)
        try store.revert(back, at: at(6))
        #expect(try store.candidate(ana.id) == ana)
        #expect(try store.stageHistory(ana.id).map(\.to) == [.awareness])
        #expect(try Snapshot(store) == before)
        try expectCountsMatchGroupBy(store)
    }

    @Test func refusesToUndoAMoveOnceMovedAgain() throws {
        let store = try Store.inMemory()
        let ana = try store.add(CandidateDraft(firstName: "Ana"), at: at(0))
        let (_, back) = try store.move(ana.id, to: .consideration, at: at(1))
        try store.move(ana.id, to: .conversion, at: at(2))
        let before = try Snapshot(store)
        expectFunnelError(.refused, "cannot undo the move: Ana is now in Conversion") { try store.revert(back, at: at(3)) }
        #expect(try Snapshot(store) == before)
    }

    /// Moved away and back: the stage matches again, but the history has moved on, so undoing the
    /// first move would leave the history ending in a stage the candidate is not in.
    @Test func refusesToUndoAMoveThatIsNoLongerTheLatest() throws {
        let store = try Store.inMemory()
        let ana = try store.add(CandidateDraft(firstName: "Ana"), at: at(0))
        let (_, back) = try store.move(ana.id, to: .consideration, at: at(1))
        try store.move(ana.id, to: .conversion, at: at(2))
        try store.move(ana.id, to: .consideration, at: at(3))
        let before = try Snapshot(store)
        expectFunnelError(.refused, "cannot undo the move") { try store.revert(back, at: at(4)) }
        #expect(try Snapshot(store) == before)
        #expect(try store.stageHistory(ana.id).last?.to == store.candidate(ana.id).stage)
    }

    @Test func undoesATouch() throws {
        let store = try Store.inMemory()
        let ana = try store.add(CandidateDraft(firstName: "Ana", nextFollowUp: day(2026, 6, 1)), at: at(0))
        let before = try Snapshot(store)
        let (_, back) = try store.logTouch(ana.id, TouchDraft(at: at(10), channel: .phone, outcome: .replied, note: "kubernetes"),
                                           followUp: .set(day(2026, 6, 20)))
        #expect(back.summary == "touch")
        try store.revert(back, at: at(11))
        let after = try store.candidate(ana.id)
        #expect(after.lastTouchAt == nil)
        #expect(after.nextFollowUp == day(2026, 6, 1))
        #expect(try store.card(ana.id).activityAt == at(0))
        #expect(try store.touches(of: ana.id).isEmpty)
        #expect(try store.search("kube").isEmpty)
        // Undoing is itself a change: only updated_at may differ.
        #expect(try Snapshot(store).ignoring("updated_at") == before.ignoring("updated_at"))
    }

    @Test func undoingATouchKeepsTheLatestRemainingOneAsLastTouch() throws {
        let store = try Store.inMemory()
        let ana = try store.add(CandidateDraft(firstName: "Ana"), at: at(0))
        try store.logTouch(ana.id, TouchDraft(at: at(10), channel: .phone, outcome: .replied))
        let (_, back) = try store.logTouch(ana.id, TouchDraft(at: at(20), channel: .email, outcome: .sent))
        try store.logTouch(ana.id, TouchDraft(at: at(15), channel: .sms, outcome: .sent))
        try store.revert(back, at: at(30))
        #expect(try store.candidate(ana.id).lastTouchAt == at(15))
        #expect(try store.touches(of: ana.id).map(\.at) == [at(15), at(10)])
        let before = try Snapshot(store)
        expectFunnelError(.refused, "cannot undo: that touch no longer exists") { try store.revert(back, at: at(31)) }
        #expect(try Snapshot(store) == before)
    }

    /// Undoing a touch must not bring back a follow-up for someone marked do not contact since.
    @Test func undoingATouchNeverSchedulesADoNotContact() throws {
        let store = try Store.inMemory()
        let ana = try store.add(CandidateDraft(firstName: "Ana", nextFollowUp: day(2026, 6, 1)), at: at(0))
        let (_, back) = try store.logTouch(ana.id, TouchDraft(at: at(10), channel: .phone, outcome: .declined), followUp: .clear)
        try store.setStatus(ana.id, to: .doNotContact, at: at(11))
        try store.revert(back, at: at(12))
        let after = try store.candidate(ana.id)
        #expect(after.status == .doNotContact)
        #expect(after.nextFollowUp == nil)
        #expect(try store.touches(of: ana.id).isEmpty)
    }

    @Test func undoesAStatusChangeRestoringTheFollowUp() throws {
        let store = try Store.inMemory()
        let ana = try store.add(CandidateDraft(firstName: "Ana", nextFollowUp: day(2026, 6, 1)), at: at(0))
        let (dnc, back) = try store.setStatus(ana.id, to: .doNotContact, at: at(1))
        #expect(dnc.nextFollowUp == nil)
        #expect(back.summary == "status active → do not contact")
        try store.revert(back, at: at(2))
        let after = try store.candidate(ana.id)
        #expect(after.status == .active)
        #expect(after.nextFollowUp == day(2026, 6, 1))
        try expectCountsMatchGroupBy(store)
    }

    @Test func refusesToUndoAStatusChangedAgain() throws {
        let store = try Store.inMemory()
        let ana = try store.add(CandidateDraft(firstName: "Ana"), at: at(0))
        let (_, back) = try store.setStatus(ana.id, to: .notLooking, at: at(1))
        try store.setStatus(ana.id, to: .placed, at: at(2))
        let before = try Snapshot(store)
        expectFunnelError(.refused, "cannot undo the status change: Ana is now placed") { try store.revert(back, at: at(3)) }
        #expect(try Snapshot(store) == before)
    }

    @Test func undoesAFutureRoleOnce() throws {
        let store = try Store.inMemory()
        let ana = try store.add(CandidateDraft(firstName: "Ana"), at: at(0))
        try store.recordFutureRole(ana.id, title: "Data Engineer", location: "Madrid", remote: false, at: at(1))
        let (role, back) = try store.recordFutureRole(ana.id, title: "Staff Engineer", location: "Lisbon", remote: true, at: at(2))
        #expect(try store.currentFutureRole(of: ana.id) == role)
        try store.revert(back, at: at(3))
        #expect(try store.currentFutureRole(of: ana.id)?.title == "Data Engineer")
        #expect(try store.search("lisbon").isEmpty)
        #expect(try store.search("madrid").map(\.id) == [ana.id])
        let before = try Snapshot(store)
        expectFunnelError(.refused, "cannot undo: that future role no longer exists") { try store.revert(back, at: at(4)) }
        #expect(try Snapshot(store) == before)
    }

    @Test func undoesAnEdit() throws {
        let store = try Store.inMemory()
        let ana = try store.add(CandidateDraft(firstName: "Ana", lastName: "Lopez", email: "ana@example.com", tags: ["go", "remote"],
                                               status: .active, nextFollowUp: day(2026, 6, 1)), at: at(0))
        let before = try Snapshot(store)
        let (edited, back) = try store.update(ana.id, with: CandidateDraft(firstName: "Anita", lastName: "López", email: "anita@example.com",
                                                                          tags: ["rust"], status: .notLooking), at: at(5))
        #expect(edited.email == "anita@example.com" && edited.tags == ["rust"] && edited.status == .notLooking)
        try store.revert(back, at: at(6))
        #expect(try store.candidate(ana.id) == ana)
        #expect(try Snapshot(store) == before)
        #expect(try store.search("lopez go").map(\.id) == [ana.id])
    }

    @Test func refusesToUndoAnEditWhoseEmailIsTakenSince() throws {
        let store = try Store.inMemory()
        let ana = try store.add(CandidateDraft(firstName: "Ana", email: "ana@example.com"), at: at(0))
        let (_, back) = try store.update(ana.id, with: CandidateDraft(firstName: "Ana", email: "ana@work.example"), at: at(1))
        let bo = try store.add(CandidateDraft(firstName: "Bo", email: "ana@example.com"), at: at(2))
        let before = try Snapshot(store)
        expectFunnelError(.invalid, "candidate #\(bo.id) already has the email ana@example.com") { try store.revert(back, at: at(3)) }
        #expect(try Snapshot(store) == before)
    }

    @Test func refusesToUndoAnEditOfADeletedCandidate() throws {
        let store = try Store.inMemory()
        let ana = try store.add(CandidateDraft(firstName: "Ana"), at: at(0))
        let (_, back) = try store.update(ana.id, with: CandidateDraft(firstName: "Anita"), at: at(1))
        try store.writer.write { db in try db.execute(sql: "DELETE FROM candidate WHERE id = ?", arguments: [ana.id]) }
        let before = try Snapshot(store)
        expectFunnelError(.notFound, "no candidate with id \(ana.id)") { try store.revert(back, at: at(2)) }
        #expect(try Snapshot(store) == before)
    }

    @Test func undoesAFollowUpChange() throws {
        let store = try Store.inMemory()
        let ana = try store.add(CandidateDraft(firstName: "Ana", nextFollowUp: day(2026, 6, 1)), at: at(0))
        let (changed, back) = try store.setFollowUp(ana.id, to: day(2026, 7, 1), at: at(1))
        #expect(changed.nextFollowUp == day(2026, 7, 1))
        try store.revert(back, at: at(2))
        #expect(try store.candidate(ana.id).nextFollowUp == day(2026, 6, 1))
        let (_, clearBack) = try store.setFollowUp(ana.id, to: nil, at: at(3))
        try store.revert(clearBack, at: at(4))
        #expect(try store.candidate(ana.id).nextFollowUp == day(2026, 6, 1))
    }

    @Test func refusesToUndoAFollowUpChangeForADoNotContact() throws {
        let store = try Store.inMemory()
        let ana = try store.add(CandidateDraft(firstName: "Ana", nextFollowUp: day(2026, 6, 1)), at: at(0))
        let (_, back) = try store.setFollowUp(ana.id, to: day(2026, 7, 1), at: at(1))
        try store.setStatus(ana.id, to: .doNotContact, at: at(2))
        let before = try Snapshot(store)
        expectFunnelError(.refused, "cannot undo: Ana is now marked do not contact") { try store.revert(back, at: at(3)) }
        #expect(try Snapshot(store) == before)
    }
}
