import FunnelCore
@testable import FunnelUI
import Testing

/// What text snapshots cannot show: which cells are highlighted, where the cursor is, how
/// messages are styled.
@Suite struct ViewStyleTests {
    typealias V = ViewFixture
    typealias F = Fixture

    /// The rect of card `index` of a column on screen (rows 4… of the board).
    func cardRect(_ state: AppState, stage: Stage, visibleIndex: Int) -> Rect {
        let area = Rect(x: 0, y: 1, width: state.size.width, height: state.size.height - 2)
        let column = area.columns(5, gap: 1)[stage.index]
        return Rect(x: column.x, y: 4 + visibleIndex * Layout.cardRows, width: column.width, height: 2)
    }

    @Test func theSelectedCardOfTheFocusedColumnIsReversedAndNoOtherIs() {
        var state = V.board()
        F.press(&state, .char("l"), .char("j"))
        let screen = Render.screen(state)
        let selected = cardRect(state, stage: .consideration, visibleIndex: 1)
        for y in selected.y..<selected.maxY {
            for x in selected.x..<selected.maxX where !screen[x, y].isContinuation {
                #expect(screen[x, y].style.reverse, "(\(x),\(y)) of the selected card is not reversed")
            }
        }
        // The other cards, and the selection of unfocused columns, are not reversed.
        for (stage, index) in [(Stage.consideration, 0), (.consideration, 2), (.awareness, 0), (.conversion, 0)] {
            let rect = cardRect(state, stage: stage, visibleIndex: index)
            for x in rect.x..<rect.maxX { #expect(!screen[x, rect.y].style.reverse, "\(stage) card \(index) reversed at x \(x)") }
        }
        // The focused column's header stands out.
        let header = Rect(x: 0, y: 1, width: 80, height: 22).columns(5, gap: 1)[Stage.consideration.index]
        #expect(screen[header.x, 1].style.underline)
        #expect(!screen[0, 1].style.underline)
    }

    @Test func markersHaveTheirStyles() {
        let state = V.board()
        let screen = Render.screen(state)
        // Giulia De Luca (due today) starts with a bold red "!".
        let due = cardRect(state, stage: .awareness, visibleIndex: 1)
        #expect(screen[due.x, due.y].grapheme == "!")
        #expect(screen[due.x, due.y].style.fg == .red)
        #expect(screen[due.x, due.y].style.bold)
        // Zofia Černý (do not contact) is marked ⊘ and dimmed.
        let dnc = cardRect(state, stage: .loyalty, visibleIndex: 0)
        #expect(screen[dnc.x, dnc.y].grapheme == "⊘")
        #expect(screen[dnc.x + 1, dnc.y].style.dim)
        // Marcus Andersen (45 days without a touch) shows the stale days in yellow.
        let stale = cardRect(state, stage: .awareness, visibleIndex: 2)
        let lines = screen.lines(trimmingTrailingSpaces: false)
        #expect(lines[stale.y].contains("~45d"))
        #expect(screen[stale.maxX - 1, stale.y].style.fg == .yellow)
    }

    /// The board's stale marker is the rule of docs/rules.md (DueRules): pipeline stages only,
    /// never "do not contact", after `staleAfterDays` from config.
    @Test func staleFollowsTheConfiguredRule() {
        typealias F = Fixture
        let idle = F.card(1, "Ida", "Idle", stage: .awareness, touched: 45)
        let blocked = F.card(2, "Dov", "Blocked", stage: .awareness, status: .doNotContact, touched: 45)
        let placed = F.card(3, "Pia", "Placed", stage: .loyalty, status: .placed, touched: 45)
        func firstLines(_ settings: UISettings) -> [String] {
            let state = F.board([.awareness: [idle, blocked], .loyalty: [placed]], settings: settings)
            return Render.screen(state).lines()
        }
        var lines = firstLines(UISettings())
        #expect(lines[4].contains("Ida Idle") && lines[4].contains("~45d"))
        #expect(lines[6].contains("Dov Blocked") && !lines[6].contains("~") && lines[6].contains("45d"))
        #expect(lines[4].contains("Pia Placed") && lines[4].filter { $0 == "~" }.count == 1)
        // A longer threshold in config.toml: nobody is stale at 45 days.
        lines = firstLines(UISettings(rules: Rules(staleAfterDays: 60)))
        #expect(!lines[4].contains("~") && !lines[6].contains("~"))
    }

    @Test func messagesAreStyledByKind() {
        var state = V.board()
        _ = App.update(&state, .failed("the store is locked"))
        var screen = Render.screen(state)
        #expect(screen[0, 23].style.fg == .red)
        #expect(screen[0, 23].style.bold)
        _ = App.update(&state, .changed(Change(candidateID: 309, stage: .awareness, revert: nil, message: "Saved Tyler Davis")))
        screen = Render.screen(state)
        #expect(screen.lines()[23] == "Saved Tyler Davis")
        #expect(screen[0, 23].style.fg == .green)
    }

    @Test func theCursorSitsInTheFocusedTextField() throws {
        var state = V.candidateScreen()
        F.press(&state, .char("n"), .tab, .tab, .tab)
        F.type(&state, "Hi 山田")
        var screen = Render.screen(state)
        let cursor = try #require(screen.cursor)
        let line = screen.lines()[cursor.y]
        #expect(line.contains("Note Hi 山田"))
        // The cursor is right after the text: "Hi " is 3 columns, 山田 is 4.
        let textX = (0..<80).first { screen[$0, cursor.y].grapheme == "H" }
        #expect(cursor.x == (textX ?? -100) + 7)
        #expect(screen[cursor.x - 1, cursor.y].style.reverse)  // the focused field is highlighted
        // On a choice field there is no text cursor.
        F.press(&state, .backTab)
        screen = Render.screen(state)
        #expect(screen.cursor == nil)
    }

    @Test func theSearchCursorFollowsTheQuery() throws {
        var state = V.board()
        F.press(&state, .char("/"))
        F.type(&state, "zoë")
        F.press(&state, .left)
        let screen = Render.screen(state)
        let cursor = try #require(screen.cursor)
        #expect(cursor.y == 0)
        #expect(cursor.x == " Search: ".count + 2)
    }

    @Test func theBoardHasNoCursor() {
        #expect(Render.screen(V.board()).cursor == nil)
    }

    @Test func everyFrameIsExactlyTheTerminalSize() {
        for size in [Size(width: 80, height: 24), Size(width: 60, height: 16), Size(width: 211, height: 61), Size(width: 1, height: 1),
                     Size(width: 0, height: 0)] {
            var state = V.board()
            _ = App.update(&state, .resize(size))
            let screen = Render.screen(state)
            #expect(screen.size == size)
            #expect(screen.lines().count == size.height)
        }
    }
}
