import Foundation

/// A page of the Today queue and where the next one starts (nil: the queue ends here). A bounded
/// page (`Store.dueQueuePage`) may hold fewer rows than asked while `next` is not nil.
public struct DuePage: Sendable, Equatable {
    public var items: [DueItem]
    public var next: DueCursor?

    public init(items: [DueItem], next: DueCursor?) {
        self.items = items
        self.next = next
    }
}

/// Due counts read with bounded work, for a screen header.
public struct BoundedDueCounts: Sendable, Equatable {
    public var counts: DueCounts
    /// Counting re-engagement stopped early: there are at least `counts.reengagement` ("100+").
    public var reengagementIsLowerBound: Bool

    public init(counts: DueCounts, reengagementIsLowerBound: Bool) {
        self.counts = counts
        self.reengagementIsLowerBound = reengagementIsLowerBound
    }
}

extension DueItem {
    /// Logging an unanswered outcome on this row continues re-engagement: pass it to
    /// `QuickLogEntry(_:for:rules:reengaging:)` so the cadence, not a date, brings them back.
    public var reengaging: Bool { group == .reengagement }
}
