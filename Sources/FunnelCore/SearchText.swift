/// Preparing text for SQLite's `unicode61` tokenizer, which folds case and accents but does not
/// split runs of Han, Kana or Hangul (a whole CJK sentence would be one token). Each such
/// character is made a token of its own, so a query of any two consecutive characters becomes a
/// phrase of two tokens and matches (see docs/data-model.md, "Search").
public enum SearchText {
    /// Whether a scalar belongs to a script written without spaces between words.
    public static func isIdeographic(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2E80...0x2FDF, 0x3005...0x3007, 0x3021...0x3029, 0x3038...0x303B,  // radicals, 々〆〇
             0x3040...0x30FF, 0x31F0...0x31FF,  // Hiragana, Katakana
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,  // Han
             0x1100...0x11FF, 0x3130...0x318F, 0xAC00...0xD7AF,  // Hangul
             0xFF66...0xFF9D,  // half-width Katakana
             0x20000...0x3134F:  // Han extensions
            return true
        default:
            return false
        }
    }

    /// The text with a space on each side of every ideographic character.
    public static func indexable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isIdeographic) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isIdeographic(scalar) {
                out.append(" ")
                out.append(scalar)
                out.append(" ")
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// An FTS5 MATCH expression for what a person typed in the search box: every word must match
    /// as a prefix (search as you type: "sta eng" finds Staff Engineer), CJK runs as phrases of single characters.
    /// FTS5 syntax in the input is neutralised (each word is quoted). nil if nothing to search.
    public static func matchExpression(for query: String) -> String? {
        let terms = matchTerms(for: query)
        return terms.isEmpty ? nil : terms.joined(separator: " ")
    }

    /// The terms of `matchExpression(for:)`, each a quoted phrase (a prefix when it ends in `*`),
    /// all of which must match: the store weighs each one to decide whether ranking is affordable.
    public static func matchTerms(for query: String) -> [String] {
        let words = indexable(query)
            .split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "@" && $0 != "." && $0 != "_" && $0 != "-" && $0 != "'" })
        var terms: [String] = []
        var i = words.startIndex
        while i < words.endIndex {
            let word = words[i]
            if word.unicodeScalars.allSatisfy(isIdeographic) {
                // Group consecutive ideographic characters into one phrase.
                var run: [Substring] = [word]
                var j = words.index(after: i)
                while j < words.endIndex, words[j].unicodeScalars.allSatisfy(isIdeographic) {
                    run.append(words[j])
                    j = words.index(after: j)
                }
                terms.append("\"" + run.joined(separator: " ") + "\"")
                i = j
            } else {
                // Split on the tokenizer's separators too, so "o'neil" and "a.b" behave like the index.
                let parts = word.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
                if !parts.isEmpty {
                    let phrase = parts.joined(separator: " ").replacingOccurrences(of: "\"", with: "\"\"")
                    terms.append("\"" + phrase + "\"*")
                }
                i = words.index(after: i)
            }
        }
        return terms
    }
}
