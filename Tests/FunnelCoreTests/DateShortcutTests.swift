import FunnelCore
import Testing

/// Every case runs against a fixed "today", never the clock.
@Suite struct DateShortcutTests {
    /// A Saturday at the end of a 31-day month, before a 28-day February.
    static let saturdayJan31 = Day(year: 2026, month: 1, day: 31)!

    @Test(arguments: [
        ("today", "2026-01-31"), ("TODAY", "2026-01-31"), (" now ", "2026-01-31"),
        ("tomorrow", "2026-02-01"), ("Tomorrow", "2026-02-01"), ("tmr", "2026-02-01"), ("tom", "2026-02-01"),
        ("yesterday", "2026-01-30"),
        ("3d", "2026-02-03"), ("0d", "2026-01-31"), ("2w", "2026-02-14"), ("+2w", "2026-02-14"), ("1m", "2026-02-28"),
        ("2m", "2026-03-31"), ("12m", "2027-01-31"), ("1y", "2027-01-31"), ("+5", "2026-02-05"), ("10", "2026-02-10"),
        ("3D", "2026-02-03"), ("9999d", "2053-06-17"),
        // Weekdays: the next such day strictly after today; today is a Saturday.
        ("sun", "2026-02-01"), ("mon", "2026-02-02"), ("Monday", "2026-02-02"), ("tue", "2026-02-03"),
        ("wed", "2026-02-04"), ("wednes", "2026-02-04"), ("thu", "2026-02-05"), ("thurs", "2026-02-05"),
        ("FRI", "2026-02-06"), ("friday", "2026-02-06"),
        ("sat", "2026-02-07"), ("saturday", "2026-02-07"),
        // ISO dates pass through.
        ("2026-12-01", "2026-12-01"), ("2024-02-29", "2024-02-29"), ("2025-01-01", "2025-01-01"),
    ])
    func parsesRelativeToAFixedToday(_ text: String, _ expected: String) throws {
        #expect(try DateShortcut.parse(text, today: Self.saturdayJan31).iso == expected)
    }

    @Test(arguments: [
        // (today, text, expected): across month ends, year ends and leap days.
        ("2024-02-28", "1d", "2024-02-29"), ("2024-02-28", "tomorrow", "2024-02-29"), ("2025-02-28", "tomorrow", "2025-03-01"),
        ("2026-03-01", "yesterday", "2026-02-28"), ("2024-03-01", "yesterday", "2024-02-29"),
        ("2026-12-31", "tomorrow", "2027-01-01"), ("2026-12-31", "thu", "2027-01-07"), ("2026-12-31", "fri", "2027-01-01"),
        ("2026-12-31", "1m", "2027-01-31"), ("2026-12-31", "2w", "2027-01-14"), ("2024-01-31", "1m", "2024-02-29"),
        ("2026-04-30", "1m", "2026-05-30"), ("2026-02-28", "mon", "2026-03-02"), ("2026-03-16", "mon", "2026-03-23"),
    ])
    func boundaries(_ today: String, _ text: String, _ expected: String) throws {
        let today = try #require(Day(iso: today))
        #expect(try DateShortcut.parse(text, today: today).iso == expected)
    }

    /// Over a whole week of "todays", every weekday name lands 1…7 days ahead, on that weekday.
    @Test func weekdayNamesFromEveryDayOfTheWeek() throws {
        let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        var today = Day(year: 2026, month: 2, day: 25)!
        for _ in 0..<7 {
            for (index, name) in names.enumerated() {
                let result = try DateShortcut.parse(name, today: today)
                #expect(result.weekday == index + 1, "\(name) from \(today)")
                #expect((1...7).contains(today.days(until: result)), "\(name) from \(today)")
                if today.weekday == index + 1 { #expect(today.days(until: result) == 7, "\(name) on a \(name)") }
            }
            today = today.adding(days: 1)
        }
    }

    @Test(arguments: ["", "   "])
    func refusesEmpty(_ text: String) {
        expectFunnelError(.invalid, "empty date") { try DateShortcut.parse(text, today: Self.saturdayJan31) }
    }

    @Test(arguments: ["mo", "tu", "s", "garbage", "next week", "3x", "-3d", "99999d", "1.5d", "d", "+", "m",
                      "mondays", "2026-1-1", "01/02/2026", "+mon", "3 d"])
    func refusesWhatIsNotADate(_ text: String) {
        expectFunnelError(.invalid, "cannot read '\(text)' as a date") { try DateShortcut.parse(text, today: Self.saturdayJan31) }
        expectFunnelError(.invalid, DateShortcut.help) { try DateShortcut.parse(text, today: Self.saturdayJan31) }
    }

    @Test(arguments: ["2026-02-30", "2025-02-29", "2026-04-31", "2026-13-01", "2026-00-01"])
    func refusesImpossibleISODates(_ text: String) {
        expectFunnelError(.invalid, "'\(text)' is not a real date") { try DateShortcut.parse(text, today: Self.saturdayJan31) }
    }
}
