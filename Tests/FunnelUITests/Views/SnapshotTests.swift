import FunnelCore
@testable import FunnelUI
import Testing

/// Every screen rendered to text and compared with `__Snapshots__/<name>.txt` (see Snapshot.swift).
@Suite struct SnapshotTests {
    typealias V = ViewFixture
    typealias F = Fixture

    func render(_ state: AppState) -> Screen { Render.screen(state) }

    // MARK: Board

    @Test func boardAt80x24() {
        var state = V.board()
        F.press(&state, .char("l"), .char("j"))  // Mariana Costa, second in Consideration
        assertSnapshot(render(state).lines(), named: "board-80x24")
    }

    @Test func boardAt200x50() {
        var state = V.board(size: F.large)
        F.press(&state, .char("j"), .char("j"))
        assertSnapshot(render(state).lines(), named: "board-200x50")
    }

    @Test func boardSortedByNameWithAnEmptyAndALoadingColumn() {
        var (state, _) = App.start(size: F.small, moment: F.moment)
        _ = App.update(&state, .countsLoaded([.awareness: 2, .consideration: 0], conversions: [:]))
        _ = App.update(&state, .columnLoaded(.awareness, .top, Array(V.awareness.prefix(2)), moreBefore: false, moreAfter: false))
        _ = App.update(&state, .columnLoaded(.consideration, .top, [], moreBefore: false, moreAfter: false))
        state.sort = .name
        assertSnapshot(render(state).lines(), named: "board-empty-and-loading")
    }

    @Test func boardScrolledShowsMoreMarkersBothWays() {
        var state = V.board()
        // A window from the middle of a long column, the selection low on screen.
        _ = App.update(&state, .columnLoaded(.awareness, .around(17), V.awareness, moreBefore: true, moreAfter: true))
        assertSnapshot(render(state).lines(), named: "board-scrolled")
    }

    @Test func boardInPlainASCII() {
        var state = V.board()
        state.settings.unicode = false
        assertSnapshot(render(state).lines(), named: "board-ascii")
    }

    @Test func tooSmallTerminal() {
        var state = V.board()
        _ = App.update(&state, .resize(Size(width: 50, height: 10)))
        let lines = render(state).lines()
        assertSnapshot(lines, named: "too-small-50x10")
        #expect(lines.contains { $0.contains("need 60×16, have 50×10") })
    }

    @Test func tooSmallEvenForTheMessage() {
        var state = V.board()
        _ = App.update(&state, .resize(Size(width: 12, height: 3)))
        assertSnapshot(render(state).lines(), named: "too-small-12x3")
    }

