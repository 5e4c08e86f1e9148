import Foundation

/// The follow-up rules of a desk, with the defaults the source articles give (docs/rules.md,
/// "Due and stale"). Every number is configurable in config.toml; the values here are the defaults.
public struct Rules: Sendable, Equatable {
    /// Re-engagement starts after this many whole days without any touch (the seeds' "6 months").
    public var reengageAfterDays: Int
    /// Once re-engagement has started and nobody answered, the person is due again after this
    /// many days without a touch (the seeds' "every three weeks").
    public var reengageEveryDays: Int
    /// A candidate in a pipeline stage with no touch for this many days is stale.
    public var staleAfterDays: Int
    /// The stages in which a candidate can go stale.
    public var staleStages: Set<Stage>
    /// The next follow-up each outcome proposes when a touch is logged.
    public var nextFollowUp: [Outcome: NextDate]
    /// Today's "Fits an open role" looks at openings opened or edited in the last this many days
    /// (`[matching] fits_days`).
    public var fitsDays: Int

    public init(reengageAfterDays: Int = 180, reengageEveryDays: Int = 21, staleAfterDays: Int = 30,
                staleStages: Set<Stage> = [.awareness, .consideration, .conversion],
                nextFollowUp: [Outcome: NextDate] = Rules.defaultNextFollowUp, fitsDays: Int = 14) {
        self.reengageAfterDays = reengageAfterDays
        self.reengageEveryDays = reengageEveryDays
        self.staleAfterDays = staleAfterDays
        self.staleStages = staleStages
        self.nextFollowUp = nextFollowUp
        self.fitsDays = fitsDays
    }

    public static let defaults = Rules()

    /// Why these numbers: an unanswered call is retried soon (people miss calls), a voicemail gets
    /// a little longer to be heard, an email a week to be read; a reply or interest is worked while
    /// it is warm; "not now" comes back in a quarter; a decline or a bounce plans nothing (the
    /// re-engagement rule will bring the person back after months of silence if they qualify).
    public static let defaultNextFollowUp: [Outcome: NextDate] = [
        .sent: .after("7d"),
        .noAnswer: .after("2d"),
        .leftVoicemail: .after("3d"),
        .replied: .after("2d"),
        .interested: .after("1d"),
        .notNow: .after("90d"),
        .declined: .none,
        .bounced: .none,
        .autoReply: .none,
    ]

    /// The follow-up an outcome proposes, as a day (nil: no follow-up planned).
    /// An outcome missing from the table proposes nothing.
    public func proposedFollowUp(after outcome: Outcome, today: Day) -> Day? {
        (nextFollowUp[outcome] ?? NextDate.none).day(from: today)
    }

    /// The shortcut text a form pre-fills for an outcome ("3d"), or "" when nothing is proposed.
    public func proposedFollowUpText(after outcome: Outcome) -> String {
        if case let .after(text) = nextFollowUp[outcome] ?? NextDate.none { return text }
        return ""
    }
}

/// A next follow-up proposed by an outcome: a date shortcut relative to the day of the touch
/// (`3d`, `2w`, `mon`; see DateShortcut), or nothing.
public enum NextDate: Sendable, Equatable {
    case none
    case after(String)

    /// Checks the shortcut reads as a date (at configuration time, so a typo fails early).
    public static func parse(_ text: String) throws -> NextDate {
        let key = text.trimmed.lowercased()
        if key == "none" || key == "never" || key.isEmpty { return NextDate.none }
        let probe = Day(year: 2026, month: 1, day: 1)!
        let day = try DateShortcut.parse(key, today: probe)
        guard Day(iso: key) == nil, day > probe else {
            throw FunnelError.invalid("'\(text)' is not a date after the touch: expected 1d, 3d, 2w, 1m, mon…sun or none")
        }
        return .after(key)
    }

    public func day(from today: Day) -> Day? {
        switch self {
        case .none: nil
        case let .after(text): try? DateShortcut.parse(text, today: today)
        }
    }
}
