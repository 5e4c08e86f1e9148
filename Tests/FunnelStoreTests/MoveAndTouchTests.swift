import Foundation
import FunnelCore
@testable import FunnelStore
import GRDB
import Testing

@Suite struct MoveTests {
    @Test func aMoveWritesTheStageChangeInTheSameTransaction() throws {
        let folder = try TemporaryFolder()
        let store = try Store.open(at: folder.path("funnel.sqlite"))
        let ana = try store.add(CandidateDraft(firstName: "Ana"), at: at(0))
        let recorder = CommitRecorder()
        store.writer.add(transactionObserver: recorder)

        let (moved, _) = try store.move(ana.id, to: .conversion, at: at(5))

        #expect(recorder.commits.count == 1)
        #expect(recorder.commits.first?.isSuperset(of: ["update candidate", "insert stage_change"]) == true)
        #expect(moved.stage == .conversion)
        #expect(moved.stageEnteredAt == at(5))
        #expect(moved.updatedAt == at(5))
        let history = try store.stageHistory(ana.id)
        #expect(history.map(\.from) == [nil, .awareness])
        #expect(history.map(\.to) == [.awareness, .conversion])
        #expect(history.map(\.at) == [at(0), at(5)])
        try expectCountsMatchGroupBy(store)
    }

    @Test func aFailingMoveWritesNothing() throws {
        let store = try Store.inMemory()
        let ana = try store.add(CandidateDraft(firstName: "Ana", stage: .consideration), at: at(0))
        let before = try Snapshot(store)
        let recorder = CommitRecorder()
        store.writer.add(transactionObserver: recorder)

        expectFunnelError(.invalid, "Ana is already in Consideration") { try store.move(ana.id, to: .consideration, at: at(1)) }
        expectFunnelError(.notFound, "no candidate with id 999") { try store.move(999, to: .loyalty, at: at(1)) }

        #expect(try Snapshot(store) == before)
        #expect(recorder.commits.isEmpty)
    }

    /// If writing the stage change fails after the candidate row was updated, the update is
    /// rolled back with it: the two are one transaction.
    @Test func aMoveWhoseHistoryCannotBeWrittenDoesNotHappen() throws {
        let store = try Store.inMemory()
        let ana = try store.add(CandidateDraft(firstName: "Ana"), at: at(0))
        try store.writer.writeWithoutTransaction { db in
            try db.execute(sql: """
                CREATE TEMP TRIGGER refuse_history BEFORE INSERT ON main.stage_change
                BEGIN SELECT RAISE(ABORT, 'history is read-only today'); END
                """)
        }
        let before = try Snapshot(store)
        expectFunnelError(.store, "history is read-only today") { try store.move(ana.id, to: .conversion, at: at(1)) }
        #expect(try Snapshot(store) == before)
        #expect(try store.candidate(ana.id).stage == .awareness)
        try expectCountsMatchGroupBy(store)
    }

    @Test func stepsThroughTheFunnelAndStopsAtTheEnds() throws {
        let store = try Store.inMemory()
        let ana = try store.add(CandidateDraft(firstName: "Ana"), at: at(0))
        expectFunnelError(.invalid, "already in Awareness, the first stage") { try store.step(ana.id, forward: false, at: at(1)) }
        for (minute, stage) in Stage.allCases.dropFirst().enumerated() {
            #expect(try store.step(ana.id, forward: true, at: at(minute + 1)).0.stage == stage)
        }
        let before = try Snapshot(store)
        expectFunnelError(.invalid, "already in Advocacy, the last stage") { try store.step(ana.id, forward: true, at: at(9)) }
        #expect(try Snapshot(store) == before)
        #expect(try store.step(ana.id, forward: false, at: at(10)).0.stage == .loyalty)
        #expect(try store.stageHistory(ana.id).map(\.to) == [.awareness, .consideration, .conversion, .loyalty, .advocacy, .loyalty])
    }
}

