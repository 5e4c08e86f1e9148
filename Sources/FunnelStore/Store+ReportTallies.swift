import Foundation
import FunnelCore
import GRDB

/// Checking and repairing the tallies the report reads (SchemaReport.swift). Triggers keep them
/// in step with every write, so these are for `funnel check` and for a store written by a tool
/// that bypassed the triggers.
extension Store {
    /// One sentence per tally that disagrees with the rows it summarises; empty when all agree.
    /// Reads every stage change, touch and future role: seconds at a million candidates.
    public func reportTallyProblems() throws -> [String] {
        try read { db in
            var problems: [String] = []
            func compare(_ name: String, actual: String, expected: String) throws {
                let extra = try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(actual) EXCEPT \(expected))") ?? 0
                let missing = try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(expected) EXCEPT \(actual))") ?? 0
                if extra + missing > 0 {
                    problems.append("the report tally \(name) is out of step (\(extra) rows wrong or extra, \(missing) missing)")
                }
            }
            try compare("stage_path",
                        actual: "SELECT change_id, candidate_id, stage, stage_rank, from_stage, at, prev_entry_at, reached_at, stay_seconds FROM stage_path",
                        expected: Schema.stagePathSelect(where: "1"))
            try compare("stage_entry_tally",
                        actual: "SELECT stage, hour, entries, reached, placements FROM stage_entry_tally WHERE entries > 0",
                        expected: Schema.expectedStageEntryTally)
            try compare("touch_tally",
                        actual: "SELECT hour, channel, direction, template, touches, answered FROM touch_tally WHERE touches > 0",
                        expected: Schema.expectedTouchTally)
            try compare("future_role_title_tally", actual: "SELECT title, n FROM future_role_title_tally WHERE n > 0",
                        expected: Schema.expectedRoleTally("title"))
            try compare("future_role_location_tally", actual: "SELECT location, n FROM future_role_location_tally WHERE n > 0",
                        expected: Schema.expectedRoleTally("location"))
            return problems
        }
    }

    /// Recomputes every report tally from the rows, in one transaction. Each tally is emptied
    /// before the rows it summarises, so its triggers never count down from wrong figures.
    public func rebuildReportTallies() throws {
        try write { db in
            try db.execute(sql: """
                DELETE FROM stage_entry_tally;
                DELETE FROM stage_path;
                \(Schema.stagePathRows(where: "1"))
                DELETE FROM touch_tally;
                DELETE FROM touch_answered;
                \(Schema.touchTallyBackfill)
                DELETE FROM future_role_title_tally;
                DELETE FROM future_role_location_tally;
                \(Schema.roleTallyBackfill)
                """)
        }
    }
}
