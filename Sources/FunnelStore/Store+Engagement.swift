import Foundation
import FunnelCore
import GRDB

extension Store {
    /// The engagement score of one candidate now, with its breakdown (the candidate screen shows
    /// it). Reads the candidate's touches of the scoring window through `touchpoint_by_candidate`.
    public func engagementScore(of candidateID: Int64, at moment: Moment) throws -> EngagementScore {
        try read { db in
            _ = try Store.fetchCandidate(db, candidateID)
            return try Store.engagementScore(db, candidateID, at: moment)
        }
    }

    static func engagementScore(_ db: Database, _ candidateID: Int64, at moment: Moment) throws -> EngagementScore {
        let windowStart = moment.today.adding(days: 1 - EngagementScore.windowDays).start(in: moment.timeZone)
        let now = Rows.seconds(moment.now)
        let facts = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT count(*) AS contacts,
                   coalesce(sum(direction = 'out'), 0) AS attempts,
                   coalesce(sum((direction = 'in' AND coalesce(outcome, '') <> 'declined')
                                OR (direction = 'out' AND outcome IN ('replied', 'interested', 'not_now'))), 0) AS responses
            FROM touchpoint
            WHERE candidate_id = ? AND channel <> 'note' AND at >= ? AND at <= ?
            """), arguments: [candidateID, Rows.seconds(windowStart), now])!
        let last = try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT max(at) FROM touchpoint WHERE candidate_id = ? AND channel <> 'note' AND at <= ?
            """), arguments: [candidateID, now])
        return EngagementScore.compute(
            EngagementFacts(lastContactAt: last.map(Rows.date), contacts: facts["contacts"], attempts: facts["attempts"],
                            responses: facts["responses"]),
            at: moment)
    }
}
