import GRDB

/// One batch of an import's new candidates written with the per-row triggers stood aside (v10,
/// `import_batch`), and their counters then added set-wise: a few `INSERT … SELECT … GROUP BY`
/// per batch of 5,000 instead of a dozen trigger statements per row.
///
/// Exact because every candidate of the batch is new: their stage change (exactly one each) and
/// their touches are all in the batch, so nothing earlier of theirs can be reached, answered or
/// re-dated; the statements are the recounts `funnel check` compares with (`expected…` in
/// SchemaReport/SchemaDue) restricted to the batch. The batch's rows are found by id: SQLite
/// gives inserted rows ids above the largest one, so the stage changes and touches after the
/// marks taken at `open` are the batch's, and the candidates are those of the stage changes.
struct ImportBatch {
    /// The largest stage change and touch ids before the batch.
    let stageChangeMark: Int64
    let touchMark: Int64

    /// Opens the batch inside the import's transaction: the guarded triggers stop firing.
    static func open(_ db: Database) throws -> ImportBatch {
        try db.execute(sql: "INSERT INTO import_batch (open) VALUES (1)")
        return ImportBatch(stageChangeMark: try Int64.fetchOne(db, sql: "SELECT max(id) FROM stage_change") ?? 0,
                           touchMark: try Int64.fetchOne(db, sql: "SELECT max(id) FROM touchpoint") ?? 0)
    }

    /// The batch's candidates, as a table expression (`?1` is the stage change mark).
    static let newCandidates = "(SELECT c.* FROM stage_change s JOIN candidate c NOT INDEXED ON c.id = s.candidate_id WHERE s.id > ?1)"

    /// What the guarded triggers would have added for the batch, in the order they would have
    /// run. (`NOT INDEXED` keeps each statement on the batch's rowid range: otherwise, at a
    /// million candidates, SQLite read the whole of `stage_path_entry` to group without sorting,
    /// or the whole of `candidate_report_follow_up` and looked each row up in the batch, 0.3 s a
    /// batch each.)
    /// Counts and due tallies, stage paths and their tally, touch tallies and the answered
    /// outbound touches (whose own trigger, not guarded, adds to `touch_tally.answered`).
    static let stageStatements: [String] = [
        """
        INSERT INTO stage_count (stage, status, n)
        SELECT c.stage, c.status, count(*) FROM \(newCandidates) c WHERE 1 GROUP BY 1, 2
        ON CONFLICT (stage, status) DO UPDATE SET n = n + excluded.n
        """,
        """
        INSERT INTO follow_up_tally (day, n)
        SELECT c.next_follow_up, count(*) FROM \(newCandidates) c WHERE \(Schema.followUpTallied("c")) GROUP BY 1
        ON CONFLICT (day) DO UPDATE SET n = n + excluded.n
        """,
        """
        INSERT INTO reengage_tally (kind, day, n)
        SELECT 'idle', \(Schema.utcDay(Schema.idleSince("c"))), count(*) FROM \(newCandidates) c
        WHERE \(Schema.reengageable("c")) GROUP BY 2
        ON CONFLICT (kind, day) DO UPDATE SET n = n + excluded.n
        """,
        """
        INSERT INTO reengage_tally (kind, day, n)
        SELECT 'cadence', \(Schema.utcDay("c.last_touch_at")), count(*) FROM \(newCandidates) c
        WHERE \(Schema.cadenceTallied("c")) GROUP BY 2
        ON CONFLICT (kind, day) DO UPDATE SET n = n + excluded.n
        """,
        """
        INSERT INTO stage_path (change_id, candidate_id, stage, stage_rank, from_stage, at, prev_entry_at, reached_at, stay_seconds)
        \(Schema.stagePathSelect(where: "s.id > ?1"))
        """,
        """
        INSERT INTO stage_entry_tally (stage, hour, entries, reached, placements)
        SELECT p.stage, \(Schema.hour("p.at")), count(*), count(p.reached_at), sum(\(Schema.isPlacement("p")))
        FROM stage_path p NOT INDEXED WHERE p.change_id > ?1 GROUP BY 1, 2
        ON CONFLICT (stage, hour) DO UPDATE SET entries = entries + excluded.entries,
            reached = reached + excluded.reached, placements = placements + excluded.placements
        """,
    ]

    static let touchStatements: [String] = [
        """
        INSERT INTO touch_tally (hour, channel, direction, template, touches, answered)
        SELECT \(Schema.hour("t.at")), t.channel, t.direction, coalesce(t.template, ''), count(*), 0
        FROM touchpoint t NOT INDEXED WHERE t.id > ?1 GROUP BY 1, 2, 3, 4
        ON CONFLICT (hour, channel, direction, template) DO UPDATE SET touches = touches + excluded.touches
        """,
        """
        INSERT INTO touch_answered (touch_id, hour, channel, template)
        SELECT t.id, \(Schema.hour("t.at")), t.channel, coalesce(t.template, '') FROM touchpoint t NOT INDEXED
        WHERE t.id > ?1 AND \(Schema.isOutbound("t")) AND \(Schema.isAnswered("t"))
        """,
    ]

    /// Adds the batch's counters and closes it: the triggers fire again for whatever follows.
    /// (The cadence starts need no statement: the import writes them with the rows.)
    func close(_ db: Database) throws {
        for sql in Self.stageStatements {
            try db.cachedStatement(sql: sql).execute(arguments: [stageChangeMark])
        }
        for sql in Self.touchStatements {
            try db.cachedStatement(sql: sql).execute(arguments: [touchMark])
        }
        try db.execute(sql: "DELETE FROM import_batch")
    }
}
