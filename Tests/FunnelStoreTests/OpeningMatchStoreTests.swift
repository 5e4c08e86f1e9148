import Foundation
import FunnelCore
@testable import FunnelStore
import GRDB
import Testing

/// Openings and matches on real SQLite files: keys kept in step by every write path, the matches
/// of the demo desk, who is never listed, check, and the migration of an older store.
@Suite struct OpeningMatchStoreTests {
    let now = t0.addingTimeInterval(400 * 86_400)

    /// A store on a file with four people and one open opening "Staff Engineer, Lisbon".
    func desk() throws -> (TemporaryFolder, Store, Opening) {
        let folder = try TemporaryFolder()
        let store = try Store.open(at: folder.path("funnel.sqlite"))
        let opening = try store.addOpening(OpeningDraft(title: "Staff Engineer", location: "Lisbon", company: "Blue Harbor"), at: at(0))
        return (folder, store, opening)
    }

    func person(_ store: Store, _ name: String, role: (String, String, Bool)?, daysAgo: Int = 30) throws -> Int64 {
        let c = try store.add(CandidateDraft(firstName: name, email: "\(name.lowercased())@example.com"), at: at(0))
        if let role {
            _ = try store.recordFutureRole(c.id, title: role.0, location: role.1, remote: role.2,
                                           at: now.addingTimeInterval(-Double(daysAgo) * 86_400))
        }
        return c.id
    }

    func names(_ rows: [OpeningMatchRow]) -> [String] { rows.map(\.firstName) }

    @Test func answersAreKeyedByEveryWriteAndTheMatchesRankWithReasons() throws {
        let (folder, store, opening) = try desk()
        defer { withExtendedLifetime(folder) {} }
        let ana = try person(store, "Ana", role: ("Staff Engineer", "Lisboa", false), daysAgo: 95)
        _ = try person(store, "Bea", role: ("Senior Engineer", "Lisbon, Portugal", false), daysAgo: 10)
        _ = try person(store, "Cai", role: ("Staff Engineer", "Porto", false))
        _ = try person(store, "Dan", role: ("Staff Software Engineer", "Lisbon", false))
        _ = try person(store, "Eva", role: nil)
        let rows = try store.matches(forOpening: opening.id, now: now)
        #expect(names(rows) == ["Ana", "Bea"])
        #expect(rows[0].candidateID == ana)
        #expect(rows[0].match.reason == "title: Staff Engineer = Staff Engineer · location: Lisbon = Lisboa · asked 3 months ago")
        #expect(rows[1].match.title == .family)
        #expect(try store.check().problems.isEmpty)
    }

