import FunnelCore

/// One board column: a window of consecutive cards read from the store (never the whole stage),
/// the selected card, and the first visible row. The window grows a page at a time as the
/// selection nears its ends, and is trimmed so memory stays flat on any desk.
public struct Column: Equatable, Sendable {
    public var stage: Stage
    public var cards: [Card] = []
    /// Index into `cards` of the selected card (nil when the column is empty).
    public var selected: Int?
    /// Index into `cards` of the first visible card.
    public var top: Int = 0
    /// Whether the store has cards before `cards.first` / after `cards.last`.
    public var moreBefore = false
    public var moreAfter = false
    /// Whether a first page has arrived.
    public var loaded = false

    public init(stage: Stage) { self.stage = stage }

    public var selectedCard: Card? { selected.map { cards[$0] } }

    /// Keeps `selected` inside `top..<top+visible`, scrolling as little as possible.
    mutating func scrollToSelection(visible: Int) {
        guard let selected, visible > 0 else { top = 0; return }
        if selected < top { top = selected }
        if selected >= top + visible { top = selected - visible + 1 }
        top = max(0, min(top, max(0, cards.count - visible)))
    }

    /// Replaces the window, selecting the card with `focusID` if present, else keeping the
    /// selection's index in range.
    mutating func replace(with cards: [Card], moreBefore: Bool, moreAfter: Bool, focusID: Int64?, visible: Int) {
        let previousIndex = selected ?? 0
        let previousOffset = (selected ?? 0) - top
        self.cards = cards
        self.moreBefore = moreBefore
        self.moreAfter = moreAfter
        loaded = true
        if cards.isEmpty {
            selected = nil
            top = 0
            return
        }
        if let focusID, let index = cards.firstIndex(where: { $0.id == focusID }) {
            selected = index
            top = index < visible ? 0 : max(0, index - max(0, min(previousOffset, visible - 1)))
        } else {
            selected = min(previousIndex, cards.count - 1)
        }
        scrollToSelection(visible: visible)
    }

    /// Adds a page after the window, trimming the start if the window is too large.
    mutating func append(_ page: [Card], moreAfter: Bool, limit: Int) {
        let known = Set(cards.map(\.id))
        cards += page.filter { !known.contains($0.id) }
        self.moreAfter = moreAfter
        let excess = cards.count - limit
        if excess > 0, let selectedIndex = selected, selectedIndex - excess >= 0, top - excess >= 0 {
            cards.removeFirst(excess)
            selected = selectedIndex - excess
            top -= excess
            moreBefore = true
        }
    }

    /// Adds a page before the window, trimming the end if the window is too large.
    mutating func prepend(_ page: [Card], moreBefore: Bool, limit: Int) {
        let known = Set(cards.map(\.id))
        let fresh = page.filter { !known.contains($0.id) }
        cards = fresh + cards
        selected = selected.map { $0 + fresh.count }
        top += fresh.count
        self.moreBefore = moreBefore
        let excess = cards.count - limit
        if excess > 0, let selectedIndex = selected, selectedIndex < cards.count - excess {
            cards.removeLast(excess)
            moreAfter = true
        }
    }
}
