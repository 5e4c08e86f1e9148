/// A frame: a `width × height` grid of `Cell`s that views draw into and the terminal presents.
///
/// Views draw each frame from scratch into a fresh `Screen`; the terminal compares it with the
/// previous frame (`diff(from:)`) and writes only what changed, so redrawing everything is cheap
/// and flicker-free. Every write keeps the wide-character invariant: a cell of width 2 is
/// always followed by its continuation cell (width 0) and a continuation never stands alone.
public struct Screen: Hashable, Sendable, CustomStringConvertible {
    public let size: Size
    /// Row-major cells, `size.width * size.height` of them.
    public private(set) var cells: [Cell]
    /// Where the terminal should show its cursor (text fields); nil hides it.
    public var cursor: Cursor?

    /// A cell position for the visible cursor: column `x`, row `y`, from the top left.
    public struct Cursor: Hashable, Sendable {
        public var x: Int
        public var y: Int

        public init(x: Int, y: Int) {
            self.x = x
            self.y = y
        }
    }

    /// A contiguous stretch of changed cells in one row, as the terminal must write it.
    /// Never starts on a continuation cell and never ends between the halves of a wide grapheme.
    public struct Run: Hashable, Sendable {
        public var row: Int
        public var x: Int
        public var cells: [Cell]

        public init(row: Int, x: Int, cells: [Cell]) {
            self.row = row
            self.x = x
            self.cells = cells
        }
    }

    public init(size: Size, style: Style = .plain) {
        self.size = size
        self.cells = Array(repeating: .blank(style), count: size.width * size.height)
        self.cursor = nil
    }

    public init(width: Int, height: Int, style: Style = .plain) {
        self.init(size: Size(width: width, height: height), style: style)
    }

    public var width: Int { size.width }
    public var height: Int { size.height }
    public var bounds: Rect { Rect(size) }

