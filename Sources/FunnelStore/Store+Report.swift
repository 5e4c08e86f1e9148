import Foundation
import FunnelCore
import GRDB

/// The funnel overview's queries. Each figure is one aggregate query on an index (docs/rules.md,
/// "## Report", defines them; SchemaReport.swift adds the indexes they need): nothing here reads
/// a whole table into Swift, so the report stays fast at a million candidates.
extension Store {
    /// Count now and conversion into the next stage over `period`, per stage in funnel order:
    /// what the board's column headers show. The report's funnel table is built from the same
    /// call, so the two can never disagree.
    public func stageSummary(period: ReportPeriod, moment: Moment) throws -> [StageSummary] {
        try read { db in try Store.stageSummary(db, period: period, moment: moment) }
    }

    /// Every figure of the funnel overview over `period`, as seen at `moment`, from one
    /// consistent snapshot of the store.
    public func report(period: ReportPeriod, moment: Moment, rules: ReportRules = ReportRules()) throws -> FunnelReport {
        try read { db in try Store.report(db, period: period, moment: moment, rules: rules) }
    }

    static func report(_ db: Database, period: ReportPeriod, moment: Moment, rules: ReportRules) throws -> FunnelReport {
        let zone = moment.timeZone
        let today = moment.today
        let counts = try countsByStageAndStatus(db)
        let summaries = try stageSummary(db, period: period, moment: moment, counts: counts)
        let stale = try staleCounts(db, cutoff: cutoff(daysWithoutTouch: rules.staleDays, today: today, in: zone))
        let stays = try stayHistograms(db, period: period, in: zone)
        let stages = summaries.map { summary in
            StageFigures(stage: summary.stage, count: summary.count, conversion: summary.conversion,
                         stale: summary.stage.isPipeline ? stale[summary.stage] ?? 0 : nil,
                         timeInStage: TimeInStage(secondsHistogram: stays[summary.stage] ?? []))
        }
        let statuses = Status.allCases.map { status in
            StatusCount(status: status, count: counts.values.reduce(0) { $0 + ($1[status] ?? 0) })
        }
        let (byChannel, byTemplate) = try replyRates(db, period: period, in: zone, windowDays: rules.replyWindowDays)
        let (titles, locations) = try topFutureRoles(db, limit: rules.topLimit)
        return FunnelReport(
            generatedAt: moment.now, timeZone: zone.identifier, today: today, period: period, rules: rules,
            totalCandidates: summaries.reduce(0) { $0 + $1.count },
            stages: stages, statuses: statuses,
            due: try dueCounts(db, today: today, reengagementCutoff: cutoff(daysWithoutTouch: rules.reengagementDays, today: today, in: zone)),
            touchesPerWeek: try touchesPerWeek(db, endingOn: period.until, weeks: rules.weeks, in: zone),
            replyRateByChannel: byChannel, replyRateByTemplate: byTemplate,
            topFutureRoleTitles: titles, topFutureRoleLocations: locations,
            placementsPerMonth: try placementsPerMonth(db, period: period, in: zone))
    }

    // MARK: Counts and conversion

    /// Candidates per (stage, status) now, from the counters the triggers keep.
    static func countsByStageAndStatus(_ db: Database) throws -> [Stage: [Status: Int]] {
        var out: [Stage: [Status: Int]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT stage, status, n FROM stage_count") {
            out[try Stage.parse(row["stage"]), default: [:]][try Status.parse(row["status"])] = row["n"]
        }
        return out
    }

    static func stageSummary(_ db: Database, period: ReportPeriod, moment: Moment,
                             counts: [Stage: [Status: Int]]? = nil) throws -> [StageSummary] {
        let counts = try counts ?? countsByStageAndStatus(db)
        let start = Rows.seconds(period.start(in: moment.timeZone))
        let end = Rows.seconds(period.end(in: moment.timeZone))
        return try Stage.allCases.map { stage in
            let count = counts[stage]?.values.reduce(0, +) ?? 0
            guard let next = stage.next else { return StageSummary(stage: stage, count: count, conversion: nil) }
            return StageSummary(stage: stage, count: count,
                                conversion: try conversion(db, from: stage, to: next, start: start, end: end))
        }
    }

    /// Of the candidates with a stage change into `from` in [start, end), how many have a later
    /// change (still before `end`) into `to` or any stage after it. Each candidate counts once,
    /// however often they entered `from`.
    static func conversion(_ db: Database, from: Stage, to: Stage, start: Int64, end: Int64) throws -> Conversion {
        let later = Stage.allCases.filter { $0 >= to }.map { "'\($0.rawValue)'" }.joined(separator: ",")
        let row = try Row.fetchOne(db, sql: """
            SELECT count(DISTINCT e.candidate_id) AS entered,
                   count(DISTINCT CASE WHEN EXISTS (
                       SELECT 1 FROM stage_change l
                       WHERE l.candidate_id = e.candidate_id AND l.at >= e.at AND l.at < ?3
                         AND (l.at, l.id) > (e.at, e.id) AND l.to_stage IN (\(later))
                   ) THEN e.candidate_id END) AS reached
            FROM stage_change e
            WHERE e.to_stage = ?1 AND e.at >= ?2 AND e.at < ?3
            """, arguments: [from.rawValue, start, end])!
        return Conversion(from: from, to: to, entered: row["entered"], reachedNext: row["reached"])
    }

