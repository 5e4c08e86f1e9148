/// Levenshtein distance, for "did you mean" suggestions on a mistyped merge field or config key.
public enum EditDistance {
    public static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let old = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = old
            }
        }
        return row[b.count]
    }

    /// The candidate nearest to `word`, if near enough to be a typo.
    public static func suggestion(for word: String, among candidates: [String]) -> String? {
        guard let best = candidates.min(by: { between(word, $0) < between(word, $1) }),
              between(word, best) <= max(2, word.count / 4) else { return nil }
        return best
    }
}
