import Foundation
import FunnelCore
import GRDB

/// The funnel overview's queries. docs/rules.md ("## Report") defines each figure. Each is an
/// aggregate over an index range or over a tally the triggers of SchemaReport.swift keep, so the
/// work grows with the period, never with the whole desk, and nothing reads a table into Swift.
extension Store {
    /// Count now and conversion into the next stage over `period`, per stage in funnel order:
    /// what the board's column headers show. The report's funnel table is built from the same
    /// call, so the two can never disagree.
    public func stageSummary(period: ReportPeriod, moment: Moment) throws -> [StageSummary] {
        try read { db in try Store.stageSummary(db, period: period, moment: moment) }
    }

    /// Every figure of the funnel overview over `period`, as seen at `moment`, from one
    /// consistent snapshot of the store.
    ///
    /// With `dueRules`, the due figures are the Today queue's own exact counts (`DueRules`, cadence
    /// included; kept by the v8 tallies, so no longer capped), so the report and the queue never
    /// disagree; `dueCountCap` cuts re-engagements at a figure ("1,000+") for a caller that wants
    /// one. Without `dueRules`, the simple entry rule of docs/rules.md ("Due count").
    public func report(period: ReportPeriod, moment: Moment, rules: ReportRules = ReportRules(),
                       dueRules: Rules? = nil, dueCountCap: Int? = nil) throws -> FunnelReport {
        let vocabulary = matchVocabulary
        var report = try read { db in try Store.report(db, period: period, moment: moment, rules: rules, vocabulary: vocabulary) }
        if let dueRules {
            let bounded = try dueCountCap.map { try dueCounts(rules: dueRules, moment: moment, reengagementUpTo: $0) }
                ?? BoundedDueCounts(counts: try dueCounts(rules: dueRules, moment: moment), reengagementIsLowerBound: false)
            report.due = ReportDueCounts(followUps: bounded.counts.overdue + bounded.counts.today,
                                         reengagements: bounded.counts.reengagement,
                                         reengagementsIsLowerBound: bounded.reengagementIsLowerBound)
        }
        return report
    }

    static func report(_ db: Database, period: ReportPeriod, moment: Moment, rules: ReportRules,
                       vocabulary: MatchVocabulary) throws -> FunnelReport {
        let zone = moment.timeZone
        let today = moment.today
        let counts = try countsByStageAndStatus(db)
        let summaries = try stageSummary(db, period: period, moment: moment, counts: counts)
        let stale = try staleCounts(db, cutoff: cutoff(daysWithoutTouch: rules.staleDays, today: today, in: zone), counts: counts)
        let stages = try summaries.map { summary in
            StageFigures(stage: summary.stage, count: summary.count, conversion: summary.conversion,
                         stale: summary.stage.isPipeline ? stale[summary.stage] ?? 0 : nil,
                         timeInStage: try timeInStage(db, stage: summary.stage, period: period, in: zone))
        }
        let statuses = Status.allCases.map { status in
            StatusCount(status: status, count: counts.values.reduce(0) { $0 + ($1[status] ?? 0) })
        }
        let (byChannel, byTemplate) = try replyRates(db, period: period, in: zone)
        let openings = try allOpenings(db)
        let (titles, locations) = try topFutureRoles(db, limit: rules.topLimit, openings: openings, vocabulary: vocabulary)
        let (campaigns, campaignTemplates) = try reportCampaigns(db, range: period.instantRange(in: zone))
        return FunnelReport(
            generatedAt: moment.now, timeZone: zone.identifier, today: today, period: period, rules: rules,
            totalCandidates: summaries.reduce(0) { $0 + $1.count },
            stages: stages, statuses: statuses,
            due: try dueCounts(db, today: today, reengagementCutoff: cutoff(daysWithoutTouch: rules.reengagementDays, today: today, in: zone)),
            touchesPerWeek: try touchesPerWeek(db, endingOn: period.until, weeks: rules.weeks, in: zone),
            replyRateByChannel: byChannel, replyRateByTemplate: byTemplate,
            topFutureRoleTitles: titles, topFutureRoleLocations: locations,
            openings: try reportOpenings(db, openings, range: period.instantRange(in: zone), vocabulary: vocabulary),
            placementsPerMonth: try placementsPerMonth(db, period: period, in: zone),
            campaigns: campaigns, campaignTemplates: campaignTemplates)
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
        let range = Rows.seconds(period.start(in: moment.timeZone))..<Rows.seconds(period.end(in: moment.timeZone))
        return try Stage.allCases.map { stage in
            let count = counts[stage]?.values.reduce(0, +) ?? 0
            guard let next = stage.next else { return StageSummary(stage: stage, count: count, conversion: nil) }
            return StageSummary(stage: stage, count: count, conversion: try conversion(db, from: stage, to: next, range: range))
        }
    }