    // MARK: Time in stage

    /// Lengths (seconds) of the stays that ended in the period, per stage left, as histograms.
    /// A stay runs from the candidate's previous stage change (their entry into the stage) to
    /// the change that took them out of it.
    static func stayHistograms(_ db: Database, period: ReportPeriod, in zone: TimeZone) throws -> [Stage: [(value: Int64, count: Int)]] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT stage, seconds, count(*) AS n FROM (
                SELECT l.from_stage AS stage,
                       l.at - (SELECT p.at FROM stage_change p
                               WHERE p.candidate_id = l.candidate_id AND (p.at, p.id) < (l.at, l.id)
                               ORDER BY p.at DESC, p.id DESC LIMIT 1) AS seconds
                FROM stage_change l
                WHERE l.from_stage IS NOT NULL AND l.at >= ? AND l.at < ?
            )
            WHERE seconds IS NOT NULL
            GROUP BY stage, seconds
            """, arguments: [Rows.seconds(period.start(in: zone)), Rows.seconds(period.end(in: zone))])
        var out: [Stage: [(value: Int64, count: Int)]] = [:]
        for row in rows {
            out[try Stage.parse(row["stage"]), default: []].append((row["seconds"], row["n"]))
        }
        return out
    }

    // MARK: Stale and due

    /// The first instant that is NOT yet "no touch for `days` days": anything earlier falls on a
    /// calendar day at least `days` days before today.
    static func cutoff(daysWithoutTouch days: Int, today: Day, in zone: TimeZone) -> Int64 {
        Rows.seconds(today.adding(days: -days + 1).start(in: zone))
    }

    /// Pipeline candidates (not do-not-contact) whose last activity (the later of creation and
    /// last touch) is before `cutoff`, per stage.
    static func staleCounts(_ db: Database, cutoff: Int64) throws -> [Stage: Int] {
        var out: [Stage: Int] = [:]
        for stage in Stage.allCases where stage.isPipeline {
            out[stage] = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM candidate
                WHERE stage = ? AND status <> 'do_not_contact' AND activity_at < ?
                """, arguments: [stage.rawValue, cutoff]) ?? 0
        }
        return out
    }

    /// Follow-ups due (next follow-up today or earlier, not do-not-contact) and re-engagements due
    /// (no touch since `reengagementCutoff`, active or not looking, with an email address).
    static func dueCounts(_ db: Database, today: Day, reengagementCutoff: Int64) throws -> DueCounts {
        let followUps = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM candidate
            WHERE next_follow_up IS NOT NULL AND next_follow_up <= ? AND status <> 'do_not_contact'
            """, arguments: [today.iso]) ?? 0
        let reengagements = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM candidate
            WHERE email IS NOT NULL AND status IN ('active', 'not_looking') AND activity_at < ?
            """, arguments: [reengagementCutoff]) ?? 0
        return DueCounts(followUps: followUps, reengagements: reengagements)
    }

    // MARK: Touches

    /// "CASE WHEN at < s1 THEN 0 WHEN at < s2 THEN 1 … ELSE n-1 END": the bucket of `column`
    /// given each bucket's first instant (the caller restricts rows to [s0, end)).
    static func bucketCase(_ column: String, starts: [Int64]) -> String {
        guard starts.count > 1 else { return "0" }
        let whens = starts.dropFirst().enumerated().map { "WHEN \(column) < \($0.element) THEN \($0.offset)" }
        return "CASE \(whens.joined(separator: " ")) ELSE \(starts.count - 1) END"
    }

    /// Touches (notes excluded) per week and channel, for the `weeks` weeks ending with the week
    /// of `day`, counted up to the end of `day`.
    static func touchesPerWeek(_ db: Database, endingOn day: Day, weeks: Int, in zone: TimeZone) throws -> [WeekTouches] {
        let mondays = CalendarBuckets.weekStarts(endingWith: day, count: weeks)
        let starts = mondays.map { Rows.seconds($0.start(in: zone)) }
        let end = Rows.seconds(day.adding(days: 1).start(in: zone))
        var counts = [[String: Int]](repeating: Dictionary(uniqueKeysWithValues: WeekTouches.channels.map { ($0.rawValue, 0) }),
                                     count: weeks)
        let rows = try Row.fetchAll(db, sql: """
            SELECT \(bucketCase("at", starts: starts)) AS week, channel, count(*) AS n
            FROM touchpoint
            WHERE at >= ? AND at < ? AND channel <> 'note'
            GROUP BY week, channel
            """, arguments: [starts[0], end])
        for row in rows {
            let week: Int = row["week"]
            counts[week][row["channel"], default: 0] += row["n"] as Int
        }
        return zip(mondays, counts).map { WeekTouches(weekStart: $0, byChannel: $1) }
    }

    /// Outbound touches (notes excluded) in the period and how many got a reply: their own
    /// outcome is an answer, or the candidate's next `windowDays` days hold an inbound touch or
    /// a touch whose outcome is an answer (`Outcome.isResponse`). Per channel (every outreach
    /// channel, zeros included) and per template (those used in the period, most used first).
    static func replyRates(_ db: Database, period: ReportPeriod, in zone: TimeZone, windowDays: Int) throws -> ([ReplyRate], [ReplyRate]) {
        let responses = Outcome.allCases.filter(\.isResponse).map { "'\($0.rawValue)'" }.joined(separator: ",")
        let rows = try Row.fetchAll(db, sql: """
            SELECT o.channel, o.template, count(*) AS outbound,
                   sum(coalesce(o.outcome IN (\(responses)), 0) OR EXISTS (
                       SELECT 1 FROM touchpoint r
                       WHERE r.candidate_id = o.candidate_id AND r.at >= o.at AND r.at <= o.at + ?3
                         AND (r.at, r.id) > (o.at, o.id)
                         AND (r.direction = 'in' OR r.outcome IN (\(responses))) AND r.channel <> 'note'
                   )) AS replied
            FROM touchpoint o
            WHERE o.at >= ?1 AND o.at < ?2 AND o.direction = 'out' AND o.channel <> 'note'
            GROUP BY o.channel, o.template
            """, arguments: [Rows.seconds(period.start(in: zone)), Rows.seconds(period.end(in: zone)), windowDays * 86_400])
        var channels = Dictionary(uniqueKeysWithValues: WeekTouches.channels.map { ($0.rawValue, (0, 0)) })
        var templates: [String: (Int, Int)] = [:]
        for row in rows {
            let outbound: Int = row["outbound"], replied: Int = row["replied"]
            let channel: String = row["channel"]
            channels[channel, default: (0, 0)].0 += outbound
            channels[channel, default: (0, 0)].1 += replied
            if let template: String = row["template"] {
                templates[template, default: (0, 0)].0 += outbound
                templates[template, default: (0, 0)].1 += replied
            }
        }
        let byChannel = WeekTouches.channels.map { ReplyRate(name: $0.rawValue, outbound: channels[$0.rawValue]!.0, replied: channels[$0.rawValue]!.1) }
        let byTemplate = templates.map { ReplyRate(name: $0.key, outbound: $0.value.0, replied: $0.value.1) }
            .sorted { $0.outbound != $1.outbound ? $0.outbound > $1.outbound : $0.name < $1.name }
        return (byChannel, byTemplate)
    }

    // MARK: Future roles and placements

    /// The most common current future-role titles and locations (each candidate's latest
    /// answer), normalised by `RoleText`.
    static func topFutureRoles(_ db: Database, limit: Int) throws -> ([RankedCount], [RankedCount]) {
        let rows = try Row.fetchAll(db, sql: """
            SELECT f.title, f.location, count(*) AS n
            FROM future_role f
            WHERE NOT EXISTS (
                SELECT 1 FROM future_role g
                WHERE g.candidate_id = f.candidate_id AND (g.asked_at, g.id) > (f.asked_at, f.id))
            GROUP BY f.title, f.location
            """)
        let pairs = rows.map { (title: $0["title"] as String, location: $0["location"] as String, count: $0["n"] as Int) }
        return (RoleText.top(pairs.map { ($0.title, $0.count) }, limit: limit, normalize: RoleText.title),
                RoleText.top(pairs.map { ($0.location, $0.count) }, limit: limit, normalize: RoleText.location))
    }

    /// Moves into loyalty from a pipeline stage, per calendar month of the period.
    static func placementsPerMonth(_ db: Database, period: ReportPeriod, in zone: TimeZone) throws -> [MonthCount] {
        let months = CalendarBuckets.monthStarts(of: period)
        let start = Rows.seconds(period.start(in: zone)), end = Rows.seconds(period.end(in: zone))
        // The first month starts with the period, not on the 1st.
        let starts = [start] + months.dropFirst().map { Rows.seconds($0.start(in: zone)) }
        var counts = [Int](repeating: 0, count: months.count)
        for row in try Row.fetchAll(db, sql: """
            SELECT \(bucketCase("at", starts: starts)) AS month, count(*) AS n
            FROM stage_change
            WHERE to_stage = 'loyalty' AND from_stage IN ('awareness', 'consideration', 'conversion')
              AND at >= ? AND at < ?
            GROUP BY month
            """, arguments: [start, end]) {
            counts[row["month"] as Int] = row["n"]
        }
        return zip(months, counts).map { MonthCount(month: MonthCount.label($0), count: $1) }
    }
}
