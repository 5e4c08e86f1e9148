import GRDB

/// v8: the Today queue's counts kept rather than recounted, and a stored re-engagement start, so
/// that opening Today, a log from it and `funnel due` read a few rows at a million candidates
/// (docs/performance.md, "Today and funnel due").
///
/// - `candidate.cadence_start`: when the person's running re-engagement cadence started
///   (`ReengagementCadence.start` over their log), or NULL. It depends on the rules
///   (`reengageAfterDays`) and the time zone the days are counted in, so it is kept for the ones
///   recorded in `meta.cadence_rules`; a due read with other rules recomputes every candidate once
///   (`Store.settleCadences`). Kept exact by the writes: a trigger marks the person
///   `cadence_dirty` when a touch of theirs is added, removed or changed, and the write (or the
///   next due read) recomputes the dirty ones in its own transaction. So a touch logged by another
///   tool, `sqlite3` included, is never missed.
/// - `candidate_cadence_running (last_touch_at, id)`, partial on a running cadence of a
///   re-engageable person: the queue's cadence group is one range of it.
/// - `candidate_idle_since (coalesce(last_touch_at, created_at))`, partial on re-engageable: the
///   exact count of the part of a day the tally cannot answer (below).
/// - `candidate_never_touched (id)`, partial on never touched and re-engageable: the queue's
///   "never contacted" rows without reading past everyone who was touched.
/// - `follow_up_tally (day, n)`: follow-ups per day of people who may be contacted; the overdue
///   count is a sum over the past days, today's one row.
/// - `reengage_tally (kind, day, n)`: re-engageable people per UTC day (unix seconds / 86,400) of
///   their last activity (`idle`), and those in a running cadence per UTC day of their last touch
///   (`cadence`). A count up to a cutoff is the sum over whole days plus an index count of the
///   cutoff's own partial day. Rows at zero are deleted. `funnel check` recounts both tallies.
///
/// "Re-engageable" here is the SQL half of `DueRules.isReengageable` (no follow-up planned, active
/// or not looking, an email); the email's full check is in Swift, and every stored email passed it.
extension Schema {
    static let dueMigrationName = "v8: due tallies and the stored re-engagement start"

