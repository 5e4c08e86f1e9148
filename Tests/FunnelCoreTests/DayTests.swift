import Foundation
import FunnelCore
import Testing

@Suite struct DayTests {
    @Test(arguments: [
        ("2026-12-01", 2026, 12, 1), ("2024-02-29", 2024, 2, 29), ("2000-02-29", 2000, 2, 29),
        ("2026-01-31", 2026, 1, 31), ("2026-04-30", 2026, 4, 30), ("2026-12-31", 2026, 12, 31),
        ("1970-01-01", 1970, 1, 1), ("1969-12-31", 1969, 12, 31), ("0001-01-01", 1, 1, 1), ("9999-12-31", 9999, 12, 31),
    ])
    func parsesRealDates(_ text: String, _ year: Int, _ month: Int, _ dayOfMonth: Int) throws {
        let parsed = try #require(Day(iso: text))
        #expect(parsed.year == year && parsed.month == month && parsed.day == dayOfMonth)
        #expect(parsed.iso == text)
        #expect(parsed.description == text)
        #expect(parsed == Day(year: year, month: month, day: dayOfMonth))
    }

    @Test(arguments: [
        "2026-02-30", "2025-02-29", "1900-02-29", "2100-02-29", "2026-04-31", "2026-06-31", "2026-13-01",
        "2026-00-10", "2026-01-00", "2026-01-32", "2026-1-01", "2026-01-1", "26-01-01", "2026/01/01",
        "2026-01-01T00:00", " 2026-01-01", "2026-01-01 ", "", "abcd-ef-gh", "2026-01-1x", "２０２６-01-01",
        "+026-01-01", "-2026-01-01", "2026--01-01", "20260101",
    ])
    func refusesWhatIsNotARealISODate(_ text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test func leapYears() {
        #expect(Day(year: 2024, month: 2, day: 29) != nil)
        #expect(Day(year: 2025, month: 2, day: 29) == nil)
        #expect(Day(year: 2000, month: 2, day: 29) != nil)  // divisible by 400
        #expect(Day(year: 1900, month: 2, day: 29) == nil)  // divisible by 100 only
        #expect(day(2024, 2, 28).adding(days: 1) == day(2024, 2, 29))
        #expect(day(2025, 2, 28).adding(days: 1) == day(2025, 3, 1))
        #expect(day(2024, 1, 1).days(until: day(2025, 1, 1)) == 366)
        #expect(day(2025, 1, 1).days(until: day(2026, 1, 1)) == 365)
    }

    @Test(arguments: [
        // (from, days, expected): month ends, year ends, the epoch.
        ("2026-01-31", 1, "2026-02-01"), ("2026-02-28", 1, "2026-03-01"), ("2026-03-01", -1, "2026-02-28"),
        ("2024-03-01", -1, "2024-02-29"), ("2026-04-30", 1, "2026-05-01"), ("2026-12-31", 1, "2027-01-01"),
        ("2027-01-01", -1, "2026-12-31"), ("1970-01-01", -1, "1969-12-31"), ("2026-01-01", 365, "2027-01-01"),
        ("2026-06-15", 0, "2026-06-15"), ("2026-06-15", -10000, "1999-01-28"),
    ])
    func addingDays(_ from: String, _ days: Int, _ expected: String) throws {
        let start = try #require(Day(iso: from))
        #expect(start.adding(days: days).iso == expected)
        #expect(start.days(until: start.adding(days: days)) == days)
    }

    @Test(arguments: [
        // Same day of month, clamped to the month's end.
        ("2026-01-31", 1, "2026-02-28"), ("2024-01-31", 1, "2024-02-29"), ("2026-03-31", -1, "2026-02-28"),
        ("2026-05-31", 1, "2026-06-30"), ("2026-12-15", 1, "2027-01-15"), ("2026-01-15", -1, "2025-12-15"),
        ("2024-02-29", 12, "2025-02-28"), ("2024-02-29", 48, "2028-02-29"), ("2026-08-31", 6, "2027-02-28"),
        ("2026-01-10", -13, "2024-12-10"), ("2026-07-04", 0, "2026-07-04"), ("2026-12-31", 1, "2027-01-31"),
        ("2026-10-31", 1, "2026-11-30"), ("2026-01-31", 2, "2026-03-31"), ("2026-01-31", 24, "2028-01-31"),
    ])
    func addingMonthsClamps(_ from: String, _ months: Int, _ expected: String) throws {
        #expect(try #require(Day(iso: from)).adding(months: months).iso == expected)
    }

    @Test(arguments: [
        // ISO weekday, 1 = Monday … 7 = Sunday.
        ("1970-01-01", 4), ("1969-12-31", 3), ("2000-01-01", 6), ("2024-02-29", 4), ("2026-01-01", 4),
        ("2026-01-31", 6), ("2026-03-16", 1), ("2026-12-31", 4), ("1900-03-01", 4), ("2100-02-28", 7),
        ("0001-01-01", 1), ("9999-12-31", 5),
    ])
    func weekdayOfKnownDates(_ text: String, _ weekday: Int) throws {
        #expect(try #require(Day(iso: text)).weekday == weekday)
    }

    @Test func ordinalCountsFromTheEpoch() {
        #expect(day(1970, 1, 1).ordinal == 0)
        #expect(day(1969, 12, 31).ordinal == -1)
        #expect(day(2026, 1, 1).ordinal == 20454)
        #expect(Day(ordinal: 20454) == day(2026, 1, 1))
        #expect(day(2026, 1, 1) < day(2026, 1, 2))
        #expect(day(2025, 12, 31) < day(2026, 1, 1))
    }

    @Test func everyDayOfSeveralYearsRoundTrips() throws {
        var current = day(1999, 12, 1)
        var previous: Day?
        while current < day(2029, 3, 1) {
            let (y, m, d) = current.components
            #expect(Day(year: y, month: m, day: d) == current)
            #expect(Day(iso: current.iso) == current)
            if let previous {
                #expect(previous.weekday % 7 + 1 == current.weekday)
            }
            previous = current
            current = current.adding(days: 1)
        }
    }

    @Test func codableAsISOText() throws {
        let data = try JSONEncoder().encode([day(2026, 12, 1)])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-12-01"]"#)
        #expect(try JSONDecoder().decode([Day].self, from: data) == [day(2026, 12, 1)])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Day].self, from: Data(#"["2026-02-30"]"#.utf8)) }
    }
}

/// Which calendar day an instant falls on depends on the recruiter's time zone.
@Suite struct DayInTimeZoneTests {
    static func instant(_ iso: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: iso)!
    }

