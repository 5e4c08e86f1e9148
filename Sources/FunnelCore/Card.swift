import Foundation

/// What a board card or a list row shows: a few columns of one candidate, cheap to read in pages.
public struct Card: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var firstName: String
    public var lastName: String
    public var title: String?
    public var company: String?
    public var stage: Stage
    public var status: Status
    public var lastTouchAt: Date?
    public var nextFollowUp: Day?
    public var activityAt: Date
    public var sortName: String
    public var hasFutureRole: Bool
    public var email: String?
    /// The stored engagement snapshot (0–100), nil if never scored.
    public var engagementScore: Int?

    public init(id: Int64, firstName: String, lastName: String, title: String?, company: String?, stage: Stage,
                status: Status, lastTouchAt: Date?, nextFollowUp: Day?, activityAt: Date, sortName: String,
                hasFutureRole: Bool, email: String? = nil, engagementScore: Int? = nil) {
        self.id = id
        self.firstName = firstName
        self.lastName = lastName
        self.title = title
        self.company = company
        self.stage = stage
        self.status = status
        self.lastTouchAt = lastTouchAt
        self.nextFollowUp = nextFollowUp
        self.activityAt = activityAt
        self.sortName = sortName
        self.hasFutureRole = hasFutureRole
        self.email = email
        self.engagementScore = engagementScore
    }

    public var fullName: String { lastName.isEmpty ? firstName : "\(firstName) \(lastName)" }
}
/// The order of cards in a board column. Each has an index on (stage, key, id), so a page is
/// one index range read whatever the size of the desk.
public enum BoardSort: String, CaseIterable, Sendable {
    /// Most recent activity (last touch, or creation) first.
    case activity
    /// Alphabetical by last name, then first name; accents and case ignored.
    case name
    /// Most engaged first (the stored engagement score; never scored last).
    case score
}

/// Which way to read from a position in a column.
public enum PageDirection: Sendable {
    /// The cards after the given one (scrolling down); from the top when there is none.
    case after
    /// The cards before the given one (scrolling up), returned in column order;
    /// from the bottom of the column when there is none.
    case before
}


extension BoardSort {
    /// How the board's title bar names the order.
    public var title: String {
        switch self {
        case .activity: "latest activity"
        case .name: "name"
        case .score: "engagement"
        }
    }
}
