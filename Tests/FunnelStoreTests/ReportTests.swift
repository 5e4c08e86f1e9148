import Foundation
import FunnelCore
@testable import FunnelStore
import GRDB
import Testing

/// The funnel overview against a desk small enough to count by hand. Every expected number
/// below is worked out in the comments from the fixture, not read back from the code.
///
/// Now: Sunday 2026-11-22 12:00 UTC. Default period: 2026-08-25 … 2026-11-22 (90 days).
/// Stale cutoff (30 days): activity before 2026-10-24 00:00. Re-engagement cutoff (180 days):
/// activity before 2026-05-27 00:00. The 12 weeks: Mondays 2026-08-31 … 2026-11-16.
@Suite struct ReportTests {
    static let utc = TimeZone(identifier: "UTC")!
    static let now = Moment(now: at("2026-11-22", 12), timeZone: utc)

    /// An instant on a UTC day at an hour (and optional minute/second).
    static func at(_ day: String, _ hour: Int = 12, _ minute: Int = 0, _ second: Int = 0) -> Date {
        Day(iso: day)!.start(in: utc).addingTimeInterval(TimeInterval(hour * 3600 + minute * 60 + second))
    }

    struct Desk {
        let store: Store
        var ids: [String: Int64] = [:]
    }

    /// The fixture desk. Each candidate exists for an edge case:
    /// - Ana: the whole funnel in the period (awareness → … → loyalty), placed in October.
    /// - Ben: entered awareness BEFORE the period (June), moved on in the period.
    /// - Cleo: SKIPPED consideration (awareness → conversion).
    /// - Dan: MOVED BACK (conversion → consideration).
    /// - Eve: still in awareness; last touch one second before the stale cutoff.
    /// - Finn: ERASED after moving and being touched; must count nowhere.
    /// - Gus: placed in September from a conversion stay that began before the period, then advocacy.
    /// - Hana: added straight into consideration, do not contact.
    /// - Ivan: added two days ago, not looking; emailed today.
    /// - Kai: do not contact, silent since March (neither stale nor due).
    /// - Lea: added exactly at the stale cutoff, never touched (not stale).
    /// - Max: silent since 2025, no email (stale, not re-engagement due).
    /// - Olga: silent since January 2025 (stale and re-engagement due).
    /// - Pia: not looking, last touch an hour before the re-engagement cutoff (due).
    static func fixture(_ store: Store) throws -> Desk {
        var desk = Desk(store: store)
        func add(_ name: String, _ day: String, hour: Int = 12, minute: Int = 0, stage: Stage = .awareness,
                 status: Status = .active, email: Bool = true, followUp: String? = nil) throws -> Int64 {
            let draft = CandidateDraft(firstName: name, email: email ? "\(name.lowercased())@example.com" : nil,
                                       stage: stage, status: status, nextFollowUp: followUp.flatMap { Day(iso: $0) })
            let id = try store.add(draft, at: at(day, hour, minute)).id
            desk.ids[name] = id
            return id
        }
        func move(_ id: Int64, _ stage: Stage, _ day: String) throws { _ = try store.move(id, to: stage, at: at(day)) }
        func touch(_ id: Int64, _ day: String, _ channel: Channel, _ direction: Direction = .outbound, _ outcome: Outcome? = nil,
                   template: String? = nil, hour: Int = 12, minute: Int = 0, second: Int = 0, note: String = "") throws {
            _ = try store.logTouch(id, TouchDraft(at: at(day, hour, minute, second), channel: channel, direction: direction,
                                                  outcome: outcome, note: note, template: template))
        }
        func role(_ id: Int64, _ title: String, _ location: String, remote: Bool = false, _ day: String) throws {
            _ = try store.recordFutureRole(id, title: title, location: location, remote: remote, at: at(day))
        }

        let ana = try add("Ana", "2026-09-01")
        try touch(ana, "2026-09-01", .email, .outbound, .sent, template: "Intro", hour: 13)
        try touch(ana, "2026-09-03", .email, .inbound)
        try move(ana, .consideration, "2026-09-11")
        try move(ana, .conversion, "2026-09-21")
        try move(ana, .loyalty, "2026-10-05")
        _ = try store.setStatus(ana, to: .placed, at: at("2026-10-05"))
        try role(ana, "Data Engineer", "Porto", "2026-09-01")
        try role(ana, "Sr. Backend Engineer", "Lisbon", "2026-10-01")

        let ben = try add("Ben", "2026-06-01", followUp: "2026-11-22")
        try touch(ben, "2026-08-20", .email, .outbound, .sent, template: "Intro")
        try touch(ben, "2026-08-26", .email, .inbound)
        try touch(ben, "2026-09-05", .phone, .outbound, .noAnswer)
        try touch(ben, "2026-09-20", .phone, .outbound, .notNow)
        try move(ben, .consideration, "2026-09-05")
        try role(ben, "senior backend engineer", "  Lisbon ", "2026-09-05")

        let cleo = try add("Cleo", "2026-09-10", followUp: "2026-11-23")
        try move(cleo, .conversion, "2026-09-20")
        try touch(cleo, "2026-10-01", .email, .outbound, .sent, template: "Intro")
        try touch(cleo, "2026-10-15", .linkedin, .outbound, .replied)
        try role(cleo, "Staff Engineer", "Berlin", "2026-10-15")

        let dan = try add("Dan", "2026-09-15", followUp: "2026-11-01")
        try move(dan, .consideration, "2026-09-25")
        try move(dan, .conversion, "2026-10-10")
        try move(dan, .consideration, "2026-10-20")
        try touch(dan, "2026-10-19", .phone, .inbound)
        try touch(dan, "2026-10-20", .email, .outbound, .sent, template: "Check-in")
        try touch(dan, "2026-11-21", .note, note: "thinking about it")
        try role(dan, "Senior Backend Engineer", "", remote: true, "2026-10-20")

        let eve = try add("Eve", "2026-10-01")
        try touch(eve, "2026-10-10", .sms, .outbound, .noAnswer)
        try touch(eve, "2026-10-23", .whatsapp, .inbound, hour: 23, minute: 59, second: 59)
        try role(eve, "staff engineer", "berlin", "2026-10-23")

        let finn = try add("Finn", "2026-09-02")
        try move(finn, .consideration, "2026-09-12")
        try touch(finn, "2026-09-03", .email, .outbound, .sent, template: "Intro")
        try touch(finn, "2026-09-04", .email, .inbound)
        try role(finn, "Staff Engineer", "Berlin", "2026-09-04")

        let gus = try add("Gus", "2026-05-01")
        try move(gus, .consideration, "2026-06-01")
        try move(gus, .conversion, "2026-07-01")
        try move(gus, .loyalty, "2026-09-30")
        try move(gus, .advocacy, "2026-10-30")
        _ = try store.setStatus(gus, to: .placed, at: at("2026-09-30"))
        try touch(gus, "2026-10-29", .inPerson, .outbound, .interested)
        try role(gus, "Engineering Manager", "Lisbon", "2026-10-29")

        let hana = try add("Hana", "2026-11-01", stage: .consideration, status: .doNotContact)
        try touch(hana, "2026-11-02", .email, .inbound)

        let ivan = try add("Ivan", "2026-11-20", status: .notLooking)
        try touch(ivan, "2026-11-22", .email, .outbound, .sent, hour: 8)

        let kai = try add("Kai", "2026-03-01", status: .doNotContact)
        _ = try add("Lea", "2026-10-24", hour: 0, email: false)
        _ = try add("Max", "2025-12-01", email: false)
        _ = try add("Olga", "2025-01-10")
        let pia = try add("Pia", "2026-01-05", status: .notLooking)
        try touch(pia, "2026-05-26", .email, .outbound, .sent, hour: 23)

        try store.writer.write { db in
            // The store never gives a do-not-contact candidate a follow-up; the report must not
            // count one even if it were there.
            try db.execute(sql: "UPDATE candidate SET next_follow_up = '2026-11-01' WHERE id = ?", arguments: [kai])
            // Right to be forgotten: the candidate and (by cascade) every row of theirs goes.
            try db.execute(sql: "DELETE FROM candidate WHERE id = ?", arguments: [finn])
        }
        return desk
    }

