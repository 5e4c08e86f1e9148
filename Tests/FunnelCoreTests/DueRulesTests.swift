import Foundation
@testable import FunnelCore
import Testing

/// The same seed, the same candidates, every run.
typealias DueRulesRNG = SplitMix64

@Suite struct DueRulesTests {
    static let utc = TimeZone(identifier: "UTC")!
    let today = Day(year: 2026, month: 11, day: 22)!
    var moment: Moment { Moment.noon(today) }
    let rules = Rules.defaults

    /// Noon UTC, `days` days before today.
    func daysAgo(_ days: Int, hour: Int = 12) -> Date {
        today.adding(days: -days).start(in: Self.utc).addingTimeInterval(TimeInterval(hour * 3600))
    }

    func facts(status: Status = .active, email: String? = "ana@example.com", created: Int = 400, lastTouch: Int? = nil,
               followUp: Day? = nil, cadence: Date? = nil, stage: Stage = .consideration) -> DueFacts {
        DueFacts(status: status, stage: stage, email: email, createdAt: daysAgo(created),
                 lastTouchAt: lastTouch.map { daysAgo($0) }, nextFollowUp: followUp, cadenceStartedAt: cadence)
    }

    @Test(arguments: [(179, false), (180, true), (181, true)])
    func reengagementBoundary(days: Int, due: Bool) {
        let reason = DueRules.evaluate(facts(lastTouch: days), rules: rules, at: moment)
        #expect((reason == .reengagement(days: days, neverTouched: false)) == due)
        if !due { #expect(reason == nil) }
    }

    @Test func boundaryIsCalendarDaysInTheRecruitersZone() {
        // 180 days ago at 23:30 in Lisbon-summer (+1) is still 180 calendar days ago there.
        let lisbon = TimeZone(identifier: "Europe/Lisbon")!
        let m = Moment(now: today.start(in: lisbon).addingTimeInterval(60), timeZone: lisbon)  // 00:01 today
        let late = today.adding(days: -180).start(in: lisbon).addingTimeInterval(23.5 * 3600)
        let f = DueFacts(status: .active, stage: .awareness, email: "a@b.co", createdAt: late, lastTouchAt: late, nextFollowUp: nil)
        #expect(DueRules.evaluate(f, rules: rules, at: m) == .reengagement(days: 180, neverTouched: false))
        let nextDay = late.addingTimeInterval(3600)  // 00:30 the next day: 179 days
        let g = DueFacts(status: .active, stage: .awareness, email: "a@b.co", createdAt: late, lastTouchAt: nextDay, nextFollowUp: nil)
        #expect(DueRules.evaluate(g, rules: rules, at: m) == nil)
    }

    @Test(arguments: [(179, false), (180, true), (181, true)])
    func neverTouchedCountsFromCreation(days: Int, due: Bool) {
        let reason = DueRules.evaluate(facts(created: days), rules: rules, at: moment)
        #expect(reason == (due ? .reengagement(days: days, neverTouched: true) : nil))
    }

    @Test func followUpOverdueTodayAndFuture() {
        #expect(DueRules.evaluate(facts(lastTouch: 5, followUp: today.adding(days: -3)), rules: rules, at: moment)
            == .followUpOverdue(days: 3, dueOn: today.adding(days: -3)))
        #expect(DueRules.evaluate(facts(lastTouch: 5, followUp: today), rules: rules, at: moment) == .followUpToday)
        #expect(DueRules.evaluate(facts(lastTouch: 5, followUp: today.adding(days: 1)), rules: rules, at: moment) == nil)
        // A planned follow-up holds off re-engagement: the recruiter has a plan.
        #expect(DueRules.evaluate(facts(lastTouch: 300, followUp: today.adding(days: 1)), rules: rules, at: moment) == nil)
        // A placed candidate's follow-up is still due (only re-engagement skips placed people).
        #expect(DueRules.evaluate(facts(status: .placed, lastTouch: 5, followUp: today), rules: rules, at: moment) == .followUpToday)
    }

    @Test func doNotContactIsNeverDue() {
        for f in [facts(status: .doNotContact, lastTouch: 400), facts(status: .doNotContact, followUp: today.adding(days: -5)),
                  facts(status: .doNotContact, lastTouch: 30, cadence: daysAgo(200)), facts(status: .doNotContact, created: 999)] {
            #expect(DueRules.evaluate(f, rules: rules, at: moment) == nil)
        }
    }

