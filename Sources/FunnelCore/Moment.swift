import Foundation

/// "Now", passed in rather than read from a clock, so every rule is testable on a fixed date.
/// The time zone decides which calendar day an instant falls on (the recruiter's day).
public struct Moment: Sendable, Equatable {
    public var now: Date
    public var timeZone: TimeZone

    public init(now: Date, timeZone: TimeZone) {
        self.now = now
        self.timeZone = timeZone
    }

    /// The recruiter's calendar day.
    public var today: Day { Day(now, in: timeZone) }

    /// A fixed moment at noon of a given day in UTC: handy for tests and examples.
    public static func noon(_ day: Day, in timeZone: TimeZone = TimeZone(identifier: "UTC")!) -> Moment {
        Moment(now: day.start(in: timeZone).addingTimeInterval(12 * 3600), timeZone: timeZone)
    }
}
