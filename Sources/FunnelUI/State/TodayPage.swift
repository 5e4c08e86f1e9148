import FunnelCore

/// The Today queue: everyone due, most urgent first, read a page at a time. Logging an outcome
/// takes the person out of the queue, so the same row then holds the next person.
public struct TodayPage: Equatable, Sendable {
    public var items: [DueItem] = []
    public var counts = DueCounts()
    public var selected = 0
    public var top = 0
    public var loaded = false
    /// Where the queue continues after the loaded items (nil: everything is loaded).
    public var next: DueCursor?
    /// The re-engagement count is "at least" (counting them all exactly is slow on a big desk).
    public var reengagementIsLowerBound = false

    public var moreAfter: Bool { next != nil }

    public init() {}

    public var selectedItem: DueItem? { items.indices.contains(selected) ? items[selected] : nil }
}
