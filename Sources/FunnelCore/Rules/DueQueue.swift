import Foundation

/// One row of the Today queue: the candidate and why they are due.
public struct DueItem: Sendable, Equatable, Identifiable {
    public var candidate: Candidate
    public var reason: DueReason
    /// Pass the last item's cursor to `dueQueue(after:)` for the next page.
    public var cursor: DueCursor

    public init(candidate: Candidate, reason: DueReason, cursor: DueCursor) {
        self.candidate = candidate
        self.reason = reason
        self.cursor = cursor
    }

    public var id: Int64 { candidate.id }
    public var group: DueGroup { reason.group }
}

/// A position in the Today queue (keyset paging: no OFFSET, so a page costs the same anywhere).
/// The queue is read in six segments, in this order.
public enum DueCursor: Sendable, Equatable {
    /// Overdue follow-ups, oldest date first (`candidate_follow_up`).
    case overdue(Day, Int64)
    /// Follow-ups due today, by id (`candidate_follow_up`).
    case today(Int64)
    /// Fits an open role: by opening (most recently opened or edited first), then by match rank.
    case fits(FitsPosition)
    /// Re-engagement cadences due, longest silence first (`candidate_last_touch`).
    case cadence(Int64, Int64)
    /// Never contacted and added long enough ago, by id (`candidate_last_touch`, NULL entries).
    case neverTouched(Int64)
    /// No touch for the re-engagement period, longest silence first (`candidate_last_touch`).
    case dormant(Int64, Int64)

    public var segment: Int {
        switch self {
        case .overdue: 0
        case .today: 1
        case .fits: 2
        case .cadence: 3
        case .neverTouched: 4
        case .dormant: 5
        }
    }
}

/// How many are due, per group, for the queue's header.
public struct DueCounts: Sendable, Equatable, Codable {
    public var overdue: Int
    public var today: Int
    /// Fits an open role (at most `Store.fitsPerOpening` per opening: the group's own bound).
    public var fits: Int
    /// Re-engagement due, cadences included (people listed in an earlier group are not counted again).
    public var reengagement: Int
    /// Of which: running cadences due again.
    public var cadence: Int

    public init(overdue: Int = 0, today: Int = 0, fits: Int = 0, reengagement: Int = 0, cadence: Int = 0) {
        self.overdue = overdue
        self.today = today
        self.fits = fits
        self.reengagement = reengagement
        self.cadence = cadence
    }

    public var total: Int { overdue + today + fits + reengagement }

    public func count(of group: DueGroup) -> Int {
        switch group {
        case .overdue: overdue
        case .today: today
        case .fits: fits
        case .reengagement: reengagement
        }
    }
}