    func report(_ store: Store, since: String? = nil, until: String? = nil, moment: Moment = ReportTests.now) throws -> FunnelReport {
        try store.report(period: try ReportPeriod.resolve(since: since, until: until, today: moment.today), moment: moment)
    }

    @Test func countsNowPerStageAndStatus() throws {
        let store = try Store.inMemory()
        _ = try Self.fixture(store)
        let r = try report(store)
        #expect(r.period == (try ReportPeriod(since: Day(iso: "2026-08-25")!, until: Day(iso: "2026-11-22")!)))
        // Awareness: Eve, Ivan, Kai, Lea, Max, Olga, Pia. Consideration: Ben, Dan, Hana.
        // Conversion: Cleo. Loyalty: Ana. Advocacy: Gus. Finn is erased.
        #expect(r.stages.map(\.stage) == Stage.allCases)
        #expect(r.stages.map(\.count) == [7, 3, 1, 1, 1])
        #expect(r.totalCandidates == 13)
        // Active: Ben, Cleo, Dan, Eve, Lea, Max, Olga. Not looking: Ivan, Pia. Placed: Ana, Gus.
        // Do not contact: Hana, Kai.
        #expect(r.statuses.map(\.status) == Status.allCases)
        #expect(r.statuses.map(\.count) == [7, 2, 2, 2])
    }