    @Test func placedAndBadEmailsAreNotReengaged() {
        #expect(DueRules.evaluate(facts(status: .placed, lastTouch: 400), rules: rules, at: moment) == nil)
        #expect(DueRules.evaluate(facts(email: nil, lastTouch: 400), rules: rules, at: moment) == nil)
        #expect(DueRules.evaluate(facts(email: "not-an-email", lastTouch: 400), rules: rules, at: moment) == nil)
        #expect(DueRules.evaluate(facts(email: "ana@localhost", lastTouch: 400), rules: rules, at: moment) == nil)
        #expect(DueRules.evaluate(facts(status: .notLooking, lastTouch: 400), rules: rules, at: moment) != nil)
    }

    // MARK: Cadence

    func touch(_ daysAgo: Int, _ channel: Channel = .email, _ direction: Direction = .outbound, _ outcome: Outcome? = .sent) -> TouchFact {
        TouchFact(at: self.daysAgo(daysAgo), channel: channel, direction: direction, outcome: outcome)
    }

    func cadence(_ newestFirst: [TouchFact], created: Int = 900) -> Date? {
        ReengagementCadence.start(newestFirst: newestFirst, createdAt: daysAgo(created), rules: rules, timeZone: Self.utc)
    }

    @Test func aTouchAfterSixMonthsOfSilenceStartsTheCadence() {
        #expect(cadence([touch(30), touch(300)]) == daysAgo(30))  // 270 days of silence before it
        #expect(cadence([touch(30), touch(209)], created: 220) == nil)  // gap of 179 days: not a re-engagement touch
        // …but the touch 209 days ago came 691 days after the candidate was added: the cadence runs since then.
        #expect(cadence([touch(30), touch(209)], created: 900) == daysAgo(209))
        #expect(cadence([touch(30), touch(210)]) == daysAgo(30))  // gap of 180 days
        #expect(cadence([touch(30)], created: 210) == daysAgo(30))  // first touch 180 days after being added
        #expect(cadence([touch(30)], created: 100) == nil)  // first touch of a new candidate
        #expect(cadence([]) == nil)
    }

    @Test func theCadenceRunsUntilAnAnswer() {
        // Re-engaged 63 days ago, mailed again at 42 and 21 days: still running.
        let running = [touch(21), touch(42), touch(63), touch(400)]
        #expect(cadence(running) == daysAgo(63))
        // A note or an unanswered call do not end it.
        #expect(cadence([touch(22, .note, .outbound, nil), touch(25, .phone, .outbound, .noAnswer), touch(63), touch(400)]) == daysAgo(63))
        // A reply, an interested or not-now outcome, a decline, a bounce or any inbound touch ends it.
        for ender in [touch(30, .email, .inbound, nil), touch(30, .phone, .outbound, .replied), touch(30, .phone, .outbound, .interested),
                      touch(30, .phone, .outbound, .notNow), touch(30, .phone, .outbound, .declined), touch(30, .email, .outbound, .bounced)] {
            #expect(cadence([touch(25), ender, touch(63), touch(400)]) == nil)
        }
        // An answer before the re-engagement touch does not matter.
        #expect(cadence([touch(21), touch(63), touch(300, .email, .inbound, .replied)]) == daysAgo(63))
    }

    @Test(arguments: [(20, false), (21, true), (22, true), (179, true)])
    func cadenceIsDueEveryTwentyOneDays(silence: Int, due: Bool) {
        let start = daysAgo(100)
        let reason = DueRules.evaluate(facts(lastTouch: silence, cadence: start), rules: rules, at: moment)
        if silence >= 180 {
            #expect(reason == .reengagement(days: silence, neverTouched: false))
        } else {
            #expect(reason == (due ? .cadence(days: silence, startedOn: today.adding(days: -100)) : nil))
        }
    }

