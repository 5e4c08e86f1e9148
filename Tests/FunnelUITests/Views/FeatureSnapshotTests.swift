import Foundation
import FunnelCore
@testable import FunnelUI
import Testing

/// The screens added with the Today queue, the report, compose, the engagement sort and the
/// board's conversion headers, rendered to text and compared with `__Snapshots__/<name>.txt`.
@Suite struct FeatureSnapshotTests {
    typealias V = ViewFixture
    typealias F = Fixture
    typealias T = TodayFixture
    typealias R = ReportFixture

    func lines(_ state: AppState) -> [String] { Render.screen(state).lines() }

    // MARK: Today

    @Test func todayQueueAt80x24() {
        let state = T.queue(selecting: 1)
        let screen = lines(state)
        assertSnapshot(screen, named: "today-80x24")
        // Three groups, each with its count; re-engagement stopped at the cap.
        #expect(screen.contains { $0.contains("Overdue") && $0.contains("(2)") })
        #expect(screen.contains { $0.contains("(100+)") })
        #expect(screen[0].contains("100+ to re-engage"))
    }

    /// "Fits an open role" between the follow-ups and re-engagement; the header counts it.
    @Test func todayQueueWithFitsAt80x24() {
        let state = T.queue(T.fitsItems, counts: T.fitsCounts)
        let screen = lines(state)
        assertSnapshot(screen, named: "today-fits-80x24")
        #expect(screen[0] == " Today 2026-11-22 · 2 overdue · 2 due today · 2 fit a role · 100+ to re-engage")
        let heading = screen.firstIndex { $0.contains("Fits an open role (2)") }
        let reengagement = screen.firstIndex { $0.contains("Re-engagement (100+)") }
        #expect(heading != nil && reengagement != nil && heading! < reengagement!)
        #expect(screen.contains { $0.contains("נועה כהן") && $0.contains("#1 Staff Engineer, Lisbon — title:") })
    }

    @Test func todayQueueWithFitsAt120x30AndTheQuickLogForm() {
        var state = T.queue(T.fitsItems, counts: T.fitsCounts, size: Size(width: 120, height: 30))
        for _ in 0..<4 { F.press(&state, .char("j")) }
        assertSnapshot(lines(state), named: "today-fits-120x30")
        F.press(&state, .char("4"))
        let screen = lines(state)
        assertSnapshot(screen, named: "form-quick-fits")
        #expect(screen.contains { $0.contains("About") && $0.contains("#1 Staff Engineer, Lisbon") })
    }

    @Test func todayQueueAt120x30() {
        let state = T.queue(selecting: 4, size: Size(width: 120, height: 30))
        assertSnapshot(lines(state), named: "today-120x30")
    }

    /// At the minimum size the report's tables are wider than the screen (ReportText needs about
    /// 66 columns) and are cut at the edge; the Today rows keep names, stages and most reasons.
    @Test func todayQueueAndReportAtTheMinimumSize() {
        assertSnapshot(lines(T.queue(selecting: 6, size: Layout.minimum)), named: "today-60x16")
        assertSnapshot(lines(R.screen(size: Layout.minimum)), named: "report-60x16")
    }

