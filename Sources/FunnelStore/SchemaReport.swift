import GRDB

/// Migration "v4: report indexes": the indexes the funnel overview (Store+Report.swift) reads,
/// so each of its figures is an index range read rather than a table scan at a million
/// candidates. Only indexes: no table or row changes, safe to apply to any store.
extension Schema {
    static let reportMigrationName = "v4: report indexes"

    static func registerReportMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration(reportMigrationName) { db in
            try db.execute(sql: reportIndexes)
        }
    }

    static let reportIndexes = """
    -- Stage changes by time, carrying what conversion, time in stage and placements read:
    -- one range read of the period with no table lookups.
    CREATE INDEX stage_change_report_time ON stage_change(at, to_stage, from_stage, candidate_id);
    -- Entries into one stage during the period (conversion, placements).
    CREATE INDEX stage_change_report_entry ON stage_change(to_stage, at, candidate_id, from_stage);
    -- Stale pipeline candidates per stage: a range count on last activity.
    CREATE INDEX candidate_report_stale ON candidate(stage, activity_at) WHERE status <> 'do_not_contact';
    -- Re-engagement due: reachable by email, open to contact, silent for a long time.
    CREATE INDEX candidate_report_reengage ON candidate(activity_at)
        WHERE email IS NOT NULL AND status IN ('active', 'not_looking');
    -- Touches by time with what the weekly chart and the reply rates read.
    CREATE INDEX touchpoint_report_time ON touchpoint(at, channel, direction, outcome, template, candidate_id);
    -- Answers (inbound touches, or an outcome that is an answer), per candidate and time: the
    -- reply-rate probe reads only these.
    CREATE INDEX touchpoint_report_answer ON touchpoint(candidate_id, at)
        WHERE channel <> 'note' AND (direction = 'in' OR outcome IN ('replied', 'interested', 'not_now', 'declined'));
    """
}
