import Foundation
import FunnelCore
@testable import FunnelStore
import GRDB
import Testing

@Suite struct MigrationTests {
    static let v1 = Schema.migrationNames[0]

    @Test func knowsItsMigrationsInOrder() {
        #expect(Store.knownMigrations == ["v1: candidates, touches, stages, future roles, search", "v2: engagement score column",
                                          "v5: board by engagement score, unscored last", "v4: report indexes",
                                          "v6: openings and matches", "v7: match rank indexes and tallies",
                                          "v8: due tallies and the stored re-engagement start",
                                          "v9: search index partitioned by candidate id",
                                          "v10: import-friendly triggers",
                                          "v11: campaigns and Message-IDs",
                                          "v12: the inbox and bouncing addresses"])
    }

    @Test func migratesANewFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("funnel.sqlite")
        let store = try Store.open(at: path)
        #expect(try store.appliedMigrations() == Store.knownMigrations)
        try store.writer.read { db in
            let tables = try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
            #expect(tables.isSuperset(of: ["meta", "candidate", "candidate_tag", "touchpoint", "future_role", "stage_change",
                                           "opening", "template", "audit", "stage_count", "candidate_search"]))
            let indexes = try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index'"))
            #expect(indexes.isSuperset(of: ["candidate_email", "candidate_linkedin", "candidate_board_activity",
                                            "candidate_board_name", "candidate_board_score", "candidate_follow_up"]))
            #expect(try db.columns(in: "candidate").contains { $0.name == "engagement_score" })
            #expect(try Int32.fetchOne(db, sql: "PRAGMA application_id") == Schema.applicationID)
            #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal")
            #expect(try Int.fetchOne(db, sql: "PRAGMA foreign_keys") == 1)
            #expect(try Int.fetchOne(db, sql: "PRAGMA synchronous") == 2)  // FULL
            #expect(try Int.fetchOne(db, sql: "PRAGMA secure_delete") == 1)
        }
    }

    @Test func adoptsAnEmptyFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("empty.sqlite")
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let store = try Store.open(at: path)
        #expect(try store.appliedMigrations() == Store.knownMigrations)
    }

    @Test func reopeningKeepsEverything() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("funnel.sqlite")
        let (id, before, history, touches, roles): (Int64, Candidate, [StageChange], [Touchpoint], [FutureRole])
        do {
            let store = try Store.open(at: path)
            let zoe = try store.add(CandidateDraft(firstName: "Zoë", lastName: "Müller", email: "zoe@example.com", tags: ["go"]), at: at(0))
            try store.move(zoe.id, to: .consideration, at: at(1))
            try store.logTouch(zoe.id, TouchDraft(at: at(2), channel: .phone, outcome: .interested, note: "Lisbon"), followUp: .set(day(2026, 6, 3)))
            try store.recordFutureRole(zoe.id, title: "Staff Engineer", location: "Porto", remote: false, at: at(3))
            try store.setMeta("demo", "no")
            id = zoe.id
            before = try store.candidate(zoe.id)
            history = try store.stageHistory(zoe.id)
            touches = try store.touches(of: zoe.id)
            roles = try store.futureRoles(of: zoe.id)
        }
        let reopened = try Store.open(at: path)
        #expect(try reopened.appliedMigrations() == Store.knownMigrations)
        #expect(try reopened.candidate(id) == before)
        #expect(try reopened.stageHistory(id) == history)
        #expect(try reopened.touches(of: id) == touches)
        #expect(try reopened.futureRoles(of: id) == roles)
        #expect(try reopened.meta("demo") == "no")
        #expect(try reopened.search("porto").map(\.id) == [id])
        try expectCountsMatchGroupBy(reopened)
    }

    /// A desk written by a Funnel that only knew v1 opens in this one: v2 is applied, data intact.
    @Test func upgradesAStoreAtV1() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("old.sqlite")
        let (ana, bo): (Candidate, Candidate)
        let history: [StageChange]
        do {
            let queue = try DatabaseQueue(path: path, configuration: Store.configuration())
            try Schema.migrator.migrate(queue, upTo: Self.v1)
            let old = Store(writer: queue, path: path)
            #expect(try old.appliedMigrations() == [Self.v1])
            #expect(try queue.read { db in try db.columns(in: "candidate").contains { $0.name == "engagement_score" } } == false)
            // Written with SQL, as the older Funnel did: today's Store reads columns a v1 file lacks.
            let (t0, t1, t2, t3) = (Rows.seconds(at(0)), Rows.seconds(at(1)), Rows.seconds(at(2)), Rows.seconds(at(3)))
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO candidate (id, first_name, last_name, email, stage, status, created_at, updated_at,
                        stage_entered_at, last_touch_at, next_follow_up, activity_at, sort_name)
                    VALUES (1, 'Ana', 'Lopez', 'ana@example.com', 'conversion', 'active', ?, ?, ?, ?, ?, ?, ?),
                           (2, 'Bo', '山田', NULL, 'awareness', 'not_looking', ?, ?, ?, NULL, NULL, ?, ?)
                    """, arguments: [t0, t1, t1, t2, day(2026, 7, 1).iso, t2, Rows.sortName(first: "Ana", last: "Lopez"),
                                     t3, t3, t3, t3, Rows.sortName(first: "Bo", last: "山田")])
                try db.execute(sql: """
                    INSERT INTO stage_change (candidate_id, from_stage, to_stage, at)
                    VALUES (1, NULL, 'awareness', ?), (1, 'awareness', 'conversion', ?), (2, NULL, 'awareness', ?)
                    """, arguments: [t0, t1, t3])
                try db.execute(sql: """
                    INSERT INTO touchpoint (candidate_id, at, channel, direction, outcome, note) VALUES (1, ?, 'email', 'out', 'replied', 'wants Madrid')
                    """, arguments: [t2])
                try Store.reindex(db, 1)
                try Store.reindex(db, 2)
            }
            ana = Candidate(id: 1, firstName: "Ana", lastName: "Lopez", email: "ana@example.com", stage: .conversion, status: .active,
                            createdAt: at(0), updatedAt: at(1), stageEnteredAt: at(1), lastTouchAt: at(2), nextFollowUp: day(2026, 7, 1))
            bo = Candidate(id: 2, firstName: "Bo", lastName: "山田", stage: .awareness, status: .notLooking,
                           createdAt: at(3), updatedAt: at(3), stageEnteredAt: at(3))
            history = [StageChange(id: 1, candidateID: 1, from: nil, to: .awareness, at: at(0)),
                       StageChange(id: 2, candidateID: 1, from: .awareness, to: .conversion, at: at(1))]
            try queue.close()
        }
        let store = try Store.open(at: path)
        #expect(try store.appliedMigrations() == Store.knownMigrations)
        #expect(try store.candidate(ana.id) == ana)
        #expect(try store.candidate(bo.id) == bo)
        #expect(try store.stageHistory(ana.id) == history)
        #expect(try store.search("madr").map(\.id) == [ana.id])
        #expect(try store.search("山田").map(\.id) == [bo.id])
        try expectCountsMatchGroupBy(store)
        try store.writer.read { db in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM candidate WHERE engagement_score IS NULL") == 2)
            // The board-by-score read is one range of the new index.
            let details = try Row.fetchAll(db, sql: """
                EXPLAIN QUERY PLAN SELECT id FROM candidate WHERE stage = 'conversion' ORDER BY ifnull(engagement_score, -1) DESC, id DESC LIMIT 50
                """).map { $0["detail"] as String }.joined(separator: "\n")
            #expect(details.contains("candidate_board_score"), "\(details)")
            #expect(!details.contains("TEMP B-TREE"), "\(details)")
        }
        // The new column takes a score, and the schema keeps it in range.
        try store.writer.write { db in try db.execute(sql: "UPDATE candidate SET engagement_score = 87 WHERE id = ?", arguments: [ana.id]) }
        #expect(throws: DatabaseError.self) {
            try store.writer.write { db in try db.execute(sql: "UPDATE candidate SET engagement_score = 101 WHERE id = ?", arguments: [ana.id]) }
        }
        #expect(try store.candidate(ana.id) == ana)
    }

    @Test func refusesAStoreFromANewerFunnel() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("future.sqlite")
        do {
            let store = try Store.open(at: path)
            try store.add(CandidateDraft(firstName: "Ana"), at: at(0))
        }
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9: from the future')") }
            try queue.close()
        }
        let before = try bytes(path)
        expectFunnelError(.store, "written by a newer version of Funnel (schema v9: from the future)") { try Store.open(at: path) }
        #expect(try bytes(path) == before)
    }

    @Test(arguments: [
        Data("first_name,last_name\nAna,Lopez\n".utf8), Data("hi".utf8), Data((0..<4096).map { UInt8($0 % 251) }),
        Data("SQLite format 2\0 and then some more bytes to pass the header length".utf8),
    ])
    func refusesAFileThatIsNotSQLite(_ content: Data) throws {
        let folder = try TemporaryFolder()
        let path = folder.path("notes.csv")
        try content.write(to: URL(fileURLWithPath: path))
        expectFunnelError(.store, "is not a Funnel store (not an SQLite database)") { try Store.open(at: path) }
        #expect(try bytes(path) == content)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["notes.csv"])
    }

    /// Another program's database: refused, and not even switched to WAL.
    @Test(arguments: ["delete", "wal"])
    func refusesAnotherProgramsSQLiteFile(_ journalMode: String) throws {
        let folder = try TemporaryFolder()
        let path = folder.path("other.db")
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = \(journalMode)")
                try db.execute(sql: "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')")
            }
            try queue.close()
        }
        let before = try bytes(path)
        expectFunnelError(.store, "is an SQLite database but not a Funnel store") { try Store.open(at: path) }
        #expect(try bytes(path) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["other.db"])
    }

    @Test func refusesAnSQLiteFileOfAnotherApplication() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("other.db")
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA application_id = 42") }
            try queue.close()
        }
        let before = try bytes(path)
        expectFunnelError(.store, "is an SQLite database but not a Funnel store") { try Store.open(at: path) }
        #expect(try bytes(path) == before)
    }
}
