import GRDB

/// v10: the per-row triggers that an import's new candidates do not need can stand aside while
/// the import writes them and keeps their counters itself, set-wise (`ImportBatchTallies`).
///
/// A new candidate has no earlier stage change and no earlier touch, so for them the triggers of
/// v1, v4 and v8 do per row what one `INSERT … SELECT … GROUP BY` does per batch: the stage-path
/// trigger alone ran three row-value UPDATEs and three subqueries per candidate, every one an
/// index probe that found nothing (1.7 s of a 100,000-row import), and the count, tally and
/// cadence triggers added one upsert or UPDATE each.
///
/// `import_batch` holds a row only inside an import's transaction, while it writes a batch of new
/// candidates with their tags, funnel entries and touches (nobody else ever sees the row, and a
/// crash rolls it back with the rest). The guarded triggers are the ones that fire for those rows:
/// `candidate_count_insert`, `due_tally_after_insert`, `stage_path_insert`,
/// `stage_entry_tally_insert`, `touch_tally_insert`, `cadence_dirty_after_touch_insert`. Their
/// bodies are unchanged; every other write (the app, merges, `sqlite3`) runs them as before.
/// The future-role triggers are not guarded (few imported rows carry a role).
extension Schema {
    static let importTriggersMigrationName = "v10: import-friendly triggers"

    static func registerImportTriggersMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration(importTriggersMigrationName) { db in
            try db.execute(sql: importTriggersMigration)
        }
    }

    /// True outside an import's batch: the guard of the triggers above.
    static let outsideImportBatch = "NOT EXISTS (SELECT 1 FROM import_batch)"

    /// v1's `candidate_count_insert` body.
    static let stageCountAdd = """
    INSERT INTO stage_count(stage, status, n) VALUES (NEW.stage, NEW.status, 1)
        ON CONFLICT(stage, status) DO UPDATE SET n = n + 1;
    """

    static let importTriggersMigration = """
    -- One row (open = 1) while an import writes a batch of new candidates, inside its transaction.
    CREATE TABLE import_batch (open INTEGER PRIMARY KEY CHECK (open = 1));

    DROP TRIGGER candidate_count_insert;
    CREATE TRIGGER candidate_count_insert AFTER INSERT ON candidate WHEN \(outsideImportBatch) BEGIN
        \(stageCountAdd)
    END;
    DROP TRIGGER due_tally_after_insert;
    CREATE TRIGGER due_tally_after_insert AFTER INSERT ON candidate WHEN \(outsideImportBatch) BEGIN
        \(dueTallyAdd("NEW", bounce: false))
    END;
    DROP TRIGGER stage_path_insert;
    CREATE TRIGGER stage_path_insert AFTER INSERT ON stage_change WHEN \(outsideImportBatch) BEGIN
        \(stagePathAdd)
    END;
    DROP TRIGGER stage_entry_tally_insert;
    CREATE TRIGGER stage_entry_tally_insert AFTER INSERT ON stage_path WHEN \(outsideImportBatch) BEGIN
        \(stageEntryTallyAdd)
    END;
    DROP TRIGGER touch_tally_insert;
    CREATE TRIGGER touch_tally_insert AFTER INSERT ON touchpoint WHEN \(outsideImportBatch) BEGIN
        \(touchAdd("NEW"))
    END;
    DROP TRIGGER cadence_dirty_after_touch_insert;
    CREATE TRIGGER cadence_dirty_after_touch_insert AFTER INSERT ON touchpoint
        WHEN \(cadenceKept) AND \(outsideImportBatch) BEGIN
        UPDATE candidate SET cadence_dirty = 1 WHERE id = NEW.candidate_id AND cadence_dirty = 0;
    END;
    """
}
