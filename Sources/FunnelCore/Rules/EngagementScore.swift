import Foundation

/// What the engagement score is computed from: a summary of one candidate's touches over the
/// last `EngagementScore.windowDays` days, plus the last outreach ever (docs/rules.md,
/// "Engagement score").
public struct EngagementFacts: Sendable, Equatable {
    /// The latest touch on an outreach channel (not a note), in either direction, ever.
    public var lastContactAt: Date?
    /// Touches on outreach channels, both directions, within the window.
    public var contacts: Int
    /// Outbound touches on outreach channels within the window: our attempts.
    public var attempts: Int
    /// Responses within the window: inbound touches, and outbound touches whose outcome is a
    /// response other than a decline (replied, interested, not now).
    public var responses: Int

    public init(lastContactAt: Date?, contacts: Int, attempts: Int, responses: Int) {
        self.lastContactAt = lastContactAt
        self.contacts = contacts
        self.attempts = attempts
        self.responses = responses
    }

    /// Summarises a log (any order); touches after `moment.now` are ignored.
    public init(touches: [TouchFact], at moment: Moment) {
        let windowStart = moment.today.adding(days: -EngagementScore.windowDays)
        var last: Date?
        var contacts = 0, attempts = 0, responses = 0
        for touch in touches where touch.channel.isOutreach && touch.at <= moment.now {
            if last.map({ touch.at > $0 }) ?? true { last = touch.at }
            guard Day(touch.at, in: moment.timeZone) > windowStart else { continue }
            contacts += 1
            if touch.direction == .outbound { attempts += 1 }
            if EngagementScore.isPositiveResponse(touch) { responses += 1 }
        }
        self.init(lastContactAt: last, contacts: contacts, attempts: attempts, responses: responses)
    }
}

/// A 0–100 score of how engaged a candidate is, from recency, frequency and replies, with the
/// parts shown separately so a recruiter can see why (the candidate screen shows the breakdown).
///
///     recency   = 40 × max(0, 1 − d / 180)        d = days since the last contact (0 if never)
///     frequency = 30 × min(1, contacts / 12)      contacts in the last 365 days
///     replies   = 30 × min(1, responses / max(1, attempts))
///     score     = round(recency + frequency + replies)
public struct EngagementScore: Sendable, Equatable, Codable {
    /// The window frequency and replies are counted over.
    public static let windowDays = 365
    /// Recency falls to zero at the default re-engagement threshold.
    public static let recencyHorizonDays = 180
    /// One contact a month for a year is full marks for frequency.
    public static let fullFrequency = 12

    public static let recencyWeight = 40.0
    public static let frequencyWeight = 30.0
    public static let repliesWeight = 30.0

    public var total: Int
    public var recency: Double
    public var frequency: Double
    public var replies: Double
    /// Days since the last contact, nil if never contacted.
    public var daysSinceContact: Int?
    public var contacts: Int
    public var attempts: Int
    public var responses: Int

    public static func compute(_ facts: EngagementFacts, at moment: Moment) -> EngagementScore {
        let days = facts.lastContactAt.map { max(0, Day($0, in: moment.timeZone).days(until: moment.today)) }
        let recency = days.map { recencyWeight * max(0, 1 - Double($0) / Double(recencyHorizonDays)) } ?? 0
        let frequency = frequencyWeight * min(1, Double(facts.contacts) / Double(fullFrequency))
        let replies = repliesWeight * min(1, Double(facts.responses) / Double(max(1, facts.attempts)))
        let total = Int((recency + frequency + replies).rounded())
        return EngagementScore(total: min(100, max(0, total)), recency: recency, frequency: frequency, replies: replies,
                               daysSinceContact: days, contacts: facts.contacts, attempts: facts.attempts,
                               responses: facts.responses)
    }

    public static func compute(touches: [TouchFact], at moment: Moment) -> EngagementScore {
        compute(EngagementFacts(touches: touches, at: moment), at: moment)
    }

    /// A touch that shows the candidate engaging: anything inbound, or an answer that is not a no.
    public static func isPositiveResponse(_ touch: TouchFact) -> Bool {
        guard touch.channel.isOutreach else { return false }
        if touch.direction == .inbound { return touch.outcome != .declined }
        return touch.outcome == .replied || touch.outcome == .interested || touch.outcome == .notNow
    }

    /// The breakdown as one line: "72 = recency 31 + frequency 15 + replies 26".
    public var breakdown: String {
        "\(total) = recency \(Int(recency.rounded())) + frequency \(Int(frequency.rounded())) + replies \(Int(replies.rounded()))"
    }
}
