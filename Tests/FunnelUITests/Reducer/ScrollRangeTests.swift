import FunnelCore
@testable import FunnelUI
import Testing

/// A page scrolled to its end stays inside its range when the range shrinks under it: a taller
/// screen (resize) or a shorter record (a reload after an undo). Found by the reducer soak
/// (FunnelAppTests/ReducerSoakTests, seed 0x5eed20261122, step 2751): a candidate screen under
/// the Today queue kept scroll 7 after the window grew to 200×50, where its 32 lines fit
/// without scrolling, so going back showed it with its first 7 lines hidden above empty rows.
@Suite struct ScrollRangeTests {
    typealias F = Fixture
    typealias R = ReportFixture

    static let tall = Size(width: 200, height: 80)

    /// The candidate screen of a 40-touch record at 80×24, scrolled to its last line.
    func candidateAtTheEnd() throws -> (AppState, CandidateDetail, Int) {
        var (state, detail) = F.candidatePage(touchCount: 40)
        F.press(&state, .char("G"))
        let scroll = try #require(state.candidatePage?.scroll)
        try #require(scroll == App.maxScroll(try #require(state.candidatePage), state) && scroll > 0)
        return (state, detail, scroll)
    }

    @Test func aTallerScreenPullsTheCandidateScreenBackToItsEnd() throws {
        var (state, detail, _) = try candidateAtTheEnd()
        _ = App.update(&state, .resize(Self.tall))
        let lines = CandidateView.lines(detail, state: state).count
        #expect(state.candidatePage?.scroll == max(0, lines - Layout.candidateBodyRows(Self.tall)))
    }

    @Test func theCandidateScreenUnderTheTodayQueueIsPulledBackToo() throws {
        var (state, _, _) = try candidateAtTheEnd()
        F.press(&state, .char("t"))
        try #require(App.context(state) == .today)
        _ = App.update(&state, .resize(Self.tall))
        guard case let .candidate(page) = state.pages[1] else { Issue.record("no candidate page under Today"); return }
        #expect(page.scroll == App.maxScroll(page, state))
        F.press(&state, .escape)
        #expect(state.candidatePage?.scroll == App.maxScroll(try #require(state.candidatePage), state))
    }

    @Test func aShorterRecordAfterAReloadPullsTheScrollBack() throws {
        var (state, detail, scroll) = try candidateAtTheEnd()
        var shorter = detail
        shorter.touches.removeFirst(5)  // say, undone
        _ = App.update(&state, .candidateLoaded(shorter))
        let page = try #require(state.candidatePage)
        #expect(page.scroll < scroll)
        #expect(page.scroll == App.maxScroll(page, state))
    }

    @Test func aTallerScreenPullsTheReportBackToItsEnd() throws {
        var state = F.desk()
        F.press(&state, .char("R"))
        _ = App.update(&state, .reportLoaded(R.report))
        F.press(&state, .char("G"))
        let before = try #require(state.reportPage)
        try #require(before.scroll > 0)
        _ = App.update(&state, .resize(Self.tall))
        let after = try #require(state.reportPage)
        #expect(after.scroll == App.maxScroll(after, state))
        #expect(after.scroll < before.scroll)
    }

    @Test func aTallerScreenPullsTheHelpBackToItsEnd() throws {
        var state = F.desk()
        F.press(&state, .char("?"), .char("G"))
        try #require((state.helpScroll ?? 0) > 0)
        _ = App.update(&state, .resize(Self.tall))
        #expect(state.helpScroll == App.maxHelpScroll(state))
        #expect(state.helpScroll == 0)  // every row of the board help fits in 80 rows
    }

    /// Scrolling keys already clamp; a smaller screen widens the range, so nothing moves.
    @Test func aSmallerScreenLeavesTheScrollAlone() throws {
        var (state, _, scroll) = try candidateAtTheEnd()
        _ = App.update(&state, .resize(Size(width: 80, height: 18)))
        #expect(state.candidatePage?.scroll == scroll)
    }
}
