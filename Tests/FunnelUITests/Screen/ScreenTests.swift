import FunnelUI
import Testing

/// Checks the wide-character invariant: every width-2 cell is followed by a continuation and
/// every continuation follows a width-2 cell.
func expectWellFormed(_ screen: Screen, sourceLocation: SourceLocation = #_sourceLocation) {
    for y in 0..<screen.height {
        for x in 0..<screen.width {
            let cell = screen[x, y]
            if cell.width == 2 {
                #expect(x + 1 < screen.width && screen[x + 1, y].width == 0,
                        "wide cell at (\(x),\(y)) without continuation", sourceLocation: sourceLocation)
            } else if cell.width == 0 {
                #expect(x > 0 && screen[x - 1, y].width == 2,
                        "orphan continuation at (\(x),\(y))", sourceLocation: sourceLocation)
            } else {
                #expect(cell.width == 1, sourceLocation: sourceLocation)
            }
        }
    }
}

/// Applies diff runs to a copy of `old` the way a terminal would, by writing each run's text.
func apply(_ runs: [Screen.Run], to old: Screen, size: Size) -> Screen {
    var result = old.size == size ? old : Screen(size: size)
    for run in runs {
        var x = run.x
        for cell in run.cells where cell.width > 0 {
            result.put(String(cell.grapheme), x: x, y: run.row, style: cell.style)
            x += cell.width
        }
    }
    return result
}

@Suite("Screen")
struct ScreenTests {
    @Test("a new screen is blank")
    func blank() {
        let screen = Screen(width: 4, height: 2)
        #expect(screen.lines() == ["", ""])
        #expect(screen.lines(trimmingTrailingSpaces: false) == ["    ", "    "])
        #expect(screen[3, 1] == .blank)
        #expect(screen.cursor == nil)
    }

    @Test("put writes text and returns the columns advanced")
    func putASCII() {
        var screen = Screen(width: 10, height: 2)
        #expect(screen.put("Hello", x: 0, y: 0) == 5)
        #expect(screen.put("W", x: 6, y: 0, style: Style(bold: true)) == 1)
        #expect(screen.lines() == ["Hello W", ""])
        #expect(screen[6, 0].style.bold)
        #expect(!screen[0, 0].style.bold)
    }

    @Test("put clips to the grid, to maxWidth and outside rows")
    func clipping() {
        var screen = Screen(width: 5, height: 2)
        #expect(screen.put("abcdef", x: 3, y: 0) == 2)
        #expect(screen.put("abcdef", x: 0, y: 1, maxWidth: 3) == 3)
        #expect(screen.put("zzz", x: 0, y: 2) == 0)
        #expect(screen.put("zzz", x: 0, y: -1) == 0)
        #expect(screen.put("abc", x: 0, y: 0, maxWidth: 0) == 0)
        #expect(screen.lines() == ["   ab", "abc"])
    }

    @Test("left edge: text starting off-screen is clipped")
    func leftEdge() {
        var screen = Screen(width: 5, height: 1)
        screen.put("abc", x: -2, y: 0)
        #expect(screen.lines() == ["c"])
        screen.put("山ab", x: -1, y: 0)
        #expect(screen.lines() == [" ab"])
        expectWellFormed(screen)
    }

    @Test("wide graphemes take two cells; the second is a continuation")
    func wide() {
        var screen = Screen(width: 10, height: 1)
        #expect(screen.put("山田", x: 1, y: 0) == 4)
        #expect(screen[1, 0].grapheme == "山" && screen[1, 0].width == 2)
        #expect(screen[2, 0].isContinuation)
        #expect(screen[3, 0].grapheme == "田")
        #expect(screen.lines() == [" 山田"])
        expectWellFormed(screen)
    }

    @Test("a wide grapheme that does not fit before the edge is not drawn")
    func wideAtEdge() {
        var screen = Screen(width: 5, height: 1)
        #expect(screen.put("ab山田", x: 0, y: 0) == 4)
        #expect(screen.lines() == ["ab山"])
        #expect(screen[4, 0] == .blank)
        var limited = Screen(width: 10, height: 1)
        #expect(limited.put("a山", x: 0, y: 0, maxWidth: 2) == 1)
        #expect(limited.lines() == ["a"])
        expectWellFormed(screen)
    }

    @Test("writing over half of a wide grapheme blanks its other half")
    func overwriteHalves() {
        var left = Screen(width: 4, height: 1)
        left.put("山", x: 0, y: 0)
        left.put("x", x: 0, y: 0)
        #expect(left.lines(trimmingTrailingSpaces: false) == ["x   "])
        #expect(left[1, 0] == .blank)

        var right = Screen(width: 4, height: 1)
        right.put("山", x: 0, y: 0)
        right.put("x", x: 1, y: 0)
        #expect(right.lines(trimmingTrailingSpaces: false) == [" x  "])

        var shifted = Screen(width: 6, height: 1)
        shifted.put("山田", x: 0, y: 0)
        shifted.put("中", x: 1, y: 0)
        #expect(shifted.lines(trimmingTrailingSpaces: false) == [" 中   "])
        for screen in [left, right, shifted] { expectWellFormed(screen) }
    }

