/// Where things go on the screen, shared by the reducer (how far a page scrolls) and the views.
public enum Layout {
    /// Below this the board cannot be drawn legibly; a clear message replaces it.
    public static let minimum = Size(width: 60, height: 16)

    public static func isTooSmall(_ size: Size) -> Bool {
        size.width < minimum.width || size.height < minimum.height
    }

    /// Rows above the cards: title bar, two header lines, a rule.
    static let boardHeaderRows = 4
    /// Rows below: the status line.
    static let footerRows = 1
    /// Each card is two lines: name and days; title and company.
    static let cardRows = 2

    /// How many cards fit in a column.
    public static func visibleCards(_ size: Size) -> Int {
        max(1, (size.height - boardHeaderRows - footerRows) / cardRows)
    }

    /// How many cards to read per page: a few screens, so scrolling rarely waits.
    public static func pageSize(_ size: Size) -> Int { max(30, visibleCards(size) * 3) }

    /// The most cards a column keeps in memory.
    public static func windowLimit(_ size: Size) -> Int { pageSize(size) * 4 }

    /// Lines of timeline visible on the candidate screen.
    public static func candidateBodyRows(_ size: Size) -> Int { max(1, size.height - 2) }
}