    @Test func conversionCountsEachCandidateOnceAndSkipsCountForward() throws {
        let store = try Store.inMemory()
        _ = try Self.fixture(store)
        let r = try report(store)
        // Awareness entered in the period: Ana, Cleo, Dan, Eve, Ivan, Lea (Ben, Gus, Kai, Max,
        // Olga, Pia entered before it; Hana never was in awareness). Reached consideration or
        // later: Ana, Cleo (skipped to conversion), Dan.
        let awareness = try #require(r.stage(.awareness).conversion)
        #expect((awareness.from, awareness.to, awareness.entered, awareness.reachedNext) == (.awareness, .consideration, 6, 3))
        #expect(awareness.rate == 0.5)
        // Consideration entered: Ana, Ben, Dan (twice: counted once), Hana. Cleo skipped it.
        // Reached conversion after entering: Ana, Dan (before moving back).
        let consideration = try #require(r.stage(.consideration).conversion)
        #expect((consideration.entered, consideration.reachedNext) == (4, 2))
        #expect(consideration.rate == 0.5)
        // Conversion entered: Ana, Cleo, Dan (Gus entered in July). Reached loyalty: Ana only;
        // Dan moved back.
        let conversion = try #require(r.stage(.conversion).conversion)
        #expect((conversion.entered, conversion.reachedNext) == (3, 1))
        #expect(conversion.ratio.percentText() == "33.3%")
        // Loyalty entered: Ana, Gus. Reached advocacy: Gus.
        let loyalty = try #require(r.stage(.loyalty).conversion)
        #expect((loyalty.entered, loyalty.reachedNext) == (2, 1))
        // Advocacy is the end of the funnel.
        #expect(r.stage(.advocacy).conversion == nil)
    }

