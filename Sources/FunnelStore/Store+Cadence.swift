import Foundation
import FunnelCore
import GRDB

/// The stored re-engagement start (`candidate.cadence_start`, migration v8): kept exact for the
/// rules and time zone recorded in `meta.cadence_rules`, so the Today queue reads its cadence
/// group and counts from an index instead of walking every log of the cadence window.
extension Store {
    /// The meta key holding the rules the stored starts were computed with.
    static let cadenceRulesKey = "cadence_rules"

    /// What the stored starts depend on, as recorded in meta: "180 Europe/Lisbon".
    struct CadenceRules: Equatable {
        var reengageAfterDays: Int
        var timeZone: TimeZone

        init(reengageAfterDays: Int, timeZone: TimeZone) {
            self.reengageAfterDays = reengageAfterDays
            self.timeZone = timeZone
        }

        init(_ rules: Rules, _ moment: Moment) {
            self.init(reengageAfterDays: rules.reengageAfterDays, timeZone: moment.timeZone)
        }

        init?(recorded: String) {
            let parts = recorded.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, let days = Int(parts[0]), let zone = TimeZone(identifier: String(parts[1])) else { return nil }
            self.init(reengageAfterDays: days, timeZone: zone)
        }

        var recorded: String { "\(reengageAfterDays) \(Self.canonical(timeZone.identifier))" }

        /// One name for the zone's aliases that matter: "UTC" and "Etc/UTC" (what the system
        /// calls it) must not make a desk recompute every start when one tool says one and
        /// another the other.
        static func canonical(_ identifier: String) -> String {
            let utc: Set<String> = ["UTC", "Etc/UTC", "GMT", "Etc/GMT", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0", "GMT0", "GMT+0", "GMT-0",
                                    "Universal", "Etc/Universal", "Zulu", "Etc/Zulu", "UCT", "Etc/UCT", "Greenwich", "Etc/Greenwich"]
            return utc.contains(identifier) ? "UTC" : identifier
        }

        /// Only `reengageAfterDays` of the rules decides when a cadence started.
        var rules: Rules {
            var rules = Rules()
            rules.reengageAfterDays = reengageAfterDays
            return rules
        }
    }

