import Foundation

/// A calendar date with no time of day: follow-ups are due on a day, not at an instant.
/// Arithmetic is done on the proleptic Gregorian day number, so it needs no Calendar and no clock.
public struct Day: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let ordinal: Int

    public init(ordinal: Int) { self.ordinal = ordinal }

    /// A valid date, or nil (2026-02-30 is nil).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        ordinal = Day.ordinal(year: year, month: month, day: day)
    }

    /// The day an instant falls on, seen from a time zone (the recruiter's).
    public init(_ date: Date, in timeZone: TimeZone) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: date)
        ordinal = Int((Double(seconds) / 86_400).rounded(.down))
    }

    public var components: (year: Int, month: Int, day: Int) { Day.civil(ordinal) }
    public var year: Int { components.year }
    public var month: Int { components.month }
    public var day: Int { components.day }

    /// 1 = Monday … 7 = Sunday (ISO 8601). 1970-01-01 was a Thursday.
    public var weekday: Int { ((ordinal % 7 + 7) % 7 + 3) % 7 + 1 }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// Same day of month `months` later, clamped to the month's end (Jan 31 + 1 month = Feb 28/29).
    public func adding(months: Int) -> Day {
        let (y, m, d) = components
        let total = y * 12 + (m - 1) + months
        let year = Int((Double(total) / 12).rounded(.down))
        let month = total - year * 12 + 1
        return Day(year: year, month: month, day: min(d, Day.daysIn(month: month, year: year)))!
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: Day) -> Int { other.ordinal - ordinal }

    /// The instant this day starts in a time zone. On a day the clocks change the offset at local
    /// midnight can differ from the offset at UTC midnight (Auckland, Santiago), and in some zones
    /// midnight does not exist (Beirut springs from 00:00 to 01:00), so the calendar finds the
    /// first instant of the day from an instant safely inside it (local noon, give or take an hour).
    public func start(in timeZone: TimeZone) -> Date {
        let utcNoon = Date(timeIntervalSince1970: TimeInterval(ordinal) * 86_400 + 43_200)
        let inside = utcNoon.addingTimeInterval(-TimeInterval(timeZone.secondsFromGMT(for: utcNoon)))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.startOfDay(for: inside)
    }

    /// ISO 8601: 2026-12-01.
    public var iso: String {
        let (y, m, d) = components
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    public var description: String { iso }

    /// Parses exactly YYYY-MM-DD, rejecting impossible dates.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              let day = Day(year: y, month: m, day: d)
        else { return nil }
        self = day
    }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
        }
        self = day
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func ordinal(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(_ ordinal: Int) -> (Int, Int, Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
