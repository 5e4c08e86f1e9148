import Foundation
import FunnelCore
import GRDB

/// The health of a store: what `funnel check` prints.
public struct CheckReport: Sendable, Encodable, Equatable {
    /// Every problem found, one sentence each; empty when the store is healthy.
    public var problems: [String]
    /// Migrations applied / known to this version of Funnel.
    public var schemaVersion: Int
    public var knownSchemaVersion: Int
    public var candidates: Int
    public var touches: Int
    public var stageChanges: Int
    public var futureRoles: Int
    public var openings: Int
    public var templates: Int
    public var auditEntries: Int
    public var searchDocuments: Int
    public var pageSize: Int
    public var pages: Int
    public var freePages: Int

    public var ok: Bool { problems.isEmpty }

    enum CodingKeys: String, CodingKey {
        case ok, problems, schemaVersion, knownSchemaVersion, candidates, touches, stageChanges, futureRoles
        case openings, templates, auditEntries, searchDocuments, pageSize, pages, freePages
    }

    public func encode(to encoder: Encoder) throws {
        var out = encoder.container(keyedBy: CodingKeys.self)
        try out.encode(ok, forKey: .ok)
        try out.encode(problems, forKey: .problems)
        try out.encode(schemaVersion, forKey: .schemaVersion)
        try out.encode(knownSchemaVersion, forKey: .knownSchemaVersion)
        try out.encode(candidates, forKey: .candidates)
        try out.encode(touches, forKey: .touches)
        try out.encode(stageChanges, forKey: .stageChanges)
        try out.encode(futureRoles, forKey: .futureRoles)
        try out.encode(openings, forKey: .openings)
        try out.encode(templates, forKey: .templates)
        try out.encode(auditEntries, forKey: .auditEntries)
        try out.encode(searchDocuments, forKey: .searchDocuments)
        try out.encode(pageSize, forKey: .pageSize)
        try out.encode(pages, forKey: .pages)
        try out.encode(freePages, forKey: .freePages)
    }
}

