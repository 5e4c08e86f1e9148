import Foundation
import FunnelCore
import GRDB

/// The report's openings: the future roles asked for next to the openings, and for each opening
/// its matches, contacted, interested and placed (docs/rules.md, "Report"). Matches are counted by
/// the Openings list's own function (`Store.summary`), so the two can never disagree.
extension Store {
    /// The report's top future-role titles and places with the open openings for each, on their
    /// own (`funnel-bench` times them apart from the rest of the report).
    public func futureRoleDemand(limit: Int = ReportRules().topLimit) throws -> (titles: [RoleDemand], locations: [RoleDemand]) {
        let vocabulary = matchVocabulary
        return try read { db in try Store.topFutureRoles(db, limit: limit, openings: try Store.allOpenings(db), vocabulary: vocabulary) }
    }

    /// The report's openings with their figures, on their own (for `funnel-bench`).
    public func openingFigures(period: ReportPeriod, moment: Moment) throws -> [OpeningFigures] {
        let vocabulary = matchVocabulary
        return try read { db in
            try Store.reportOpenings(db, try Store.allOpenings(db), range: period.instantRange(in: moment.timeZone), vocabulary: vocabulary)
        }
    }

    /// Every opening, newest change first (few rows: the desk's roles, not its people).
    static func allOpenings(_ db: Database) throws -> [Opening] {
        try Row.fetchAll(db, sql: "SELECT * FROM opening ORDER BY updated_at DESC, id DESC").map(Rows.opening)
    }

    /// Open and on-hold openings, then those filled during `range` (closed_at inside it); open
    /// first, then on hold, then filled, each newest change first.
    static func reportOpenings(_ db: Database, _ openings: [Opening], range: Range<Int64>,
                               vocabulary: MatchVocabulary) throws -> [OpeningFigures] {
        let listed = openings.filter { opening in
            switch opening.status {
            case .open, .onHold: true
            case .filled: opening.closedAt.map { range.contains(Rows.seconds($0)) } ?? false
            case .closed: false
            }
        }.sorted { a, b in
            if OpeningFigures.order(a.status) != OpeningFigures.order(b.status) {
                return OpeningFigures.order(a.status) < OpeningFigures.order(b.status)
            }
            if a.updatedAt != b.updatedAt { return a.updatedAt > b.updatedAt }
            return a.id > b.id
        }
        return try listed.map { opening in
            let summary = try Store.summary(db, opening, vocabulary: vocabulary)
            return OpeningFigures(id: opening.id, title: opening.title, company: opening.company, location: opening.location,
                                  workMode: opening.workMode, status: opening.status,
                                  matches: opening.status.isClosed ? nil : summary.matches, contacted: summary.contacted,
                                  interested: try interestedCount(db, opening: opening.id),
                                  placed: opening.placedCandidateID == nil ? 0 : 1)
        }
    }

    /// People whose latest touch about the opening (latest by time, then by id) had the outcome
    /// "interested". One range of `touchpoint_by_opening` per person reached about it.
    static func interestedCount(_ db: Database, opening id: Int64) throws -> Int {
        try Int.fetchOne(db, sql: interestedSQL, arguments: [id, Outcome.interested.rawValue]) ?? 0
    }

    /// ?1 the opening, ?2 the outcome.
    static let interestedSQL = """
        SELECT count(*) FROM (SELECT DISTINCT candidate_id FROM touchpoint WHERE opening_id = ?1) p
        WHERE (SELECT t.outcome FROM touchpoint t WHERE t.opening_id = ?1 AND t.candidate_id = p.candidate_id
               ORDER BY t.at DESC, t.id DESC LIMIT 1) = ?2
        """
}

extension ReportPeriod {
    /// The period as stored instants (integer seconds): [00:00 of since, 00:00 after until).
    func instantRange(in zone: TimeZone) -> Range<Int64> { Rows.seconds(start(in: zone))..<Rows.seconds(end(in: zone)) }
}