    @Test func aReplyEndsReengagement() {
        // Dormant → re-engaged 42 days ago → they replied 40 days ago: nothing due on the cadence.
        let log = [touch(40, .email, .inbound, .replied), touch(42), touch(400)]
        let start = cadence(log)
        #expect(start == nil)
        #expect(DueRules.evaluate(facts(lastTouch: 40, cadence: start), rules: rules, at: moment) == nil)
        // Without the reply the cadence is due again.
        let unanswered = cadence([touch(42), touch(400)])
        #expect(DueRules.evaluate(facts(lastTouch: 42, cadence: unanswered), rules: rules, at: moment)
            == .cadence(days: 42, startedOn: today.adding(days: -42)))
    }

    @Test func isReengagingForComposeAndQueue() {
        #expect(ReengagementCadence.isReengaging(facts(lastTouch: 200), rules: rules, at: moment))
        #expect(ReengagementCadence.isReengaging(facts(lastTouch: 10, cadence: daysAgo(40)), rules: rules, at: moment))
        #expect(!ReengagementCadence.isReengaging(facts(lastTouch: 10), rules: rules, at: moment))
        #expect(!ReengagementCadence.isReengaging(facts(status: .placed, lastTouch: 200), rules: rules, at: moment))
        #expect(!ReengagementCadence.isReengaging(facts(status: .doNotContact, lastTouch: 200), rules: rules, at: moment))
    }

    // MARK: Stale

    @Test(arguments: [(29, false), (30, true), (31, true)])
    func staleBoundary(days: Int, stale: Bool) {
        #expect(DueRules.isStale(facts(lastTouch: days, stage: .conversion), rules: rules, at: moment) == stale)
    }

    @Test func staleOnlyInPipelineStagesAndNeverForDoNotContact() {
        #expect(!DueRules.isStale(facts(lastTouch: 90, stage: .loyalty), rules: rules, at: moment))
        #expect(!DueRules.isStale(facts(lastTouch: 90, stage: .advocacy), rules: rules, at: moment))
        #expect(DueRules.isStale(facts(lastTouch: 90, stage: .awareness), rules: rules, at: moment))
        #expect(!DueRules.isStale(facts(status: .doNotContact, lastTouch: 90), rules: rules, at: moment))
        #expect(DueRules.staleDays(facts(created: 45, stage: .awareness), rules: rules, at: moment) == 45)
        var custom = rules
        custom.staleStages = [.awareness]
        #expect(!DueRules.isStale(facts(lastTouch: 90, stage: .conversion), rules: custom, at: moment))
    }

    // MARK: Property

    /// Over many generated candidates and logs: "do not contact" is never due; placed people and
    /// people without a valid email are never re-engagement due; every reason agrees with the facts.
    @Test func propertyOverGeneratedCandidates() {
        var rng = DueRulesRNG(seed: 0xF00D_CAFE)
        let emails: [String?] = [nil, "ana@example.com", "bad-address", "zoë@example.com", "x@y", "li.wei@example.cn"]
        var seen = Set<String>()
        for _ in 0..<5000 {
            let status = Status.allCases.randomElement(using: &rng)!
            let created = Int.random(in: 0...1200, using: &rng)
            var log: [TouchFact] = []
            var day = created
            for _ in 0..<Int.random(in: 0...6, using: &rng) {
                day -= Int.random(in: 0...260, using: &rng)
                guard day >= 0 else { break }
                log.append(TouchFact(at: daysAgo(day, hour: Int.random(in: 0...23, using: &rng)),
                                     channel: Channel.allCases.randomElement(using: &rng)!,
                                     direction: Bool.random(using: &rng) ? .outbound : .inbound,
                                     outcome: Bool.random(using: &rng) ? nil : Outcome.allCases.randomElement(using: &rng)))
            }
            let newestFirst = Array(log.reversed())
            let followUp: Day? = Int.random(in: 0...3, using: &rng) == 0 ? nil : today.adding(days: Int.random(in: -30...30, using: &rng))
            let email = emails.randomElement(using: &rng)!
            let start = ReengagementCadence.start(newestFirst: newestFirst, createdAt: daysAgo(created), rules: rules, timeZone: Self.utc)
            let f = DueFacts(status: status, stage: Stage.allCases.randomElement(using: &rng)!, email: email,
                             createdAt: daysAgo(created), lastTouchAt: newestFirst.first?.at, nextFollowUp: followUp,
                             cadenceStartedAt: start)
            let reason = DueRules.evaluate(f, rules: rules, at: moment)
            if let reason { seen.insert(reason.kind) }
            if status == .doNotContact { #expect(reason == nil) }
            switch reason {
            case .reengagement, .cadence:
                #expect(status != .placed && status != .doNotContact)
                #expect(email.map(Email.isValid) == true)
                #expect(followUp == nil)
            case let .followUpOverdue(days, dueOn):
                #expect(dueOn == followUp && days == dueOn.days(until: today) && days > 0)
            case .followUpToday:
                #expect(followUp == today)
            case .fitsOpening:
                Issue.record("a fit comes from the openings, never from a person's facts alone")
            case nil:
                if status != .doNotContact, let followUp { #expect(followUp > today) }
            }
            if case let .cadence(days, _) = reason {
                #expect(start != nil && days >= 21 && days < 180)
            }
            if case let .reengagement(days, never) = reason {
                #expect(days >= 180 && never == newestFirst.isEmpty)
            }
        }
        // The generator reaches every kind of reason, so the checks above were exercised.
        #expect(seen == ["follow_up_overdue", "follow_up_today", "reengagement", "reengagement_cadence"])
    }

    // MARK: Next dates and quick outcomes

    @Test func nextDateDefaults() throws {
        #expect(rules.proposedFollowUp(after: .leftVoicemail, today: today) == today.adding(days: 3))
        #expect(rules.proposedFollowUp(after: .noAnswer, today: today) == today.adding(days: 2))
        #expect(rules.proposedFollowUp(after: .sent, today: today) == today.adding(days: 7))
        #expect(rules.proposedFollowUp(after: .notNow, today: today) == today.adding(days: 90))
        #expect(rules.proposedFollowUp(after: .declined, today: today) == nil)
        #expect(rules.proposedFollowUp(after: .bounced, today: today) == nil)
        #expect(throws: FunnelError.self) { try NextDate.parse("2026-12-01") }
        #expect(throws: FunnelError.self) { try NextDate.parse("soon") }
        #expect(try NextDate.parse("none") == NextDate.none)
        #expect(try NextDate.parse(" 2W ") == .after("2w"))
    }

    @Test func quickOutcomeTable() throws {
        #expect(QuickOutcome.table.map(\.key) == ["1", "2", "3", "4", "5", "6"])
        #expect(QuickOutcome.table.map(\.outcome) == [.noAnswer, .leftVoicemail, .replied, .interested, .notNow, .declined])
        #expect(QuickOutcome.table.filter(\.asksFutureRole).map(\.outcome) == [.notNow])
        let ana = Candidate(id: 1, firstName: "Ana", email: "ana@example.com", preferredChannel: .whatsapp, createdAt: daysAgo(10))
        let voicemail = try #require(QuickOutcome.forKey("2"))
        #expect(voicemail.channel(for: ana) == .phone)
        #expect(QuickOutcome.forKey("4")?.channel(for: ana) == .whatsapp)
        #expect(QuickOutcome.forKey("9") == nil)

        // "left voicemail, try again in 3 days": key 2, then Enter on the pre-filled form.
        let form = QuickLogEntry(voicemail, for: ana, rules: rules, reengaging: false)
        #expect(form.nextDate == "3d")
        let resolved = try form.resolve(at: moment)
        #expect(resolved.nextFollowUp == today.adding(days: 3))
        #expect(resolved.touch.outcome == .leftVoicemail && resolved.touch.channel == .phone && resolved.touch.direction == .outbound)
        #expect(resolved.futureRole == nil)

        // While re-engaging, an unanswered outcome leaves the date to the cadence; an answer does not.
        #expect(QuickLogEntry(voicemail, for: ana, rules: rules, reengaging: true).nextDate == "")
        #expect(QuickLogEntry(QuickOutcome.forKey("4")!, for: ana, rules: rules, reengaging: true).nextDate == "1d")

        // "Not now" carries the future-role answer; a half answer is an error naming what is missing.
        var notNow = QuickLogEntry(QuickOutcome.forKey("5")!, for: ana, rules: rules, reengaging: false)
        #expect(notNow.nextDate == "90d")
        notNow.futureRoleTitle = "Staff Engineer"
        #expect(throws: FunnelError.invalid("a future role needs a location (or remote)")) { try notNow.resolve(at: moment) }
        notNow.futureRoleLocation = "Lisbon"
        notNow.nextDate = "2w"
        let answered = try notNow.resolve(at: moment)
        #expect(answered.futureRole == FutureRoleAnswer(title: "Staff Engineer", location: "Lisbon"))
        #expect(answered.nextFollowUp == today.adding(days: 14))
        notNow.nextDate = "yesterday"
        #expect(throws: FunnelError.self) { try notNow.resolve(at: moment) }
    }
}
