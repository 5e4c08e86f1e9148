import Foundation

/// One group of the report's top future-role titles or locations: what people asked for (their
/// current answers, grouped by match key) next to the open openings for it. docs/rules.md
/// (Report → Top future roles, and the openings for them) defines the figures.
public struct RoleDemand: Codable, Sendable, Equatable {
    /// The match key of the group: a title family (`engineering manager`) or a location key
    /// (`lisbon`, `remote`).
    public var key: String
    /// The spelling most of the group's answers used (for titles, without level words).
    public var label: String
    /// Current answers in the group.
    public var count: Int
    /// Openings with status open for this title family, or in this place (remote openings for
    /// `remote`, onsite and hybrid openings in the city otherwise).
    public var openOpenings: Int

    public init(key: String, label: String, count: Int, openOpenings: Int) {
        self.key = key
        self.label = label
        self.count = count
        self.openOpenings = openOpenings
    }

    /// The top `limit` title families of the current answers (`counts`: raw title → answers),
    /// each with the open openings of that family.
    public static func titles(_ counts: [(raw: String, count: Int)], openings: [Opening], vocabulary: MatchVocabulary,
                              limit: Int) -> [RoleDemand] {
        var open: [String: Int] = [:]
        for opening in openings where opening.status == .open {
            open[RoleText.titleKey(opening.title, vocabulary), default: 0] += 1
        }
        return RoleText.top(counts, limit: limit, key: { RoleText.titleKey($0, vocabulary) },
                            label: { RoleText.familyLabel(RoleText.title($0), vocabulary) })
            .map { RoleDemand(key: $0.key, label: $0.label, count: $0.count, openOpenings: $0.key.isEmpty ? 0 : open[$0.key] ?? 0) }
    }

    /// The top `limit` places of the current answers (`counts`: raw location → answers), each
    /// with the open openings there.
    public static func locations(_ counts: [(raw: String, count: Int)], openings: [Opening], vocabulary: MatchVocabulary,
                                 limit: Int) -> [RoleDemand] {
        var open: [String: Int] = [:]
        for opening in openings where opening.status == .open {
            open[placeKey(opening, vocabulary), default: 0] += 1
        }
        return RoleText.top(counts, limit: limit, key: { RoleText.locationKey($0, vocabulary) }, label: RoleText.location)
            .map { RoleDemand(key: $0.key, label: $0.label, count: $0.count, openOpenings: open[$0.key] ?? 0) }
    }

    /// Where an opening is, as the match rule places it: a remote opening is remote wherever it
    /// is based; an onsite or hybrid one is its city.
    static func placeKey(_ opening: Opening, _ vocabulary: MatchVocabulary) -> String {
        opening.workMode == .remote ? MatchVocabulary.remoteKey : vocabulary.locationKey(opening.location)
    }
}
