import FunnelCore
@testable import FunnelUI
import Testing

/// Search as you type, the help overlay and the command palette.
@Suite struct SearchKeyTests {
    static let searchKeys: [(Key, Action)] = Keymap.help(for: .search).flatMap { b in b.keys.map { ($0, b.action) } }
    let results = [Fixture.card(100, "Ana", "Alves"), Fixture.card(205, "Anabel", "Santos", stage: .consideration),
                   Fixture.card(300, "Joana", "Silva", stage: .conversion)]

    /// A search page showing three results, the second selected.
    func searching() -> AppState {
        var state = Fixture.desk()
        Fixture.press(&state, .char("/"))
        Fixture.type(&state, "ana")
        _ = App.update(&state, .searchResults(generation: 3, results, total: 3))
        Fixture.press(&state, .down)
        return state
    }

    @Test(arguments: searchKeys)
    func everySearchKey(key: Key, action: Action) throws {
        var state = searching()
        #expect(App.context(state) == .search)
        #expect(state.searchPage?.selected == 1)
        let effects = App.update(&state, .key(key))
        switch action {
        case .up: #expect(state.searchPage?.selected == 0); #expect(effects.isEmpty)
        case .down: #expect(state.searchPage?.selected == 2); #expect(effects.isEmpty)
        case .open:
            #expect(state.candidatePage?.id == 205)
            #expect(effects == [.loadCandidate(205)])
            // Esc from the candidate goes back to the results, as they were.
            Fixture.press(&state, .escape)
            #expect(state.searchPage?.results == results)
            #expect(state.searchPage?.selected == 1)
        case .back:
            #expect(state.page == .board)
            #expect(effects.isEmpty)
        case .quit:
            #expect(state.isFinished)
        case .campaignSearch:
            // No email templates here: said, no form, and the key is not typed into the query.
            #expect(state.overlay == nil)
            #expect(state.message == .error("No email templates yet: add one with funnel template add NAME --channel email"))
            #expect(state.searchPage?.query.string == "ana")
            #expect(effects.isEmpty)
        default:
            Issue.record("no expectation for \(action) on \(key): write one")
        }
    }

    @Test func typingSearchesWithIncreasingGenerations() {
        var state = Fixture.desk()
        Fixture.press(&state, .char("/"))
        #expect(state.searchPage?.generation == 0)
        #expect(Fixture.press(&state, .char("z")) == [.search("z", generation: 1, limit: 100)])
        #expect(Fixture.press(&state, .char("o")) == [.search("zo", generation: 2, limit: 100)])
        #expect(Fixture.press(&state, .char("ë")) == [.search("zoë", generation: 3, limit: 100)])
        #expect(Fixture.press(&state, .backspace) == [.search("zo", generation: 4, limit: 100)])
        // Keys that leave the query as it was ask for nothing.
        #expect(Fixture.press(&state, .left, .right, .home, .end).isEmpty)
        #expect(state.searchPage?.generation == 4)
        // Command letters are text here.
        #expect(Fixture.press(&state, .char("q")) == [.search("zoq", generation: 5, limit: 100)])
        #expect(!state.isFinished)
        #expect(Fixture.press(&state, .char("j")) == [.search("zoqj", generation: 6, limit: 100)])
        #expect(state.searchPage?.selected == 0)
    }

    @Test func staleResultsAreDropped() {
        var state = Fixture.desk()
        Fixture.press(&state, .char("/"))
        Fixture.type(&state, "an")  // generations 1 and 2
        let older = [Fixture.card(1, "Andrea", "Old")]
        _ = App.update(&state, .searchResults(generation: 1, older, total: 1))
        #expect(state.searchPage?.results == [])
        #expect(state.searchPage?.resultsGeneration == 0)
        _ = App.update(&state, .searchResults(generation: 2, results, total: 40))
        #expect(state.searchPage?.results == results)
        #expect(state.searchPage?.total == 40)
        #expect(state.searchPage?.resultsGeneration == 2)
        // A late answer to the older query does not replace the newer one.
        _ = App.update(&state, .searchResults(generation: 1, older, total: 1))
        #expect(state.searchPage?.results == results)
        // Results for a search page that was closed are ignored.
        Fixture.press(&state, .escape)
        let board = state
        _ = App.update(&state, .searchResults(generation: 2, results, total: 3))
        #expect(state == board)
    }

    @Test func emptyingTheQueryClearsTheResultsWithoutAsking() {
        var state = searching()
        let effects = Fixture.press(&state, .backspace, .backspace, .backspace)
        #expect(effects == [.search("an", generation: 4, limit: 100), .search("a", generation: 5, limit: 100)])
        #expect(state.searchPage?.results == [])
        #expect(state.searchPage?.total == 0)
        #expect(state.searchPage?.resultsGeneration == 6)
        // Only spaces count as empty too.
        #expect(Fixture.press(&state, .char(" ")).isEmpty)
    }

