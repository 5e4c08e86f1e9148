import Foundation

/// The days a report looks at: from `since` to `until`, both calendar days in the recruiter's
/// time zone and both included. As instants it is the half-open range
/// [start of `since`, start of the day after `until`), so nothing at midnight is counted twice.
public struct ReportPeriod: Codable, Sendable, Equatable {
    public let since: Day
    public let until: Day

    /// The default length: the last 90 days, today included.
    public static let defaultDays = 90

    /// A period; `since` after `until` is refused.
    public init(since: Day, until: Day) throws {
        guard since <= until else {
            throw FunnelError.invalid("the period starts (\(since.iso)) after it ends (\(until.iso))")
        }
        self.since = since
        self.until = until
    }

    /// The last `days` days ending on (and including) `day`.
    public static func last(_ days: Int = defaultDays, endingOn day: Day) -> ReportPeriod {
        // A period of at least one day is always valid.
        try! ReportPeriod(since: day.adding(days: -(max(days, 1) - 1)), until: day)
    }

    /// The period for `--since` / `--until` (ISO dates, either may be missing): `until` defaults
    /// to today, `since` to 89 days before `until` (90 days in all).
    public static func resolve(since: String?, until: String?, today: Day) throws -> ReportPeriod {
        let end = try until.map { try parseDay($0, option: "--until") } ?? today
        guard let since else { return last(defaultDays, endingOn: end) }
        return try ReportPeriod(since: parseDay(since, option: "--since"), until: end)
    }

    static func parseDay(_ text: String, option: String) throws -> Day {
        guard let day = Day(iso: text.trimmed) else {
            throw FunnelError.invalid("\(option) must be a date like 2026-08-01, not '\(text)'")
        }
        return day
    }

    /// How many days the period covers (both ends included).
    public var days: Int { since.days(until: until) + 1 }

    /// The first instant of the period.
    public func start(in timeZone: TimeZone) -> Date { since.start(in: timeZone) }

    /// The first instant after the period (exclusive end).
    public func end(in timeZone: TimeZone) -> Date { until.adding(days: 1).start(in: timeZone) }
}