    @Test("blanking keeps the old cell's style (background stays)")
    func blankKeepsStyle() {
        var screen = Screen(width: 4, height: 1)
        let blue = Style(bg: .blue)
        screen.put("山", x: 0, y: 0, style: blue)
        screen.put("x", x: 1, y: 0)
        #expect(screen[0, 0] == Cell.blank(blue))
    }

    @Test("controls are not drawn, combining marks stay in their cell, emoji sequences are one cell pair")
    func graphemes() {
        var screen = Screen(width: 20, height: 1)
        let advanced = screen.put("a\tb\u{7}e\u{301}👨\u{200D}👩\u{200D}👧🇯🇵!", x: 0, y: 0)
        #expect(advanced == 8)
        #expect(screen.lines() == ["abe\u{301}👨\u{200D}👩\u{200D}👧🇯🇵!"])
        #expect(screen[2, 0].grapheme == "e\u{301}")
        #expect(screen[3, 0].width == 2 && screen[5, 0].width == 2)
    }

    @Test("fill, restyle, lines")
    func fill() {
        var screen = Screen(width: 6, height: 3)
        screen.put("山田太", x: 0, y: 1)
        screen.fill(Rect(x: 1, y: 0, width: 2, height: 2), char: "#", style: Style(fg: .red))
        // 山 loses its right half and 田 its left half: both become blanks.
        #expect(screen.lines() == [" ##", " ## 太", ""])
        #expect(screen[1, 1].style.fg == .red)
        screen.fill(Rect(x: 4, y: 2, width: 10, height: 10), char: "中")  // wide char → spaces, clipped
        #expect(screen.lines()[2] == "")
        screen.restyle(Rect(x: 0, y: 1, width: 6, height: 1)) { $0.reverse = true }
        #expect((0..<6).allSatisfy { screen[$0, 1].style.reverse })
        #expect(screen.lines()[1] == " ## 太")
        screen.fill(char: ".")
        #expect(screen.lines() == ["......", "......", "......"])
        expectWellFormed(screen)
    }

    @Test("box and lines, unicode and ASCII")
    func box() {
        var screen = Screen(width: 12, height: 4)
        screen.box(Rect(x: 0, y: 0, width: 12, height: 4), title: "山田太郎様のカード")
        #expect(screen.lines() == [
            "┌ 山田太… ─┐",
            "│          │",
            "│          │",
            "└──────────┘",
        ])
        var ascii = Screen(width: 6, height: 3)
        ascii.box(ascii.bounds, ascii: true)
        #expect(ascii.lines() == ["+----+", "|    |", "+----+"])
        var lines = Screen(width: 4, height: 3)
        lines.horizontalLine(x: 0, y: 0, length: 4)
        lines.verticalLine(x: 3, y: 1, length: 5, ascii: true)
        #expect(lines.lines() == ["────", "   |", "   |"])
        expectWellFormed(screen)
    }

    @Test("equal screens diff to nothing")
    func diffEqual() {
        var a = Screen(width: 10, height: 3)
        a.put("same 山田", x: 0, y: 1)
        let b = a
        #expect(a == b)
        #expect(b.diff(from: a).isEmpty)
    }

    @Test("diff reports each changed stretch once")
    func diffRuns() {
        var old = Screen(width: 10, height: 2)
        old.put("abcdefghij", x: 0, y: 0)
        var new = old
        new.put("X", x: 2, y: 0)
        new.put("YZ", x: 6, y: 0)
        new.put("q", x: 9, y: 1)
        let runs = new.diff(from: old)
        #expect(runs.map(\.row) == [0, 0, 1])
        #expect(runs.map(\.x) == [2, 6, 9])
        #expect(runs.map { String($0.cells.map(\.grapheme)) } == ["X", "YZ", "q"])
    }

    @Test("diff of a style-only change")
    func diffStyle() {
        var old = Screen(width: 5, height: 1)
        old.put("abc", x: 0, y: 0)
        var new = old
        new.restyle(Rect(x: 1, y: 0, width: 1, height: 1)) { $0.bold = true }
        #expect(new.diff(from: old) == [Screen.Run(row: 0, x: 1, cells: [Cell(grapheme: "b", width: 1, style: Style(bold: true))])])
    }

    @Test("diff runs never split a wide grapheme")
    func diffWide() {
        var old = Screen(width: 8, height: 1)
        old.put("ab山cd", x: 0, y: 0)
        // Same lead cell, only the continuation's style changes → run must start at the lead.
        var new = old
        new.restyle(Rect(x: 3, y: 0, width: 1, height: 1)) { $0.underline = true }
        let runs = new.diff(from: old)
        #expect(runs.count == 1 && runs[0].x == 2 && runs[0].cells.count == 2)
        // Lead changed only → run includes the continuation.
        var other = old
        other.restyle(Rect(x: 2, y: 0, width: 1, height: 1)) { $0.bold = true }
        let runs2 = other.diff(from: old)
        #expect(runs2.count == 1 && runs2[0].x == 2 && runs2[0].cells.map(\.width) == [2, 0])
    }

    @Test("the cursor is part of the frame but not of the cell diff")
    func cursor() {
        let plain = Screen(width: 5, height: 2)
        var withCursor = plain
        withCursor.cursor = Screen.Cursor(x: 2, y: 1)
        #expect(withCursor != plain)
        #expect(withCursor.diff(from: plain).isEmpty)
    }

    @Test("a size change repaints every row")
    func diffResize() {
        var old = Screen(width: 4, height: 2)
        old.put("ab", x: 0, y: 0)
        var new = Screen(width: 5, height: 3)
        new.put("ab", x: 0, y: 0)
        let runs = new.diff(from: old)
        #expect(runs.map(\.row) == [0, 1, 2])
        #expect(runs.allSatisfy { $0.x == 0 && $0.cells.count == 5 })
    }

    @Test("random edits: the grid stays well-formed and old + diff == new")
    func fuzz() {
        var seed: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        let words = ["a", "Zoë", "山田", "🚀x", "👨\u{200D}👩\u{200D}👧", "🇯🇵", "e\u{301}", "김", "—", " ", "\t"]
        let styles = [Style.plain, Style(fg: .red), Style(bold: true), Style(reverse: true)]
        var previous = Screen(width: 13, height: 4)
        for round in 0..<300 {
            var screen = round % 7 == 0 ? Screen(width: 13, height: 4) : previous
            for _ in 0..<(1 + next(5)) {
                var text = ""
                for _ in 0..<(1 + next(4)) { text += words[next(words.count)] }
                screen.put(text, x: next(16) - 2, y: next(4), style: styles[next(styles.count)],
                           maxWidth: next(3) == 0 ? next(6) : nil)
            }
            if next(5) == 0 {
                screen.fill(Rect(x: next(13), y: next(4), width: next(5), height: next(3)), char: "·")
            }
            expectWellFormed(screen)
            let runs = screen.diff(from: previous)
            for run in runs {
                #expect(run.cells.first?.width != 0, "run starts on a continuation")
                #expect(run.cells.last?.width != 2, "run ends inside a wide grapheme")
            }
            #expect(apply(runs, to: previous, size: screen.size) == screen, "round \(round)")
            previous = screen
        }
    }
}

