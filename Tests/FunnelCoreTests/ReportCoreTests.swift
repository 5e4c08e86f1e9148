import Foundation
@testable import FunnelCore
import Testing

@Suite struct ReportCoreTests {
    func day(_ iso: String) -> Day { Day(iso: iso)! }

    // MARK: Period

    @Test func defaultPeriodIsTheLast90DaysIncludingToday() throws {
        let period = try ReportPeriod.resolve(since: nil, until: nil, today: day("2026-11-22"))
        #expect(period.since == day("2026-08-25"))
        #expect(period.until == day("2026-11-22"))
        #expect(period.days == 90)
    }

    @Test func periodBoundsAreWholeDaysInTheTimeZone() throws {
        let lisbon = TimeZone(identifier: "Europe/Lisbon")!
        let period = try ReportPeriod.resolve(since: "2026-07-01", until: "2026-07-31", today: day("2026-11-22"))
        #expect(period.days == 31)
        // Lisbon is UTC+1 in summer: the period starts at 23:00 UTC the day before.
        #expect(period.start(in: lisbon) == ISO8601DateFormatter().date(from: "2026-06-30T23:00:00Z"))
        #expect(period.end(in: lisbon) == ISO8601DateFormatter().date(from: "2026-07-31T23:00:00Z"))
        // --until alone keeps 90 days.
        #expect(try ReportPeriod.resolve(since: nil, until: "2026-03-31", today: day("2026-11-22")).since == day("2026-01-01"))
    }

    static let badPeriods: [(String?, String?)] = [("2026-13-01", nil), ("yesterday", nil), (nil, "2026-02-30"), ("2026-11-23", "2026-11-22")]

