import Foundation
import FunnelCore
@testable import FunnelStore
import GRDB
import Testing

/// v10 and `ImportBatch`: while an import writes its new candidates the per-row count, tally,
/// stage-path and cadence triggers stand aside and the import adds the counters set-wise. Every
/// counter must still equal a recount (`check`), the triggers must be back for the next write,
/// and without the set-wise counters the recount must notice.
@Suite struct ImportTriggerBatchTests {
    static let now = Date(timeIntervalSince1970: 1_793_491_200)  // 2026-11-01

    // MARK: Support

    /// A store with candidates, touches and stage history of its own, and the cadence rules
    /// recorded (so the stored starts are kept).
    func desk(_ folder: TemporaryFolder) throws -> Store {
        let store = try Store.open(at: folder.path("desk.sqlite"))
        let old = try store.add(CandidateDraft(firstName: "Old", email: "old@example.com"), at: Self.now.addingTimeInterval(-400 * 86_400))
        _ = try store.logTouch(old.id, TouchDraft(at: Self.now.addingTimeInterval(-300 * 86_400), channel: .email, direction: .outbound,
                                                  outcome: .sent, note: "", template: nil))
        _ = try store.add(CandidateDraft(firstName: "Kept", email: "kept@example.com"), at: Self.now.addingTimeInterval(-10 * 86_400))
        try store.settleCadences(rules: Rules.defaults, moment: Moment(now: Self.now, timeZone: TimeZone(identifier: "UTC")!))
        return store
    }

    /// Rows of every shape the counters depend on: stages and statuses, follow-ups, answered and
    /// unanswered last touches, notes, future roles, referrals, a long silence before outreach
    /// (a running cadence), merges into the store and into a row of the file.
    static let csv = """
        id,first_name,last_name,email,stage,status,next_follow_up,created_at,stage_entered_at,tags,notes,future_role_title,future_role_location,referred_by,last_touch_at,last_touch_channel,last_touch_direction,last_touch_outcome,last_touch_note
        101,Ana,,ana@example.com,consideration,active,,2025-01-10,2025-02-01,"go, rust",hello,,,,2025-03-01T10:00:00Z,email,out,sent,first mail
        102,Bo,Berg,bo@example.com,loyalty,placed,,2024-05-01,2026-06-02,,,,,,2026-06-01T09:00:00Z,phone,in,replied,called back
        103,Cy,,cy@example.com,awareness,do_not_contact,,2026-01-01,,,,,,,,,,,
        104,Di,,di@example.com,conversion,active,2026-12-01,2026-02-01,,,,Staff Engineer,Lisbon,101,2026-10-01T12:00:00Z,email,out,interested,
        ,Ana,Alves,ANA@example.com,,,,,,,second note,,,,,,,,
        ,Old,,old@example.com,,,,,,,met at the fair,,,,,,,,
        105,Ed,,ed@example.com,awareness,not_looking,,2024-01-01,,,,,,,2025-01-01T08:00:00Z,email,out,sent,
        106,Fay,,,advocacy,active,,2025-06-01,,,a note,,,104,,,,,

        """