@Suite("Key and events")
struct KeyTests {
    @Test("human key names for help")
    func names() {
        #expect(Key.char("j").description == "j")
        #expect(Key.char(" ").description == "Space")
        #expect(Key.ctrl("c").description == "Ctrl-C")
        #expect(Key.pageDown.description == "PgDn")
        #expect(Key.backTab.description == "Shift-Tab")
        #expect(Key.function(5).description == "F5")
        #expect(Key.escape.description == "Esc")
    }

    @Test("signal numbers match POSIX")
    func signals() {
        #expect(TerminalSignal.hangup == 1)
        #expect(TerminalSignal.interrupt == 2)
        #expect(TerminalSignal.terminate == 15)
    }
}

@Suite("FakeTerminal")
struct FakeTerminalTests {
    @Test("replays the script, then hangs up once, then times out")
    func script() {
        let terminal = FakeTerminal(size: Size(width: 20, height: 5), events: [.key(.char("a"))])
        terminal.enqueue(keys: .down, .enter)
        terminal.type("hi")
        terminal.enqueue(.resize(Size(width: 30, height: 6)))
        #expect(terminal.nextEvent(timeout: 10) == .key(.char("a")))
        #expect(terminal.nextEvent(timeout: 10) == .key(.down))
        #expect(terminal.nextEvent(timeout: 10) == .key(.enter))
        #expect(terminal.nextEvent(timeout: 10) == .key(.char("h")))
        #expect(terminal.nextEvent(timeout: 10) == .key(.char("i")))
        #expect(terminal.size == Size(width: 20, height: 5))
        #expect(terminal.nextEvent(timeout: 10) == .resize(Size(width: 30, height: 6)))
        #expect(terminal.size == Size(width: 30, height: 6))
        #expect(terminal.nextEvent(timeout: 10) == .signal(TerminalSignal.hangup))
        #expect(terminal.nextEvent(timeout: 10) == nil)
        #expect(terminal.requestedTimeouts.count == 8)
    }

    @Test("records frames, full repaints, suspends and stops")
    func recording() {
        let terminal = FakeTerminal(size: Size(width: 10, height: 2), whenExhausted: .timeout)
        #expect(terminal.nextEvent(timeout: 0) == nil)
        var screen = Screen(size: terminal.size)
        screen.put("one", x: 0, y: 0)
        terminal.present(screen)
        screen.put("two", x: 0, y: 1)
        terminal.present(screen)
        #expect(terminal.lastLines == ["one", "two"])
        #expect(terminal.fullRepaints == 1)
        let value = terminal.withSuspended { 42 }
        #expect(value == 42 && terminal.suspendCount == 1)
        terminal.present(screen)
        #expect(terminal.fullRepaints == 2)
        terminal.stop()
        terminal.stop()
        #expect(terminal.stopCount == 2 && terminal.isStopped)
    }
}
