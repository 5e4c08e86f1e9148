import Foundation
import FunnelCore
import GRDB

/// The Today queue read from the store without scanning the candidate table: follow-ups through
/// the `candidate_follow_up` index, re-engagement through `candidate_last_touch`, the fits group
/// from the few recent openings' matches (Store+DueFits.swift). The reason on
/// each row is `DueRules.evaluate` applied to the row (the same rule `funnel due` and the Today
/// screen show); the SQL only narrows the rows to those the rule can accept.
extension Store {
    /// A page of the Today queue, most urgent first: overdue follow-ups (most overdue first), due
    /// today, fits an open role (by opening, then by match rank), then re-engagement (running
    /// cadences first, then never contacted, then longest silence). Exactly `limit` rows unless
    /// the queue ends. `fits`: the group as `dueFits` read it, else it is worked out here.
    public func dueQueue(rules: Rules, moment: Moment, after cursor: DueCursor? = nil, limit: Int = 50,
                         fits: DueFits? = nil) throws -> [DueItem] {
        try dueQueuePage(rules: rules, moment: moment, after: cursor, limit: limit, fits: fits).items
    }

    /// A page of the Today queue for a screen: the same rows as `dueQueue`, with `next` to go on
    /// from (nil when the queue ends). Every group is an index range read up to `limit` rows (the
    /// cadence group through the stored start, migration v8), so a page costs about `limit` rows
    /// whatever the desk's size.
    public func dueQueuePage(rules: Rules, moment: Moment, after cursor: DueCursor? = nil, limit: Int = 50,
                             fits: DueFits? = nil) throws -> DuePage {
        try settleCadences(rules: rules, moment: moment)
        return try read { db in
            try Store.dueQueue(db, rules: rules, moment: moment, after: cursor, limit: limit, fits: fits,
                               vocabulary: matchVocabulary)
        }
    }

    /// How many are due in each group, exactly: a few rows of the tallies the schema's triggers
    /// keep (v8), plus an index count of the cutoff days' own parts; the fits group's people are
    /// counted there only.
    public func dueCounts(rules: Rules, moment: Moment, fits: DueFits? = nil) throws -> DueCounts {
        try settleCadences(rules: rules, moment: moment)
        return try read { db in
            try Store.dueCounts(db, rules: rules, moment: moment, fits: fits, vocabulary: matchVocabulary)
        }
    }

    /// The same, with re-engagement cut at `cap` (then `reengagementIsLowerBound`, "100+"): for a
    /// figure that must stay short. The counting itself no longer depends on the cap.
    public func dueCounts(rules: Rules, moment: Moment, reengagementUpTo cap: Int, fits: DueFits? = nil) throws -> BoundedDueCounts {
        var counts = try dueCounts(rules: rules, moment: moment, fits: fits)
        let capped = counts.reengagement >= cap
        counts.cadence = min(counts.cadence, cap)
        counts.reengagement = min(counts.reengagement, cap)
        return BoundedDueCounts(counts: counts, reengagementIsLowerBound: capped)
    }