    /// From 80 columns every line of the report fits after the one-column margin: nothing is cut.
    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 30), Size(width: 160, height: 48)])
    func everyReportLineFits(size: Size) {
        let state = R.screen(size: size)
        for line in ReportView.lines(R.report, state: state) {
            #expect(1 + DisplayWidth.width(of: line) <= size.width, "too wide at \(size.width): \(line)")
        }
    }

    @Test func todayQueueLoadingAndEmpty() {
        var state = F.desk()
        F.press(&state, .char("t"))
        assertSnapshot(lines(state), named: "today-loading")
        _ = App.update(&state, .todayLoaded([], counts: DueCounts(), countsAreLowerBound: false, append: false, next: nil))
        assertSnapshot(lines(state), named: "today-empty")
    }

    @Test func quickLogFormForVoicemail() {
        var state = T.queue(selecting: 1)
        F.press(&state, .char("2"))
        let screen = lines(state)
        assertSnapshot(screen, named: "form-quick-voicemail")
        #expect(screen.contains { $0.contains("Follow up") && $0.contains("3d") })
    }

    @Test func quickLogFormForNotNow() {
        var state = T.queue()
        F.press(&state, .char("5"))
        F.type(&state, "Staff Engineer")
        F.press(&state, .tab)
        F.type(&state, "Berlin")
        let screen = lines(state)
        assertSnapshot(screen, named: "form-quick-not-now")
        for label in ["Future role", "Location", "Remote"] {
            #expect(screen.contains { $0.contains(label) }, "no \(label) field")
        }
    }

    // MARK: The palette scrolls

    /// More commands than rows: the box stays above the status line and the selection stays in view.
    @Test func thePaletteScrollsToItsSelection() {
        var state = V.board(size: Layout.minimum)
        F.press(&state, .char(":"))
        let count = PaletteView.entries(for: .board, query: "").count
        for _ in 1..<count { F.press(&state, .down) }
        #expect(state.palette?.selected == count - 1)
        let screen = lines(state)
        #expect(screen.contains { $0.contains("│ Quit ") }, "the last command is in view:\n\(screen.joined(separator: "\n"))")
        #expect(screen.contains { $0.contains("▲") })
        #expect(screen.last?.hasPrefix("hjkl/arrows move") == true, "the status line is not covered")
        F.press(&state, .ctrl("p"))
        #expect(state.palette?.selected == count - 2)
    }

    // MARK: Compose

    @Test func composeForm() {
        var state = V.board()
        _ = App.update(&state, .templatesLoaded(["checkin", "intro-berlin", "reengage"]))
        F.press(&state, .char("j"), .char("c"), .char("i"))
        assertSnapshot(lines(state), named: "form-compose")
    }

    // MARK: Report

    @Test(arguments: [(Size(width: 80, height: 24), true), (Size(width: 80, height: 24), false),
                      (Size(width: 160, height: 48), true), (Size(width: 160, height: 48), false)])
    func reportScreen(size: Size, color: Bool) {
        let state = R.screen(size: size, settings: UISettings(color: color))
        let screen = lines(state)
        assertSnapshot(screen, named: "report-\(size.width)x\(size.height)-\(color ? "color" : "no-color")")
        #expect(screen.contains { $0.contains("Funnel report") })
        let blocks = screen.contains { $0.contains("█") }
        let hashes = screen.contains { $0.contains("##") }
        // Colour on: block bars; NO_COLOR: plain ASCII bars, no block character anywhere.
        #expect(blocks == color)
        #expect(hashes == !color)
        // The funnel's five stages are on the first screen at both sizes.
        for stage in Stage.allCases { #expect(screen.contains { $0.hasPrefix(" \(stage.title)") }, "no bar for \(stage)") }
    }

    @Test func reportScrolledToTheEnd() {
        var state = R.screen()
        F.press(&state, .char("G"))
        assertSnapshot(lines(state), named: "report-80x24-end")
    }

    /// The report scrolled (with `j`) to the future roles asked for, the open openings for them
    /// and each opening's figures, at 80 columns.
    @Test func reportFutureRolesAndOpeningsAt80x24() throws {
        var state = R.screen()
        let body = ReportView.lines(R.report, state: state)
        let start = try #require(body.firstIndex { $0.hasPrefix("Top future-role titles") })
        for _ in 0..<start { F.press(&state, .char("j")) }
        let screen = lines(state)
        assertSnapshot(screen, named: "report-80x24-future-roles-and-openings")
        #expect(screen[1].contains("Top future-role titles"))
        #expect(screen.contains { $0.contains("Engineering Manager") && $0.hasSuffix(" 5              0") })
        // The opening in words is clipped to what 80 columns leave beside its figures.
        #expect(screen.contains { $0.contains("#12 Staff Engineer @ Blue Ha…  open           9          4           2       0") })
        #expect(screen.contains { $0.contains("#7 Backend Engineer") && $0.contains("filled") && $0.contains("—") })
    }

    /// The report scrolled (with `j`) to the campaigns and their templates, at 80 columns: a long
    /// name clipped beside its figures, rates of delivered, times to reply in hours or days.
    @Test func reportCampaignsAt80x24() throws {
        var state = R.screen()
        let body = ReportView.lines(R.report, state: state)
        let start = try #require(body.firstIndex { $0.hasPrefix("Campaigns sent in the period") })
        for _ in 0..<start { F.press(&state, .char("j")) }
        let screen = lines(state)
        assertSnapshot(screen, named: "report-80x24-campaigns")
        #expect(screen[1].contains("Campaigns sent in the period: reply rate of delivered, median time to reply"))
        func has(_ pattern: String) -> Bool { screen.contains { $0.range(of: pattern, options: .regularExpression) != nil } }
        #expect(has(#"^ Campaign +Sent +Delivered +Replied +Rate +To reply +Opted out"#))
        #expect(has(#"^ #14 Spring re-engagemen… +240 +228 +38 +16\.7% +19\.5 h +3"#))
        #expect(has(#"^ #13 東京 data meetup +45 +45 +9 +20\.0% +5\.0 d +0"#))
        #expect(has(#"^ #11 Old list +5 +0 +0 +— +— +0"#))
        #expect(has(#"^ reengage +2 +245 +228 +38 +16\.7% +19\.5 h +3"#))
        #expect(has(#"^ intro-tokyo +1 +45 +45 +9 +20\.0% +5\.0 d +0"#))
        for line in screen { #expect(DisplayWidth.width(of: line) <= 80, "too wide: \(line)") }
    }

    /// A campaign name from the desk is shown with its controls escaped, on one line.
    @Test func reportShowsHostileCampaignNamesEscaped() {
        var report = R.report
        report.campaigns[0].name = "Spring\u{1B}]0;pwned\u{07}\nBcc: x\u{202E}"
        report.campaignTemplates[0].template = "=cmd\u{1B}[2J"
        var state = R.screen(size: Size(width: 160, height: 48))
        _ = App.update(&state, .reportLoaded(report))
        let body = ReportView.lines(report, state: state)
        #expect(body.contains { $0.hasPrefix("#14 Spring\\x1b]0;pwned\\x07\\nBcc: x\\u202e ") })
        #expect(body.contains { $0.hasPrefix("=cmd\\x1b[2J ") })
        let start = body.firstIndex { $0.hasPrefix("Campaigns sent in the period") }!
        for _ in 0..<start { F.press(&state, .char("j")) }
        let screen = lines(state)
        #expect(screen.contains { $0.contains("#14 Spring\\x1b]0;pwned") })
        let raw = screen.joined().unicodeScalars.filter { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E }
        #expect(raw.isEmpty)
    }

    /// Titles and companies from the desk are shown with their controls escaped, on one line.
    @Test func reportShowsHostileOpeningTextEscaped() {
        var report = R.report
        report.topFutureRoleTitles[0].label = "=HYPERLINK(\"x\")\u{1B}[2J"
        report.openings[0].title = "Lead\u{1B}]0;pwned\u{07}"
        report.openings[0].company = "Evil\u{202E}Corp"
        var state = R.screen(size: Size(width: 160, height: 48))
        _ = App.update(&state, .reportLoaded(report))
        let body = ReportView.lines(report, state: state)
        #expect(body.contains { $0.contains("=HYPERLINK(\"x\")\\x1b[2J") })
        #expect(body.contains { $0.contains("#12 Lead\\x1b]0;pwned\\x07 @ Evil\\u202eCorp") })
        let screen = lines(state)
        let raw = screen.joined().unicodeScalars.filter { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E }
        #expect(raw.isEmpty)
    }

    @Test func reportWhileCounting() {
        var state = F.desk()
        F.press(&state, .char("R"))
        assertSnapshot(lines(state), named: "report-loading")
    }

    // MARK: Board: conversion headers and the engagement sort

    static let conversions: [Stage: String] = [.awareness: "↓63% of 120", .consideration: "↓60% of 90", .conversion: "↓80% of 60",
                                              .loyalty: "↓66% of 50"]

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 30)])
    func boardWithConversionHeadersSortedByEngagement(size: Size) {
        var state = F.board([.awareness: V.awareness, .consideration: V.consideration, .conversion: V.conversion,
                             .loyalty: V.loyalty, .advocacy: V.advocacy],
                            moreAfter: [.awareness, .consideration], counts: V.counts, conversions: Self.conversions, size: size)
        F.press(&state, .char("o"), .char("o"))
        #expect(state.sort == .score)
        let screen = lines(state)
        assertSnapshot(screen, named: "board-conversions-engagement-\(size.width)x\(size.height)")
        #expect(screen[0].contains("by engagement"))
        #expect(screen[2].contains("↓63% of 120"))
    }

    // MARK: Candidate: the engagement line and a long note wrapped

    static var engagedDetail: CandidateDetail {
        var detail = V.yamadaDetail
        detail.engagement = EngagementScore.compute(EngagementFacts(lastContactAt: F.daysAgo(2), contacts: 5, attempts: 4, responses: 2),
                                                    at: F.moment)
        detail.touches[0].note = "Long call about the Berlin data platform role: he wants a team that owns its pipelines end to end, "
            + "no on-call rota for the first six months, and a visa sponsor; would move in spring after his daughter's school year. "
            + "Send the job description and the salary band by Friday."
        return detail
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 100, height: 40)])
    func candidateWithEngagementAndALongNote(size: Size) {
        var state = V.board(size: size)
        state.pages.append(.candidate(CandidatePage(id: 292, detail: Self.engagedDetail)))
        let screen = lines(state)
        assertSnapshot(screen, named: "candidate-engagement-\(size.width)x\(size.height)")
        #expect(screen.contains { $0.contains("Engagement") && $0.contains("= recency") })
    }
}