    @Test func selectionStopsAtTheEndsAndEnterOnNoResultsDoesNothing() {
        var state = searching()
        Fixture.press(&state, .down, .down, .tab, .ctrl("n"))
        #expect(state.searchPage?.selected == 2)
        Fixture.press(&state, .up, .up, .up, .ctrl("p"))
        #expect(state.searchPage?.selected == 0)
        var empty = Fixture.desk()
        Fixture.press(&empty, .char("/"))
        #expect(Fixture.press(&empty, .enter, .down, .up).isEmpty)
        #expect(empty.searchPage != nil)
    }

    @Test func resultsOfARerunReachTheSearchPageUnderTheCandidate() {
        var state = searching()
        Fixture.press(&state, .enter)  // Anabel Santos, opened from the results
        let effects = App.update(&state, .changed(Change(candidateID: 205, stage: .conversion, revert: nil, message: "Moved")))
        #expect(effects.last == .search("ana", generation: 4, limit: 100))
        var moved = results[1]
        moved.stage = .conversion
        _ = App.update(&state, .searchResults(generation: 4, [results[0], moved, results[2]], total: 3))
        #expect(state.candidatePage?.id == 205)  // still on the candidate
        Fixture.press(&state, .escape)
        #expect(state.searchPage?.results[1].stage == .conversion)
        #expect(state.searchPage?.selected == 1)
    }

    @Test func fewerResultsKeepTheSelectionInRange() {
        var state = searching()
        Fixture.press(&state, .down)
        #expect(state.searchPage?.selected == 2)
        // A change elsewhere runs the same query again; it now matches one card.
        let effects = App.update(&state, .changed(Change(candidateID: 300, stage: .conversion, revert: nil, message: "Saved")))
        #expect(effects.last == .search("ana", generation: 4, limit: 100))
        #expect(state.searchPage?.selected == 2)
        _ = App.update(&state, .searchResults(generation: 4, [results[1]], total: 1))
        #expect(state.searchPage?.selected == 0)
        #expect(state.searchPage?.selectedCard == results[1])
    }
}

@Suite struct HelpKeyTests {
    static let helpKeys: [(Key, Action)] = Keymap.help(for: .help).flatMap { b in b.keys.map { ($0, b.action) } }

    /// Board help at 80×24 is longer than the screen: it scrolls.
    func helpScrolledTo(_ scroll: Int) -> (AppState, maxScroll: Int) {
        var state = Fixture.desk()
        Fixture.press(&state, .char("?"))
        let visible = state.size.height - 6
        let maxScroll = HelpView.rows(for: .board).count - visible
        state.overlay = .help(scroll: scroll)
        return (state, maxScroll)
    }

    @Test(arguments: helpKeys)
    func everyHelpKey(key: Key, action: Action) throws {
        let help = helpScrolledTo(2)
        var state = help.0
        let maxScroll = help.maxScroll
        try #require(maxScroll > 3)
        #expect(App.context(state) == .help)
        let effects = App.update(&state, .key(key))
        #expect(effects.isEmpty)
        switch action {
        case .up: #expect(state.helpScroll == 1)
        case .down: #expect(state.helpScroll == 3)
        case .first: #expect(state.helpScroll == 0)
        case .last: #expect(state.helpScroll == maxScroll)
        case .pageUp: #expect(state.helpScroll == 0)
        case .pageDown: #expect(state.helpScroll == maxScroll)
        case .back: #expect(state.overlay == nil); #expect(state.page == .board)
        case .quit: #expect(state.isFinished)
        default: Issue.record("no expectation for \(action) on \(key): write one")
        }
    }

    @Test func questionMarkClosesTheHelpAndOtherKeysDoNothing() {
        let help = helpScrolledTo(0)
        var state = help.0
        let maxScroll = help.maxScroll
        Fixture.press(&state, .char("x"), .enter, .char(">"), .char("n"))
        #expect(state.helpScroll == 0)
        #expect(state.message == nil)
        Fixture.press(&state, .char("j"), .char("j"), .char("j"))
        #expect(state.helpScroll == 3)
        for _ in 0..<40 { Fixture.press(&state, .char("j")) }
        #expect(state.helpScroll == maxScroll)
        Fixture.press(&state, .char("?"))
        #expect(state.overlay == nil)
    }

    @Test func helpThatFitsDoesNotScroll() {
        var state = Fixture.desk(size: Fixture.large)
        Fixture.press(&state, .char("?"), .char("j"), .char("G"), .pageDown)
        #expect(state.helpScroll == 0)
    }

