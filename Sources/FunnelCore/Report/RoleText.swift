import Foundation

/// Normalises future-role titles and locations so that the same answer typed differently is
/// counted once: "sr.  backend engineer " and "Senior Backend Engineer" are one title.
/// docs/rules.md (Report → Top future roles) is the definition.
public enum RoleText {
    /// Abbreviations spelled out, compared case-insensitively on whole words.
    static let abbreviations: [String: String] = [
        "sr": "Senior", "sr.": "Senior", "snr": "Senior", "snr.": "Senior",
        "jr": "Junior", "jr.": "Junior", "jnr": "Junior", "jnr.": "Junior",
    ]

    /// A title as shown: white space trimmed and collapsed to single spaces, and the seniority
    /// abbreviations spelled out. Case is kept (the grouping key folds it).
    public static func title(_ text: String) -> String {
        words(text).map { abbreviations[$0.lowercased()] ?? $0 }.joined(separator: " ")
    }

    /// A location as shown: white space trimmed and collapsed. An answer with no location
    /// (allowed only for remote roles) counts as "Remote".
    public static func location(_ text: String) -> String {
        let shown = words(text).joined(separator: " ")
        return shown.isEmpty ? "Remote" : shown
    }

    /// What two spellings must share to be counted together: the shown form, case-folded
    /// (accents are kept: "Zürich" and "Zurich" are the recruiter's call, not ours).
    public static func key(_ shown: String) -> String { shown.lowercased() }

    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
    }

    /// The most frequent normalised values with their counts, highest first (ties: label order).
    /// `counts` are raw values with how many current answers use them; raw values that
    /// normalise alike are added up, and the label is the spelling most of them used.
    public static func top(_ counts: [(raw: String, count: Int)], limit: Int,
                           normalize: (String) -> String) -> [RankedCount] {
        var groups: [String: (total: Int, spellings: [String: Int])] = [:]
        for (raw, count) in counts where count > 0 {
            let shown = normalize(raw)
            let key = key(shown)
            groups[key, default: (0, [:])].total += count
            groups[key, default: (0, [:])].spellings[shown, default: 0] += count
        }
        let ranked = groups.values.map { group -> RankedCount in
            let label = group.spellings.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }!.key
            return RankedCount(label: label, count: group.total)
        }
        return Array(ranked.sorted { $0.count != $1.count ? $0.count > $1.count : $0.label < $1.label }.prefix(limit))
    }
}

/// A label with how many times it was counted (a future-role title, a location).
public struct RankedCount: Codable, Sendable, Equatable {
    public var label: String
    public var count: Int

    public init(label: String, count: Int) {
        self.label = label
        self.count = count
    }
}
