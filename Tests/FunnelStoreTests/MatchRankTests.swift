import Foundation
import FunnelCore
@testable import FunnelStore
import GRDB
import Testing

/// The v7 fast paths (rank-ordered index ranges merged, counts from `match_tally`) against a brute
/// force: `MatchRule.evaluate` over every stored answer, in Swift, with keys folded here and the
/// current answer found here, on generated desks.
@Suite struct MatchRankTests {
    static let now = t0.addingTimeInterval(900 * 86_400)

    static let titles = ["Staff Engineer", "staff engineer", "Senior Engineer", "Sr. Engineer", "Engineer", "Principal Engineer",
                         "Engineer, Staff", "Data Engineer", "Senior Data Engineer", "Staff Data Engineer", "Junior Data Engineer",
                         "Backend Engineer", "Senior", "Staff"]
    static let locations = ["Lisbon", "Lisboa", "Lisbon, Portugal", "Berlin", "Berlin (remote)", "Porto", "Remote", "Anywhere",
                            "—", "", "München", "Munich"]

    /// A desk of `people` candidates: every status, 0–3 answers each (the same titles and places
    /// spelled many ways, ages from the future to four years, some answers at the same second),
    /// then status changes, deleted answers and erasures after the answers were given, so the
    /// triggers have work to do.
    static func desk(seed: UInt64, people: Int = 240) throws -> (Store, [Opening]) {
        var random = SplitMix64(seed: seed)
        let store = try Store.inMemory()
        let statuses: [Status] = [.active, .active, .active, .notLooking, .placed, .doNotContact]
        let shared = [now, now.addingTimeInterval(-40 * 86_400), now.addingTimeInterval(-800 * 86_400)]
        var ids: [Int64] = []
        var current: [Int64: Status] = [:]
        for i in 0..<people {
            let c = try store.add(CandidateDraft(firstName: "P\(i)", email: "p\(i)@example.com"), at: t0)
            ids.append(c.id)
            for _ in 0..<random.below(4) {
                var location = random.element(locations)
                let remote = random.chance(0.3)
                if location.isEmpty, !remote { location = "Lisbon" }
                let asked = random.chance(0.2) ? random.element(shared)
                    : now.addingTimeInterval(Double(random.int(-1_500 ... 20)) * 86_400 + Double(random.below(86_400)))
                _ = try store.recordFutureRole(c.id, title: random.element(titles), location: location, remote: remote, at: asked)
            }
            let status = random.element(statuses)
            if status != .active { _ = try store.setStatus(c.id, to: status, at: t0) }
            current[c.id] = status
        }
        for id in ids where random.chance(0.15) {
            let status = random.element(statuses)
            if status != current[id] { _ = try store.setStatus(id, to: status, at: t0.addingTimeInterval(60)) }
        }
        try store.writer.write { db in
            try db.execute(sql: "DELETE FROM future_role WHERE id % 17 = 3")
        }
        for id in ids where random.chance(0.03) { _ = try store.erase(id, at: t0) }
        var openings: [Opening] = []
        for (title, location, mode) in [("Staff Engineer", "Lisbon", WorkMode.onsite), ("Engineer", "Berlin", .hybrid),
                                        ("Senior Engineer", "Lisboa", .onsite), ("Data Engineer", "Remote", .remote),
                                        ("Staff Engineer", "Remote", .remote), ("Senior", "Munich", .hybrid),
                                        ("Backend Engineer", "Porto", .onsite), ("Staff", "Remote", .remote)] {
            openings.append(try store.addOpening(OpeningDraft(title: title, location: location, workMode: mode), at: t0))
        }
        return (store, openings)
    }

    struct Answer { var id: Int64, candidateID: Int64, terms: AnswerTerms, status: Status }

