import Foundation
import FunnelCore
import GRDB

/// The board can sort a column by engagement (`BoardSort.score`), so each candidate carries a
/// snapshot of their score in `candidate.engagement_score`, written in the same transaction as
/// every touch and undo. Recency decays with time, so the snapshot is the score as of the last
/// touch; the candidate screen shows the live score (`engagementScore(of:at:)`) with its breakdown.
extension Store {
    /// Stores the candidate's current engagement score in `candidate.engagement_score`.
    /// A candidate never touched has no score (NULL: last on the board's engagement order).
    static func refreshEngagementScore(_ db: Database, _ candidateID: Int64, at moment: Moment) throws {
        let touched = try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM touchpoint WHERE candidate_id = ?)"),
                                        arguments: [candidateID]) ?? false
        let score = touched ? try engagementScore(db, candidateID, at: moment).total : nil
        try db.cachedStatement(sql: "UPDATE candidate SET engagement_score = ? WHERE id = ?").execute(arguments: [score, candidateID])
    }

    /// The moment a stored snapshot is computed at: the touch's instant, its day taken in UTC
    /// (the store does not know the recruiter's zone; a day's difference in recency is noise).
    static func scoreMoment(_ date: Date) -> Moment { Moment(now: date, timeZone: TimeZone(identifier: "UTC")!) }

    /// Recomputes every stored score, a page at a time (after a bulk load, or to refresh decay).
    public func refreshAllEngagementScores(at now: Date, pageSize: Int = 1_000) throws {
        var after: Int64 = 0
        while true {
            let ids = try read { db in
                try Int64.fetchAll(db, sql: "SELECT id FROM candidate WHERE id > ? ORDER BY id LIMIT ?", arguments: [after, pageSize])
            }
            guard let last = ids.last else { return }
            try write { db in
                for id in ids { try Store.refreshEngagementScore(db, id, at: Store.scoreMoment(now)) }
            }
            after = last
        }
    }

    /// The same, as its own transaction (for a backfill).
    public func refreshEngagementScore(_ candidateID: Int64, at moment: Moment) throws {
        try write { db in try Store.refreshEngagementScore(db, candidateID, at: moment) }
    }
}