    /// Entries into `stage` in a range: how many, how many have reached a later stage (by now),
    /// how many are placements. Whole UTC hours from `stage_entry_tally`, the rest from `stage_path`.
    static func entries(_ db: Database, stage: Stage, _ range: Range<Int64>) throws -> (entries: Int, reached: Int, placements: Int) {
        let split = HourSplit(range)
        var total = (entries: 0, reached: 0, placements: 0)
        func add(_ row: Row) {
            total.entries += row[0] as Int
            total.reached += row[1] as Int
            total.placements += row[2] as Int
        }
        if !split.hours.isEmpty {
            add(try Row.fetchOne(db, sql: """
                SELECT coalesce(sum(entries), 0), coalesce(sum(reached), 0), coalesce(sum(placements), 0)
                FROM stage_entry_tally WHERE stage = ? AND hour >= ? AND hour < ?
                """, arguments: [stage.rawValue, split.hours.lowerBound, split.hours.upperBound])!)
        }
        for part in split.rawParts {
            add(try Row.fetchOne(db, sql: """
                SELECT count(*), count(reached_at), coalesce(sum(\(Schema.isPlacement("p"))), 0)
                FROM stage_path p WHERE stage = ? AND at >= ? AND at < ?
                """, arguments: [stage.rawValue, part.lowerBound, part.upperBound])!)
        }
        return total
    }

    /// Of the candidates with a stage change into `from` in the range, how many have a later
    /// change (still inside it) into `to` or any stage after it. Each candidate counts once, by
    /// their first entry in the range; they converted if a later stage was first reached after
    /// that entry before the range ends (docs/rules.md).
    ///
    /// From the entry tally (all entries, and those reached at any time) less three small
    /// corrections read from `stage_path`: re-entries (the previous entry into the same stage is
    /// in the range too), re-entries that were reached, and entries reached only after the range.
    static func conversion(_ db: Database, from: Stage, to: Stage, range: Range<Int64>) throws -> Conversion {
        let all = try entries(db, stage: from, range)
        let row = try Row.fetchOne(db, sql: """
            SELECT (SELECT count(*) FROM stage_path WHERE stage = ?1 AND prev_entry_at >= ?2 AND at < ?3),
                   (SELECT count(*) FROM stage_path WHERE stage = ?1 AND prev_entry_at >= ?2 AND at < ?3 AND reached_at < ?3),
                   (SELECT count(*) FROM stage_path WHERE stage = ?1 AND reached_at >= ?3 AND at >= ?2 AND at < ?3)
            """, arguments: [from.rawValue, range.lowerBound, range.upperBound])!
        let reentries: Int = row[0], reentriesReached: Int = row[1], reachedAfter: Int = row[2]
        return Conversion(from: from, to: to, entered: all.entries - reentries,
                          reachedNext: all.reached - reachedAfter - reentriesReached)
    }

    // MARK: Time in stage

    /// Lengths (seconds) of the stays that ended in the period, per stage left. A stay runs from
    /// the candidate's previous stage change (their entry into the stage) to the change that took
    /// them out of it (`stage_path.stay_seconds`, v4). Exact percentiles need every length: one
    /// integer per stay is read from a covering index through a typed cursor (no row objects).
    static func timeInStage(_ db: Database, stage: Stage, period: ReportPeriod, in zone: TimeZone) throws -> TimeInStage {
        var lengths: [Int64] = []
        let cursor = try Int64.fetchCursor(db, sql: """
            SELECT stay_seconds FROM stage_path
            WHERE from_stage = ? AND at >= ? AND at < ? AND stay_seconds IS NOT NULL
            """, arguments: [stage.rawValue, Rows.seconds(period.start(in: zone)), Rows.seconds(period.end(in: zone))])
        while let length = try cursor.next() { lengths.append(length) }
        return TimeInStage(seconds: lengths)
    }

    // MARK: Stale and due

    /// The first instant that is NOT yet "no touch for `days` days": anything earlier falls on a
    /// calendar day at least `days` days before today.
    static func cutoff(daysWithoutTouch days: Int, today: Day, in zone: TimeZone) -> Int64 {
        Rows.seconds(today.adding(days: -days + 1).start(in: zone))
    }