    /// Every answer, with the current one worked out here (latest `asked_at`, then id).
    static func answers(_ store: Store) throws -> [Answer] {
        let rows = try store.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT f.id, f.candidate_id, f.title, f.location, f.remote, f.asked_at, c.status
                FROM future_role f JOIN candidate c ON c.id = f.candidate_id
                """)
        }
        var latest: [Int64: (Int64, Int64)] = [:]
        for row in rows {
            let key: (Int64, Int64) = (row["asked_at"], row["id"])
            let candidate: Int64 = row["candidate_id"]
            if let kept = latest[candidate], kept >= key { continue }
            latest[candidate] = key
        }
        return try rows.map { row in
            let id: Int64 = row["id"], candidate: Int64 = row["candidate_id"]
            let terms = AnswerTerms(title: row["title"], location: row["location"], remote: row["remote"],
                                    askedAt: Date(timeIntervalSince1970: TimeInterval(row["asked_at"] as Int64)),
                                    isCurrent: latest[candidate]!.1 == id, vocabulary: .standard)
            return Answer(id: id, candidateID: candidate, terms: terms, status: try Status.parse(row["status"]))
        }
    }

    /// The matches as the rule defines them: each listed person's best answer (score, then the
    /// newest, then the lowest answer id), ranked by score, newest answer, candidate id.
    static func bruteForce(_ opening: Opening, _ answers: [Answer], options: MatchOptions) -> [(Int64, Int64, OpeningMatch)] {
        let terms = OpeningTerms(title: opening.title, location: opening.location, workMode: opening.workMode, vocabulary: .standard)
        typealias Found = (candidate: Int64, role: Int64, askedAt: Date, match: OpeningMatch)
        func precedes(_ a: Found, _ b: Found) -> Bool {
            if a.match.score != b.match.score { return a.match.score > b.match.score }
            if a.askedAt != b.askedAt { return a.askedAt > b.askedAt }
            if a.candidate != b.candidate { return a.candidate < b.candidate }
            return a.role < b.role
        }
        var best: [Int64: Found] = [:]
        for answer in answers where MatchRule.admits(answer.status, includePlaced: options.includePlaced)
            && (answer.terms.isCurrent || options.includeEarlier) {
            guard let match = MatchRule.evaluate(terms, answer.terms, now: now) else { continue }
            let found: Found = (answer.candidateID, answer.id, answer.terms.askedAt, match)
            if let kept = best[answer.candidateID], precedes(kept, found) { continue }
            best[answer.candidateID] = found
        }
        return best.values.sorted(by: precedes).prefix(max(0, options.limit)).map { ($0.candidate, $0.role, $0.match) }
    }

    static let optionSets: [MatchOptions] = [false, true].flatMap { placed in
        [false, true].flatMap { earlier in
            [0, 1, 3, 10, 50, 10_000].map { MatchOptions(includePlaced: placed, includeEarlier: earlier, limit: $0) }
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func theFastPathListsExactlyWhatTheRuleRanks(seed: UInt64) throws {
        let (store, openings) = try Self.desk(seed: seed)
        let answers = try Self.answers(store)
        var listedSomewhere = 0
        for opening in openings {
            for options in Self.optionSets {
                let fast = try store.matches(forOpening: opening.id, options: options, now: Self.now)
                let slow = Self.bruteForce(opening, answers, options: options)
                #expect(fast.map(\.candidateID) == slow.map(\.0), "\(opening.title) \(opening.workMode) \(options)")
                #expect(fast.map(\.answer.id) == slow.map(\.1), "\(opening.title) \(opening.workMode) \(options)")
                #expect(fast.map(\.match) == slow.map(\.2), "\(opening.title) \(opening.workMode) \(options)")
                listedSomewhere += fast.count
            }
            // The count is what the list would hold without a limit.
            let all = Self.bruteForce(opening, answers, options: MatchOptions(limit: .max))
            #expect(try store.openingSummary(opening.id).matches == all.count, "\(opening.title) \(opening.workMode)")
        }
        #expect(listedSomewhere > 1_000)  // the desk is not trivially empty
        #expect(try store.check().problems.isEmpty)
    }

    @Test(arguments: [11, 12, 13, 14, 15] as [UInt64])
    func doNotContactIsNeverListedFittedOrCounted(seed: UInt64) throws {
        let (store, openings) = try Self.desk(seed: seed, people: 160)
        let answers = try Self.answers(store)
        let dnc = Set(answers.filter { $0.status == .doNotContact }.map(\.candidateID))
        #expect(!dnc.isEmpty)
        for opening in openings {
            for options in Self.optionSets {
                let listed = Set(try store.matches(forOpening: opening.id, options: options, now: Self.now).map(\.candidateID))
                #expect(listed.isDisjoint(with: dnc), "\(opening.title) \(options)")
            }
            let counted = Set(Self.bruteForce(opening, answers, options: MatchOptions(limit: .max)).map(\.0))
            #expect(try store.openingSummary(opening.id).matches == counted.count)
        }
        for id in dnc {
            for placed in [false, true] { #expect(try store.openingsFitting(candidate: id, includePlaced: placed, now: Self.now).isEmpty) }
        }
        // Marking a listed person do not contact takes them out of every count at once; back, in again.
        let summaries = try store.openingSummaries()
        let opening = try #require(summaries.first { $0.matches > 0 })
        let person = try #require(try store.matches(forOpening: opening.opening.id, now: Self.now).first).candidateID
        let before = try store.candidate(person).status
        _ = try store.setStatus(person, to: .doNotContact, at: t0.addingTimeInterval(120))
        #expect(try store.openingSummary(opening.opening.id).matches == opening.matches - 1)
        #expect(try !store.matches(forOpening: opening.opening.id, options: MatchOptions(includePlaced: true, includeEarlier: true),
                                   now: Self.now).contains { $0.candidateID == person })
        #expect(try store.openingsFitting(candidate: person, now: Self.now).isEmpty)
        _ = try store.setStatus(person, to: before, at: t0.addingTimeInterval(180))
        #expect(try store.openingSummary(opening.opening.id).matches == opening.matches)
        #expect(try store.check().problems.isEmpty)
    }

    @Test func theTallyFollowsEveryWriteAndCheckFindsABrokenOne() throws {
        let folder = try TemporaryFolder()
        let store = try Store.open(at: folder.path("funnel.sqlite"))
        let ana = try store.add(CandidateDraft(firstName: "Ana"), at: t0)
        let bea = try store.add(CandidateDraft(firstName: "Bea"), at: t0)
        _ = try store.recordFutureRole(ana.id, title: "Staff Engineer", location: "Lisboa", remote: false, at: t0)
        _ = try store.recordFutureRole(bea.id, title: "Staff Engineer", location: "Remote", remote: true, at: t0)
        func problems() throws -> [String] { try store.writer.read { db in try Store.matchTallyProblems(db) } }
        func tally() throws -> [String] {
            try store.writer.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM match_tally ORDER BY 1, 2, 3").map { "\($0[0] as String)|\($0[1] as String)|\($0[2] as Int)|\($0[3] as Int)" }
            }
        }
        #expect(try tally() == ["engineer|lisbon|0|1", "engineer|remote|1|1"])
        // A newer answer replaces the current one; undoing it brings the old one back.
        let (_, revert) = try store.recordFutureRole(ana.id, title: "Engineer", location: "Berlin", remote: true, at: t0.addingTimeInterval(60))
        #expect(try tally() == ["engineer|berlin|1|1", "engineer|remote|1|1"])
        try store.revert(revert, at: t0.addingTimeInterval(120))
        #expect(try tally() == ["engineer|lisbon|0|1", "engineer|remote|1|1"])
        // Placed and do-not-contact people are not counted; an edited title is keyed and counted again.
        _ = try store.setStatus(bea.id, to: .placed, at: t0)
        #expect(try tally() == ["engineer|lisbon|0|1"])
        _ = try store.setStatus(bea.id, to: .notLooking, at: t0)
        // (Store.write keys what the trigger un-keyed at the end of the transaction.)
        try store.write { db in try db.execute(sql: "UPDATE future_role SET location = 'Porto' WHERE candidate_id = ?", arguments: [ana.id]) }
        #expect(try tally() == ["engineer|porto|0|1", "engineer|remote|1|1"])
        #expect(try problems().isEmpty)
        // A candidate deleted with SQL (the cascade) and an erased one leave nothing behind.
        try store.writer.write { db in try db.execute(sql: "DELETE FROM candidate WHERE id = ?", arguments: [bea.id]) }
        #expect(try tally() == ["engineer|porto|0|1"])
        _ = try store.erase(ana.id, at: t0)
        #expect(try tally() == [])
        // A broken tally is found.
        let cai = try store.add(CandidateDraft(firstName: "Cai"), at: t0)
        _ = try store.recordFutureRole(cai.id, title: "Data Engineer", location: "Oslo", remote: false, at: t0)
        #expect(try problems().isEmpty)
        try store.writer.write { db in try db.execute(sql: "UPDATE match_tally SET n = n + 1") }
        #expect(try store.check().problems.contains("1 match count differs from a recount of the current answers (match_tally)"))
        try store.writer.write { db in try db.execute(sql: "DELETE FROM match_tally") }
        #expect(try problems() == ["1 match count differs from a recount of the current answers (match_tally)"])
    }

    @Test func aChangedVocabularyRecountsTheTally() throws {
        let folder = try TemporaryFolder()
        let store = try Store.open(at: folder.path("funnel.sqlite"))
        let ana = try store.add(CandidateDraft(firstName: "Ana"), at: t0)
        _ = try store.recordFutureRole(ana.id, title: "K8s Engineer", location: "Berlin", remote: false, at: t0)
        let vocabulary = try MatchVocabulary.standard.extended(titles: ["k8s engineer": "platform engineer"], locations: [:])
        let reopened = try Store.open(at: folder.path("funnel.sqlite")).matching(with: vocabulary)
        let families = try reopened.writer.read { db in try String.fetchAll(db, sql: "SELECT title_family FROM match_tally") }
        #expect(families == ["engineer platform"])
        #expect(try reopened.writer.read { db in try Store.matchTallyProblems(db) }.isEmpty)
    }

    @Test func theMigrationCountsAnOlderStore() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("old.sqlite")
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: Schema.reportMigrationName)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO candidate (id, first_name, stage, status, created_at, updated_at, stage_entered_at, activity_at, sort_name)
                VALUES (1, 'Ana', 'awareness', 'active', 0, 0, 0, 0, 'ana'), (2, 'Bea', 'awareness', 'do_not_contact', 0, 0, 0, 0, 'bea');
                INSERT INTO stage_change (candidate_id, from_stage, to_stage, at) VALUES (1, NULL, 'awareness', 0), (2, NULL, 'awareness', 0);
                INSERT INTO candidate_search (rowid, body) VALUES (1, 'ana'), (2, 'bea');
                INSERT INTO future_role (candidate_id, title, location, remote, asked_at) VALUES (1, 'Sr SWE', 'Zürich', 0, 10);
                INSERT INTO future_role (candidate_id, title, location, remote, asked_at) VALUES (1, 'Staff Engineer', 'Lisboa', 0, 20);
                INSERT INTO future_role (candidate_id, title, location, remote, asked_at) VALUES (2, 'Staff Engineer', 'Lisboa', 0, 20);
                """)
        }
        try queue.close()
        let store = try Store.open(at: path)
        let tally = try store.writer.read { db in try Row.fetchAll(db, sql: "SELECT title_family, location_key, n FROM match_tally") }
        #expect(tally.map { "\($0[0] as String)|\($0[1] as String)|\($0[2] as Int)" } == ["engineer|lisbon|1"])
        #expect(try store.check().problems.isEmpty)
    }
}