@Suite struct TouchTests {
    @Test func aTouchUpdatesLastTouchAndActivityInOneTransaction() throws {
        let store = try Store.inMemory()
        let ana = try store.add(CandidateDraft(firstName: "Ana"), at: at(0))
        let recorder = CommitRecorder()
        store.writer.add(transactionObserver: recorder)

        let (touch, _) = try store.logTouch(ana.id, TouchDraft(at: at(30), channel: .phone, outcome: .noAnswer), followUp: .set(day(2026, 6, 1)))

        #expect(recorder.commits.count == 1)
        #expect(recorder.commits.first?.isSuperset(of: ["insert touchpoint", "update candidate"]) == true)
        let after = try store.candidate(ana.id)
        #expect(after.lastTouchAt == at(30))
        #expect(after.nextFollowUp == day(2026, 6, 1))
        #expect(try store.card(ana.id).activityAt == at(30))
        #expect(touch.channel == .phone && touch.direction == .outbound && touch.outcome == .noAnswer && touch.at == at(30))
        #expect(try store.touches(of: ana.id) == [touch])
    }

    /// The stored engagement score is as of the latest touch: logging one with an older date
    /// (an answer found late) counts it, but does not turn the score back to that day.
    @Test func aBackDatedTouchIsScoredAsOfTheLatestTouch() throws {
        let store = try Store.inMemory()
        let ana = try store.add(CandidateDraft(firstName: "Ana"), at: at(0))
        try store.logTouch(ana.id, TouchDraft(at: at(200), channel: .phone, outcome: .interested))
        try store.logTouch(ana.id, TouchDraft(at: at(20), channel: .email, direction: .inbound, outcome: .replied))
        let (stored, recomputed) = try store.writer.read { db in
            (try Int.fetchOne(db, sql: "SELECT engagement_score FROM candidate WHERE id = ?", arguments: [ana.id]),
             try Store.engagementScore(db, ana.id, at: Store.scoreMoment(at(200))).total)
        }
        #expect(stored == recomputed)
        let asOfTheOldTouch = try store.writer.read { db in try Store.engagementScore(db, ana.id, at: Store.scoreMoment(at(20))).total }
        #expect(stored != asOfTheOldTouch, "the fixture must tell the two apart")
    }

    @Test func aTouchWhoseCandidateCannotBeUpdatedIsNotLogged() throws {
        let store = try Store.inMemory()
        let ana = try store.add(CandidateDraft(firstName: "Ana"), at: at(0))
        try store.writer.writeWithoutTransaction { db in
            try db.execute(sql: """
                CREATE TEMP TRIGGER refuse_touch_update BEFORE UPDATE OF last_touch_at ON main.candidate
                BEGIN SELECT RAISE(ABORT, 'candidate is read-only today'); END
                """)
        }
        let before = try Snapshot(store)
        expectFunnelError(.store, "candidate is read-only today") {
            try store.logTouch(ana.id, TouchDraft(at: at(1), channel: .phone, outcome: .replied, note: "kubernetes"), followUp: .set(day(2026, 6, 1)))
        }
        #expect(try Snapshot(store) == before)
        #expect(try store.search("kube").isEmpty)
    }

    @Test func theFollowUpIsKeptClearedOrSet() throws {
        let store = try Store.inMemory()
        let ana = try store.add(CandidateDraft(firstName: "Ana", nextFollowUp: day(2026, 6, 1)), at: at(0))
        try store.logTouch(ana.id, TouchDraft(at: at(1), channel: .email, outcome: .sent), followUp: .keep)
        #expect(try store.candidate(ana.id).nextFollowUp == day(2026, 6, 1))
        try store.logTouch(ana.id, TouchDraft(at: at(2), channel: .email, outcome: .sent), followUp: .set(day(2026, 6, 15)))
        #expect(try store.candidate(ana.id).nextFollowUp == day(2026, 6, 15))
        try store.logTouch(ana.id, TouchDraft(at: at(3), channel: .phone, outcome: .declined), followUp: .clear)
        #expect(try store.candidate(ana.id).nextFollowUp == nil)
        try store.logTouch(ana.id, .note("met at a meetup", at: at(4)))
        #expect(try store.candidate(ana.id).nextFollowUp == nil)
        #expect(try store.candidate(ana.id).lastTouchAt == at(4))
    }