    @Test func boardSummaryIsTheReportsFunnel() throws {
        let store = try Store.inMemory()
        _ = try Self.fixture(store)
        let period = ReportPeriod.last(endingOn: Self.now.today)
        let summary = try store.stageSummary(period: period, moment: Self.now)
        let r = try store.report(period: period, moment: Self.now)
        #expect(summary.map(\.count) == r.stages.map(\.count))
        #expect(summary.map(\.conversion) == r.stages.map(\.conversion))
        #expect(summary.map(\.stage) == Stage.allCases)
    }

    @Test func conversionOnlySeesMovesBeforeThePeriodEnds() throws {
        let store = try Store.inMemory()
        _ = try Self.fixture(store)
        let r = try report(store, since: "2026-09-01", until: "2026-09-30")
        // Awareness in September: Ana (9/1), Cleo (9/10), Dan (9/15); all moved on by 9/25.
        #expect(r.stage(.awareness).conversion.map { ($0.entered, $0.reachedNext) }! == (3, 3))
        // Consideration: Ana (9/11), Ben (9/5), Dan (9/25); only Ana reached conversion in
        // September (Dan did on 10/10, after the period).
        #expect(r.stage(.consideration).conversion.map { ($0.entered, $0.reachedNext) }! == (3, 1))
        // Conversion: Ana (9/21), Cleo (9/20); Ana's placement is in October.
        #expect(r.stage(.conversion).conversion.map { ($0.entered, $0.reachedNext) }! == (2, 0))
        #expect(r.stage(.conversion).conversion?.rate == 0)
        // Loyalty: Gus (9/30), who reached advocacy in October.
        #expect(r.stage(.loyalty).conversion.map { ($0.entered, $0.reachedNext) }! == (1, 0))
        #expect(r.placementsPerMonth == [MonthCount(month: "2026-09", count: 1)])
    }

    @Test func daysInStageOfCompletedStays() throws {
        let store = try Store.inMemory()
        _ = try Self.fixture(store)
        let r = try report(store)
        // Awareness stays ended in the period: Ana 10, Ben 96 (from June 1), Cleo 10, Dan 10.
        // Median of [10, 10, 10, 96] = 10; p90 is rank ceil(0.9 × 4) = 4 → 96.
        #expect(r.stage(.awareness).timeInStage == TimeInStage(stays: 4, medianDays: 10, p90Days: 96))
        // Consideration: Ana 10, Dan 15 (his second stay is still open) → median 12.5, p90 15.
        #expect(r.stage(.consideration).timeInStage == TimeInStage(stays: 2, medianDays: 12.5, p90Days: 15))
        // Conversion: Ana 14, Gus 91 (July 1 → Sep 30), Dan 10 (moved back) → median 14, p90 91.
        #expect(r.stage(.conversion).timeInStage == TimeInStage(stays: 3, medianDays: 14, p90Days: 91))
        // Loyalty: Gus 30.
        #expect(r.stage(.loyalty).timeInStage == TimeInStage(stays: 1, medianDays: 30, p90Days: 30))
        #expect(r.stage(.advocacy).timeInStage == TimeInStage(stays: 0, medianDays: nil, p90Days: nil))
    }

    @Test func staleAndDue() throws {
        let store = try Store.inMemory()
        _ = try Self.fixture(store)
        let r = try report(store)
        // Awareness: Eve (last touch 10/23 23:59:59), Max, Olga, Pia. Not Kai (do not contact),
        // Ivan (new), Lea (added exactly at the cutoff).
        // Consideration: Ben (9/20); Dan's note on 11/21 keeps him fresh; Hana is new.
        // Conversion: Cleo (10/15).
        #expect(r.stages.map(\.stale) == [4, 1, 1, nil, nil])
        // Follow-ups: Ben (today), Dan (11/01). Not Cleo (tomorrow), not Kai (do not contact).
        // Re-engagement: Olga, Pia. Not Max (no email), Kai (do not contact), Lea (recent).
        #expect(r.due == ReportDueCounts(followUps: 2, reengagements: 2))
    }

