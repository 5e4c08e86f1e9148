import Foundation

/// Which part of the Today queue a due candidate is listed in, most urgent first.
public enum DueGroup: String, CaseIterable, Codable, Sendable, Comparable {
    case overdue
    case today
    /// People whose current future role fits an opening opened or edited in the last
    /// `Rules.fitsDays` days, not yet contacted about it.
    case fits
    case reengagement

    public var title: String {
        switch self {
        case .overdue: "Overdue follow-ups"
        case .today: "Due today"
        case .fits: "Fits an open role"
        case .reengagement: "Re-engagement"
        }
    }

    public static func < (a: DueGroup, b: DueGroup) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Why a candidate is in the Today queue; `text` is the line the queue shows.
public enum DueReason: Sendable, Equatable, Hashable {
    /// The follow-up date has passed: `days` days late.
    case followUpOverdue(days: Int, dueOn: Day)
    /// The follow-up date is today.
    case followUpToday
    /// Re-engagement: nothing logged for `days` days (or, if `neverTouched`, added `days` days ago
    /// and never contacted).
    case reengagement(days: Int, neverTouched: Bool)
    /// Re-engagement cadence: a re-engagement touch went out on `startedOn` and nobody answered;
    /// `days` days since the last touch.
    case cadence(days: Int, startedOn: Day)
    /// Their current future-role answer fits an opening opened or edited lately, and nobody has
    /// contacted them about it yet.
    case fitsOpening(OpeningFit)

    public var group: DueGroup {
        switch self {
        case .followUpOverdue: .overdue
        case .followUpToday: .today
        case .fitsOpening: .fits
        case .reengagement, .cadence: .reengagement
        }
    }

    /// The opening the row is about (the fits group), so a touch logged from it is about that opening.
    public var openingID: Int64? {
        if case let .fitsOpening(fit) = self { return fit.openingID }
        return nil
    }

    /// A machine-readable name for JSON output.
    public var kind: String {
        switch self {
        case .followUpOverdue: "follow_up_overdue"
        case .followUpToday: "follow_up_today"
        case .reengagement: "reengagement"
        case .cadence: "reengagement_cadence"
        case .fitsOpening: "fits_open_role"
        }
    }

    /// The number the reason is about (days late, days silent, days since the opening was opened
    /// or edited), 0 for "due today".
    public var days: Int {
        switch self {
        case let .followUpOverdue(days, _), let .reengagement(days, _), let .cadence(days, _): days
        case .followUpToday: 0
        case let .fitsOpening(fit): fit.days
        }
    }

    public var text: String {
        switch self {
        case let .followUpOverdue(days, dueOn):
            "follow-up overdue by \(Self.days(days)) (due \(dueOn.iso))"
        case .followUpToday:
            "follow-up due today"
        case let .reengagement(days, neverTouched):
            neverTouched ? "re-engage: never contacted, added \(Self.days(days)) ago"
                : "re-engage: no touch for \(Self.days(days))"
        case let .cadence(days, startedOn):
            "re-engage again: no answer since \(startedOn.iso), last touch \(Self.days(days)) ago"
        case let .fitsOpening(fit):
            "fits \(fit.label) — \(fit.reason)"
        }
    }

    static func days(_ n: Int) -> String { n == 1 ? "1 day" : "\(n) days" }
}

/// The few facts about one logged touch that the rules look at.
public struct TouchFact: Sendable, Equatable {
    public var at: Date
    public var channel: Channel
    public var direction: Direction
    public var outcome: Outcome?

    public init(at: Date, channel: Channel, direction: Direction, outcome: Outcome?) {
        self.at = at
        self.channel = channel
        self.direction = direction
        self.outcome = outcome
    }

    public init(_ touch: Touchpoint) {
        self.init(at: touch.at, channel: touch.channel, direction: touch.direction, outcome: touch.outcome)
    }

    /// The candidate answered: an inbound touch, or an outcome that is a response (replied,
    /// interested, not now, declined). A bounce counts too: mailing a dead address again is
    /// pointless. An auto-reply does not: an out-of-office is not the person answering.
    public var endsCadence: Bool {
        if outcome == .autoReply { return false }
        return direction == .inbound || (outcome?.isResponse ?? false) || outcome == .bounced
    }

    /// We reached out (a note reaches nobody).
    public var isOutreach: Bool { direction == .outbound && channel.isOutreach }
}

/// What the due rules need to know about one candidate.
public struct DueFacts: Sendable, Equatable {
    public var status: Status
    public var stage: Stage
    public var email: String?
    public var createdAt: Date
    public var lastTouchAt: Date?
    public var nextFollowUp: Day?
    /// When the running re-engagement cadence started (see `ReengagementCadence`), or nil.
    public var cadenceStartedAt: Date?

    public init(status: Status, stage: Stage, email: String?, createdAt: Date, lastTouchAt: Date?,
                nextFollowUp: Day?, cadenceStartedAt: Date? = nil) {
        self.status = status
        self.stage = stage
        self.email = email
        self.createdAt = createdAt
        self.lastTouchAt = lastTouchAt
        self.nextFollowUp = nextFollowUp
        self.cadenceStartedAt = cadenceStartedAt
    }

