/// A title reduced to what it means: the family ("backend engineer") and the level ("senior"),
/// each a sorted set of folded words, so that "Sr. Back-end Engineer", "Senior Backend Engineer"
/// and "Backend Engineer, Senior" have one key. The store indexes `family`; the level decides
/// whether a match is exact or of the same family only.
public struct TitleKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var family: String
    public var level: String

    public init(family: String, level: String) {
        self.family = family
        self.level = level
    }

    public static func < (a: TitleKey, b: TitleKey) -> Bool { (a.family, a.level) < (b.family, b.level) }

    public var description: String { level.isEmpty ? family : "\(level) \(family)" }
}

extension MatchVocabulary {
    public func titleKey(_ title: String) -> TitleKey {
        let expanded = applying(titleSynonyms, to: Self.words(title))
        var family = Set<String>(), level = Set<String>()
        for word in expanded where !Self.fillerWords.contains(word) {
            if Self.seniorityWords.contains(word) { level.insert(word) } else { family.insert(word) }
        }
        // A title made only of level words ("Senior") is its own family, not an empty one.
        if family.isEmpty { swap(&family, &level) }
        return TitleKey(family: family.sorted().joined(separator: " "), level: level.sorted().joined(separator: " "))
    }
}
