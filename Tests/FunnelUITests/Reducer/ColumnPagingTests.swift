import FunnelCore
@testable import FunnelUI
import Testing

/// Columns read a window of cards at a time: opening, asking for more near the window's ends,
/// placing each kind of page, and trimming the window without losing the selection.
@Suite struct ColumnPagingTests {
    let size = Fixture.small
    var limit: Int { Layout.pageSize(size) }
    var visible: Int { Layout.visibleCards(size) }

    @Test func startAsksForTheCountsAndTheFirstPageOfEveryColumn() {
        let (state, effects) = App.start(size: size, moment: Fixture.moment)
        // Then the email template names, for the compose form (`c`).
        #expect(effects == [.loadCounts] + Stage.allCases.map {
            .loadColumn($0, .top, sort: .activity, anchor: nil, limit: limit)
        } + [.loadTemplates])
        #expect(state.page == .board)
        #expect(state.choosingInitialFocus)
        #expect(state.columns.allSatisfy { !$0.loaded })
    }

    @Test func theBoardOpensOnTheFirstCardOfTheFirstNonEmptyColumn() {
        var (state, _) = App.start(size: size, moment: Fixture.moment)
        let conversion = Fixture.cards(.conversion, count: 4, firstID: 300)
        // Pages arrive in any order; the choice waits for all of them.
        for stage in [Stage.loyalty, .conversion, .awareness, .advocacy] {
            _ = App.update(&state, .columnLoaded(stage, .top, stage == .conversion ? conversion : [], moreBefore: false, moreAfter: false))
            #expect(state.focusedStage == .awareness)
        }
        _ = App.update(&state, .columnLoaded(.consideration, .top, [], moreBefore: false, moreAfter: false))
        #expect(state.focusedStage == .conversion)
        #expect(state.focusedColumn.selectedCard == conversion[0])
        #expect(!state.choosingInitialFocus)
    }

    @Test func theBoardOpensOnAwarenessWhenItHasCards() {
        let state = Fixture.desk()
        #expect(state.focusedStage == .awareness)
        #expect(state.focusedColumn.selectedCard == Fixture.awareness[0])
        // Every column selects its first card.
        #expect(state.column(.consideration).selected == 0)
        #expect(state.column(.conversion).selected == nil)
    }

    @Test func anEmptyDeskOpensOnAwarenessWithNothingSelected() {
        let state = Fixture.board([:])
        #expect(state.focusedStage == .awareness)
        #expect(state.focusedColumn.selected == nil)
        #expect(state.columns.allSatisfy { $0.loaded })
    }

    @Test func movingBeforeEveryColumnArrivedKeepsTheRecruitersChoice() {
        var (state, _) = App.start(size: size, moment: Fixture.moment)
        _ = App.update(&state, .columnLoaded(.awareness, .top, [], moreBefore: false, moreAfter: false))
        Fixture.press(&state, .char("l"), .char("l"), .char("l"))
        for stage in [Stage.consideration, .conversion, .loyalty, .advocacy] {
            _ = App.update(&state, .columnLoaded(stage, .top, Fixture.cards(stage, count: 2, firstID: Int64(stage.index * 100)),
                                                 moreBefore: false, moreAfter: false))
        }
        #expect(state.focusedStage == .loyalty)
    }

    // MARK: g / G with more cards in the store than loaded

    @Test func lastAsksForTheBottomWhenTheStoreHasMore() {
        var state = Fixture.board([.awareness: Fixture.cards(.awareness, count: 30, firstID: 1)], moreAfter: [.awareness])
        #expect(Fixture.press(&state, .char("G")) == [.loadColumn(.awareness, .bottom, sort: .activity, anchor: nil, limit: limit)])
        #expect(Fixture.press(&state, .end) == [.loadColumn(.awareness, .bottom, sort: .activity, anchor: nil, limit: limit)])
        #expect(state.focusedColumn.selected == 0)  // nothing moves until the page arrives

        let bottom = Fixture.cards(.awareness, count: 30, firstID: 9_000)
        _ = App.update(&state, .columnLoaded(.awareness, .bottom, bottom, moreBefore: true, moreAfter: false))
        let column = state.focusedColumn
        #expect(column.cards == bottom)
        #expect(column.selectedCard == bottom.last)
        #expect(column.top == 30 - visible)
        #expect(column.moreBefore && !column.moreAfter)

        // g now asks for the top, which replaces the window and selects its first card.
        #expect(Fixture.press(&state, .char("g")) == [.loadColumn(.awareness, .top, sort: .activity, anchor: nil, limit: limit)])
        let top = Fixture.cards(.awareness, count: 30, firstID: 1)
        _ = App.update(&state, .columnLoaded(.awareness, .top, top, moreBefore: false, moreAfter: true))
        #expect(state.focusedColumn.selectedCard == top[0])
        #expect(state.focusedColumn.top == 0)
        #expect(!state.focusedColumn.moreBefore && state.focusedColumn.moreAfter)
    }

    @Test func firstAndLastStayLocalWhenEverythingIsLoaded() {
        var state = Fixture.desk(selecting: 5)
        #expect(Fixture.press(&state, .char("G")).isEmpty)
        #expect(state.focusedColumn.selected == 19)
        #expect(Fixture.press(&state, .home).isEmpty)
        #expect(state.focusedColumn.selected == 0)
    }

    // MARK: Paging near the window's ends

    @Test func scrollingDownAsksForTheNextPageWithinAScreenOfTheWindowEnd() {
        let cards = Fixture.cards(.awareness, count: 30, firstID: 1)
        var state = Fixture.board([.awareness: cards], moreAfter: [.awareness])
        let trigger = 30 - 1 - visible  // the first index whose screen reaches the last loaded card
        for i in 1..<trigger {
            #expect(Fixture.press(&state, .char("j")).isEmpty, "no page yet at card \(i)")
        }
        let effects = Fixture.press(&state, .char("j"))
        #expect(state.focusedColumn.selected == trigger)
        #expect(effects == [.loadColumn(.awareness, .after, sort: .activity, anchor: cards.last, limit: limit)])
    }

    @Test func pageDownAsksForTheNextPageToo() {
        let cards = Fixture.cards(.awareness, count: 30, firstID: 1)
        var state = Fixture.board([.awareness: cards], moreAfter: [.awareness])
        #expect(Fixture.press(&state, .pageDown, .pageDown).isEmpty)
        #expect(Fixture.press(&state, .ctrl("f")) == [.loadColumn(.awareness, .after, sort: .activity, anchor: cards.last, limit: limit)])
    }

    @Test func noPageIsAskedForWhenTheStoreHasNoMore() {
        var state = Fixture.board([.awareness: Fixture.cards(.awareness, count: 30, firstID: 1)])
        for _ in 0..<40 { #expect(Fixture.press(&state, .char("j")).isEmpty) }
        #expect(state.focusedColumn.selected == 29)
    }

    @Test func theNextPageIsAppendedAndTheSelectionStays() {
        let cards = Fixture.cards(.awareness, count: 30, firstID: 1)
        var state = Fixture.board([.awareness: cards], moreAfter: [.awareness])
        _ = App.select(&state, 25)
        let next = Fixture.cards(.awareness, count: 30, firstID: 31)
        _ = App.update(&state, .columnLoaded(.awareness, .after, next, moreBefore: true, moreAfter: false))
        let column = state.focusedColumn
        #expect(column.cards == cards + next)
        #expect(column.selectedCard == cards[25])
        #expect(!column.moreAfter)
        #expect(!column.moreBefore)  // nothing was trimmed
        // Cards already in the window are not doubled when pages overlap.
        _ = App.update(&state, .columnLoaded(.awareness, .after, Array(next.suffix(5)), moreBefore: true, moreAfter: false))
        #expect(state.focusedColumn.cards.count == 60)
    }

    @Test func appendingTrimsTheWindowStartAndKeepsTheSelection() {
        let window = Fixture.cards(.awareness, count: Layout.windowLimit(size), firstID: 1)  // 120 cards: full
        var state = Fixture.board([.awareness: window], moreAfter: [.awareness])
        _ = App.select(&state, 115)
        let topBefore = state.focusedColumn.top
        let next = Fixture.cards(.awareness, count: limit, firstID: 1_000)
        _ = App.update(&state, .columnLoaded(.awareness, .after, next, moreBefore: true, moreAfter: true))
        let column = state.focusedColumn
        #expect(column.cards.count == Layout.windowLimit(size))
        #expect(column.cards.first == window[limit])
        #expect(column.cards.last == next.last)
        #expect(column.selectedCard == window[115])
        #expect(column.top == topBefore - limit)
        #expect(column.moreBefore && column.moreAfter)
    }

    @Test func scrollingUpAsksForThePreviousPageAndPrependingTrimsTheEnd() {
        // A window from the middle of a long column (after `G`, say): the store has more before.
        let window = Fixture.cards(.awareness, count: Layout.windowLimit(size), firstID: 5_000)
        var state = Fixture.board([:])
        _ = App.update(&state, .columnLoaded(.awareness, .around(window[5].id), window, moreBefore: true, moreAfter: true))
        #expect(state.focusedColumn.selectedCard == window[5])
        // Within a screen of the window start, the previous page is asked for.
        let effects = Fixture.press(&state, .char("k"))
        #expect(effects == [.loadColumn(.awareness, .before, sort: .activity, anchor: window[0], limit: limit)])

        let previous = Fixture.cards(.awareness, count: limit, firstID: 1_000)
        _ = App.update(&state, .columnLoaded(.awareness, .before, previous, moreBefore: false, moreAfter: true))
        let column = state.focusedColumn
        #expect(column.cards.count == Layout.windowLimit(size))
        #expect(column.cards.first == previous.first)
        #expect(column.cards.last == window[window.count - 1 - limit])
        #expect(column.selectedCard == window[4])
        #expect(column.selected == limit + 4)
        #expect(!column.moreBefore && column.moreAfter)
    }

    @Test func aWindowAroundACardSelectsItAndScrollsItIntoView() {
        let window = Fixture.cards(.consideration, count: 40, firstID: 1)
        var state = Fixture.desk()
        _ = App.update(&state, .columnLoaded(.consideration, .around(window[30].id), window, moreBefore: true, moreAfter: false))
        let column = state.column(.consideration)
        #expect(column.selectedCard == window[30])
        #expect(column.top <= 30 && 30 < column.top + visible)
        #expect(column.moreBefore && !column.moreAfter)
    }

    @Test func aWindowAroundACardThatLeftKeepsTheIndex() {
        var state = Fixture.desk(selecting: 7)
        let remaining = Fixture.consideration.filter { $0.id != Fixture.consideration[7].id }
        _ = App.update(&state, .columnLoaded(.consideration, .around(Fixture.consideration[7].id), remaining,
                                             moreBefore: false, moreAfter: false))
        #expect(state.focusedColumn.selected == 7)
        #expect(state.focusedColumn.selectedCard == Fixture.consideration[8])
    }

    @Test func aColumnThatBecomesEmptySelectsNothing() {
        var state = Fixture.desk()
        _ = App.update(&state, .columnLoaded(.awareness, .top, [], moreBefore: false, moreAfter: false))
        #expect(state.focusedColumn.selected == nil)
        #expect(state.focusedColumn.loaded)
    }

    // MARK: Resize

    @Test func resizeKeepsTheSelectionOnScreenAtTheNewSize() {
        var state = Fixture.desk(selecting: 19)
        #expect(state.focusedColumn.top == 20 - visible)
        _ = App.update(&state, .resize(Fixture.large))
        #expect(state.size == Fixture.large)
        #expect(state.focusedColumn.top == 0)  // all 20 fit now
        #expect(state.focusedColumn.selected == 19)
        _ = App.update(&state, .resize(Size(width: 80, height: 16)))
        let small = Layout.visibleCards(Size(width: 80, height: 16))
        #expect(state.focusedColumn.top == 20 - small)
        // Paging follows the new size.
        Fixture.press(&state, .char("g"), .pageDown)
        #expect(state.focusedColumn.selected == small)
    }

    @Test func aTooSmallTerminalIgnoresEveryKeyButQuit() {
        var state = Fixture.desk(selecting: 4)
        _ = App.update(&state, .resize(Size(width: 50, height: 10)))
        let before = state
        for key in [Key.char("j"), .char("l"), .enter, .char(">"), .char("n"), .char("/"), .char("?"), .char(":"), .escape, .char("u")] {
            #expect(Fixture.press(&state, key).isEmpty)
            #expect(state == before, "\(key) changed the state")
        }
        Fixture.press(&state, .char("q"))
        #expect(state.isFinished)
        // Growing back restores the board where it was.
        var grown = before
        _ = App.update(&grown, .resize(Fixture.small))
        Fixture.press(&grown, .char("j"))
        #expect(grown.focusedColumn.selected == 5)
    }

    @Test func ctrlCLeavesATooSmallTerminal() {
        var state = Fixture.desk()
        _ = App.update(&state, .resize(Size(width: 59, height: 30)))
        #expect(Layout.isTooSmall(state.size))
        Fixture.press(&state, .ctrl("c"))
        #expect(state.isFinished)
    }
}