    @Test func doNotContactIsNeverListedAndPlacedOnlyWithTheFlag() throws {
        let (folder, store, opening) = try desk()
        defer { withExtendedLifetime(folder) {} }
        let ana = try person(store, "Ana", role: ("Staff Engineer", "Lisbon", false))
        let bea = try person(store, "Bea", role: ("Staff Engineer", "Lisbon", false))
        _ = try store.setStatus(ana, to: .doNotContact, at: at(5))
        _ = try store.setStatus(bea, to: .placed, at: at(5))
        for earlier in [false, true] {
            #expect(names(try store.matches(forOpening: opening.id, options: MatchOptions(includeEarlier: earlier), now: now)).isEmpty)
            #expect(names(try store.matches(forOpening: opening.id, options: MatchOptions(includePlaced: true, includeEarlier: earlier),
                                            now: now)) == ["Bea"])
        }
        #expect(try store.openingsFitting(candidate: ana, now: now).isEmpty)
        #expect(try store.openingSummaries().first?.matches == 0)
    }

    @Test func onlyTheCurrentAnswerCountsUnlessEarlierOnesAreAskedFor() throws {
        let (folder, store, opening) = try desk()
        defer { withExtendedLifetime(folder) {} }
        let ana = try person(store, "Ana", role: ("Staff Engineer", "Lisbon", false), daysAgo: 200)
        _ = try store.recordFutureRole(ana, title: "Engineering Manager", location: "Lisbon", remote: false, at: now.addingTimeInterval(-86_400))
        #expect(try store.matches(forOpening: opening.id, now: now).isEmpty)
        let earlier = try store.matches(forOpening: opening.id, options: MatchOptions(includeEarlier: true), now: now)
        #expect(names(earlier) == ["Ana"])
        #expect(earlier[0].match.isEarlierAnswer)
        #expect(earlier[0].match.reason.hasSuffix("· earlier answer"))
        // Undoing the newer answer makes the older one current again (triggers keep is_current).
        try store.writer.write { db in try db.execute(sql: "DELETE FROM future_role WHERE title = 'Engineering Manager'") }
        #expect(names(try store.matches(forOpening: opening.id, now: now)) == ["Ana"])
        #expect(try store.check().problems.isEmpty)
    }

    @Test func aRemoteOpeningTakesRemoteAnswersFirstThenCityAnswers() throws {
        let (folder, store, _) = try desk()
        defer { withExtendedLifetime(folder) {} }
        let remote = try store.addOpening(OpeningDraft(title: "Data Engineer", location: "Remote"), at: at(0))
        #expect(remote.workMode == .remote)
        _ = try person(store, "Ana", role: ("Data Engineer", "Berlin", false), daysAgo: 5)
        _ = try person(store, "Bea", role: ("data engineer", "Remote", true), daysAgo: 300)
        let rows = try store.matches(forOpening: remote.id, now: now)
        #expect(names(rows) == ["Bea", "Ana"])
        #expect(rows.map(\.match.place) == [.remote, .cityForRemote])
    }

    @Test func importedAnswersAreKeyedAndErasedOnesAreGone() throws {
        let (folder, store, opening) = try desk()
        defer { withExtendedLifetime(folder) {} }
        let csv = "First Name,Email,Future Role Title,Future Role Location\nIra,ira@example.com,Sr. Staff Eng,Lisboa\nJo,jo@example.com,Staff Engineer,Lisbon\n"
        let report = try store.importCSV(data: Data(csv.utf8), name: "sheet.csv", options: ImportOptions(), at: at(10))
        #expect(report.committed)
        let unkeyed = try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM future_role WHERE title_family IS NULL") }
        #expect(unkeyed == 0)
        let rows = try store.matches(forOpening: opening.id, now: now)
        #expect(Set(names(rows)) == ["Ira", "Jo"])
        #expect(rows.first { $0.firstName == "Ira" }?.match.title == .family)  // "senior staff" is another level
        _ = try store.erase(rows.first { $0.firstName == "Jo" }!.candidateID, at: at(20))
        #expect(names(try store.matches(forOpening: opening.id, now: now)) == ["Ira"])
    }

    @Test func aTouchAboutTheOpeningShowsWhoWasReachedAndWhatTheySaid() throws {
        let (folder, store, opening) = try desk()
        defer { withExtendedLifetime(folder) {} }
        let ana = try person(store, "Ana", role: ("Staff Engineer", "Lisbon", false))
        _ = try store.logTouch(ana, TouchDraft(at: now, channel: .phone, outcome: .interested, openingID: opening.id))
        let row = try #require(try store.matches(forOpening: opening.id, now: now).first)
        #expect(row.contacted)
        #expect(row.lastOutcome == .interested)
        #expect(try store.openingSummaries().first { $0.opening.id == opening.id }?.contacted == 1)
        expectFunnelError(.notFound, "no opening with id 99") {
            try store.logTouch(ana, TouchDraft(at: now, channel: .phone, outcome: .sent, openingID: 99))
        }
    }

    @Test func fillingAnOpeningPlacesThePersonAndEndsItsMatches() throws {
        let (folder, store, opening) = try desk()
        defer { withExtendedLifetime(folder) {} }
        let ana = try person(store, "Ana", role: ("Staff Engineer", "Lisbon", false))
        let filled = try store.closeOpening(opening.id, as: .filled, placed: ana, at: now)
        #expect(filled.status == .filled)
        #expect(filled.placedCandidateID == ana)
        let placed = try store.candidate(ana)
        #expect(placed.stage == .conversion)
        #expect(placed.status == .placed)
        expectFunnelError(.refused, "is filled: no matches are offered") { try store.matches(forOpening: opening.id, now: now) }
        expectFunnelError(.refused, "is filled: it can no longer be edited") {
            try store.editOpening(opening.id, OpeningDraft(title: "Staff Engineer", location: "Porto"), at: now)
        }
        expectFunnelError(.refused, "touches about it are no longer logged") {
            try store.logTouch(ana, TouchDraft(at: now, channel: .phone, outcome: .sent, openingID: opening.id))
        }
        #expect(try store.check().problems.isEmpty)
    }

    @Test func badOpeningsAreRefusedAndChangeNothing() throws {
        let (folder, store, opening) = try desk()
        let before = try Snapshot(store)
        expectFunnelError(.invalid, "an opening needs a title") { try store.addOpening(OpeningDraft(title: "  "), at: at(1)) }
        expectFunnelError(.invalid, "an onsite opening needs a location") {
            try store.addOpening(OpeningDraft(title: "SRE", workMode: .onsite), at: at(1))
        }
        expectFunnelError(.invalid, "opening title") { try store.addOpening(OpeningDraft(title: "SRE\u{1B}[2J", location: "Oslo"), at: at(1)) }
        expectFunnelError(.invalid, "use close to mark an opening filled") {
            try store.editOpening(opening.id, OpeningDraft(title: "SRE", location: "Oslo"), status: .filled, at: at(1))
        }
        expectFunnelError(.notFound, "no opening with id 42") { try store.closeOpening(42, as: .closed, at: at(1)) }
        #expect(try Snapshot(store) == before)
        withExtendedLifetime(folder) {}
    }

    @Test func editingAnOpeningReKeysIt() throws {
        let (folder, store, opening) = try desk()
        defer { withExtendedLifetime(folder) {} }
        _ = try person(store, "Ana", role: ("Machine Learning Engineer", "Tokyo", false))
        #expect(try store.matches(forOpening: opening.id, now: now).isEmpty)
        let edited = try store.editOpening(opening.id, OpeningDraft(title: "ML Eng", location: "Tokyo"), at: at(2))
        #expect(edited.updatedAt == at(2))
        #expect(names(try store.matches(forOpening: opening.id, now: now)) == ["Ana"])
        #expect(try store.openingsFitting(candidate: try store.matches(forOpening: opening.id, now: now)[0].candidateID, now: now)
            .map(\.opening.id) == [opening.id])
    }

    @Test func checkFindsABrokenKeyAndAStaleCurrentFlag() throws {
        let (folder, store, _) = try desk()
        defer { withExtendedLifetime(folder) {} }
        let ana = try person(store, "Ana", role: ("Staff Engineer", "Lisbon", false))
        try store.writer.write { db in
            try db.execute(sql: "UPDATE future_role SET location_key = 'porto' WHERE candidate_id = ?", arguments: [ana])
        }
        let problems = try store.check().problems
        #expect(problems.contains { $0.hasPrefix("1 future role has match keys that do not fit their title or location") })
        try store.writer.write { db in
            try db.execute(sql: "UPDATE future_role SET title_family = NULL WHERE candidate_id = ?", arguments: [ana])
            try db.execute(sql: "UPDATE future_role SET is_current = 0 WHERE candidate_id = ?", arguments: [ana])
        }
        #expect(try store.check().problems.contains { $0.contains("marked current (or not) against the order") })
    }

    @Test func checkFindsControlCharactersStoredInAnOpeningsOwnerAndNotes() throws {
        let (folder, store, opening) = try desk()
        defer { withExtendedLifetime(folder) {} }
        try store.writer.write { db in
            try db.execute(sql: "UPDATE opening SET owner = 'Sam\u{1B}[2J', notes = 'line\nok\u{07}' WHERE id = ?", arguments: [opening.id])
        }
        let problems = try store.check().problems.filter { $0.hasPrefix("opening #\(opening.id): ") }
        #expect(problems.count == 2, "\(problems)")
        #expect(problems.contains { $0.contains("owner") && $0.contains("\\x1b") })
        #expect(problems.contains { $0.contains("notes") && $0.contains("\\x07") })
    }

    @Test func aChangedVocabularyReKeysTheStoreOnce() throws {
        let (folder, store, _) = try desk()
        let k8s = try store.addOpening(OpeningDraft(title: "K8s Engineer", location: "Berlin"), at: at(0))
        _ = try person(store, "Ana", role: ("Platform Engineer", "Berlin", false))
        #expect(try store.matches(forOpening: k8s.id, now: now).isEmpty)
        let vocabulary = try MatchVocabulary.standard.extended(titles: ["k8s engineer": "platform engineer"], locations: [:])
        let reopened = try Store.open(at: folder.path("funnel.sqlite")).matching(with: vocabulary)
        #expect(names(try reopened.matches(forOpening: k8s.id, now: now)) == ["Ana"])
        #expect(try reopened.check().problems.isEmpty)
        // The store opened with the standard vocabulary sees keys made with another one.
        #expect(try store.check().problems.contains { $0.contains("made with another vocabulary") })
    }

    @Test func theMigrationKeysAnOlderStore() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("old.sqlite")
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: Schema.reportMigrationName)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO candidate (id, first_name, stage, status, created_at, updated_at, stage_entered_at, activity_at, sort_name)
                VALUES (1, 'Ana', 'awareness', 'active', 0, 0, 0, 0, 'ana');
                INSERT INTO stage_change (candidate_id, from_stage, to_stage, at) VALUES (1, NULL, 'awareness', 0);
                INSERT INTO candidate_search (rowid, body) VALUES (1, 'ana');
                INSERT INTO future_role (candidate_id, title, location, remote, asked_at) VALUES (1, 'Sr SWE', 'Zürich', 0, 10);
                INSERT INTO future_role (candidate_id, title, location, remote, asked_at) VALUES (1, 'Staff Engineer', 'Lisboa', 0, 20);
                INSERT INTO opening (title, location, company, status, created_at) VALUES ('Staff Engineer', 'Lisbon', NULL, 'open', 5);
                INSERT INTO opening (title, location, company, status, created_at) VALUES ('Data Engineer', 'Remote', NULL, 'open', 5);
                """)
        }
        try queue.close()
        let store = try Store.open(at: path)
        let openings = try store.openings()
        #expect(openings.map(\.workMode) == [.onsite, .remote])
        #expect(names(try store.matches(forOpening: openings[0].id, now: now)) == ["Ana"])
        let current = try store.writer.read { db in try Int.fetchAll(db, sql: "SELECT is_current FROM future_role ORDER BY asked_at") }
        #expect(current == [0, 1])
        #expect(try store.check().problems.isEmpty)
    }
}