    /// With the configured rules, the report's due figures are the Today queue's, exactly.
    @Test func dueFiguresAreTheQueues() throws {
        let store = try Store.inMemory()
        _ = try Self.fixture(store)
        let rules = Rules()
        let period = try ReportPeriod.resolve(since: nil, until: nil, today: Self.now.today)
        let withRules = try store.report(period: period, moment: Self.now, dueRules: rules)
        let queue = try store.dueCounts(rules: rules, moment: Self.now)
        #expect(withRules.due == ReportDueCounts(followUps: queue.overdue + queue.today, reengagements: queue.reengagement))
        let listed = try store.dueQueue(rules: rules, moment: Self.now, limit: 1_000)
        #expect(listed.filter { $0.group == .reengagement }.count == withRules.due.reengagements)
        #expect(listed.filter { $0.group != .reengagement }.count == withRules.due.followUps)
        // A cap below the count marks it as a lower bound.
        let capped = try store.report(period: period, moment: Self.now, dueRules: rules, dueCountCap: 1)
        #expect(capped.due.reengagementsIsLowerBound == (queue.reengagement > 1))
    }

    @Test func staleDaysAreTheRecruitersCalendarDays() throws {
        let store = try Store.inMemory()
        _ = try Self.fixture(store)
        // In Lisbon (UTC+1 until 25 October) Eve's last touch, 23:59:59 UTC on 10/23, falls on
        // 10/24: 29 days ago, not stale.
        let lisbon = Moment(now: Self.now.now, timeZone: TimeZone(identifier: "Europe/Lisbon")!)
        let r = try report(store, moment: lisbon)
        #expect(r.stages.map(\.stale) == [3, 1, 1, nil, nil])
        #expect(r.timeZone == "Europe/Lisbon")
    }

