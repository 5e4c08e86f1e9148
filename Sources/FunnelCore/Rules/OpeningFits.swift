import Foundation

/// Why someone is in Today's "Fits an open role" group: the recent opening their current
/// future-role answer fits best, and the match in words (docs/rules.md, "Fits an open role").
public struct OpeningFit: Sendable, Hashable {
    public var openingID: Int64
    /// The opening's title and place as the row shows them ("Staff Engineer", "Lisbon").
    public var title: String
    public var place: String
    /// The match reason: "title: Staff Engineer = Staff Engineer · location: Lisbon = Lisboa · asked today".
    public var reason: String
    /// The match's rank (`MatchRule.score`).
    public var score: Int
    /// Days since the opening was opened or last edited.
    public var days: Int

    public init(openingID: Int64, title: String, place: String, reason: String, score: Int, days: Int) {
        self.openingID = openingID
        self.title = title
        self.place = place
        self.reason = reason
        self.score = score
        self.days = days
    }

    /// The fit of `match` for `opening`, on the day of `moment`.
    public init(_ opening: Opening, _ match: OpeningMatch, at moment: Moment) {
        self.init(openingID: opening.id, title: opening.title, place: opening.place, reason: match.reason,
                  score: match.score, days: max(0, Day(opening.updatedAt, in: moment.timeZone).days(until: moment.today)))
    }

    /// "#1 Staff Engineer, Lisbon".
    public var label: String { "#\(openingID) \(title), \(place)" }
}

/// Where a row of the fits group stands: the group is ordered by opening, the most recently
/// opened or edited first, then by the match's rank (best score, freshest answer, candidate id),
/// as `funnel matches` lists it. `<` is "comes first".
public struct FitsPosition: Sendable, Hashable, Comparable {
    /// The opening's `updatedAt` (unix seconds) and id.
    public var openingUpdatedAt: Int64
    public var openingID: Int64
    public var score: Int
    /// When the answer was given (unix seconds).
    public var askedAt: Int64
    public var candidateID: Int64

    public init(openingUpdatedAt: Int64, openingID: Int64, score: Int, askedAt: Int64, candidateID: Int64) {
        self.openingUpdatedAt = openingUpdatedAt
        self.openingID = openingID
        self.score = score
        self.askedAt = askedAt
        self.candidateID = candidateID
    }

    public static func < (a: FitsPosition, b: FitsPosition) -> Bool {
        if a.openingUpdatedAt != b.openingUpdatedAt { return a.openingUpdatedAt > b.openingUpdatedAt }
        if a.openingID != b.openingID { return a.openingID > b.openingID }
        if a.score != b.score { return a.score > b.score }
        if a.askedAt != b.askedAt { return a.askedAt > b.askedAt }
        return a.candidateID < b.candidateID
    }
}

extension DueRules {
    /// An opening is recent for the fits group when it is open and was opened or last edited at
    /// most `fitsDays` calendar days before today (edited exactly `fitsDays` days ago: recent).
    public static func isRecentOpening(_ opening: Opening, rules: Rules, at moment: Moment) -> Bool {
        opening.status == .open
            && Day(opening.updatedAt, in: moment.timeZone).days(until: moment.today) <= rules.fitsDays
    }

    /// The first instant an opening's `updatedAt` may have to be recent (the start of the day
    /// `fitsDays` days before today): what the store's range reads.
    public static func recentOpeningsSince(rules: Rules, at moment: Moment) -> Date {
        moment.today.adding(days: -rules.fitsDays).start(in: moment.timeZone)
    }

    /// Whether a person whose current answer fits `opening` belongs in "Fits an open role":
    /// the opening is recent, the person may be offered it (never "do not contact", not placed:
    /// `MatchRule.admits`), nobody contacted them about it yet (a touch with that opening), and
    /// they are not already listed for a follow-up due today or earlier. A follow-up planned for
    /// later does not keep them out: the role they asked for is why the recruiter calls early.
    public static func fits(status: Status, nextFollowUp: Day?, opening: Opening, contacted: Bool,
                            rules: Rules, at moment: Moment) -> Bool {
        guard MatchRule.admits(status, includePlaced: false), isRecentOpening(opening, rules: rules, at: moment),
              !contacted else { return false }
        if let nextFollowUp, nextFollowUp <= moment.today { return false }
        return true
    }
}