    @Test(arguments: badPeriods)
    func badPeriodsAreRefused(since: String?, until: String?) {
        #expect(throws: FunnelError.self) {
            try ReportPeriod.resolve(since: since, until: until, today: Day(iso: "2026-11-22")!)
        }
    }

    @Test func oneDayPeriod() throws {
        let period = try ReportPeriod.resolve(since: "2026-11-22", until: "2026-11-22", today: day("2026-11-22"))
        #expect(period.days == 1)
    }

    // MARK: Percentiles and ratios

    @Test func medianOfOddAndEvenCounts() {
        #expect(Percentiles.median(sorted: []) == nil)
        #expect(Percentiles.median(sorted: [5]) == 5)
        #expect(Percentiles.median(sorted: [1, 3, 10]) == 3)
        #expect(Percentiles.median(sorted: [1, 3, 10, 20]) == 6.5)
        #expect(Percentiles.median(sorted: [2, 2, 2, 9]) == 2)
    }

    @Test func p90IsNearestRank() {
        let oneToTen = (1...10).map { Int64($0) }
        #expect(Percentiles.nearestRank(90, sorted: oneToTen) == 9)
        #expect(Percentiles.nearestRank(90, sorted: (1...11).map { Int64($0) }) == 10)
        #expect(Percentiles.nearestRank(90, sorted: [7]) == 7)
        #expect(Percentiles.nearestRank(90, sorted: []) == nil)
        #expect(Percentiles.nearestRank(100, sorted: oneToTen) == 10)
    }

    @Test(arguments: [1, 2, 3, 5, 10, 11, 100, 1001])
    func selectionAgreesWithSorting(count: Int) {
        var state: UInt64 = UInt64(count) &* 0x9E37_79B9_7F4A_7C15
        for spread in [3, 1_000_000] {
            let values = (0..<count).map { _ -> Int64 in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Int64((state >> 33) % UInt64(spread))
            }
            let sorted = values.sorted()
            #expect(Percentiles.median(of: values) == Percentiles.median(sorted: sorted))
            #expect(Percentiles.nearestRank(90, of: values) == Percentiles.nearestRank(90, sorted: sorted))
            #expect(Percentiles.nearestRank(50, of: values) == Percentiles.nearestRank(50, sorted: sorted))
            #expect(Percentiles.median(of: sorted.reversed()) == Percentiles.median(sorted: sorted))
        }
    }

    @Test func timeInStageSortsAndConvertsToDays() {
        let day: Int64 = 86_400
        let time = TimeInStage(seconds: [96 * day, 10 * day, 10 * day, 10 * day + day / 2])
        #expect(time == TimeInStage(stays: 4, medianDays: 10.25, p90Days: 96))
        #expect(TimeInStage(seconds: []) == TimeInStage(stays: 0, medianDays: nil, p90Days: nil))
    }

    @Test func ratioWithNothingToDivideIsADash() {
        #expect(Ratio(0, of: 0).value == nil)
        #expect(Ratio(0, of: 0).percentText() == "—")
        #expect(Ratio(0, of: 0).percentText(dash: "-") == "-")
        #expect(Ratio(2, of: 3).percentText() == "66.7%")
        #expect(Ratio(0, of: 4).percentText() == "0.0%")
        #expect(Ratio(4, of: 4).value == 1)
    }

    // MARK: Calendar buckets

    @Test func weeksStartOnMonday() {
        // 2026-11-22 is a Sunday.
        #expect(CalendarBuckets.monday(of: day("2026-11-22")) == day("2026-11-16"))
        #expect(CalendarBuckets.monday(of: day("2026-11-16")) == day("2026-11-16"))
        let weeks = CalendarBuckets.weekStarts(endingWith: day("2026-11-18"), count: 12)
        #expect(weeks.count == 12)
        #expect(weeks.first == day("2026-08-31"))
        #expect(weeks.last == day("2026-11-16"))
        #expect(zip(weeks, weeks.dropFirst()).allSatisfy { $0.days(until: $1) == 7 })
    }

    @Test func monthsOfAPeriod() throws {
        let period = try ReportPeriod(since: day("2025-12-15"), until: day("2026-02-01"))
        #expect(CalendarBuckets.monthStarts(of: period) == [day("2025-12-01"), day("2026-01-01"), day("2026-02-01")])
        #expect(MonthCount.label(day("2026-02-01")) == "2026-02")
    }

    // MARK: Future-role text

    @Test(arguments: [
        ("Sr. Backend Engineer", "Senior Backend Engineer"),
        ("sr backend   engineer ", "Senior backend engineer"),
        ("SNR Data Scientist", "Senior Data Scientist"),
        ("Jr. Developer", "Junior Developer"),
        ("  Staff\tEngineer\n", "Staff Engineer"),
        ("Srinivasan's team lead", "Srinivasan's team lead"),
        ("データエンジニア", "データエンジニア"),
    ])
    func titlesNormalise(raw: String, shown: String) {
        #expect(RoleText.title(raw) == shown)
    }

    @Test func locationsNormalise() {
        #expect(RoleText.location("  Lisbon ") == "Lisbon")
        #expect(RoleText.location("New   York") == "New York")
        #expect(RoleText.location("") == "Remote")
    }

    @Test func topGroupsByTitleFamilyWithTheCommonestSpellingWithoutLevels() {
        let counts: [(raw: String, count: Int)] = [
            ("Engineering manager", 2), ("Engineering Manager", 3), ("Eng. Manager", 1), ("Sr. Engineering Manager", 1),
            ("Sr. Backend Engineer", 2), ("senior backend engineer", 1), ("Backend Engineer, Senior", 1),
            ("Tech Lead", 2), ("CTO", 1),
        ]
        let top = RoleDemand.titles(counts, openings: [], vocabulary: .standard, limit: 3)
        // Every spelling of engineering manager is one family (7); "Engineering Manager" is the
        // spelling most of them used. Backend engineers are all senior: the label drops the level
        // ("Backend Engineer, Senior" → "Backend Engineer", 4 of 4). Tech Lead (2); CTO is cut.
        #expect(top == [RoleDemand(key: "engineering manager", label: "Engineering Manager", count: 7, openOpenings: 0),
                        RoleDemand(key: "backend engineer", label: "Backend Engineer", count: 4, openOpenings: 0),
                        RoleDemand(key: "lead tech", label: "Tech Lead", count: 2, openOpenings: 0)])
    }

    @Test(arguments: [
        ("Senior Backend Engineer", "Backend Engineer"), ("Backend Engineer, Senior", "Backend Engineer"),
        ("Sr. Staff Engineer", "Engineer"), ("Senior-Staff Engineer", "Engineer"), ("Senior", "Senior"),
        ("Head of Engineering", "Head of Engineering"), ("Engineer III", "Engineer III"), ("Srinivasan's team lead", "Srinivasan's team lead"),
    ])
    func familyLabelsDropLevelWords(shown: String, label: String) {
        #expect(RoleText.familyLabel(shown, .standard) == label)
    }

    @Test func openOpeningsAreCountedPerFamilyAndPerPlace() {
        func opening(_ id: Int64, _ title: String, _ location: String, _ mode: WorkMode, _ status: Opening.State = .open) -> Opening {
            Opening(id: id, title: title, location: location, company: nil, status: status, createdAt: Date(timeIntervalSince1970: 0), workMode: mode)
        }
        let openings = [
            opening(1, "Eng. Manager", "Lisboa", .onsite), opening(2, "Senior Engineering Manager", "Berlin", .hybrid),
            opening(3, "Engineering Manager", "Lisbon, Portugal", .remote), opening(4, "Engineering Manager", "", .remote),
            opening(5, "Engineering Manager", "Lisbon", .onsite, .onHold), opening(6, "Engineering Manager", "Lisbon", .onsite, .filled),
            opening(7, "Data Engineer", "Lisbon", .hybrid),
        ]
        let titles = RoleDemand.titles([("engineering manager", 4), ("Data Engineer", 1), ("Designer", 1)],
                                       openings: openings, vocabulary: .standard, limit: 10)
        // Open ones only (#5 is on hold, #6 filled); every level and place of the family.
        #expect(titles.map(\.openOpenings) == [4, 1, 0])
        let places = RoleDemand.locations([("Lisbon", 3), ("lisboa", 1), ("", 1), ("Remote", 1), ("Berlin", 1), ("Porto", 1)],
                                          openings: openings, vocabulary: .standard, limit: 10)
        // Lisbon: #1 (Lisboa) and #7; the remote openings #3 and #4 count for remote, wherever based.
        #expect(places == [RoleDemand(key: "lisbon", label: "Lisbon", count: 4, openOpenings: 2),
                           RoleDemand(key: "remote", label: "Remote", count: 2, openOpenings: 2),
                           RoleDemand(key: "berlin", label: "Berlin", count: 1, openOpenings: 1),
                           RoleDemand(key: "porto", label: "Porto", count: 1, openOpenings: 0)])
    }

    // MARK: Text rendering

    @Test func barsUseEighthBlocksOrHashes() {
        let unicode = ReportText(charset: .unicode)
        #expect(unicode.bar(10, of: 10, width: 4) == "████")
        #expect(unicode.bar(5, of: 10, width: 3) == "█▌")
        #expect(unicode.bar(1, of: 1000, width: 10) == "▏")
        #expect(unicode.bar(0, of: 10, width: 10) == "")
        #expect(unicode.bar(3, of: 0, width: 10) == "")
        let ascii = ReportText(charset: .ascii)
        #expect(ascii.bar(10, of: 10, width: 4) == "####")
        #expect(ascii.bar(5, of: 10, width: 3) == "##")
        #expect(ascii.bar(1, of: 1000, width: 10) == "#")
    }

    @Test func numbersAndWidths() {
        let text = ReportText(charset: .unicode)
        #expect(text.number(0) == "0")
        #expect(text.number(999) == "999")
        #expect(text.number(1_234_567) == "1,234,567")
        #expect(ReportText.displayWidth("Lisbon") == 6)
        #expect(ReportText.displayWidth("東京") == 4)
        #expect(ReportText.displayWidth("Zoë") == 3)
        #expect(ReportText.displayWidth("🚀") == 2)
        #expect(text.clip("Principal Platform Engineer", 10) == "Principal…")
    }

    @Test func tablesAlignOnDisplayWidth() {
        let lines = ReportText(charset: .unicode).table(["Location", "People"], [.left, .right], [["東京", "3"], ["Lisbon", "12"]])
        #expect(lines == ["Location  People", "東京           3", "Lisbon        12"])
    }
}