extension Store {
    /// Checks the store: SQLite's integrity check, foreign keys, the Funnel identity and schema
    /// version, the counters the triggers keep against real counts, the search index against the
    /// candidates (and FTS5's own integrity check), and the invariants every write keeps (stage
    /// history ends in the current stage, last touch is the latest touch, nobody marked do not
    /// contact has a follow-up), and every text column against the plain-text rule
    /// (`PlainText`). Reads every table: a maintenance command, not a hot path.
    public func check() throws -> CheckReport {
        var problems: [String] = []
        var report = try read { db -> CheckReport in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check(20)")
            if integrity != ["ok"] { problems += integrity.map { "integrity check: \($0)" } }
            for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
                let table: String = row[0], rowid: Int64? = row[1], parent: String = row[2]
                problems.append("foreign key: \(table) row \(rowid.map(String.init) ?? "?") points at a missing \(parent)")
            }
            let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            if appID != Schema.applicationID { problems.append("the file is not marked as a Funnel store (application_id \(appID))") }
            let applied = try Schema.migrator.appliedIdentifiers(db)
            let missing = Schema.migrationNames.filter { !applied.contains($0) }
            if !missing.isEmpty { problems.append("schema migrations not applied: \(missing.joined(separator: ", "))") }
            let unknown = applied.subtracting(Schema.migrationNames)
            if !unknown.isEmpty { problems.append("schema written by a newer Funnel: \(unknown.sorted().joined(separator: ", "))") }

            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            let candidates = try count("SELECT count(*) FROM candidate")

            // Counters kept by triggers, against a real count.
            var kept: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT stage, status, n FROM stage_count") {
                kept["\(row["stage"] as String)/\(row["status"] as String)"] = row["n"]
            }
            var real: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT stage, status, count(*) AS n FROM candidate GROUP BY stage, status") {
                real["\(row["stage"] as String)/\(row["status"] as String)"] = row["n"]
            }
            for key in Set(kept.keys).union(real.keys).sorted() where (kept[key] ?? 0) != (real[key] ?? 0) {
                problems.append("stage_count says \(kept[key] ?? 0) candidates in \(key), there are \(real[key] ?? 0)")
            }

            // One search document per candidate, in the partition of its id, and none for anyone else.
            let partitions = try SearchIndex.partitions(db)
            if !partitions.contains(SearchIndex.Partition(number: 0)) { problems.append("the search index has no candidate_search table") }
            var documents = 0, misplaced = 0
            for partition in partitions {
                documents += try count("SELECT count(*) FROM \(partition.table)")
                misplaced += try count("""
                    SELECT count(*) FROM \(partition.table) WHERE rowid NOT BETWEEN \(partition.firstID) AND \(partition.lastID)
                    """)
                if try !db.tableExists(partition.terms) { problems.append("search partition \(partition.table) has no \(partition.terms) table") }
            }
            let placed = partitions.map {
                "SELECT rowid FROM \($0.table) WHERE rowid BETWEEN \($0.firstID) AND \($0.lastID)"
            }.joined(separator: " UNION ALL ")
            let unindexed = try count("SELECT count(*) FROM candidate WHERE id NOT IN (\(placed.isEmpty ? "SELECT NULL WHERE 0" : placed))")
            let orphans = try partitions.reduce(0) {
                $0 + (try count("SELECT count(*) FROM \($1.table) WHERE rowid NOT IN (SELECT id FROM candidate)"))
            }
            if unindexed > 0 { problems.append("\(unindexed) candidate\(unindexed == 1 ? " has" : "s have") no search document") }
            if orphans > 0 { problems.append("\(orphans) search document\(orphans == 1 ? " belongs" : "s belong") to no candidate") }
            if misplaced > 0 { problems.append("\(misplaced) search document\(misplaced == 1 ? " is" : "s are") outside the partition of \(misplaced == 1 ? "its" : "their") id") }

            // Invariants of every write.
            let wrongStage = try count("""
                SELECT count(*) FROM candidate c WHERE c.stage IS NOT
                    (SELECT to_stage FROM stage_change s WHERE s.candidate_id = c.id ORDER BY at DESC, id DESC LIMIT 1)
                """)
            if wrongStage > 0 { problems.append("\(wrongStage) candidate\(wrongStage == 1 ? "'s" : "s'") stage history does not end in their stage") }
            let wrongTouch = try count("""
                SELECT count(*) FROM candidate c WHERE c.last_touch_at IS NOT
                    (SELECT max(at) FROM touchpoint t WHERE t.candidate_id = c.id)
                """)
            if wrongTouch > 0 { problems.append("\(wrongTouch) candidate\(wrongTouch == 1 ? "'s" : "s'") last touch is not their latest touch") }
            let contacted = try count("SELECT count(*) FROM candidate WHERE status = 'do_not_contact' AND next_follow_up IS NOT NULL")
            if contacted > 0 { problems.append("\(contacted) candidate\(contacted == 1 ? "" : "s") marked do not contact \(contacted == 1 ? "has" : "have") a follow-up date") }

            // Match keys (docs/rules.md, "Openings and matches"): recomputed with this store's vocabulary.
            problems += try Store.matchKeyProblems(db, vocabulary: matchVocabulary)
            problems += try Store.matchTallyProblems(db)
            problems += try Store.dueTallyProblems(db)

            // Text stored before validation, or by another tool: control characters and the like.
            problems += try Store.unsafeTextProblems(db)

            return CheckReport(
                problems: [], schemaVersion: applied.count, knownSchemaVersion: Schema.migrationNames.count,
                candidates: candidates, touches: try count("SELECT count(*) FROM touchpoint"),
                stageChanges: try count("SELECT count(*) FROM stage_change"),
                futureRoles: try count("SELECT count(*) FROM future_role"), openings: try count("SELECT count(*) FROM opening"),
                templates: try count("SELECT count(*) FROM template"), auditEntries: try count("SELECT count(*) FROM audit"),
                searchDocuments: documents, pageSize: try count("PRAGMA page_size"), pages: try count("PRAGMA page_count"),
                freePages: try count("PRAGMA freelist_count"))
        }
        // FTS5's own check that each partition's index matches its content. Written as an INSERT,
        // so it needs the writer connection, but it changes nothing.
        for partition in try read({ db in try SearchIndex.partitions(db) }) {
            do {
                try writer.writeWithoutTransaction { db in
                    try db.execute(sql: "INSERT INTO \(partition.table)(\(partition.table)) VALUES('integrity-check')")
                }
            } catch {
                problems.append("search index\(partition.number == 0 ? "" : " (\(partition.table))"): \(Store.describe(error))")
            }
        }
        // The report's tallies (kept by triggers) against the rows they summarise.
        problems += try reportTallyProblems().map { "report tallies: \($0)" }
        report.problems = problems
        return report
    }
}