    @Test func touchesPerWeekByChannel() throws {
        let store = try Store.inMemory()
        _ = try Self.fixture(store)
        let r = try report(store)
        #expect(r.touchesPerWeek.map(\.weekStart.iso) == [
            "2026-08-31", "2026-09-07", "2026-09-14", "2026-09-21", "2026-09-28", "2026-10-05",
            "2026-10-12", "2026-10-19", "2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16",
        ])
        // 8/31: Ana's email out and in, Ben's call (Finn's emails were erased).
        // 9/14: Ben's call on Sunday 9/20. 9/28: Cleo's email. 10/5: Eve's SMS.
        // 10/12: Cleo's LinkedIn. 10/19: Dan's call in, Dan's email, Eve's WhatsApp (Friday night).
        // 10/26: Gus in person. 11/2: Hana's email in. 11/16: Ivan's email. Dan's note is not a touch.
        #expect(r.touchesPerWeek.map(\.total) == [3, 0, 1, 0, 1, 1, 1, 3, 1, 1, 0, 1])
        let week = { (iso: String) in r.touchesPerWeek.first { $0.weekStart.iso == iso }!.byChannel.filter { $0.value > 0 } }
        #expect(week("2026-08-31") == ["email": 2, "phone": 1])
        #expect(week("2026-10-19") == ["phone": 1, "email": 1, "whatsapp": 1])
        #expect(week("2026-10-26") == ["in_person": 1])
        #expect(r.touchesPerWeek.allSatisfy { $0.byChannel.keys.sorted() == WeekTouches.channels.map(\.rawValue).sorted() })
        #expect(r.touchesPerWeek.allSatisfy { $0.byChannel["note"] == nil })
    }

    @Test func replyRatesPerChannelAndTemplate() throws {
        let store = try Store.inMemory()
        _ = try Self.fixture(store)
        let r = try report(store)
        let channel = Dictionary(uniqueKeysWithValues: r.replyRateByChannel.map { ($0.name, ($0.outbound, $0.replied)) })
        // Email out in the period: Ana 9/1 (answered 9/3), Cleo 10/1 (LinkedIn reply exactly 14
        // days later), Dan 10/20 (his inbound call was the day before: no), Ivan today (no).
        // Ben's email of 8/20 is before the period.
        #expect(channel["email"]! == (4, 2))
        // Phone out: Ben 9/5 (his next answer is 15 days later: no), Ben 9/20 (outcome "not now"
        // is an answer). Dan's inbound call is not outbound.
        #expect(channel["phone"]! == (2, 1))
        // SMS: Eve 10/10, answered on WhatsApp 10/23. LinkedIn: Cleo's own "replied".
        // In person: Gus's own "interested".
        #expect(channel["sms"]! == (1, 1))
        #expect(channel["linkedin"]! == (1, 1))
        #expect(channel["in_person"]! == (1, 1))
        #expect(channel["whatsapp"]! == (0, 0))
        #expect(r.replyRateByChannel.first { $0.name == "whatsapp" }!.rate == nil)
        #expect(r.replyRateByChannel.map(\.name) == WeekTouches.channels.map(\.rawValue))
        // Templates: Intro = Ana and Cleo (both answered; Finn's is erased, Ben's before the
        // period); Check-in = Dan (not answered).
        #expect(r.replyRateByTemplate == [ReplyRate(name: "Intro", outbound: 2, replied: 2),
                                          ReplyRate(name: "Check-in", outbound: 1, replied: 0)])
    }

    @Test func topFutureRolesNormalised() throws {
        let store = try Store.inMemory()
        _ = try Self.fixture(store)
        let r = try report(store)
        // Current answers: Ana "Sr. Backend Engineer"/Lisbon (her earlier Data Engineer/Porto is
        // history), Ben "senior backend engineer"/"  Lisbon ", Cleo Staff Engineer/Berlin,
        // Dan "Senior Backend Engineer"/remote, Eve "staff engineer"/"berlin",
        // Gus Engineering Manager/Lisbon. Finn is erased.
        // Grouped by title family (levels together) and place; no openings on this desk.
        #expect(r.topFutureRoleTitles == [RoleDemand(key: "backend engineer", label: "Backend Engineer", count: 3, openOpenings: 0),
                                          RoleDemand(key: "engineer", label: "Engineer", count: 2, openOpenings: 0),
                                          RoleDemand(key: "engineering manager", label: "Engineering Manager", count: 1, openOpenings: 0)])
        #expect(r.topFutureRoleLocations == [RoleDemand(key: "lisbon", label: "Lisbon", count: 3, openOpenings: 0),
                                             RoleDemand(key: "berlin", label: "Berlin", count: 2, openOpenings: 0),
                                             RoleDemand(key: "remote", label: "Remote", count: 1, openOpenings: 0)])
        #expect(r.openings.isEmpty)
    }

    @Test func placementsPerMonth() throws {
        let store = try Store.inMemory()
        _ = try Self.fixture(store)
        let r = try report(store)
        // Gus 9/30, Ana 10/5; Gus's move to advocacy is not a placement.
        #expect(r.placementsPerMonth == [MonthCount(month: "2026-08", count: 0), MonthCount(month: "2026-09", count: 1),
                                         MonthCount(month: "2026-10", count: 1), MonthCount(month: "2026-11", count: 0)])
    }

    @Test func emptyStoreHasNoDivisionByZero() throws {
        let store = try Store.inMemory()
        let r = try report(store)
        #expect(r.totalCandidates == 0)
        #expect(r.stages.map(\.count) == [0, 0, 0, 0, 0])
        #expect(r.stages.compactMap(\.conversion).map(\.rate) == [nil, nil, nil, nil])
        #expect(r.stages.compactMap(\.conversion).map(\.entered) == [0, 0, 0, 0])
        #expect(r.stages.allSatisfy { $0.timeInStage == TimeInStage(stays: 0, medianDays: nil, p90Days: nil) })
        #expect(r.replyRateByChannel.allSatisfy { $0.rate == nil && $0.outbound == 0 })
        #expect(r.replyRateByTemplate.isEmpty)
        #expect(r.touchesPerWeek.count == 12 && r.touchesPerWeek.allSatisfy { $0.total == 0 })
        #expect(r.topFutureRoleTitles.isEmpty && r.topFutureRoleLocations.isEmpty && r.openings.isEmpty)
        #expect(r.campaigns.isEmpty && r.campaignTemplates.isEmpty)
        #expect(r.due == ReportDueCounts(followUps: 0, reengagements: 0))
        let text = ReportText(charset: .unicode).render(r)
        #expect(text.contains("—"))
        #expect(!text.contains("nan") && !text.contains("inf"))
        let ascii = ReportText(charset: .ascii).render(r)
        let allASCII = ascii.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(allASCII)
    }

    /// The JSON shape documented in docs/cli.md, "report": every key present, null for figures
    /// that cannot be computed, snake_case keys.
    @Test func jsonShape() throws {
        let store = try Store.inMemory()
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(try report(store))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(json.keys) == ["generated_at", "time_zone", "today", "period", "rules", "total_candidates", "stages",
                                   "statuses", "due", "touches_per_week", "reply_rate_by_channel", "reply_rate_by_template",
                                   "campaigns", "campaign_templates",
                                   "top_future_role_titles", "top_future_role_locations", "openings", "placements_per_month"])
        // No campaign sent: empty lists (their entries' keys: ReportCampaignTests.jsonShapeOfCampaignsAndTemplates).
        #expect((json["campaigns"] as? [Any])?.isEmpty == true && (json["campaign_templates"] as? [Any])?.isEmpty == true)
        #expect(json["generated_at"] as? String == "2026-11-22T12:00:00Z")
        #expect((json["period"] as? [String: String]) == ["since": "2026-08-25", "until": "2026-11-22"])
        #expect(Set((json["rules"] as! [String: Any]).keys) == ["stale_days", "reengagement_days", "reply_window_days", "weeks", "top_limit"])
        let stages = json["stages"] as! [[String: Any]]
        #expect(Set(stages[0].keys) == ["stage", "count", "conversion", "stale", "time_in_stage"])
        let conversion = stages[0]["conversion"] as! [String: Any]
        #expect(Set(conversion.keys) == ["from", "to", "entered", "reached_next", "rate"])
        #expect(conversion["rate"] is NSNull)
        #expect(stages[4]["conversion"] is NSNull)
        #expect(stages[4]["stale"] is NSNull)
        let time = stages[0]["time_in_stage"] as! [String: Any]
        #expect(Set(time.keys) == ["stays", "median_days", "p90_days"])
        #expect(time["median_days"] is NSNull)
        #expect(Set((json["statuses"] as! [[String: Any]])[0].keys) == ["status", "count"])
        #expect(Set((json["due"] as! [String: Any]).keys) == ["follow_ups", "reengagements", "reengagements_is_lower_bound"])
        let week = (json["touches_per_week"] as! [[String: Any]])[0]
        #expect(Set(week.keys) == ["week_start", "total", "by_channel"])
        #expect(Set((week["by_channel"] as! [String: Int]).keys) == ["email", "phone", "voicemail", "sms", "whatsapp", "linkedin", "in_person", "other"])
        let reply = (json["reply_rate_by_channel"] as! [[String: Any]])[0]
        #expect(Set(reply.keys) == ["name", "outbound", "replied", "rate"])
        #expect(reply["rate"] is NSNull)
        #expect(Set((json["placements_per_month"] as! [[String: Any]])[0].keys) == ["month", "count"])
        // And it decodes back to the same value.
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode(FunnelReport.self, from: data) == (try report(store)))
    }

    @Test func reportMigrationIsApplied() throws {
        let store = try Store.inMemory()
        #expect(try store.appliedMigrations().contains("v4: report indexes"))
    }
}
