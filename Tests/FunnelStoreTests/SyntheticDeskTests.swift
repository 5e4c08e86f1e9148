import Foundation
import FunnelCore
@testable import FunnelStore
import GRDB
import Testing

/// The generated desk must be a state the public API could have produced: these checks are the
/// store's invariants, read back with plain SQL.
@Suite struct SyntheticDeskTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    /// One generated store on disk, shared by the checks (generating it is the slow part).
    static let folder = FileManager.default.temporaryDirectory.appendingPathComponent("synthetic-\(UUID().uuidString)")

    static let generated: Result<(store: Store, folder: URL), any Error> = Result {
        atexit { try? FileManager.default.removeItem(at: SyntheticDeskTests.folder) }
        let store = try Store.open(at: folder.appendingPathComponent("desk.sqlite").path)
        try SyntheticDesk.generate(into: store, candidates: 2_000, touchesPerCandidate: 5, seed: 7, now: now, progress: nil)
        return (store, folder)
    }

    func store() throws -> Store { try Self.generated.get().store }

    @Test func sizesAreAsAsked() throws {
        let store = try store()
        try store.writer.read { db in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM candidate") == 2_000)
            let touches = try Int.fetchOne(db, sql: "SELECT count(*) FROM touchpoint") ?? 0
            #expect(touches > 8_500 && touches < 11_500, "about 5 touches each, got \(touches)")
            let roles = try Int.fetchOne(db, sql: "SELECT count(DISTINCT candidate_id) FROM future_role") ?? 0
            #expect(roles > 550 && roles < 780, "about a third with a future role, got \(roles)")
            let followUps = try Int.fetchOne(db, sql: "SELECT count(*) FROM candidate WHERE next_follow_up IS NOT NULL") ?? 0
            #expect(followUps > 120 && followUps < 290, "about 10% with a follow-up, got \(followUps)")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM candidate_search") == 2_000)
            #expect(try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'synthetic'")
                == SyntheticDesk.parameters(candidates: 2_000, touchesPerCandidate: 5, seed: 7, now: Self.now))
        }
    }

    @Test func stagesAreFunnelShaped() throws {
        let counts = try store().stageCounts()
        let ordered = Stage.allCases.map { counts[$0] ?? 0 }
        #expect(ordered == ordered.sorted(by: >), "\(ordered)")
        #expect(ordered[0] > 650 && ordered[0] < 950, "about 40% in awareness: \(ordered)")
    }

    @Test func countersMatchTheRows() throws {
        try store().writer.read { db in
            let kept = try Row.fetchAll(db, sql: "SELECT stage, status, n FROM stage_count WHERE n > 0 ORDER BY stage, status")
            let counted = try Row.fetchAll(db, sql: "SELECT stage, status, count(*) AS n FROM candidate GROUP BY stage, status ORDER BY stage, status")
            #expect(kept == counted)
        }
    }

    @Test func stageHistoryEndsInTheStage() throws {
        try store().writer.read { db in
            // The first change enters the funnel; each next one leaves the stage the previous entered.
            let broken = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM candidate c WHERE
                  (SELECT to_stage FROM stage_change s WHERE s.candidate_id = c.id ORDER BY at DESC, id DESC LIMIT 1) IS NOT c.stage
                  OR (SELECT at FROM stage_change s WHERE s.candidate_id = c.id ORDER BY at DESC, id DESC LIMIT 1) IS NOT c.stage_entered_at
                  OR (SELECT from_stage FROM stage_change s WHERE s.candidate_id = c.id ORDER BY at, id LIMIT 1) IS NOT NULL
                """)
            #expect(broken == 0)
            let unchained = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM (
                  SELECT from_stage, lag(to_stage) OVER (PARTITION BY candidate_id ORDER BY at, id) AS previous,
                         row_number() OVER (PARTITION BY candidate_id ORDER BY at, id) AS n
                  FROM stage_change) WHERE n > 1 AND from_stage IS NOT previous
                """)
            #expect(unchained == 0)
            let someWentBack = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM stage_change WHERE from_stage IS NOT NULL AND
                  CASE from_stage WHEN 'awareness' THEN 0 WHEN 'consideration' THEN 1 WHEN 'conversion' THEN 2 WHEN 'loyalty' THEN 3 ELSE 4 END >
                  CASE to_stage WHEN 'awareness' THEN 0 WHEN 'consideration' THEN 1 WHEN 'conversion' THEN 2 WHEN 'loyalty' THEN 3 ELSE 4 END
                """) ?? 0
            #expect(someWentBack > 0)
        }
    }

    @Test func touchSummariesMatchTheTouches() throws {
        try store().writer.read { db in
            let wrongLastTouch = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM candidate c WHERE last_touch_at IS NOT (SELECT max(at) FROM touchpoint t WHERE t.candidate_id = c.id)
                """)
            #expect(wrongLastTouch == 0)
            let wrongActivity = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM candidate WHERE activity_at <> max(created_at, coalesce(last_touch_at, 0))
                """)
            #expect(wrongActivity == 0)
            let wrongUpdated = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM candidate c WHERE updated_at < max(activity_at, stage_entered_at)
                   OR updated_at < coalesce((SELECT max(asked_at) FROM future_role f WHERE f.candidate_id = c.id), 0)
                   OR created_at > stage_entered_at
                   OR EXISTS (SELECT 1 FROM touchpoint t WHERE t.candidate_id = c.id AND (t.at < c.created_at OR t.at > ?))
                """, arguments: [Rows.seconds(Self.now)])
            #expect(wrongUpdated == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM candidate WHERE status = 'do_not_contact' AND next_follow_up IS NOT NULL") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM touchpoint WHERE channel = 'note' AND trim(note) = ''") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM candidate WHERE last_touch_at IS NULL") ?? 0 > 0)
        }
    }

    /// Each search document is exactly what the store's own reindex writes.
    @Test func searchDocumentsAreWhatTheStoreWrites() throws {
        let store = try store()
        let ids: [Int64] = [1, 2, 3, 500, 1_000, 1_999, 2_000] + (0..<40).map { Int64(7 + $0 * 47) }
        for id in ids {
            let generated = try store.writer.read { db in
                try String.fetchOne(db, sql: "SELECT body FROM candidate_search WHERE rowid = ?", arguments: [id])
            }
            let rewritten = try store.writer.write { db in
                try Store.reindex(db, id)
                return try String.fetchOne(db, sql: "SELECT body FROM candidate_search WHERE rowid = ?", arguments: [id])
            }
            #expect(generated != nil && generated == rewritten, "candidate \(id)")
        }
    }

    @Test func searchFindsGeneratedWords() throws {
        let store = try store()
        // The last word of the 100th note, whoever wrote it.
        let (candidateID, note) = try store.writer.read { db in
            let row = try #require(try Row.fetchOne(db, sql: """
                SELECT candidate_id, note FROM touchpoint WHERE note GLOB '*[a-z].' ORDER BY id LIMIT 1 OFFSET 100
                """))
            return (row["candidate_id"] as Int64, row["note"] as String)
        }
        let word = try #require(note.split(separator: " ").last.map { String($0.dropLast()) })
        let found = try store.search(word, limit: 5_000).map(\.id)
        #expect(found.contains(candidateID), "'\(word)' from \(note)")
        #expect(try store.searchCount(SyntheticDesk.SampleQuery.commonWord) > 1_000)
        #expect(try store.searchCount(SyntheticDesk.SampleQuery.cjkPair) > 0)
        #expect(try store.searchCount("山田") + store.searchCount("김") > 0)
    }

    @Test func boardPagingSeesEveryCandidateOnce() throws {
        let store = try store()
        for sort in BoardSort.allCases {
            var seen: [Int64] = []
            for stage in Stage.allCases {
                var anchor: Card?
                while true {
                    let page = try store.boardPage(stage: stage, sort: sort, from: anchor, limit: 50)
                    #expect(page.allSatisfy { $0.stage == stage })
                    seen += page.map(\.id)
                    guard page.count == 50 else { break }
                    anchor = page.last
                }
            }
            #expect(seen.count == 2_000, "\(sort)")
            #expect(Set(seen) == Set(1...2_000), "\(sort)")
        }
    }

    /// Every generated profile is already what `CandidateDraft.validated()` would store.
    @Test func profilesAreNormalised() throws {
        let store = try store()
        for candidate in try store.list(limit: 300) {
            let draft = CandidateDraft(
                firstName: candidate.firstName, lastName: candidate.lastName, email: candidate.email,
                phone: candidate.phone, location: candidate.location, linkedinURL: candidate.linkedinURL,
                title: candidate.title, company: candidate.company, source: candidate.source, owner: candidate.owner,
                tags: candidate.tags, interests: candidate.interests, preferredChannel: candidate.preferredChannel,
                referredBy: candidate.referredBy, stage: candidate.stage, status: candidate.status,
                nextFollowUp: candidate.nextFollowUp)
            #expect(try draft.validated() == draft, "candidate \(candidate.id)")
        }
        let (foreignKeyProblems, integrity) = try store.writer.read { db in
            (try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count, try String.fetchOne(db, sql: "PRAGMA integrity_check"))
        }
        #expect(foreignKeyProblems == 0)
        #expect(integrity == "ok")
    }

    @Test func sameSeedSameDesk() throws {
        func fingerprint(seed: UInt64) throws -> [String] {
            let store = try Store.inMemory()
            try SyntheticDesk.generate(into: store, candidates: 150, touchesPerCandidate: 3, seed: seed, now: Self.now, progress: nil)
            return try store.writer.read { db in
                try String.fetchAll(db, sql: """
                    SELECT first_name || '|' || last_name || '|' || stage || '|' || status || '|' || created_at || '|' ||
                           coalesce(last_touch_at, '') || '|' || coalesce((SELECT group_concat(note, '/') FROM touchpoint t WHERE t.candidate_id = c.id), '')
                    FROM candidate c ORDER BY id
                    """)
            }
        }
        let first = try fingerprint(seed: 11)
        #expect(first.count == 150)
        #expect(try fingerprint(seed: 11) == first)
        #expect(try fingerprint(seed: 12) != first)
    }

    @Test func refusesAStoreThatHasCandidates() throws {
        let store = try Store.inMemory()
        try store.add(CandidateDraft(firstName: "Zoë"), at: Self.now)
        #expect(throws: FunnelError.self) {
            try SyntheticDesk.generate(into: store, candidates: 10, touchesPerCandidate: 1, seed: 1, now: Self.now, progress: nil)
        }
        #expect(try store.totalCount() == 1)
    }
}
