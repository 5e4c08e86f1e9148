import Foundation

/// How the report groups and labels future-role answers. The groups are the match keys
/// (`MatchVocabulary`: a title's family, a location's key), so "Engineering manager",
/// "Engineering Manager" and "Eng. Manager" are one title, and "Lisboa" and "Lisbon, Portugal" one
/// place, exactly as an opening matches them. docs/rules.md (Report → Top future roles) is the
/// definition.
public enum RoleText {
    /// Abbreviations spelled out in labels, compared case-insensitively on whole words.
    static let abbreviations: [String: String] = [
        "sr": "Senior", "sr.": "Senior", "snr": "Senior", "snr.": "Senior",
        "jr": "Junior", "jr.": "Junior", "jnr": "Junior", "jnr.": "Junior",
    ]

    /// A title as shown: white space trimmed and collapsed to single spaces, and the seniority
    /// abbreviations spelled out. Case is kept.
    public static func title(_ text: String) -> String {
        words(text).map { abbreviations[$0.lowercased()] ?? $0 }.joined(separator: " ")
    }

    /// A location as shown: white space trimmed and collapsed. An answer with no location
    /// (allowed only for remote roles) counts as "Remote".
    public static func location(_ text: String) -> String {
        let shown = words(text).joined(separator: " ")
        return shown.isEmpty ? "Remote" : shown
    }

    /// The group of a title: its family ("Senior Backend Engineer" → `backend engineer`). Levels
    /// are one group: an opening matches every level of its family.
    public static func titleKey(_ raw: String, _ vocabulary: MatchVocabulary) -> String {
        vocabulary.titleKey(raw).family
    }

    /// The group of a location: its match key; no location is the remote key.
    public static func locationKey(_ raw: String, _ vocabulary: MatchVocabulary) -> String {
        let key = vocabulary.locationKey(raw)
        return key.isEmpty ? MatchVocabulary.remoteKey : key
    }

    /// A title's label without its level words, since the group holds every level:
    /// "Sr. Backend Engineer" → "Backend Engineer", "Backend Engineer, Senior" → "Backend
    /// Engineer". A title of level words only ("Senior") keeps them.
    public static func familyLabel(_ shown: String, _ vocabulary: MatchVocabulary) -> String {
        let kept = words(shown).filter { word in
            let expanded = vocabulary.applying(vocabulary.titleSynonyms, to: MatchVocabulary.words(word))
            return expanded.isEmpty || !expanded.allSatisfy { MatchVocabulary.seniorityWords.contains($0) }
        }
        let separators = CharacterSet(charactersIn: ",;:/|-–—·").union(.whitespaces)
        let label = kept.joined(separator: " ").trimmingCharacters(in: separators)
        return label.isEmpty ? shown : label
    }

    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
    }

    /// Raw values with how many current answers use them, added up per group (`key`), each
    /// group labelled with the spelling (`label`) most of its answers used (a tie goes to the
    /// first in code-point order). Highest count first (ties: label order), at most `limit`.
    public static func top(_ counts: [(raw: String, count: Int)], limit: Int, key: (String) -> String,
                           label: (String) -> String) -> [(key: String, label: String, count: Int)] {
        var groups: [String: (total: Int, spellings: [String: Int])] = [:]
        for (raw, count) in counts where count > 0 {
            let group = key(raw)
            groups[group, default: (0, [:])].total += count
            groups[group, default: (0, [:])].spellings[label(raw), default: 0] += count
        }
        let ranked = groups.map { group, value in
            let label = value.spellings.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }!.key
            return (key: group, label: label, count: value.total)
        }
        return Array(ranked.sorted { a, b in
            if a.count != b.count { return a.count > b.count }
            if a.label != b.label { return a.label < b.label }
            return a.key < b.key
        }.prefix(max(0, limit)))
    }
}
