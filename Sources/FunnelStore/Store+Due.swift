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
    /// the queue ends; may take long on a huge desk with few running cadences (see `dueQueuePage`
    /// for a bounded call). `fits`: the group as `dueFits` read it, else it is worked out here.
    public func dueQueue(rules: Rules, moment: Moment, after cursor: DueCursor? = nil, limit: Int = 50,
                         fits: DueFits? = nil) throws -> [DueItem] {
        try read { db in
            try Store.dueQueue(db, rules: rules, moment: moment, after: cursor, limit: limit, scanBudget: nil, fits: fits,
                               vocabulary: matchVocabulary).items
        }
    }

    /// A page of the Today queue with bounded work, for a screen: the cadence scan reads at most
    /// `scanBudget` candidates of its window per call, so a page can hold fewer than `limit` rows
    /// while `next` is not nil. Call again with `next` (e.g. when idle or on scrolling) until it is nil.
    public func dueQueuePage(rules: Rules, moment: Moment, after cursor: DueCursor? = nil, limit: Int = 50,
                             scanBudget: Int = 20_000, fits: DueFits? = nil) throws -> DuePage {
        try read { db in
            try Store.dueQueue(db, rules: rules, moment: moment, after: cursor, limit: limit, scanBudget: scanBudget, fits: fits,
                               vocabulary: matchVocabulary)
        }
    }

    /// How many are due in each group, exactly. Follow-ups are index range counts; re-engagement
    /// walks its index ranges (and the cadence window's logs), which grows with the desk: a
    /// screen header should use `dueCounts(rules:moment:reengagementUpTo:)`.
    public func dueCounts(rules: Rules, moment: Moment, fits: DueFits? = nil) throws -> DueCounts {
        try dueCounts(rules: rules, moment: moment, cap: nil, fits: fits).counts
    }

    /// The same with bounded work, for a screen header: counting re-engagement stops at `cap`, and
    /// the cadence scan reads at most `countScanBudget` candidates; when either stops it, the
    /// re-engagement count is a lower bound (show "100+").
    public func dueCounts(rules: Rules, moment: Moment, reengagementUpTo cap: Int, fits: DueFits? = nil) throws -> BoundedDueCounts {
        try dueCounts(rules: rules, moment: moment, cap: cap, fits: fits)
    }

    func dueCounts(rules: Rules, moment: Moment, cap: Int?, fits given: DueFits?) throws -> BoundedDueCounts {
        try read { db in
            let w = DueWindow(rules: rules, moment: moment)
            var counts = DueCounts()
            // The fits group is exact (its own bound per opening); re-engagement leaves its people out.
            let fits = try given ?? Store.dueFits(db, rules: rules, moment: moment, vocabulary: matchVocabulary)
            counts.fits = fits.entries.count
            counts.overdue = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM candidate WHERE next_follow_up IS NOT NULL AND next_follow_up < ? AND status <> 'do_not_contact'
                """, arguments: [w.today.iso]) ?? 0
            counts.today = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM candidate WHERE next_follow_up IS NOT NULL AND next_follow_up = ? AND status <> 'do_not_contact'
                """, arguments: [w.today.iso]) ?? 0
            let limit = cap ?? Int.max
            var cadence = 0
            var exhausted = false
            var position: (Int64, Int64) = (Int64.min, 0)
            var scanned = 0
            scan: while cadence < limit {
                // A capped count is for a screen: its work is bounded like `dueQueuePage`.
                if cap != nil, scanned >= Store.countScanBudget { break }
                let (rows, end) = try Store.cadenceSlice(db, w, after: position, size: Store.cadenceSliceSize)
                scanned += Store.cadenceSliceSize
                for row in rows where Email.isValid(row.email) && !fits.ids.contains(row.id) {
                    if try Store.cadenceStart(db, id: row.id, createdAt: row.createdAt, rules: rules, moment: moment) != nil {
                        cadence += 1
                        if cadence == limit { break scan }
                    }
                }
                guard let end else { exhausted = true; break }
                position = end
            }
            var dormant = 0
            if cadence < limit {
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT id, email FROM candidate
                    WHERE ((last_touch_at IS NULL AND created_at < ?) OR last_touch_at < ?) AND \(Store.reengageableSQL)
                    """, arguments: [w.reengageCutoff, w.reengageCutoff])
                while cadence + dormant < limit, let row = try rows.next() {
                    if Email.isValid(row[1]), !fits.ids.contains(row[0]) { dormant += 1 }
                }
            }
            counts.cadence = cadence
            counts.reengagement = cadence + dormant
            return BoundedDueCounts(counts: counts, reengagementIsLowerBound: cap != nil && (counts.reengagement >= limit || !exhausted))
        }
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

    /// How many cadence-window candidates a capped count reads at most.
    static let countScanBudget = 20_000

    /// Status and email filters every re-engagement row must pass (the email is checked in full in Swift).
    static let reengageableSQL = """
        next_follow_up IS NULL AND status NOT IN ('do_not_contact', 'placed') AND email IS NOT NULL
        """

    /// The day boundaries of the rules, as the stored column types (unix seconds, ISO days).
    struct DueWindow {
        let today: Day
        /// Touched before this instant: at least `reengageAfterDays` calendar days of silence.
        let reengageCutoff: Int64
        /// Touched before this instant: at least `reengageEveryDays` calendar days of silence.
        let cadenceCutoff: Int64
        /// Seconds that two instants `reengageAfterDays` calendar days apart are always more than,
        /// whatever the zone's offset changes (26 hours of slack): the lenient SQL gap test.
        let restartGap: Int64

        init(rules: Rules, moment: Moment) {
            today = moment.today
            // Day(t) <= today - n  ⇔  t < start of (today - n + 1).
            reengageCutoff = Rows.seconds(today.adding(days: 1 - rules.reengageAfterDays).start(in: moment.timeZone))
            cadenceCutoff = Rows.seconds(today.adding(days: 1 - rules.reengageEveryDays).start(in: moment.timeZone))
            restartGap = Int64(rules.reengageAfterDays - 1) * 86_400 - 26 * 3600
        }
    }

    /// How many window candidates one slice of the cadence scan reads.
    static let cadenceSliceSize = 2000

    static func dueQueue(_ db: Database, rules: Rules, moment: Moment, after cursor: DueCursor?, limit: Int,
                         scanBudget: Int?, fits given: DueFits?, vocabulary: MatchVocabulary) throws -> DuePage {
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
            var position: (Int64, Int64) = (Int64.min, 0)
            if case let .cadence(t, id) = cursor { position = (t, id) }
            var scanned = 0
            scan: while items.count < limit {
                if let budget = scanBudget, scanned >= budget {
                    return DuePage(items: items, next: .cadence(position.0, position.1))
                }
                let (rows, end) = try cadenceSlice(db, w, after: position, size: cadenceSliceSize)
                scanned += cadenceSliceSize
                for row in rows {
                    position = (row.lastTouch, row.id)
                    if let start = try cadenceStart(db, id: row.id, createdAt: row.createdAt, rules: rules, moment: moment) {
                        try add(row.id, .cadence(row.lastTouch, row.id), cadenceStart: start)
                        if items.count == limit { break scan }
                    }
                }
                guard let end else { break }
                position = end
            }
        }
        if first <= 4, items.count < limit {
            var after: Int64 = 0
            if case let .neverTouched(id) = cursor { after = id }
            scan: while items.count < limit {
                let rows = try Row.fetchAll(db, sql: """
                    SELECT id, email FROM candidate
                    WHERE last_touch_at IS NULL AND created_at < ? AND id > ? AND \(reengageableSQL)
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
                    WHERE last_touch_at < ? AND (last_touch_at > ? OR (last_touch_at = ? AND id > ?)) AND \(reengageableSQL)
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

    struct WindowRow {
        let id: Int64
        let lastTouch: Int64
        let createdAt: Int64
        let email: String
    }

    /// Candidates whose silence is long enough for a cadence but short of re-engagement, who pass
    /// the re-engagement filters and who may be in a running cadence: the only ones a cadence can
    /// make due. Read along `candidate_last_touch`, longest silence first. The SQL is a lenient
    /// test run inside SQLite (no false negatives): the latest touch is not an answer, and some
    /// outbound outreach touch has no answer after it and no touch within about
    /// `reengageAfterDays` before it. The exact walk (`cadenceStart`) then decides in calendar days.
    static func cadenceWindow(_ db: Database, _ w: DueWindow, after position: (Int64, Int64), through end: (Int64, Int64)) throws -> [WindowRow] {
        let enders = "(direction = 'in' OR outcome IN ('replied', 'interested', 'not_now', 'declined', 'bounced'))"
        return try Row.fetchAll(db, sql: """
            SELECT id, last_touch_at, created_at, email FROM candidate c
            WHERE last_touch_at >= ? AND last_touch_at < ?
              AND (last_touch_at > ? OR (last_touch_at = ? AND id > ?))
              AND (last_touch_at < ? OR (last_touch_at = ? AND id <= ?))
              AND \(reengageableSQL)
              AND NOT EXISTS (SELECT 1 FROM touchpoint t WHERE t.candidate_id = c.id AND t.at = c.last_touch_at AND \(enders))
              AND EXISTS (
                SELECT 1 FROM touchpoint t
                WHERE t.candidate_id = c.id AND t.direction = 'out' AND t.channel <> 'note'
                  AND NOT EXISTS (SELECT 1 FROM touchpoint e WHERE e.candidate_id = c.id AND e.at > t.at AND \(enders))
                  AND NOT EXISTS (SELECT 1 FROM touchpoint p WHERE p.candidate_id = c.id AND p.at < t.at AND p.at > t.at - ?)
                  AND (c.created_at <= t.at - ?
                       OR EXISTS (SELECT 1 FROM touchpoint p WHERE p.candidate_id = c.id AND p.at <= t.at - ?)))
            ORDER BY last_touch_at, id
            """, arguments: [w.reengageCutoff, w.cadenceCutoff, position.0, position.0, position.1, end.0, end.0, end.1,
                             w.restartGap, w.restartGap, w.restartGap])
            .map { row in
                WindowRow(id: row["id"], lastTouch: row["last_touch_at"], createdAt: row["created_at"], email: row["email"])
            }
    }

    /// The next slice of the cadence window: up to `size` candidates along `candidate_last_touch`
    /// after `position` (a cheap index read), then the lenient test on that slice only. So the
    /// work per slice is bounded however sparse running cadences are. `end` is nil when the
    /// window is exhausted.
    static func cadenceSlice(_ db: Database, _ w: DueWindow, after position: (Int64, Int64), size: Int) throws
        -> (rows: [WindowRow], end: (Int64, Int64)?) {
        let keys = try Row.fetchAll(db, sql: """
            SELECT id, last_touch_at FROM candidate
            WHERE last_touch_at >= ? AND last_touch_at < ? AND (last_touch_at > ? OR (last_touch_at = ? AND id > ?))
            ORDER BY last_touch_at, id LIMIT 1 OFFSET ?
            """, arguments: [w.reengageCutoff, w.cadenceCutoff, position.0, position.0, position.1, size - 1])
        let end: (Int64, Int64)? = keys.first.map { ($0["last_touch_at"], $0["id"]) }
        let rows = try cadenceWindow(db, w, after: position, through: end ?? (Int64.max, Int64.max))
        return (rows, end)
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
