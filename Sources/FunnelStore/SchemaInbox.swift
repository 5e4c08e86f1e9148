import GRDB

/// v12: what `funnel inbox` keeps (issue 12, docs/mailbox.md and docs/campaigns.md).
///
/// - `candidate.email_bounced_at` / `email_bounce`: when a delivery-status report said the
///   address fails for good (a 5.x.x `failed`), and what it said. A bouncing address counts as no
///   address for every rule and campaign (`Schema.reengageable` gained `email_bounced_at IS
///   NULL`), so the re-engagement indexes, the report's index and the due-tally triggers are made
///   again with it; no address bounces yet, so the tallies need no recount. A new address clears
///   both (trigger `email_bounce_cleared`, whatever path edits it: the app, an import's merge,
///   `sqlite3`).
/// - `touchpoint.outcome` may be 'auto_reply' (`widenOutcomeCheck`): an out-of-office is logged
///   as what it is, neither a reply nor silence.
/// - `inbox_seen (mailbox, key)`: every mailbox entry a run has dealt with, by the reader's stable
///   key (docs/mailbox.md), so a re-run skips them without opening a file. Written in the same
///   transaction as what the entries logged. `inbox_mailbox.last_key`: the last mbox key, so a
///   re-run over a file that only grew starts after it.
extension Schema {
    static let inboxMigrationName = "v12: the inbox and bouncing addresses"

    static func registerInboxMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration(inboxMigrationName) { db in
            try db.execute(sql: inboxMigration)
            try widenOutcomeCheck(db)
        }
    }

    /// Adds 'auto_reply' to the outcomes `touchpoint`'s CHECK allows. SQLite cannot alter a
    /// constraint, and copying five million touches to a new table would take a minute at a
    /// million candidates; a CHECK that only grows may be rewritten in the schema text instead
    /// (sqlite.org/lang_altertable.html, "making other kinds of table schema changes": no stored
    /// row can violate a wider CHECK). The text must hold v1's list exactly once, or nothing changes.
    static func widenOutcomeCheck(_ db: Database) throws {
        let old = "outcome IN \(outcomesV1)"
        let new = "outcome IN \(outcomes)"
        guard let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'touchpoint'"),
              sql.components(separatedBy: old).count == 2 else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "touchpoint's outcome CHECK is not v1's: not widened")
        }
        let version = try Int.fetchOne(db, sql: "PRAGMA schema_version") ?? 0
        try db.execute(sql: "PRAGMA writable_schema = ON")
        try db.execute(sql: "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'touchpoint'",
                       arguments: [sql.replacingOccurrences(of: old, with: new)])
        try db.execute(sql: "PRAGMA schema_version = \(version + 1)")
        try db.execute(sql: "PRAGMA writable_schema = OFF")
    }

    static let inboxMigration = """
    ALTER TABLE candidate ADD COLUMN email_bounced_at INTEGER;
    ALTER TABLE candidate ADD COLUMN email_bounce TEXT;

    DROP INDEX candidate_cadence_running;
    CREATE INDEX candidate_cadence_running ON candidate(last_touch_at, id)
        WHERE cadence_start IS NOT NULL AND \(reengageable());
    DROP INDEX candidate_idle_since;
    CREATE INDEX candidate_idle_since ON candidate(\(idleSince())) WHERE \(reengageable());
    DROP INDEX candidate_never_touched;
    CREATE INDEX candidate_never_touched ON candidate(id) WHERE last_touch_at IS NULL AND \(reengageable());
    DROP INDEX candidate_report_reengage;
    CREATE INDEX candidate_report_reengage ON candidate(activity_at)
        WHERE email IS NOT NULL AND email_bounced_at IS NULL AND status IN ('active', 'not_looking');

    DROP TRIGGER due_tally_after_insert;
    CREATE TRIGGER due_tally_after_insert AFTER INSERT ON candidate WHEN \(outsideImportBatch) BEGIN
        \(dueTallyAdd("NEW"))
    END;
    DROP TRIGGER due_tally_after_delete;
    CREATE TRIGGER due_tally_after_delete AFTER DELETE ON candidate BEGIN
        \(dueTallyRemove("OLD"))
    END;
    DROP TRIGGER due_tally_after_update;
    CREATE TRIGGER due_tally_after_update
        AFTER UPDATE OF next_follow_up, status, email, email_bounced_at, last_touch_at, created_at, cadence_start ON candidate BEGIN
        \(dueTallyRemove("OLD"))
        \(dueTallyAdd("NEW"))
    END;

    -- A new address is not the one that bounced.
    CREATE TRIGGER email_bounce_cleared AFTER UPDATE OF email ON candidate
        WHEN NEW.email_bounced_at IS NOT NULL AND NEW.email IS NOT OLD.email BEGIN
        UPDATE candidate SET email_bounced_at = NULL, email_bounce = NULL WHERE id = NEW.id;
    END;

    CREATE TABLE inbox_seen (
        mailbox TEXT NOT NULL,
        key     TEXT NOT NULL,
        PRIMARY KEY (mailbox, key)
    ) WITHOUT ROWID;
    CREATE TABLE inbox_mailbox (
        mailbox  TEXT PRIMARY KEY,
        last_key TEXT,
        read_at  INTEGER NOT NULL
    ) WITHOUT ROWID;
    """
}