    static func dueCounts(_ db: Database, rules: Rules, moment: Moment, fits given: DueFits?,
                          vocabulary: MatchVocabulary) throws -> DueCounts {
        let w = DueWindow(rules: rules, moment: moment)
        var counts = DueCounts()
        let fits = try given ?? Store.dueFits(db, rules: rules, moment: moment, vocabulary: vocabulary)
        counts.fits = fits.entries.count
        counts.overdue = try Int.fetchOne(db, sql: "SELECT coalesce(sum(n), 0) FROM follow_up_tally WHERE day < ?",
                                          arguments: [w.today.iso]) ?? 0
        counts.today = try Int.fetchOne(db, sql: "SELECT n FROM follow_up_tally WHERE day = ?", arguments: [w.today.iso]) ?? 0
        var cadence = try tallied(db, kind: "cadence", from: w.reengageCutoff, to: w.cadenceCutoff) { lo, hi in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM candidate
                WHERE last_touch_at >= ? AND last_touch_at < ? AND cadence_start IS NOT NULL AND \(Schema.reengageable())
                """, arguments: [lo, hi]) ?? 0
        }
        var idle = try tallied(db, kind: "idle", from: Int64.min, to: w.reengageCutoff) { lo, hi in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM candidate
                WHERE \(Schema.idleSince()) >= ? AND \(Schema.idleSince()) < ? AND \(Schema.reengageable())
                """, arguments: [lo, hi]) ?? 0
        }
        // Listed under "Fits an open role", so not again under re-engagement.
        if !fits.ids.isEmpty {
            let rows = try Row.fetchAll(db, sql: """
                SELECT last_touch_at, created_at, cadence_start FROM candidate
                WHERE id IN (\(fits.ids.map(String.init).joined(separator: ","))) AND \(Schema.reengageable())
                """)
            for row in rows {
                let lastTouch: Int64? = row[0], created: Int64 = row[1], start: Int64? = row[2]
                let since = lastTouch ?? created
                if since < w.reengageCutoff {
                    idle -= 1
                } else if let lastTouch, start != nil, lastTouch < w.cadenceCutoff {
                    cadence -= 1
                }
            }
        }
        counts.cadence = cadence
        counts.reengagement = cadence + idle
        return counts
    }

    /// A count over `[lo, hi)` of unix seconds from `reengage_tally`: the sum of the whole UTC
    /// days inside it, plus `exact` for the parts of a day at either end.
    static func tallied(_ db: Database, kind: String, from lo: Int64, to hi: Int64,
                        exact: (Int64, Int64) throws -> Int) throws -> Int {
        guard lo < hi else { return 0 }
        func floorDay(_ t: Int64) -> Int64 { t >= 0 ? t / 86_400 : -((-t + 86_399) / 86_400) }
        let lastDay = floorDay(hi)  // days before this one end at or before `hi`
        let firstDay = lo == Int64.min ? Int64.min : floorDay(lo) + (lo % 86_400 == 0 ? 0 : 1)
        guard firstDay < lastDay else { return try exact(lo, hi) }
        var n = try Int.fetchOne(db, sql: "SELECT coalesce(sum(n), 0) FROM reengage_tally WHERE kind = ? AND day >= ? AND day < ?",
                                 arguments: [kind, firstDay, lastDay]) ?? 0
        if firstDay != Int64.min, lo < firstDay * 86_400 { n += try exact(lo, firstDay * 86_400) }
        if lastDay * 86_400 < hi { n += try exact(lastDay * 86_400, hi) }
        return n
    }

    /// Why one candidate is due now, or nil: the same rule as the queue, for a candidate screen.
    public func dueReason(of id: Int64, rules: Rules, moment: Moment) throws -> DueReason? {
        try DueRules.evaluate(dueFacts(of: id, rules: rules, moment: moment), rules: rules, at: moment)
    }

    /// The facts the due rules read for one candidate (the cadence walked from the touch log).
    public func dueFacts(of id: Int64, rules: Rules, moment: Moment) throws -> DueFacts {
        try read { db in try Store.dueFacts(db, try Store.fetchCandidate(db, id), rules: rules, moment: moment) }
    }

    static func dueFacts(_ db: Database, _ candidate: Candidate, rules: Rules, moment: Moment) throws -> DueFacts {
        let start = try cadenceStart(db, id: candidate.id, createdAt: Rows.seconds(candidate.createdAt), rules: rules, moment: moment)
        return DueFacts(candidate, cadenceStartedAt: start)
    }

    // MARK: - Internals

    /// The day boundaries of the rules, as the stored column types (unix seconds, ISO days).
    struct DueWindow {
        let today: Day
        /// Touched before this instant: at least `reengageAfterDays` calendar days of silence.
        let reengageCutoff: Int64
        /// Touched before this instant: at least `reengageEveryDays` calendar days of silence.
        let cadenceCutoff: Int64

        init(rules: Rules, moment: Moment) {
            today = moment.today
            // Day(t) <= today - n  ⇔  t < start of (today - n + 1).
            reengageCutoff = Rows.seconds(today.adding(days: 1 - rules.reengageAfterDays).start(in: moment.timeZone))
            cadenceCutoff = Rows.seconds(today.adding(days: 1 - rules.reengageEveryDays).start(in: moment.timeZone))
        }
    }

    static func dueQueue(_ db: Database, rules: Rules, moment: Moment, after cursor: DueCursor?, limit: Int,
                         fits given: DueFits?, vocabulary: MatchVocabulary) throws -> DuePage {
        guard limit > 0 else { return DuePage(items: [], next: cursor) }
        let w = DueWindow(rules: rules, moment: moment)
        var items: [DueItem] = []
        let first = cursor?.segment ?? 0
        // Worked out only when the page gets past the follow-ups.
        var fitsRead = given
        func fits() throws -> DueFits {
            if let fitsRead { return fitsRead }
            let read = try dueFits(db, rules: rules, moment: moment, vocabulary: vocabulary)
            fitsRead = read
            return read
        }
        func add(_ id: Int64, _ cursor: DueCursor, cadenceStart: Date? = nil) throws {
            // Listed under "Fits an open role" already: not again under re-engagement.
            if cursor.segment > 2, try fits().ids.contains(id) { return }
            let candidate = try fetchCandidate(db, id)
            let facts = DueFacts(candidate, cadenceStartedAt: cadenceStart)
            // The SQL narrowed the rows; the rule decides (and words the reason).
            if let reason = DueRules.evaluate(facts, rules: rules, at: moment) {
                items.append(DueItem(candidate: candidate, reason: reason, cursor: cursor))
            }
        }

        if first <= 0 {
            var key: (String, Int64) = ("", 0)
            if case let .overdue(day, id) = cursor { key = (day.iso, id) }
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, next_follow_up FROM candidate
                WHERE next_follow_up IS NOT NULL AND next_follow_up < ? AND status <> 'do_not_contact'
                  AND (next_follow_up > ? OR (next_follow_up = ? AND id > ?))
                ORDER BY next_follow_up, id LIMIT ?
                """, arguments: [w.today.iso, key.0, key.0, key.1, limit - items.count])
            for row in rows {
                let id: Int64 = row["id"]
                try add(id, .overdue(Day(iso: row["next_follow_up"])!, id))
            }
        }
        if first <= 1, items.count < limit {
            var after: Int64 = 0
            if case let .today(id) = cursor { after = id }
            let ids = try Int64.fetchAll(db, sql: """
                SELECT id FROM candidate
                WHERE next_follow_up IS NOT NULL AND next_follow_up = ? AND status <> 'do_not_contact' AND id > ?
                ORDER BY id LIMIT ?
                """, arguments: [w.today.iso, after, limit - items.count])
            for id in ids { try add(id, .today(id)) }
        }
        if first <= 2, items.count < limit {
            var after: FitsPosition?
            if case let .fits(position) = cursor { after = position }
            for entry in try fits().entries where after.map({ $0 < entry.position }) ?? true {
                // The group decided (DueRules.fits); the candidate is read for the row.
                items.append(DueItem(candidate: try fetchCandidate(db, entry.candidateID), reason: .fitsOpening(entry.fit),
                                     cursor: .fits(entry.position)))
                if items.count == limit { break }
            }
        }
        if first <= 3, items.count < limit {
            // Running cadences, longest silence first: one range of `candidate_cadence_running`.
            var position: (Int64, Int64) = (Int64.min, 0)
            if case let .cadence(t, id) = cursor { position = (t, id) }
            scan: while items.count < limit {
                let rows = try Row.fetchAll(db, sql: """
                    SELECT id, last_touch_at, cadence_start FROM candidate
                    WHERE last_touch_at >= ? AND last_touch_at < ? AND (last_touch_at > ? OR (last_touch_at = ? AND id > ?))
                      AND cadence_start IS NOT NULL AND \(Schema.reengageable())
                    ORDER BY last_touch_at, id LIMIT 200
                    """, arguments: [w.reengageCutoff, w.cadenceCutoff, position.0, position.0, position.1])
                for row in rows {
                    let id: Int64 = row[0], t: Int64 = row[1], start: Int64 = row[2]
                    position = (t, id)
                    try add(id, .cadence(t, id), cadenceStart: Rows.date(start))
                    if items.count == limit { break scan }
                }
                if rows.count < 200 { break }
            }
        }
        if first <= 4, items.count < limit {
            var after: Int64 = 0
            if case let .neverTouched(id) = cursor { after = id }
            scan: while items.count < limit {
                let rows = try Row.fetchAll(db, sql: """
                    SELECT id, email FROM candidate
                    WHERE last_touch_at IS NULL AND created_at < ? AND id > ? AND \(Schema.reengageable())
                    ORDER BY id LIMIT 200
                    """, arguments: [w.reengageCutoff, after])
                for row in rows {
                    let id: Int64 = row["id"]
                    after = id
                    if Email.isValid(row["email"]) {
                        try add(id, .neverTouched(id))
                        if items.count == limit { break scan }
                    }
                }
                if rows.count < 200 { break }
            }
        }
        if first <= 5, items.count < limit {
            var position: (Int64, Int64) = (Int64.min, 0)
            if case let .dormant(t, id) = cursor { position = (t, id) }
            scan: while items.count < limit {
                let rows = try Row.fetchAll(db, sql: """
                    SELECT id, email, last_touch_at FROM candidate
                    WHERE last_touch_at < ? AND (last_touch_at > ? OR (last_touch_at = ? AND id > ?)) AND \(Schema.reengageable())
                    ORDER BY last_touch_at, id LIMIT 200
                    """, arguments: [w.reengageCutoff, position.0, position.0, position.1])
                for row in rows {
                    let id: Int64 = row["id"], t: Int64 = row["last_touch_at"]
                    position = (t, id)
                    if Email.isValid(row["email"]) {
                        try add(id, .dormant(t, id))
                        if items.count == limit { break scan }
                    }
                }
                if rows.count < 200 { break }
            }
        }
        return DuePage(items: items, next: items.count == limit ? items.last?.cursor : nil)
    }

    /// When the candidate's running re-engagement cadence started, walking their log newest first
    /// through `touchpoint_by_candidate` until a touch decides (see `ReengagementCadence`).
    static func cadenceStart(_ db: Database, id: Int64, createdAt: Int64, rules: Rules, moment: Moment) throws -> Date? {
        let statement = try db.cachedStatement(sql: """
            SELECT at, channel, direction, outcome FROM touchpoint WHERE candidate_id = ? ORDER BY at DESC, id DESC
            """)
        // Read by column index with the stored (canonical) spellings: this runs once per
        // candidate of the cadence window, so it is kept lean.
        var touches: [TouchFact] = []
        let rows = try Row.fetchCursor(statement, arguments: [id])
        while let row = try rows.next() {
            let channel: String = row[1], direction: String = row[2], outcome: String? = row[3]
            touches.append(TouchFact(at: Rows.date(row[0] as Int64), channel: Channel(rawValue: channel) ?? .other,
                                     direction: direction == Direction.inbound.rawValue ? .inbound : .outbound,
                                     outcome: outcome.flatMap(Outcome.init(rawValue:))))
        }
        return ReengagementCadence.start(newestFirst: touches, createdAt: Rows.date(createdAt), rules: rules,
                                         timeZone: moment.timeZone)
    }
}