    public init(_ candidate: Candidate, cadenceStartedAt: Date?) {
        self.init(status: candidate.status, stage: candidate.stage, email: candidate.reachableEmail,
                  createdAt: candidate.createdAt, lastTouchAt: candidate.lastTouchAt,
                  nextFollowUp: candidate.nextFollowUp, cadenceStartedAt: cadenceStartedAt)
    }
}

/// The due and stale rules (docs/rules.md, "Due and stale"). Pure: the moment is passed in; days
/// are calendar days in the recruiter's time zone.
public enum DueRules {
    /// Why the candidate is due at this moment, or nil. In order:
    /// 1. "do not contact" is never due;
    /// 2. a follow-up date of today or earlier makes them due (overdue / today), whatever the status;
    /// 3. a follow-up date in the future means the recruiter has a plan: nothing else is due;
    /// 4. re-engagement needs a status other than placed and a valid email, then: never touched
    ///    and added at least `reengageAfterDays` ago, or no touch for `reengageAfterDays` days;
    /// 5. in a running cadence (a re-engagement touch nobody answered), due again once the last
    ///    touch is `reengageEveryDays` days old.
    public static func evaluate(_ facts: DueFacts, rules: Rules, at moment: Moment) -> DueReason? {
        guard facts.status.allowsOutreach else { return nil }
        let today = moment.today
        if let followUp = facts.nextFollowUp {
            if followUp < today { return .followUpOverdue(days: followUp.days(until: today), dueOn: followUp) }
            if followUp == today { return .followUpToday }
            return nil
        }
        guard isReengageable(status: facts.status, email: facts.email) else { return nil }
        guard let lastTouch = facts.lastTouchAt else {
            let age = Day(facts.createdAt, in: moment.timeZone).days(until: today)
            return age >= rules.reengageAfterDays ? .reengagement(days: age, neverTouched: true) : nil
        }
        let silence = Day(lastTouch, in: moment.timeZone).days(until: today)
        if silence >= rules.reengageAfterDays { return .reengagement(days: silence, neverTouched: false) }
        if let started = facts.cadenceStartedAt, silence >= rules.reengageEveryDays {
            return .cadence(days: silence, startedOn: Day(started, in: moment.timeZone))
        }
        return nil
    }

    /// Re-engagement is for people who may be mailed: not placed, not "do not contact", a valid email.
    public static func isReengageable(status: Status, email: String?) -> Bool {
        status != .placed && status.allowsOutreach && email.map(Email.isValid) == true
    }

    /// Stale: in a pipeline stage (configurable), not "do not contact", and no touch for
    /// `staleAfterDays` days (counted from when they were added if never touched).
    public static func isStale(_ facts: DueFacts, rules: Rules, at moment: Moment) -> Bool {
        staleDays(facts, rules: rules, at: moment) != nil
    }

    /// Days without a touch when stale, else nil: what a "stale" marker can show.
    public static func staleDays(_ facts: DueFacts, rules: Rules, at moment: Moment) -> Int? {
        staleDays(stage: facts.stage, status: facts.status, lastActivity: facts.lastTouchAt ?? facts.createdAt,
                  rules: rules, at: moment)
    }

    /// The same rule from a board card's fields: `lastActivity` is the last touch, or the
    /// creation for someone never touched (the card's `activityAt`).
    public static func staleDays(stage: Stage, status: Status, lastActivity: Date, rules: Rules, at moment: Moment) -> Int? {
        guard status.allowsOutreach, rules.staleStages.contains(stage) else { return nil }
        let days = Day(lastActivity, in: moment.timeZone).days(until: moment.today)
        return days >= rules.staleAfterDays ? days : nil
    }
}

/// The re-engagement cadence, recognised from the touch log alone (so it holds however a touch
/// was logged: queue, candidate screen, `funnel log`, `funnel compose`):
///
/// - a **re-engagement touch** is an outbound touch on any outreach channel (not a note) logged
///   after at least `reengageAfterDays` calendar days without any touch (for a first touch: at
///   least that many days after the candidate was added);
/// - the cadence it starts **runs** until a touch ends it: an inbound touch, or an outcome that is a
///   response (replied, interested, not now, declined) or a bounce;
/// - while it runs the candidate is due again every `reengageEveryDays` days since the last touch.
public enum ReengagementCadence {
    /// When the running cadence started, or nil if none runs. `newestFirst` is the candidate's whole
    /// log, newest first (the walk stops at the first touch that decides).
    public static func start(newestFirst touches: [TouchFact], createdAt: Date, rules: Rules,
                             timeZone: TimeZone) -> Date? {
        for (i, touch) in touches.enumerated() {
            if touch.endsCadence { return nil }
            guard touch.isOutreach else { continue }
            let previous = i + 1 < touches.count ? touches[i + 1].at : createdAt
            let gap = Day(previous, in: timeZone).days(until: Day(touch.at, in: timeZone))
            if gap >= rules.reengageAfterDays { return touch.at }
        }
        return nil
    }

    /// Whether a new outbound touch logged now would be (or continue) re-engagement: the candidate
    /// is re-engagement due or in a running cadence. Compose and the queue use it to leave the
    /// next date to the cadence instead of an outcome's default.
    public static func isReengaging(_ facts: DueFacts, rules: Rules, at moment: Moment) -> Bool {
        guard DueRules.isReengageable(status: facts.status, email: facts.email) else { return false }
        if facts.cadenceStartedAt != nil { return true }
        var unplanned = facts
        unplanned.nextFollowUp = nil
        if case .reengagement = DueRules.evaluate(unplanned, rules: rules, at: moment) { return true }
        return false
    }
}