    @Test(arguments: [
        // Berlin, winter (UTC+1): midnight local is 23:00 UTC the day before.
        ("Europe/Berlin", "2026-01-15T22:59:59Z", "2026-01-15"), ("Europe/Berlin", "2026-01-15T23:00:00Z", "2026-01-16"),
        // Berlin, summer (UTC+2).
        ("Europe/Berlin", "2026-07-01T21:59:59Z", "2026-07-01"), ("Europe/Berlin", "2026-07-01T22:00:00Z", "2026-07-02"),
        // New York, winter (UTC-5): still yesterday until 05:00 UTC.
        ("America/New_York", "2026-01-16T04:59:59Z", "2026-01-15"), ("America/New_York", "2026-01-16T05:00:00Z", "2026-01-16"),
        // Tokyo (UTC+9) is already in the new year.
        ("Asia/Tokyo", "2026-12-31T14:59:59Z", "2026-12-31"), ("Asia/Tokyo", "2026-12-31T15:00:00Z", "2027-01-01"),
        // Half-hour offset (UTC+5:30).
        ("Asia/Kolkata", "2026-02-28T18:29:59Z", "2026-02-28"), ("Asia/Kolkata", "2026-02-28T18:30:00Z", "2026-03-01"),
        // UTC itself, and an instant before 1970.
        ("UTC", "2026-03-01T00:00:00Z", "2026-03-01"), ("UTC", "2026-02-28T23:59:59Z", "2026-02-28"),
        ("UTC", "1969-12-31T23:59:59Z", "1969-12-31"),
    ])
    func dayOfAnInstantAroundMidnight(_ zone: String, _ instant: String, _ expected: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        #expect(Day(Self.instant(instant), in: timeZone).iso == expected)
    }

    @Test func aFractionOfASecondBeforeMidnightIsStillThatDay() throws {
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        let justBefore = Self.instant("2026-01-15T23:00:00Z").addingTimeInterval(-0.25)
        #expect(Day(justBefore, in: berlin) == day(2026, 1, 15))
    }

    @Test(arguments: ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Asia/Kolkata", "Pacific/Auckland",
                      "America/Santiago", "Asia/Beirut", "Pacific/Kiritimati", "Pacific/Pago_Pago"])
    func eachDayStartsAtItsOwnMidnight(_ zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        var current = day(2025, 12, 1)
        while current < day(2027, 1, 1) {
            let start = current.start(in: timeZone)
            #expect(Day(start, in: timeZone) == current, "\(zone) \(current)")
            #expect(Day(start.addingTimeInterval(-1), in: timeZone) == current.adding(days: -1), "\(zone) \(current)")
            current = current.adding(days: 1)
        }
    }

    @Test func momentGivesTheRecruitersDay() throws {
        let tokyo = try #require(TimeZone(identifier: "Asia/Tokyo"))
        let moment = Moment(now: Self.instant("2026-12-31T15:30:00Z"), timeZone: tokyo)
        #expect(moment.today == day(2027, 1, 1))
        #expect(Moment.noon(day(2026, 2, 28)).today == day(2026, 2, 28))
        #expect(Moment.noon(day(2026, 2, 28), in: tokyo).today == day(2026, 2, 28))
    }
}
