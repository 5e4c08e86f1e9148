import Foundation

/// The one-key outcomes of the Today queue (docs/cli.md, "Logging from the queue"):
/// a key picks the outcome, a channel and direction, and pre-fills the next date from config.
public struct QuickOutcome: Sendable, Equatable, Identifiable {
    public let key: Character
    public let outcome: Outcome
    /// The channel used when the candidate has no preferred channel (or the outcome implies one).
    public let defaultChannel: Channel
    /// Whether the channel is implied by the outcome (a voicemail is a phone call) rather than
    /// taken from the candidate's preferred channel.
    public let channelIsFixed: Bool
    public let direction: Direction
    /// "Not now" asks the future-role question (title + location) before moving on: the moment
    /// the answer is worth most.
    public let asksFutureRole: Bool

    public var id: Character { key }
    /// "2 left voicemail": the label a key bar or the help overlay shows.
    public var label: String { "\(key) \(outcome.title)" }

    public static let table: [QuickOutcome] = [
        QuickOutcome(key: "1", outcome: .noAnswer, defaultChannel: .phone, channelIsFixed: true, direction: .outbound, asksFutureRole: false),
        QuickOutcome(key: "2", outcome: .leftVoicemail, defaultChannel: .phone, channelIsFixed: true, direction: .outbound, asksFutureRole: false),
        QuickOutcome(key: "3", outcome: .replied, defaultChannel: .email, channelIsFixed: false, direction: .inbound, asksFutureRole: false),
        QuickOutcome(key: "4", outcome: .interested, defaultChannel: .phone, channelIsFixed: false, direction: .outbound, asksFutureRole: false),
        QuickOutcome(key: "5", outcome: .notNow, defaultChannel: .phone, channelIsFixed: false, direction: .outbound, asksFutureRole: true),
        QuickOutcome(key: "6", outcome: .declined, defaultChannel: .phone, channelIsFixed: false, direction: .outbound, asksFutureRole: false),
    ]

    public static func forKey(_ key: Character) -> QuickOutcome? { table.first { $0.key == key } }

    /// The channel to log: the outcome's own when implied, else the candidate's preferred
    /// outreach channel, else the default.
    public func channel(for candidate: Candidate) -> Channel {
        if channelIsFixed { return defaultChannel }
        if let preferred = candidate.preferredChannel, preferred.isOutreach { return preferred }
        return defaultChannel
    }

    /// The next-date text a form pre-fills ("3d"), editable with the date shortcuts; "" means no
    /// date. While re-engaging (`ReengagementCadence.isReengaging`), an unanswered outcome leaves
    /// the date empty: the cadence brings the person back after `reengageEveryDays` by itself.
    public func proposedNextDate(rules: Rules, reengaging: Bool) -> String {
        if reengaging && !outcome.isResponse { return "" }
        return rules.proposedFollowUpText(after: outcome)
    }
}

/// An answer to the future-role question.
public struct FutureRoleAnswer: Sendable, Equatable {
    public var title: String
    public var location: String
    public var remote: Bool

    public init(title: String, location: String, remote: Bool = false) {
        self.title = title
        self.location = location
        self.remote = remote
    }
}

/// What the log form of the Today queue holds for one quick outcome, pre-filled and then edited
/// by the recruiter; `resolve` turns it into what the store logs.
public struct QuickLogEntry: Sendable, Equatable {
    public var quick: QuickOutcome
    public var channel: Channel
    public var note: String
    /// As typed, a date shortcut (`3d`, `fri`, `2026-12-01`) or "" for no next follow-up.
    public var nextDate: String
    /// Only asked for "not now"; an empty title means the question went unanswered.
    public var futureRoleTitle: String
    public var futureRoleLocation: String
    public var futureRoleRemote: Bool
    /// The opening the touch is about (a row of "Fits an open role"), or nil.
    public var openingID: Int64?

    /// The form as it opens after the key press.
    public init(_ quick: QuickOutcome, for candidate: Candidate, rules: Rules, reengaging: Bool, openingID: Int64? = nil) {
        self.quick = quick
        self.channel = quick.channel(for: candidate)
        self.note = ""
        self.nextDate = quick.proposedNextDate(rules: rules, reengaging: reengaging)
        self.futureRoleTitle = ""
        self.futureRoleLocation = ""
        self.futureRoleRemote = false
        self.openingID = openingID
    }

    public struct Resolved: Sendable, Equatable {
        public var touch: TouchDraft
        /// nil: no next follow-up (clears any planned one).
        public var nextFollowUp: Day?
        public var futureRole: FutureRoleAnswer?
    }

    /// Checks the form and builds the touch; an error names the bad field (the form stays open).
    public func resolve(at moment: Moment) throws -> Resolved {
        let next: Day? = nextDate.trimmed.isEmpty ? nil : try DateShortcut.parse(nextDate, today: moment.today)
        if let next, next < moment.today {
            throw FunnelError.invalid("the next follow-up \(next.iso) is in the past")
        }
        var role: FutureRoleAnswer?
        if quick.asksFutureRole, !futureRoleTitle.trimmed.isEmpty || !futureRoleLocation.trimmed.isEmpty {
            let (title, location) = try FutureRole.validate(title: futureRoleTitle, location: futureRoleLocation, remote: futureRoleRemote)
            role = FutureRoleAnswer(title: title, location: location, remote: futureRoleRemote)
        }
        let touch = TouchDraft(at: moment.now, channel: channel, direction: quick.direction, outcome: quick.outcome,
                               note: note.trimmed, template: nil, openingID: openingID)
        return Resolved(touch: touch, nextFollowUp: next, futureRole: role)
    }
}
