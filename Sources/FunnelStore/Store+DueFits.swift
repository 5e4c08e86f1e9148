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
    /// Everyone whose row was weighed (each opening's best uncontacted-and-contacted window). The
    /// group depends on nobody else's touches or follow-ups: beyond the window each opening
    /// already has its `fitsPerOpening` uncontacted people ahead. See `isUnchanged(byTouchesOf:at:)`.
    public var considered: Set<Int64>
    /// When the group may differ with no write at all: the next midnight (recent openings and due
    /// follow-ups are by day) or the first instant a weighed answer turns a day older (its score
    /// and "asked N days ago" are by whole days).
    public var validUntil: Date

    init(entries: [Entry], considered: Set<Int64> = [], validUntil: Date) {
        self.entries = entries.sorted { $0.position < $1.position }
        self.ids = Set(entries.map(\.candidateID))
        self.considered = considered
        self.validUntil = validUntil
    }

    /// Whether the group worked out earlier is still the one the store would give at `now` after
    /// writes that only logged touches (and set follow-ups) for `candidateID`: true when that
    /// person was not weighed and no day boundary has passed. A touch changes no status, stage,
    /// answer or opening, so it can change the group only through someone it weighed. Any other
    /// write, or a change by another process, needs the group worked out again.
    public func isUnchanged(byTouchesOf candidateID: Int64, at now: Date) -> Bool {
        now < validUntil && !considered.contains(candidateID)
    }

    /// Whether no day boundary has passed since it was worked out (no write in between).
    public func isCurrent(at now: Date) -> Bool { now < validUntil }
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
        let tomorrow = moment.today.adding(days: 1).start(in: moment.timeZone)
        guard !openings.isEmpty else { return DueFits(entries: [], validUntil: tomorrow) }
        let contactedCount = try db.cachedStatement(sql: """
            SELECT count(DISTINCT candidate_id) FROM touchpoint WHERE opening_id = ?
            """)
        let followUp = try db.cachedStatement(sql: "SELECT next_follow_up FROM candidate WHERE id = ?")
        var best: [Int64: DueFits.Entry] = [:]
        var considered = Set<Int64>()
        var validUntil = tomorrow
        for opening in openings where DueRules.isRecentOpening(opening, rules: rules, at: moment) {
            // The best `fitsPerOpening` of those not contacted are within the best that many plus
            // everyone ever contacted about it.
            let contacted = try Int.fetchOne(contactedCount, arguments: [opening.id]) ?? 0
            let rows = try matchRows(db, opening, options: MatchOptions(limit: fitsPerOpening + contacted),
                                     vocabulary: vocabulary, now: moment.now)
            for row in rows {
                considered.insert(row.candidateID)
                validUntil = min(validUntil, MatchRule.nextAgeChange(askedAt: row.answer.askedAt, after: moment.now))
            }
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
        return DueFits(entries: Array(best.values), considered: considered, validUntil: validUntil)
    }
}
