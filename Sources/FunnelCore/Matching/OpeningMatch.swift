import Foundation

/// What the match rule needs to know of an opening: its title and place, already keyed.
public struct OpeningTerms: Sendable, Equatable {
    public var title: String
    public var location: String
    public var workMode: WorkMode
    public var titleKey: TitleKey
    public var locationKey: String

    public init(title: String, location: String, workMode: WorkMode, vocabulary: MatchVocabulary) {
        self.title = title
        self.location = location
        self.workMode = workMode
        self.titleKey = vocabulary.titleKey(title)
        self.locationKey = vocabulary.locationKey(location)
    }
}

/// One future-role answer as the rule weighs it.
public struct AnswerTerms: Sendable, Equatable {
    public var title: String
    public var location: String
    public var remote: Bool
    public var askedAt: Date
    /// The candidate's latest answer; earlier ones are history.
    public var isCurrent: Bool
    public var titleKey: TitleKey
    public var locationKey: String

    public init(title: String, location: String, remote: Bool, askedAt: Date, isCurrent: Bool, vocabulary: MatchVocabulary) {
        self.title = title
        self.location = location
        self.remote = remote
        self.askedAt = askedAt
        self.isCurrent = isCurrent
        self.titleKey = vocabulary.titleKey(title)
        self.locationKey = vocabulary.locationKey(location)
    }

    /// With the keys the store already holds (`future_role.title_family`, ...): no folding per row.
    public init(title: String, location: String, remote: Bool, askedAt: Date, isCurrent: Bool,
                titleKey: TitleKey, locationKey: String) {
        self.title = title
        self.location = location
        self.remote = remote
        self.askedAt = askedAt
        self.isCurrent = isCurrent
        self.titleKey = titleKey
        self.locationKey = locationKey
    }

    /// Open to remote work: the flag, or a location that says so ("Remote", "anywhere").
    public var acceptsRemote: Bool { remote || locationKey == MatchVocabulary.remoteKey }
    /// The city answered, if any.
    public var city: String? { locationKey.isEmpty || locationKey == MatchVocabulary.remoteKey ? nil : locationKey }
}

/// A future-role answer that fits an opening, with its rank and the reason in words.
public struct OpeningMatch: Sendable, Equatable {
    public enum TitleFit: String, Sendable, Codable { case exact, family }
    public enum PlaceFit: String, Sendable, Codable {
        /// The answer's city is the opening's city.
        case sameCity = "same_city"
        /// A remote answer for a remote opening.
        case remote
        /// A city answer for a remote opening: possible, less sure.
        case cityForRemote = "city_for_remote"
    }

    public var title: TitleFit
    public var place: PlaceFit
    /// Whole 30-day months since the answer was given.
    public var ageInMonths: Int
    public var isEarlierAnswer: Bool
    /// Higher is better; see `MatchRule.score`.
    public var score: Int
    /// "title: Staff Engineer = Staff Engineer · location: Lisbon = Lisboa · asked 3 months ago".
    public var reason: String
}

/// The rule that decides whether, and how well, a future-role answer fits an opening.
///
/// The answer must be of the opening's title family and fit its place. Then it ranks by
/// `score`: title exact 100 or family only 30; place same city or remote-for-remote 40, city answer
/// for a remote opening 20; minus one per month of age (at most 24); minus 15 for an earlier
/// answer. So an exact title always outranks a family-only one, and within a tier the fresher
/// answer comes first. Who may be listed at all (do not contact never; placed with a flag) is
/// `MatchRule.admits`.
public enum MatchRule {
    public static func evaluate(_ opening: OpeningTerms, _ answer: AnswerTerms, now: Date) -> OpeningMatch? {
        guard !opening.titleKey.family.isEmpty, answer.titleKey.family == opening.titleKey.family else { return nil }
        let titleFit: OpeningMatch.TitleFit = answer.titleKey.level == opening.titleKey.level ? .exact : .family
        let placeFit: OpeningMatch.PlaceFit
        switch opening.workMode {
        case .remote:
            placeFit = answer.acceptsRemote ? .remote : .cityForRemote
            if placeFit == .cityForRemote, answer.city == nil { return nil }
        case .onsite, .hybrid:
            guard let city = answer.city, !opening.locationKey.isEmpty, city == opening.locationKey else { return nil }
            placeFit = .sameCity
        }
        let days = ageInDays(askedAt: answer.askedAt, now: now)
        let months = days / 30
        let score = score(title: titleFit, place: placeFit, ageInMonths: months, earlier: !answer.isCurrent)
        var parts: [String] = []
        switch titleFit {
        case .exact: parts.append("title: \(opening.title) = \(answer.title)")
        case .family: parts.append("title: \(opening.title) ≈ \(answer.title) (other level)")
        }
        switch placeFit {
        case .sameCity: parts.append("location: \(opening.location) = \(answer.location)")
        case .remote: parts.append(answer.city == nil ? "location: remote = remote" : "location: remote = remote (\(answer.location))")
        case .cityForRemote: parts.append("location: remote opening, answered \(answer.location)")
        }
        parts.append(askedPhrase(days: days))
        if !answer.isCurrent { parts.append("earlier answer") }
        return OpeningMatch(title: titleFit, place: placeFit, ageInMonths: months, isEarlierAnswer: !answer.isCurrent,
                            score: score, reason: parts.joined(separator: " · "))
    }

    /// An answer's age in whole days at `now`: what its score and "asked N days ago" use.
    public static func ageInDays(askedAt: Date, now: Date) -> Int {
        max(0, Int(now.timeIntervalSince(askedAt) / 86_400))
    }

    /// The first instant after `now` at which an answer's age in whole days changes, so anything
    /// worked out from its match (score, order, reason) may differ.
    public static func nextAgeChange(askedAt: Date, after now: Date) -> Date {
        askedAt.addingTimeInterval(Double(ageInDays(askedAt: askedAt, now: now) + 1) * 86_400)
    }

    public static func score(title: OpeningMatch.TitleFit, place: OpeningMatch.PlaceFit, ageInMonths: Int, earlier: Bool) -> Int {
        var score = title == .exact ? 100 : 30
        score += place == .cityForRemote ? 20 : 40
        score -= min(max(ageInMonths, 0), 24)
        if earlier { score -= 15 }
        return score
    }

    /// Whether a person may be listed for an opening at all: never when do not contact (the
    /// answer is kept, outreach is not offered); placed people only when asked for, since they
    /// may now be a client's employees.
    public static func admits(_ status: Status, includePlaced: Bool) -> Bool {
        switch status {
        case .doNotContact: false
        case .placed: includePlaced
        case .active, .notLooking: true
        }
    }

    /// "asked today", "asked 5 days ago", "asked 3 weeks ago", "asked 14 months ago", "asked 2 years ago".
    public static func askedPhrase(days: Int) -> String {
        switch days {
        case ..<1: "asked today"
        case 1: "asked yesterday"
        case ..<14: "asked \(days) days ago"
        case ..<60: "asked \(days / 7) weeks ago"
        case ..<730: days / 30 == 1 ? "asked 1 month ago" : "asked \(days / 30) months ago"
        default: "asked \(days / 365) years ago"
        }
    }
}
