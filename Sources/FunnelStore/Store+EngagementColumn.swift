import Foundation
import FunnelCore
import GRDB

// TODO(lead): enable once the migration adding `candidate.engagement_score` (nullable INTEGER,
// index (stage, engagement_score DESC, id DESC)) is merged. Until then nothing calls these: the
// column does not exist in schema v1 and the UPDATE would fail. To wire it, call
// `Store.refreshEngagementScore(db, id, at: moment)` inside the write transaction of every
// touch-changing write (insertTouch, the `.logged` undo, logOutcome, compose's log) and once for
// every candidate after the migration (a paged backfill). Recency decays with time, so a stored
// score is a snapshot as of its last refresh: a daily refresh (or on opening the board) keeps the
// board's sort honest; the candidate screen should show `engagementScore(of:at:)`, computed live.
extension Store {
    /// Stores the candidate's current engagement score in `candidate.engagement_score`.
    static func refreshEngagementScore(_ db: Database, _ candidateID: Int64, at moment: Moment) throws {
        let score = try engagementScore(db, candidateID, at: moment)
        try db.execute(sql: "UPDATE candidate SET engagement_score = ? WHERE id = ?", arguments: [score.total, candidateID])
    }

    /// The same, as its own transaction (for a backfill).
    public func refreshEngagementScore(_ candidateID: Int64, at moment: Moment) throws {
        try write { db in try Store.refreshEngagementScore(db, candidateID, at: moment) }
    }
}