    /// Makes every stored start exact for these rules before a due read: recomputes the dirty
    /// ones (touches logged by a bulk writer or another tool since), or everyone when the rules
    /// or the time zone differ from the recorded ones. A no-op write-free check when nothing is due.
    func settleCadences(rules: Rules, moment: Moment) throws {
        let wanted = CadenceRules(rules, moment)
        let settled = try read { db in
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [Store.cadenceRulesKey]) == wanted.recorded
                && !(try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM candidate WHERE cadence_dirty = 1)") ?? false)
        }
        guard !settled else { return }
        try write { db in try Store.settleCadences(db, for: wanted) }
    }

    /// In a write: recomputes everyone if the recorded rules are not `wanted`, else the dirty ones.
    static func settleCadences(_ db: Database, for wanted: CadenceRules) throws {
        let recorded = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [cadenceRulesKey])
        if recorded != wanted.recorded {
            try recomputeAllCadences(db, wanted)
        } else {
            try settleDirtyCadences(db, wanted)
        }
    }

    /// In a write that changed touches: recomputes the people it made dirty with the recorded
    /// rules. Without recorded rules nothing is kept yet (the first due read computes everyone).
    static func settleDirtyCadences(_ db: Database) throws {
        guard let rules = try recordedCadenceRules(db) else { return }
        try settleDirtyCadences(db, rules)
    }

    /// The rules the stored starts follow; nil when the desk keeps none yet.
    static func recordedCadenceRules(_ db: Database) throws -> CadenceRules? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM meta WHERE key = ?"), arguments: [cadenceRulesKey])
            .flatMap(CadenceRules.init(recorded:))
    }

    static func settleDirtyCadences(_ db: Database, _ rules: CadenceRules) throws {
        let dirty = try Row.fetchAll(db.cachedStatement(sql: "SELECT id, created_at FROM candidate WHERE cadence_dirty = 1"))
        let update = try db.cachedStatement(sql: "UPDATE candidate SET cadence_start = ?, cadence_dirty = 0 WHERE id = ?")
        for row in dirty {
            let id: Int64 = row[0]
            let start = try cadenceStart(db, id: id, createdAt: row[1], rules: rules.rules,
                                         moment: Moment(now: Date(), timeZone: rules.timeZone))
            try update.execute(arguments: [start.map(Rows.seconds), id])
        }
    }

    /// Every candidate's start, in one pass over the touch log in `touchpoint_by_candidate` order
    /// (a few seconds per million touches); only the changed rows are written.
    static func recomputeAllCadences(_ db: Database, _ rules: CadenceRules) throws {
        // The walk reads the whole log once: a larger page cache for it (as the generator does)
        // keeps the candidate and touch pages from being read twice.
        let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = -262144")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
        let update = try db.cachedStatement(sql: "UPDATE candidate SET cadence_start = ?, cadence_dirty = 0 WHERE id = ?")
        var changes: [(Int64, Int64?)] = []
        try forEachCadence(db, rules) { id, stored, computed, _ in
            if stored != computed { changes.append((id, computed)) }
        }
        for (id, start) in changes { try update.execute(arguments: [start, id]) }
        try db.execute(sql: "UPDATE candidate SET cadence_dirty = 0 WHERE cadence_dirty = 1")
        try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                       arguments: [cadenceRulesKey, rules.recorded])
    }

    /// Calls `body(id, stored start, start computed from the log, dirty)` for every candidate
    /// that has touches or a stored start, walking the whole log once, candidate by candidate.
    static func forEachCadence(_ db: Database, _ rules: CadenceRules,
                               _ body: (Int64, Int64?, Int64?, Bool) throws -> Void) throws {
        let candidates = try Row.fetchCursor(db, sql: "SELECT id, created_at, cadence_start, cadence_dirty FROM candidate ORDER BY id")
        let touches = try Row.fetchCursor(db, sql: """
            SELECT candidate_id, at, channel, direction, outcome FROM touchpoint ORDER BY candidate_id, at DESC, id DESC
            """)
        var pending = try touches.next()
        let ruleSet = rules.rules
        var log: [TouchFact] = []
        while let candidate = try candidates.next() {
            let id: Int64 = candidate[0]
            log.removeAll(keepingCapacity: true)
            while let row = pending, (row[0] as Int64) <= id {
                if (row[0] as Int64) == id {
                    let channel: String = row[2], direction: String = row[3], outcome: String? = row[4]
                    log.append(TouchFact(at: Rows.date(row[1] as Int64), channel: Channel(rawValue: channel) ?? .other,
                                         direction: direction == Direction.inbound.rawValue ? .inbound : .outbound,
                                         outcome: outcome.flatMap(Outcome.init(rawValue:))))
                }
                pending = try touches.next()
            }
            let stored: Int64? = candidate[2]
            guard !log.isEmpty || stored != nil else { continue }
            let start = ReengagementCadence.start(newestFirst: log, createdAt: Rows.date(candidate[1] as Int64), rules: ruleSet,
                                                  timeZone: rules.timeZone)
            try body(id, stored, start.map(Rows.seconds), candidate[3] as Bool)
        }
    }

    /// What `funnel check` finds wrong with the stored starts and the due tallies.
    static func dueTallyProblems(_ db: Database) throws -> [String] {
        var problems: [String] = []
        func differ(_ expected: String, _ kept: String, _ keys: String) throws -> Int {
            // Each side wrapped: compound operators chain left to right, and `expected` is a UNION ALL.
            let expected = "SELECT * FROM (\(expected))", kept = "SELECT * FROM (\(kept))"
            return try Int.fetchOne(db, sql: """
                SELECT count(*) FROM (
                    SELECT \(keys) FROM (\(expected) EXCEPT \(kept))
                    UNION
                    SELECT \(keys) FROM (\(kept) EXCEPT \(expected)))
                """) ?? 0
        }
        let followUps = try differ(Schema.expectedFollowUpTally, "SELECT day, n FROM follow_up_tally", "day")
        if followUps > 0 {
            problems.append("\(followUps) follow-up count\(followUps == 1 ? " differs" : "s differ") from a recount (follow_up_tally)")
        }
        let reengage = try differ(Schema.expectedReengageTally, "SELECT kind, day, n FROM reengage_tally", "kind, day")
        if reengage > 0 {
            problems.append("\(reengage) re-engagement count\(reengage == 1 ? " differs" : "s differ") from a recount (reengage_tally)")
        }
        guard let recorded = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [cadenceRulesKey]) else {
            return problems
        }
        guard let rules = CadenceRules(recorded: recorded) else {
            return problems + ["the recorded re-engagement rules '\(recorded)' cannot be read (meta.cadence_rules)"]
        }
        // A dirty row is recomputed by the next due read; a clean one must already be right.
        var wrong = 0
        try forEachCadence(db, rules) { _, stored, computed, dirty in if !dirty, stored != computed { wrong += 1 } }
        if wrong > 0 {
            problems.append("\(wrong) candidate\(wrong == 1 ? "'s" : "s'") stored re-engagement start differs from their touch log (cadence_start)")
        }
        return problems
    }
}