    @Test func anOlderTouchLoggedLaterDoesNotMoveLastTouchBackwards() throws {
        let store = try Store.inMemory()
        let ana = try store.add(CandidateDraft(firstName: "Ana"), at: at(0))
        try store.logTouch(ana.id, TouchDraft(at: at(100), channel: .phone, outcome: .replied))
        try store.logTouch(ana.id, TouchDraft(at: at(50), channel: .email, outcome: .sent, note: "sent last week"), followUp: .set(day(2026, 7, 1)))
        let after = try store.candidate(ana.id)
        #expect(after.lastTouchAt == at(100))
        #expect(after.nextFollowUp == day(2026, 7, 1))
        #expect(try store.card(ana.id).activityAt == at(100))
        #expect(try store.touches(of: ana.id).map(\.at) == [at(100), at(50)])
    }

    @Test func anEmptyNoteIsRefusedAndWritesNothing() throws {
        let store = try Store.inMemory()
        let ana = try store.add(CandidateDraft(firstName: "Ana"), at: at(0))
        let before = try Snapshot(store)
        expectFunnelError(.invalid, "a note needs some text") { try store.logTouch(ana.id, .note("   ", at: at(1)), followUp: .set(day(2026, 6, 1))) }
        expectFunnelError(.notFound, "no candidate with id 42") { try store.logTouch(42, TouchDraft(at: at(1), channel: .sms)) }
        #expect(try Snapshot(store) == before)
    }

    @Test func theTimelinePagesNewestFirstEvenWithSharedTimestamps() throws {
        let store = try Store.inMemory()
        let ana = try store.add(CandidateDraft(firstName: "Ana"), at: at(0))
        var ids: [Int64] = []
        for i in 0..<23 {
            ids.append(try store.logTouch(ana.id, TouchDraft(at: at(i % 3), channel: .email, outcome: .sent)).0.id)
        }
        var seen: [Touchpoint] = []
        var last: Touchpoint?
        while true {
            let page = try store.touches(of: ana.id, after: last, limit: 4)
            if page.isEmpty { break }
            seen += page
            last = page.last
        }
        #expect(seen.count == 23)
        #expect(Set(seen.map(\.id)) == Set(ids))
        let expected = seen.sorted { ($0.at, $0.id) > ($1.at, $1.id) }
        #expect(seen == expected)
    }
}

/// The per-stage and per-status counts come from counters kept by triggers; a real GROUP BY must agree
/// after every kind of write.
@Suite struct CountTests {
    @Test func countsStayRightThroughEveryWrite() throws {
        let folder = try TemporaryFolder()
        let store = try Store.open(at: folder.path("funnel.sqlite"))
        try expectCountsMatchGroupBy(store)
        var ids: [Int64] = []
        for i in 0..<20 {
            let draft = CandidateDraft(firstName: "C\(i)", stage: Stage.allCases[i % 5], status: Status.allCases[i % 3])
            ids.append(try store.add(draft, at: at(i)).id)
        }
        try expectCountsMatchGroupBy(store)
        let (_, moveBack) = try store.move(ids[0], to: .advocacy, at: at(30))
        try store.step(ids[1], forward: true, at: at(31))
        try expectCountsMatchGroupBy(store)
        let (_, statusBack) = try store.setStatus(ids[2], to: .doNotContact, at: at(32))
        try store.setStatus(ids[3], to: .placed, at: at(33))
        try expectCountsMatchGroupBy(store)
        var draft = CandidateDraft(firstName: "C4 edited", status: .notLooking)
        draft.tags = ["x"]
        let (_, editBack) = try store.update(ids[4], with: draft, at: at(34))
        try expectCountsMatchGroupBy(store)
        try store.revert(moveBack, at: at(40))
        try store.revert(statusBack, at: at(41))
        try store.revert(editBack, at: at(42))
        try expectCountsMatchGroupBy(store)
        // Failing writes leave the counters alone.
        _ = try? store.move(ids[5], to: try store.candidate(ids[5]).stage, at: at(43))
        _ = try? store.setStatus(ids[6], to: try store.candidate(ids[6]).status, at: at(44))
        try expectCountsMatchGroupBy(store)
        // Deleting rows (as erase will) decrements them.
        try store.writer.write { db in try db.execute(sql: "DELETE FROM candidate WHERE id IN (?, ?)", arguments: [ids[7], ids[8]]) }
        try expectCountsMatchGroupBy(store)
        #expect(try store.totalCount() == 18)
        // And they survive reopening.
        let reopened = try Store.open(at: folder.path("funnel.sqlite"))
        try expectCountsMatchGroupBy(reopened)
    }
}
