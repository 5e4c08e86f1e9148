/// One cell of a `Screen`: a whole grapheme cluster (a Swift `Character`), its display width
/// and its style.
///
/// A wide grapheme (CJK, most emoji) occupies two cells: the left one holds the grapheme with
/// `width == 2`, the right one is a *continuation* cell (`width == 0`, grapheme " ") that is
/// never written to the terminal on its own. Keeping whole graphemes per cell is what keeps
/// columns aligned when terminals disagree about combining sequences.
public struct Cell: Hashable, Sendable {
    public var grapheme: Character
    /// 1 for a normal cell, 2 for the left half of a wide grapheme, 0 for its right half.
    public var width: Int
    public var style: Style

    public init(grapheme: Character, width: Int, style: Style = .plain) {
        self.grapheme = grapheme
        self.width = width
        self.style = style
    }

    /// A space in the plain style.
    public static let blank = Cell(grapheme: " ", width: 1, style: .plain)

    /// A space in `style` (keeps a background colour when a cell is blanked).
    public static func blank(_ style: Style) -> Cell { Cell(grapheme: " ", width: 1, style: style) }

    /// The right half of a wide grapheme.
    public static func continuation(_ style: Style) -> Cell { Cell(grapheme: " ", width: 0, style: style) }

    public var isContinuation: Bool { width == 0 }
}