    /// The cell at column `x`, row `y` (both must be inside the grid).
    public subscript(x: Int, y: Int) -> Cell {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "cell (\(x),\(y)) outside \(size)")
        return cells[y * width + x]
    }

    // MARK: Writing

    /// Writes `text` from column `x` of row `y` and returns how many columns it advanced.
    ///
    /// Each grapheme takes its display width (a wide one owns two cells); zero-width graphemes
    /// (controls, stray marks) are skipped. Writing stops before a grapheme that would cross the
    /// right edge of the grid or `x + maxWidth`, so a wide character is never half drawn there.
    /// Anything left of column 0 is clipped (a wide grapheme cut by the left edge leaves a
    /// blank). Overwriting one half of an existing wide grapheme blanks its other half.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return 0 }
        var limit = width
        if let maxWidth { limit = min(limit, x + max(0, maxWidth)) }
        var column = x
        for character in text {
            let w = DisplayWidth.width(of: character)
            if w == 0 { continue }
            if column + w > limit { break }
            if column < 0 {
                if column + w > 0 { // a wide grapheme cut by the left edge
                    store(Cell.blank(style), at: 0, row: y)
                }
            } else {
                store(Cell(grapheme: character, width: w, style: style), at: column, row: y)
            }
            column += w
        }
        return column - x
    }

    /// Fills `rect` (clipped to the grid) with `character` (a narrow one; anything else becomes
    /// a space) in `style`.
    public mutating func fill(_ rect: Rect, char character: Character = " ", style: Style = .plain) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        let ch: Character = DisplayWidth.width(of: character) == 1 ? character : " "
        for row in area.y..<area.maxY {
            for column in area.x..<area.maxX {
                store(Cell(grapheme: ch, width: 1, style: style), at: column, row: row)
            }
        }
    }

    /// Fills the whole grid with `character` in `style`.
    public mutating func fill(char character: Character = " ", style: Style = .plain) {
        fill(bounds, char: character, style: style)
    }

    /// Changes the style of every cell in `rect` without touching the text (e.g. to reverse a
    /// selected row after drawing it).
    public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for row in area.y..<area.maxY {
            for column in area.x..<area.maxX {
                change(&cells[row * width + column].style)
            }
        }
    }

    /// The characters used for lines and boxes.
    public struct LineGlyphs: Hashable, Sendable {
        public var horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: Character

        /// Unicode box drawing (U+2500 block, one column wide everywhere).
        public static let unicode = LineGlyphs(horizontal: "─", vertical: "│", topLeft: "┌",
                                               topRight: "┐", bottomLeft: "└", bottomRight: "┘")
        /// For terminals or fonts without box drawing.
        public static let ascii = LineGlyphs(horizontal: "-", vertical: "|", topLeft: "+",
                                             topRight: "+", bottomLeft: "+", bottomRight: "+")
    }

    /// A horizontal line of `length` cells starting at (`x`, `y`).
    public mutating func horizontalLine(x: Int, y: Int, length: Int, style: Style = .plain, ascii: Bool = false) {
        let glyph = (ascii ? LineGlyphs.ascii : .unicode).horizontal
        fill(Rect(x: x, y: y, width: length, height: 1), char: glyph, style: style)
    }

    /// A vertical line of `length` cells starting at (`x`, `y`).
    public mutating func verticalLine(x: Int, y: Int, length: Int, style: Style = .plain, ascii: Bool = false) {
        let glyph = (ascii ? LineGlyphs.ascii : .unicode).vertical
        fill(Rect(x: x, y: y, width: 1, height: length), char: glyph, style: style)
    }

    /// A frame along the edge of `rect` with an optional title in the top border (truncated to
    /// fit). The inside is left untouched: use `rect.inset(by: 1)` for the content area.
    public mutating func box(_ rect: Rect, title: String? = nil, style: Style = .plain, ascii: Bool = false) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let g = ascii ? LineGlyphs.ascii : .unicode
        horizontalLine(x: rect.x + 1, y: rect.y, length: rect.width - 2, style: style, ascii: ascii)
        horizontalLine(x: rect.x + 1, y: rect.maxY - 1, length: rect.width - 2, style: style, ascii: ascii)
        verticalLine(x: rect.x, y: rect.y + 1, length: rect.height - 2, style: style, ascii: ascii)
        verticalLine(x: rect.maxX - 1, y: rect.y + 1, length: rect.height - 2, style: style, ascii: ascii)
        put(String(g.topLeft), x: rect.x, y: rect.y, style: style)
        put(String(g.topRight), x: rect.maxX - 1, y: rect.y, style: style)
        put(String(g.bottomLeft), x: rect.x, y: rect.maxY - 1, style: style)
        put(String(g.bottomRight), x: rect.maxX - 1, y: rect.maxY - 1, style: style)
        if let title, rect.width > 4 {
            var fitted = DisplayWidth.truncate(DisplayWidth.sanitize(title), to: rect.width - 4)
            while fitted.last == " " { fitted.removeLast() }  // the border shows through instead
            let text = " " + fitted + " "
            put(text, x: rect.x + 1, y: rect.y, style: style, maxWidth: rect.width - 2)
        }
    }

    /// Stores one cell (width 1 or 2) at a valid position, blanking the other half of any wide
    /// grapheme it partly covers so the grid never holds half a wide character.
    private mutating func store(_ cell: Cell, at column: Int, row: Int) {
        let w = cell.width
        guard column >= 0, column + w <= width, w > 0 else { return }
        let base = row * width
        let first = base + column, last = base + column + w - 1
        if cells[first].width == 0, column > 0 {   // we cover the right half of a wide grapheme
            cells[first - 1] = .blank(cells[first - 1].style)
        }
        if cells[last].width == 2, column + w < width {  // we cover the left half of one
            cells[last + 1] = .blank(cells[last + 1].style)
        }
        cells[first] = cell
        if w == 2 { cells[first + 1] = .continuation(cell.style) }
    }

    // MARK: Reading

    /// The text of each row: graphemes in order, continuation cells skipped, trailing spaces
    /// trimmed unless `trimmingTrailingSpaces` is false. What snapshot tests compare.
    public func lines(trimmingTrailingSpaces: Bool = true) -> [String] {
        (0..<height).map { row in
            var line = ""
            for cell in cells[row * width..<(row + 1) * width] where cell.width > 0 {
                line.append(cell.grapheme)
            }
            if trimmingTrailingSpaces {
                while line.last == " " { line.removeLast() }
            }
            return line
        }
    }

    /// The rows joined by newlines (trailing spaces trimmed), for test failure messages.
    public var description: String { lines().joined(separator: "\n") }

    /// What must be written to turn `old` (the frame on the terminal) into `self`, as runs of
    /// changed cells per row. A different size means everything is new: one run per row.
    public func diff(from old: Screen) -> [Run] {
        var runs: [Run] = []
        guard old.size == size else {
            for row in 0..<height where width > 0 {
                runs.append(Run(row: row, x: 0, cells: Array(cells[row * width..<(row + 1) * width])))
            }
            return runs
        }
        for row in 0..<height {
            let base = row * width
            var column = 0
            while column < width {
                guard cells[base + column] != old.cells[base + column] else {
                    column += 1
                    continue
                }
                var start = column
                var end = column + 1  // exclusive
                while end < width, cells[base + end] != old.cells[base + end] { end += 1 }
                // Whole graphemes only: include the left half of a changed right half, and the
                // right half of a changed left half.
                if cells[base + start].width == 0, start > 0 { start -= 1 }
                if cells[base + end - 1].width == 2, end < width { end += 1 }
                runs.append(Run(row: row, x: start, cells: Array(cells[base + start..<base + end])))
                column = end
            }
        }
        return runs
    }
}
