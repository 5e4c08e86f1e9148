import FunnelCore
@testable import FunnelUI
import Testing

/// The report screen: `R` opens it and asks for the report, every key of its table, scrolling
/// bounded by the lines the view lays out, Esc back to where it was opened.
@Suite struct ReportKeyTests {
    typealias F = Fixture
    typealias R = ReportFixture

    static let reportKeys: [(Key, Action)] = Keymap.help(for: .report).flatMap { b in b.keys.map { ($0, b.action) } }

    /// Lines of the fixture report at a size, and how many fit under the title bar and above the status line.
    static func geometry(_ state: AppState) -> (lines: Int, visible: Int, maxScroll: Int) {
        let lines = ReportView.lines(R.report, state: state).count
        let visible = state.size.height - 2
        return (lines, visible, lines - visible)
    }

    func setScroll(_ state: inout AppState, _ scroll: Int) {
        guard var page = state.reportPage else { return }
        page.scroll = scroll
        state.pages[state.pages.count - 1] = .report(page)
    }

    @Test func rOpensTheReportAndAsksForIt() throws {
        var state = F.desk()
        #expect(F.press(&state, .char("R")) == [.loadReport])
        #expect(state.pages == [.board, .report(ReportPage())])
        #expect(App.context(state) == .report)
        #expect(state.currentCandidateID == nil)
        // Until it arrives there is nothing to scroll.
        #expect(F.press(&state, .char("j"), .char("G"), .pageDown).isEmpty)
        #expect(state.reportPage?.scroll == 0)
        _ = App.update(&state, .reportLoaded(R.report))
        #expect(state.reportPage?.report == R.report)
        #expect(state.reportPage?.scroll == 0)
    }

    /// Scrolled to line 5 of the fixture report at 80×24, each key does what its row says.
    @Test(arguments: reportKeys)
    func everyReportKey(key: Key, action: Action) throws {
        var state = R.screen()
        let (lines, visible, maxScroll) = Self.geometry(state)
        try #require(maxScroll > visible + 5, "the report must be longer than two screens (\(lines) lines)")
        setScroll(&state, 5)
        let effects = App.update(&state, .key(key))
        let scroll = state.reportPage?.scroll
        switch action {
        case .up: #expect(scroll == 4); #expect(effects.isEmpty)
        case .down: #expect(scroll == 6); #expect(effects.isEmpty)
        case .pageUp: #expect(scroll == 0); #expect(effects.isEmpty)
        case .pageDown: #expect(scroll == 5 + visible); #expect(effects.isEmpty)
        case .first: #expect(scroll == 0); #expect(effects.isEmpty)
        case .last: #expect(scroll == maxScroll); #expect(effects.isEmpty)
        case .refresh:
            // Computed again; the page keeps its place meanwhile.
            #expect(effects == [.loadReport])
            #expect(scroll == 5)
        case .help:
            #expect(state.helpScroll == 0)
            #expect(App.helpContext(state) == .report)
        case .back:
            #expect(state.page == .board)
            #expect(effects.isEmpty)
        case .quit:
            #expect(state.isFinished)
        case .openings:
            // The Openings screen on top of this one, asking for the open and on-hold openings.
            #expect(state.pages.last == .openings(OpeningsPage()))
            #expect(effects == [.loadOpenings(includeClosed: false)])
        default:
            Issue.record("no expectation for \(action) on \(key): write one")
        }
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 160, height: 48), Size(width: 60, height: 16)])
    func scrollingStopsAtBothEnds(size: Size) throws {
        var state = R.screen(size: size)
        let (_, _, maxScroll) = Self.geometry(state)
        F.press(&state, .char("k"), .pageUp)
        #expect(state.reportPage?.scroll == 0)
        F.press(&state, .char("G"))
        #expect(state.reportPage?.scroll == max(0, maxScroll))
        F.press(&state, .char("j"), .pageDown, .end)
        #expect(state.reportPage?.scroll == max(0, maxScroll))
        F.press(&state, .home)
        #expect(state.reportPage?.scroll == 0)
    }

    @Test func aNewReportKeepsThePlaceAndAShorterOneClampsIt() throws {
        var state = R.screen()
        F.press(&state, .char("j"), .char("j"), .char("j"))
        #expect(F.press(&state, .ctrl("r")) == [.loadReport])
        _ = App.update(&state, .reportLoaded(R.report))
        #expect(state.reportPage?.scroll == 3)
    }

    @Test func lettersThatAreNotReportKeysSaySo() throws {
        var state = R.screen()
        let before = state
        #expect(F.press(&state, .char("n")).isEmpty)
        #expect(state.overlay == nil)
        #expect(state.message == .info("n does nothing here: press ? for the keys"))
        state.message = nil
        #expect(state == before)
    }

    @Test func fromTheQueueTheReportOpensOnTopAndEscComesBack() throws {
        var state = TodayFixture.queue(selecting: 2)
        #expect(F.press(&state, .char("R")) == [.loadReport])
        #expect(state.pages.count == 3)
        _ = App.update(&state, .reportLoaded(R.report))
        F.press(&state, .escape)
        #expect(state.todayPage?.selected == 2)
        // A report arriving after the screen was closed changes nothing.
        let before = state
        _ = App.update(&state, .reportLoaded(R.report))
        #expect(state == before)
    }
}