    static func registerDueMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration(dueMigrationName) { db in
            try db.execute(sql: dueMigration)
        }
    }

    /// The SQL half of "may be re-engaged", on row `r` (NEW, OLD or a table alias). `bounce`:
    /// whether a bouncing address counts as none (v12 on; v8's and v10's migrations were released
    /// without the column and keep their text).
    static func reengageable(_ r: String? = nil, bounce: Bool = true) -> String {
        let p = r.map { "\($0)." } ?? ""
        let bouncing = bounce ? " AND \(p)email_bounced_at IS NULL" : ""
        return "(\(p)next_follow_up IS NULL AND \(p)status IN ('active', 'not_looking') AND \(p)email IS NOT NULL\(bouncing))"
    }

    /// The UTC day of unix seconds `t`, rounded down for instants before 1970 too.
    static func utcDay(_ t: String) -> String { "((\(t) - (((\(t)) % 86400) + 86400) % 86400) / 86400)" }

    static func idleSince(_ r: String? = nil) -> String {
        let p = r.map { "\($0)." } ?? ""
        return "coalesce(\(p)last_touch_at, \(p)created_at)"
    }

    static func followUpTallied(_ r: String) -> String {
        "(\(r).next_follow_up IS NOT NULL AND \(r).status <> 'do_not_contact')"
    }

    static func cadenceTallied(_ r: String, bounce: Bool = true) -> String {
        "(\(r).cadence_start IS NOT NULL AND \(r).last_touch_at IS NOT NULL AND \(reengageable(r, bounce: bounce)))"
    }

    /// Adds row `r` to every tally it belongs to.
    static func dueTallyAdd(_ r: String, bounce: Bool = true) -> String {
        """
        INSERT INTO follow_up_tally (day, n) SELECT \(r).next_follow_up, 1 WHERE \(followUpTallied(r))
            ON CONFLICT (day) DO UPDATE SET n = n + 1;
        INSERT INTO reengage_tally (kind, day, n) SELECT 'idle', \(utcDay(idleSince(r))), 1 WHERE \(reengageable(r, bounce: bounce))
            ON CONFLICT (kind, day) DO UPDATE SET n = n + 1;
        INSERT INTO reengage_tally (kind, day, n) SELECT 'cadence', \(utcDay("\(r).last_touch_at")), 1 WHERE \(cadenceTallied(r, bounce: bounce))
            ON CONFLICT (kind, day) DO UPDATE SET n = n + 1;
        """
    }

    /// Takes row `r` out of every tally it belongs to.
    static func dueTallyRemove(_ r: String, bounce: Bool = true) -> String {
        """
        UPDATE follow_up_tally SET n = n - 1 WHERE \(followUpTallied(r)) AND day = \(r).next_follow_up;
        DELETE FROM follow_up_tally WHERE day = \(r).next_follow_up AND n = 0;
        UPDATE reengage_tally SET n = n - 1 WHERE \(reengageable(r, bounce: bounce)) AND kind = 'idle' AND day = \(utcDay(idleSince(r)));
        DELETE FROM reengage_tally WHERE kind = 'idle' AND day = \(utcDay(idleSince(r))) AND n = 0;
        UPDATE reengage_tally SET n = n - 1 WHERE \(cadenceTallied(r, bounce: bounce)) AND kind = 'cadence' AND day = \(utcDay("\(r).last_touch_at"));
        DELETE FROM reengage_tally WHERE kind = 'cadence' AND day = \(utcDay("\(r).last_touch_at")) AND n = 0;
        """
    }

    /// What `follow_up_tally` must hold, recounted from the candidates.
    static let expectedFollowUpTally = """
    SELECT next_follow_up AS day, count(*) AS n FROM candidate c WHERE \(followUpTallied("c")) GROUP BY 1
    """

    /// What `reengage_tally` must hold, recounted from the candidates.
    static let expectedReengageTally = expectedReengageTally(bounce: true)

    static func expectedReengageTally(bounce: Bool) -> String {
        """
        SELECT 'idle' AS kind, \(utcDay(idleSince("c"))) AS day, count(*) AS n FROM candidate c \
        WHERE \(reengageable("c", bounce: bounce)) GROUP BY 2
        UNION ALL
        SELECT 'cadence', \(utcDay("c.last_touch_at")), count(*) FROM candidate c WHERE \(cadenceTallied("c", bounce: bounce)) GROUP BY 2
        """
    }

    /// The touch columns the cadence reads: a change to any of them makes the person's start stale.
    static let cadenceTouchColumns = "candidate_id, at, channel, direction, outcome"

    /// Whether the stored starts are kept yet: a due read has recorded the rules.
    static let cadenceKept = "EXISTS (SELECT 1 FROM meta WHERE key = 'cadence_rules')"

    static let dueMigration = """
    ALTER TABLE candidate ADD COLUMN cadence_start INTEGER;
    ALTER TABLE candidate ADD COLUMN cadence_dirty INTEGER NOT NULL DEFAULT 0 CHECK (cadence_dirty IN (0, 1));

    CREATE INDEX candidate_cadence_running ON candidate(last_touch_at, id)
        WHERE cadence_start IS NOT NULL AND \(reengageable(bounce: false));
    CREATE INDEX candidate_idle_since ON candidate(\(idleSince())) WHERE \(reengageable(bounce: false));
    CREATE INDEX candidate_never_touched ON candidate(id) WHERE last_touch_at IS NULL AND \(reengageable(bounce: false));
    CREATE INDEX candidate_cadence_dirty ON candidate(id) WHERE cadence_dirty = 1;

    CREATE TABLE follow_up_tally (
        day TEXT PRIMARY KEY,
        n   INTEGER NOT NULL CHECK (n >= 0)
    ) WITHOUT ROWID;
    INSERT INTO follow_up_tally (day, n) \(expectedFollowUpTally);

    CREATE TABLE reengage_tally (
        kind TEXT NOT NULL CHECK (kind IN ('idle', 'cadence')),
        day  INTEGER NOT NULL,
        n    INTEGER NOT NULL CHECK (n >= 0),
        PRIMARY KEY (kind, day)
    ) WITHOUT ROWID;
    INSERT INTO reengage_tally (kind, day, n) \(expectedReengageTally(bounce: false));

    CREATE TRIGGER due_tally_after_insert AFTER INSERT ON candidate BEGIN
        \(dueTallyAdd("NEW", bounce: false))
    END;
    CREATE TRIGGER due_tally_after_delete AFTER DELETE ON candidate BEGIN
        \(dueTallyRemove("OLD", bounce: false))
    END;
    CREATE TRIGGER due_tally_after_update
        AFTER UPDATE OF next_follow_up, status, email, last_touch_at, created_at, cadence_start ON candidate BEGIN
        \(dueTallyRemove("OLD", bounce: false))
        \(dueTallyAdd("NEW", bounce: false))
    END;

    -- The cadence is read from the log: any change to it makes the stored start stale. Until a
    -- due read has recorded the rules nothing is kept, and the first one computes everyone.
    CREATE TRIGGER cadence_dirty_after_touch_insert AFTER INSERT ON touchpoint WHEN \(cadenceKept) BEGIN
        UPDATE candidate SET cadence_dirty = 1 WHERE id = NEW.candidate_id AND cadence_dirty = 0;
    END;
    CREATE TRIGGER cadence_dirty_after_touch_delete AFTER DELETE ON touchpoint WHEN \(cadenceKept) BEGIN
        UPDATE candidate SET cadence_dirty = 1 WHERE id = OLD.candidate_id AND cadence_dirty = 0;
    END;
    CREATE TRIGGER cadence_dirty_after_touch_update AFTER UPDATE OF \(cadenceTouchColumns) ON touchpoint WHEN \(cadenceKept) BEGIN
        UPDATE candidate SET cadence_dirty = 1 WHERE id IN (OLD.candidate_id, NEW.candidate_id) AND cadence_dirty = 0;
    END;
    CREATE TRIGGER cadence_dirty_after_created AFTER UPDATE OF created_at ON candidate WHEN \(cadenceKept) BEGIN
        UPDATE candidate SET cadence_dirty = 1 WHERE id = NEW.id AND cadence_dirty = 0;
    END;
    """
}