    /// Pipeline candidates (not do-not-contact) whose last activity (the later of creation and
    /// last touch) is before `cutoff`, per stage: those of the stage (from the counters) less the
    /// ones active since, a range count on `candidate_report_stale` that stays small on a desk
    /// where most people have gone quiet.
    static func staleCounts(_ db: Database, cutoff: Int64, counts: [Stage: [Status: Int]]) throws -> [Stage: Int] {
        var out: [Stage: Int] = [:]
        for stage in Stage.allCases where stage.isPipeline {
            let contactable = (counts[stage] ?? [:]).filter { $0.key != .doNotContact }.values.reduce(0, +)
            let fresh = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM candidate
                WHERE stage = ? AND status <> 'do_not_contact' AND activity_at >= ?
                """, arguments: [stage.rawValue, cutoff]) ?? 0
            out[stage] = contactable - fresh
        }
        return out
    }

    /// Follow-ups due (next follow-up today or earlier, not do-not-contact) and re-engagements due
    /// (no touch since `reengagementCutoff`, active or not looking, with an email address).
    static func dueCounts(_ db: Database, today: Day, reengagementCutoff: Int64) throws -> ReportDueCounts {
        let followUps = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM candidate
            WHERE next_follow_up <= ? AND status <> 'do_not_contact'
            """, arguments: [today.iso]) ?? 0
        let reengagements = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM candidate
            WHERE email IS NOT NULL AND email_bounced_at IS NULL AND status IN ('active', 'not_looking') AND activity_at < ?
            """, arguments: [reengagementCutoff]) ?? 0
        return ReportDueCounts(followUps: followUps, reengagements: reengagements)
    }

    // MARK: Touches

    /// An instant range split for the hourly touch tally: the whole UTC hours inside it (as hour
    /// numbers) and the parts before and after them, read from the touches themselves. In a
    /// time zone a whole number of hours from UTC the parts are empty.
    struct HourSplit {
        var hours: Range<Int64>
        var rawParts: [Range<Int64>]

        init(_ range: Range<Int64>) {
            let firstHour = Int64((Double(range.lowerBound) / 3600).rounded(.up))
            let endHour = Int64((Double(range.upperBound) / 3600).rounded(.down))
            if firstHour >= endHour {
                hours = 0..<0
                rawParts = range.isEmpty ? [] : [range]
            } else {
                hours = firstHour..<endHour
                rawParts = [range.lowerBound..<firstHour * 3600, endHour * 3600..<range.upperBound].filter { !$0.isEmpty }
            }
        }
    }

    /// Touches (notes excluded) per channel in [start, end).
    static func touchesByChannel(_ db: Database, _ range: Range<Int64>) throws -> [String: Int] {
        let split = HourSplit(range)
        var counts: [String: Int] = [:]
        if !split.hours.isEmpty {
            for row in try Row.fetchAll(db, sql: """
                SELECT channel, sum(touches) AS n FROM touch_tally
                WHERE hour >= ? AND hour < ? AND channel <> 'note' GROUP BY channel
                """, arguments: [split.hours.lowerBound, split.hours.upperBound]) {
                counts[row["channel"], default: 0] += row["n"] as Int
            }
        }
        for part in split.rawParts {
            for row in try Row.fetchAll(db, sql: """
                SELECT channel, count(*) AS n FROM touchpoint
                WHERE at >= ? AND at < ? AND channel <> 'note' GROUP BY channel
                """, arguments: [part.lowerBound, part.upperBound]) {
                counts[row["channel"], default: 0] += row["n"] as Int
            }
        }
        return counts
    }

    /// Touches (notes excluded) per week and channel, for the `weeks` weeks ending with the week
    /// of `day`, counted up to the end of `day`.
    static func touchesPerWeek(_ db: Database, endingOn day: Day, weeks: Int, in zone: TimeZone) throws -> [WeekTouches] {
        let mondays = CalendarBuckets.weekStarts(endingWith: day, count: weeks)
        let bounds = mondays.map { Rows.seconds($0.start(in: zone)) } + [Rows.seconds(day.adding(days: 1).start(in: zone))]
        return try mondays.indices.map { week in
            var counts = Dictionary(uniqueKeysWithValues: WeekTouches.channels.map { ($0.rawValue, 0) })
            counts.merge(try touchesByChannel(db, bounds[week]..<bounds[week + 1])) { $0 + $1 }
            return WeekTouches(weekStart: mondays[week], byChannel: counts)
        }
    }

    /// Outbound touches (notes excluded) in the period and how many got a reply: their own
    /// outcome is an answer, or the candidate's next 14 days hold an inbound touch or a touch
    /// whose outcome is an answer (`Outcome.isResponse`; `Schema.isAnswered` in SQL). Per channel
    /// (every outreach channel, zeros included) and per template (those used in the period, most
    /// used first). Whole hours come from `touch_tally`, the rest from the touches.
    static func replyRates(_ db: Database, period: ReportPeriod, in zone: TimeZone) throws -> ([ReplyRate], [ReplyRate]) {
        let split = HourSplit(Rows.seconds(period.start(in: zone))..<Rows.seconds(period.end(in: zone)))
        var rows: [Row] = []
        if !split.hours.isEmpty {
            rows += try Row.fetchAll(db, sql: """
                SELECT channel, template, sum(touches) AS outbound, sum(answered) AS replied FROM touch_tally
                WHERE hour >= ? AND hour < ? AND direction = 'out' AND channel <> 'note'
                GROUP BY channel, template
                """, arguments: [split.hours.lowerBound, split.hours.upperBound])
        }
        for part in split.rawParts {
            rows += try Row.fetchAll(db, sql: """
                SELECT o.channel, coalesce(o.template, '') AS template, count(*) AS outbound,
                       sum(\(Schema.isAnswered("o"))) AS replied
                FROM touchpoint o
                WHERE o.at >= ? AND o.at < ? AND \(Schema.isOutbound("o"))
                GROUP BY o.channel, o.template
                """, arguments: [part.lowerBound, part.upperBound])
        }
        var channels = Dictionary(uniqueKeysWithValues: WeekTouches.channels.map { ($0.rawValue, (0, 0)) })
        var templates: [String: (Int, Int)] = [:]
        for row in rows {
            let outbound: Int = row["outbound"], replied: Int = row["replied"]
            let channel: String = row["channel"], template: String = row["template"]
            channels[channel, default: (0, 0)].0 += outbound
            channels[channel, default: (0, 0)].1 += replied
            if !template.isEmpty {
                templates[template, default: (0, 0)].0 += outbound
                templates[template, default: (0, 0)].1 += replied
            }
        }
        let byChannel = WeekTouches.channels.map { ReplyRate(name: $0.rawValue, outbound: channels[$0.rawValue]!.0, replied: channels[$0.rawValue]!.1) }
        let byTemplate = templates.filter { $0.value.0 > 0 }.map { ReplyRate(name: $0.key, outbound: $0.value.0, replied: $0.value.1) }
            .sorted { $0.outbound != $1.outbound ? $0.outbound > $1.outbound : $0.name < $1.name }
        return (byChannel, byTemplate)
    }

    // MARK: Future roles and placements

    /// The most common current future-role title families and places (each candidate's latest
    /// answer), grouped by their match keys (`RoleDemand`, `RoleText`), each with the open
    /// openings for it. From the tallies of raw values (v4): one row per distinct spelling, keyed
    /// here with the store's vocabulary, so no answer is read.
    static func topFutureRoles(_ db: Database, limit: Int, openings: [Opening],
                               vocabulary: MatchVocabulary) throws -> ([RoleDemand], [RoleDemand]) {
        let titles = try Row.fetchAll(db, sql: "SELECT title, n FROM future_role_title_tally WHERE n > 0")
            .map { (raw: $0["title"] as String, count: $0["n"] as Int) }
        let locations = try Row.fetchAll(db, sql: "SELECT location, n FROM future_role_location_tally WHERE n > 0")
            .map { (raw: $0["location"] as String, count: $0["n"] as Int) }
        return (RoleDemand.titles(titles, openings: openings, vocabulary: vocabulary, limit: limit),
                RoleDemand.locations(locations, openings: openings, vocabulary: vocabulary, limit: limit))
    }

    /// Moves into loyalty from a pipeline stage, per calendar month of the period (the entry tally).
    static func placementsPerMonth(_ db: Database, period: ReportPeriod, in zone: TimeZone) throws -> [MonthCount] {
        let months = CalendarBuckets.monthStarts(of: period)
        // The first month starts with the period, not on the 1st.
        let bounds = [Rows.seconds(period.start(in: zone))] + months.dropFirst().map { Rows.seconds($0.start(in: zone)) }
            + [Rows.seconds(period.end(in: zone))]
        return try months.indices.map { index in
            MonthCount(month: MonthCount.label(months[index]),
                       count: try entries(db, stage: .loyalty, bounds[index]..<bounds[index + 1]).placements)
        }
    }
}