    @Test func countersEqualARecountAndTheTriggersComeBack() throws {
        let folder = try TemporaryFolder()
        let store = try desk(folder)
        #expect(try store.check().problems == [])
        let report = try store.importCSV(data: Data(Self.csv.utf8), name: "desk.csv", options: ImportOptions(), at: Self.now)
        #expect(report.committed, "\(report.lines(includeAdds: true))")
        #expect(report.outcomes.map(\.action) == [.add, .add, .add, .add, .merge, .merge, .add, .add])
        #expect(try store.check().problems == [])
        let after = try store.read { db in
            [try Int64.fetchOne(db, sql: "SELECT count(*) FROM import_batch"),
             try Int64.fetchOne(db, sql: "SELECT count(*) FROM candidate WHERE cadence_dirty = 1"),
             try Int64.fetchOne(db, sql: "SELECT cadence_start FROM candidate WHERE id = 105"),
             try Int64.fetchOne(db, sql: "SELECT count(*) FROM touch_answered"),
             try Int64.fetchOne(db, sql: "SELECT sum(n) FROM stage_count")]
        }
        // No batch left open, no cadence left dirty; Ed's outreach after a year of silence started
        // a cadence (written with his row); Di's answered mail; eight candidates counted.
        #expect(after == [0, 0, 1_735_718_400, 1, 8])
        // The next writes go through the triggers again, and the recount still agrees.
        let later = try store.add(CandidateDraft(firstName: "Later", email: "later@example.com"), at: Self.now)
        _ = try store.logTouch(later.id, TouchDraft(at: Self.now, channel: .email, direction: .outbound, outcome: .sent,
                                                    note: "", template: nil))
        _ = try store.logTouch(101, TouchDraft(at: Self.now, channel: .email, direction: .inbound, outcome: .replied,
                                               note: "yes", template: nil))
        #expect(try store.check().problems == [])
        let counts = try store.read { db in
            [try Int.fetchOne(db, sql: "SELECT sum(n) FROM stage_count"), try Int.fetchOne(db, sql: "SELECT count(*) FROM stage_path")]
        }
        #expect(counts == [9, 9])
    }

    /// The same rows spread over several write batches, with duplicates across them.
    @Test func countersEqualARecountAcrossBatches() throws {
        let folder = try TemporaryFolder()
        let store = try desk(folder)
        var csv = "first_name,email,stage,next_follow_up,last_touch_at,last_touch_channel,last_touch_direction,last_touch_outcome,notes\n"
        let stages = ["awareness", "consideration", "conversion", "loyalty", "advocacy"]
        for i in 0..<(Importer.batchSize * 2 + 300) {
            let email = i % 997 == 5 ? "old@example.com" : "p\(i % (Importer.batchSize + 700))@example.com"
            let day = 1 + i % 28
            csv += "P\(i),\(email),\(stages[i % 5]),\(i % 3 == 0 ? "2026-12-\(String(format: "%02d", day))" : ""),"
            csv += i % 4 == 0 ? "2025-0\(1 + i % 9)-\(String(format: "%02d", day))T10:00:00Z,email,\(i % 8 == 0 ? "in" : "out"),\(i % 8 == 0 ? "replied" : "sent")," : ",,,,"
            csv += i % 2 == 0 ? "note \(i)\n" : "\n"
        }
        let report = try store.importCSV(data: Data(csv.utf8), name: "many.csv", options: ImportOptions(), at: Self.now)
        #expect(report.committed)
        #expect(report.outcomes.contains { $0.action == .merge })
        #expect(try store.check().problems == [])
    }

    /// The guard is what stands the triggers aside: rows written while `import_batch` holds its
    /// row and not counted afterwards are found by the recount.
    @Test func withoutTheSetWiseCountersTheRecountDisagrees() throws {
        let folder = try TemporaryFolder()
        let store = try desk(folder)
        try store.writer.write { db in
            try db.execute(sql: "INSERT INTO import_batch (open) VALUES (1)")
            try db.execute(sql: """
                INSERT INTO candidate (id, first_name, stage, status, created_at, updated_at, stage_entered_at, activity_at, sort_name)
                VALUES (50, 'Ghost', 'awareness', 'active', 0, 0, 0, 0, 'ghost');
                INSERT INTO stage_change (candidate_id, from_stage, to_stage, at) VALUES (50, NULL, 'awareness', 0);
                INSERT INTO touchpoint (candidate_id, at, channel, direction) VALUES (50, 0, 'email', 'out');
                """)
            try db.execute(sql: "DELETE FROM import_batch")
        }
        let problems = try store.check().problems
        #expect(problems.contains { $0.contains("stage_path") }, "\(problems)")
        #expect(problems.contains { $0.contains("touch_tally") }, "\(problems)")
        #expect(problems.contains { $0.contains("stage_count says") }, "\(problems)")
    }
}