    // MARK: Names of every script keep the columns aligned

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 200, height: 50), Size(width: 97, height: 31)])
    func worldNamesKeepColumnsAligned(size: Size) {
        var state = V.worldBoard(size: size)
        F.press(&state, .char("j"), .char("l"))
        let screen = render(state)
        if size == Size(width: 80, height: 24) { assertSnapshot(screen.lines(), named: "board-world-names-80x24") }
        if size == Size(width: 200, height: 50) { assertSnapshot(screen.lines(), named: "board-world-names-200x50") }

        let area = Rect(x: 0, y: 1, width: size.width, height: size.height - 2)
        let expected = area.columns(5, gap: 1).dropLast().map(\.maxX)
        let lines = screen.lines(trimmingTrailingSpaces: false)
        for y in area.y..<area.maxY {
            // Columns measured on the text as a terminal prints it: each grapheme at its display width.
            var x = 0
            var separators: [Int] = []
            for character in lines[y] {
                if character == "│" || character == "┼" { separators.append(x) }
                x += DisplayWidth.width(of: character)
            }
            #expect(separators == expected, "row \(y): separators at \(separators), expected \(expected)\n\(lines[y])")
            #expect(x == size.width, "row \(y) is \(x) columns wide")
            // And in the grid itself.
            for sx in expected { #expect(screen[sx, y].grapheme == "│" || screen[sx, y].grapheme == "┼") }
        }
        // Every name is shown, whole or cut with an ellipsis, never as a broken half character.
        for y in area.y + 3..<area.maxY {
            for x in 0..<size.width where screen[x, y].isContinuation {
                #expect(x > 0 && screen[x - 1, y].width == 2, "orphan half cell at (\(x),\(y))")
            }
        }
        #expect(lines.contains { $0.contains("山田 太郎") })
        #expect(lines.contains { $0.contains("Kai 🚀 And") })
    }

    // MARK: Overlays

    @Test func helpOverlayOnTheBoard() {
        var state = V.board()
        F.press(&state, .char("?"))
        assertSnapshot(render(state).lines(), named: "help-board-80x24")
        F.press(&state, .char("G"))
        assertSnapshot(render(state).lines(), named: "help-board-80x24-scrolled")
    }

    @Test func helpOverlayOnTheCandidateAndSearch() {
        var state = V.candidateScreen(size: F.large)
        F.press(&state, .char("?"))
        assertSnapshot(render(state).lines(), named: "help-candidate-200x50")
        var search = V.board()
        F.press(&search, .char("/"))
        search.overlay = .help(scroll: 0)  // no key opens help on the search page; the view still draws it
        assertSnapshot(render(search).lines(), named: "help-search-80x24")
    }

    @Test func palette() {
        var state = V.board()
        F.press(&state, .char(":"))
        assertSnapshot(render(state).lines(), named: "palette-80x24")
        F.type(&state, "stage")
        F.press(&state, .down)
        assertSnapshot(render(state).lines(), named: "palette-filtered")
        F.press(&state, .ctrl("u"))
        F.type(&state, "xyz")
        assertSnapshot(render(state).lines(), named: "palette-no-match")
    }

    // MARK: Candidate

    @Test func candidateScreen() {
        assertSnapshot(render(V.candidateScreen()).lines(), named: "candidate-80x24")
        assertSnapshot(render(V.candidateScreen(size: F.large)).lines(), named: "candidate-200x50")
    }

    @Test func candidateScreenScrolledToTheEnd() {
        var state = V.candidateScreen(size: Size(width: 80, height: 16))
        F.press(&state, .char("G"))
        assertSnapshot(render(state).lines(), named: "candidate-80x16-end")
    }

    @Test func candidateLoading() {
        var state = V.board()
        F.press(&state, .enter)
        assertSnapshot(render(state).lines(), named: "candidate-loading")
    }

    @Test func candidateDoNotContact() {
        var state = V.board()
        var detail = V.yamadaDetail
        detail.candidate.status = .doNotContact
        detail.candidate.nextFollowUp = nil
        detail.futureRoles = []
        detail.touches = []
        state.pages.append(.candidate(CandidatePage(id: 292, detail: detail)))
        F.press(&state, .char("n"))
        assertSnapshot(render(state).lines(), named: "candidate-do-not-contact")
    }

    // MARK: Forms

    @Test func addForm() {
        var state = V.board()
        F.press(&state, .char("a"))
        F.type(&state, "Zoë")
        F.press(&state, .tab)
        F.type(&state, "Müller")
        assertSnapshot(render(state).lines(), named: "form-add")
    }

    @Test func addFormScrollsToTheFocusedField() {
        var state = V.board()
        F.press(&state, .char("a"), .backTab)  // the last field: Follow up
        F.type(&state, "someday")
        F.press(&state, .enter)
        assertSnapshot(render(state).lines(), named: "form-add-last-field-error")
    }

    @Test func editForm() {
        var state = V.candidateScreen()
        F.press(&state, .char("e"))
        assertSnapshot(render(state).lines(), named: "form-edit")
    }

    @Test func logTouchForm() {
        var state = V.candidateScreen()
        F.press(&state, .char("n"), .tab, .tab, .char("l"), .tab)
        F.type(&state, "Left a message about the Berlin role; call back after 18:00 JST, he prefers evenings")
        assertSnapshot(render(state).lines(), named: "form-log-touch")
    }

    @Test func logTouchFormWithABadDate() {
        var state = V.candidateScreen()
        F.press(&state, .char("n"), .backTab, .ctrl("u"))
        F.type(&state, "someday")
        F.press(&state, .enter)
        assertSnapshot(render(state).lines(), named: "form-log-touch-bad-date")
    }

    @Test func logTouchFormAskingToDiscard() {
        var state = V.candidateScreen()
        F.press(&state, .char("n"), .tab, .tab, .tab)
        F.type(&state, "half a thought")
        F.press(&state, .escape)
        assertSnapshot(render(state).lines(), named: "form-discard-question")
    }

    @Test func noteForm() {
        var state = V.candidateScreen()
        F.press(&state, .char("N"))
        F.type(&state, "Prefers calls after 18:00 JST")
        assertSnapshot(render(state).lines(), named: "form-note")
    }

    @Test func futureRoleForm() {
        var state = V.candidateScreen()
        F.press(&state, .char("f"))
        assertSnapshot(render(state).lines(), named: "form-future-role")
    }

    @Test func futureRoleFormAfterNotNow() {
        var state = V.board()
        F.press(&state, .char("n"), .tab, .tab, .char("n"), .char("n"), .enter)
        _ = App.update(&state, .changed(Change(candidateID: 309, stage: .awareness, revert: nil,
                                               message: "Logged phone for Tyler Davis, follow up 2027-02-22")))
        assertSnapshot(render(state).lines(), named: "form-future-role-after-not-now")
    }

    @Test func statusForm() {
        var state = V.candidateScreen()
        F.press(&state, .char("s"), .char("d"))
        assertSnapshot(render(state).lines(), named: "form-status")
    }

    @Test func formAtTheMinimumSize() {
        var state = V.candidateScreen(size: Layout.minimum)
        F.press(&state, .char("e"))
        assertSnapshot(render(state).lines(), named: "form-edit-60x16")
    }

    // MARK: Messages

    @Test func errorMessageOnTheStatusLine() {
        var state = V.board()
        F.press(&state, .char("l"), .char("l"), .char("l"), .char("l"), .char(">"))
        #expect(state.message?.kind == .error)
        assertSnapshot(render(state).lines(), named: "board-error-message")
    }

    @Test func failedWriteMessageOnTheStatusLine() {
        var state = V.board()
        _ = App.update(&state, .failed("the store is locked by another process: try again in a moment"))
        assertSnapshot(render(state).lines(), named: "board-failed-write")
    }

    @Test func infoMessageAfterAMove() {
        var state = V.board()
        _ = App.update(&state, .changed(Change(candidateID: 309, stage: .consideration, revert: nil,
                                               message: "Moved Tyler Davis to Consideration · u undoes")))
        assertSnapshot(render(state).lines(), named: "board-info-message")
    }

    // MARK: Search

    @Test func searchPageWithResults() {
        var state = V.board()
        F.press(&state, .char("/"))
        F.type(&state, "engineer")
        let results = V.awareness + V.consideration + V.conversion
        _ = App.update(&state, .searchResults(generation: 8, results, total: 212))
        F.press(&state, .down, .down)
        assertSnapshot(render(state).lines(), named: "search-results")
    }

    @Test func searchPageEmptyAndWithoutMatch() {
        var state = V.board()
        F.press(&state, .char("/"))
        assertSnapshot(render(state).lines(), named: "search-empty")
        F.type(&state, "zzz")
        _ = App.update(&state, .searchResults(generation: 3, [], total: 0))
        assertSnapshot(render(state).lines(), named: "search-no-match")
    }

    @Test func searchPageWithWorldNames() {
        var state = V.board()
        F.press(&state, .char("/"))
        F.type(&state, "山田")
        _ = App.update(&state, .searchResults(generation: 2, V.worldNames, total: 9))
        assertSnapshot(render(state).lines(), named: "search-world-names")
    }
}
