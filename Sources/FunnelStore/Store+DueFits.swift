import Foundation
import FunnelCore
import GRDB

/// Today's "Fits an open role" group (docs/rules.md): the people whose current future-role answer
/// fits an opening opened or edited in the last `Rules.fitsDays` days and who were not contacted
/// about it, one row per person (their best fit), in `FitsPosition` order.
///
/// The recent open openings are few (a range of the small `opening` table); each one's matches are
/// the same index read as `funnel matches` (`Store.matchRows`), its best `fitsPerOpening`
/// uncontacted ones kept. The group is worked out whole, once per queue or count call, and the
/// queue pages through it with a `DueCursor.fits` keyset. The re-engagement segments and counts
/// leave out the people it lists, so each person appears once.
public struct DueFits: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var candidateID: Int64
        public var fit: OpeningFit
        public var position: FitsPosition
    }

    /// In queue order.
    public var entries: [Entry]
    public var ids: Set<Int64>

    init(entries: [Entry]) {
        self.entries = entries.sorted { $0.position < $1.position }
        self.ids = Set(entries.map(\.candidateID))
    }
}

extension Store {
    /// How many of an opening's best uncontacted matches the group lists at most: a day's calls for
    /// one role, and what keeps the group a few hundred rows (the rest come up as those are
    /// contacted; `funnel matches` lists them all).
    public static let fitsPerOpening = 50

    /// The fits group at `moment`. The Today screen reads it once per load and passes it to
    /// `dueQueuePage(...fits:)` and `dueCounts(...fits:)`, which otherwise each work it out.
    public func dueFits(rules: Rules, moment: Moment) throws -> DueFits {
        try read { db in try Store.dueFits(db, rules: rules, moment: moment, vocabulary: matchVocabulary) }
    }

    static func dueFits(_ db: Database, rules: Rules, moment: Moment, vocabulary: MatchVocabulary) throws -> DueFits {
        let since = Rows.seconds(DueRules.recentOpeningsSince(rules: rules, at: moment))
        let openings = try Row.fetchAll(db, sql: """
            SELECT * FROM opening WHERE status = 'open' AND updated_at >= ? ORDER BY updated_at DESC, id DESC
            """, arguments: [since]).map(Rows.opening)
        guard !openings.isEmpty else { return DueFits(entries: []) }
        let contactedCount = try db.cachedStatement(sql: """
            SELECT count(DISTINCT candidate_id) FROM touchpoint WHERE opening_id = ?
            """)
        let followUp = try db.cachedStatement(sql: "SELECT next_follow_up FROM candidate WHERE id = ?")
        var best: [Int64: DueFits.Entry] = [:]
        for opening in openings where DueRules.isRecentOpening(opening, rules: rules, at: moment) {
            // The best `fitsPerOpening` of those not contacted are within the best that many plus
            // everyone ever contacted about it.
            let contacted = try Int.fetchOne(contactedCount, arguments: [opening.id]) ?? 0
            let rows = try matchRows(db, opening, options: MatchOptions(limit: fitsPerOpening + contacted),
                                     vocabulary: vocabulary, now: moment.now)
            for row in rows.lazy.filter({ !$0.contacted }).prefix(fitsPerOpening) {
                let next = try String.fetchOne(followUp, arguments: [row.candidateID]).flatMap(Day.init(iso:))
                guard DueRules.fits(status: row.status, nextFollowUp: next, opening: opening, contacted: row.contacted,
                                    rules: rules, at: moment) else { continue }
                let entry = DueFits.Entry(
                    candidateID: row.candidateID, fit: OpeningFit(opening, row.match, at: moment),
                    position: FitsPosition(openingUpdatedAt: Rows.seconds(opening.updatedAt), openingID: opening.id,
                                           score: row.match.score, askedAt: Rows.seconds(row.answer.askedAt),
                                           candidateID: row.candidateID))
                // One row per person: their best fit; on a tie, the opening opened or edited last.
                if let kept = best[row.candidateID], kept.fit.score >= entry.fit.score { continue }
                best[row.candidateID] = entry
            }
        }
        return DueFits(entries: Array(best.values))
    }
}