    @Test func helpListsTheKeysOfTheScreenBeneath() {
        let board = HelpView.rows(for: .board).map(\.action)
        #expect(board.contains("Previous column"))
        #expect(board.contains("Quit"))
        let candidate = HelpView.rows(for: .candidate).map(\.action)
        #expect(!candidate.contains("Previous column"))
        #expect(candidate.contains("Back"))
        #expect(candidate.contains("Log a touch"))
        // Every key of a screen is in its help.
        for context in [KeyContext.board, .candidate] {
            let labels = HelpView.rows(for: context).map(\.keys).joined(separator: " ")
            for binding in Keymap.help(for: context) {
                for key in binding.keys {
                    #expect(labels.split(separator: " ").contains(Substring(key.description)), "\(key) missing from \(context) help")
                }
            }
        }
    }
}

@Suite struct PaletteKeyTests {
    static let paletteKeys: [(Key, Action)] = Keymap.help(for: .palette).flatMap { b in b.keys.map { ($0, b.action) } }

    @Test(arguments: paletteKeys)
    func everyPaletteKey(key: Key, action: Action) throws {
        var state = Fixture.desk(selecting: 10)
        Fixture.press(&state, .char(":"))
        Fixture.type(&state, "stage")
        Fixture.press(&state, .down)
        #expect(App.context(state) == .palette)
        #expect(state.palette?.selected == 1)
        let effects = App.update(&state, .key(key))
        switch action {
        case .up: #expect(state.palette?.selected == 0)
        case .down: #expect(state.palette?.selected == 1)  // the last of two entries
        case .open:
            // Enter runs the selected command: "Move to previous stage".
            #expect(state.overlay == nil)
            #expect(effects == [.move(210, to: .awareness)])
        case .back:
            #expect(state.overlay == nil)
            #expect(effects.isEmpty)
        case .quit:
            #expect(state.isFinished)
        default:
            Issue.record("no expectation for \(action) on \(key): write one")
        }
    }

    @Test func typingFiltersTheCommandsOfTheScreenBeneath() {
        let all = PaletteView.entries(for: .board, query: "").map(\.action)
        #expect(all == [.open, .stageNext, .stagePrevious, .logTouch, .note, .futureRole, .status, .edit, .add, .undo,
                        .search, .sort, .refresh, .palette, .help, .today, .compose, .report, .openings, .campaignColumn, .quit])
        #expect(PaletteView.entries(for: .board, query: "MOVE stage").map(\.action) == [.stageNext, .stagePrevious])
        #expect(PaletteView.entries(for: .board, query: "zzz").isEmpty)
        let candidate = PaletteView.entries(for: .candidate, query: "").map(\.action)
        #expect(!candidate.contains(.quit) && !candidate.contains(.sort))
        #expect(candidate.contains(.logTouch))
    }

    @Test func enterPerformsTheSelectedAction() {
        var state = Fixture.desk(selecting: 10)
        Fixture.press(&state, .char(":"))
        Fixture.type(&state, "future")
        Fixture.press(&state, .enter)
        #expect(state.form?.purpose == .futureRole(candidateID: 210, name: "Consideration 11"))

        var quit = Fixture.desk()
        Fixture.press(&quit, .char(":"))
        Fixture.type(&quit, "quit")
        Fixture.press(&quit, .enter)
        #expect(quit.isFinished)

        var open = Fixture.desk()
        Fixture.press(&open, .char(":"), .enter)  // the first entry: open the candidate
        #expect(open.candidatePage?.id == 100)
    }

    @Test func typingResetsTheSelectionAndEnterOnNothingJustCloses() {
        var state = Fixture.desk(selecting: 10)
        Fixture.press(&state, .char(":"), .down, .down, .down)
        #expect(state.palette?.selected == 3)
        Fixture.type(&state, "s")
        #expect(state.palette?.selected == 0)
        Fixture.press(&state, .ctrl("u"))
        Fixture.type(&state, "nothing like this")
        let before = state.pages
        #expect(Fixture.press(&state, .enter).isEmpty)
        #expect(state.overlay == nil)
        #expect(state.pages == before)
    }

    @Test func selectionStaysWithinTheEntries() {
        var state = Fixture.desk(selecting: 10)
        Fixture.press(&state, .char(":"), .up, .ctrl("p"))
        #expect(state.palette?.selected == 0)
        for _ in 0..<30 { Fixture.press(&state, .ctrl("n")) }
        #expect(state.palette?.selected == PaletteView.entries(for: .board, query: "").count - 1)
    }

    @Test func thePaletteFromTheCandidatePageActsOnThatCandidate() {
        var (state, _) = Fixture.candidatePage()
        Fixture.press(&state, .char(":"))
        Fixture.type(&state, "next stage")
        #expect(Fixture.press(&state, .enter) == [.move(210, to: .conversion)])
    }
}
