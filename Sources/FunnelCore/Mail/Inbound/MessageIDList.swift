/// The ids of a Message-ID, In-Reply-To or References header (RFC 5322 §3.6.4), without their
/// angle brackets: `<a@x> <b@y>` → `["a@x", "b@y"]`. Quoted strings and comments are skipped
/// (old clients write `In-Reply-To: Your message of "…" <id@x>`), white space inside an id (a
/// fold) is removed, and an id holding a control character is dropped. A header with no angle
/// brackets at all (broken software) gives its white-space separated words that hold an `@`.
/// Ids are compared exactly as written (they are case-sensitive).
public enum MessageIDList {
    /// The most ids read from one header (References grows with every reply).
    public static let maxIDs = 500

    public static func parse<Bytes: Collection>(_ raw: Bytes) -> [String] where Bytes.Element == UInt8 {
        let scalars = Array(Charset.utf8OrLatin1(raw).unicodeScalars)
        var ids: [String] = []
        var sawAngle = false
        var i = 0
        func add(_ id: String.UnicodeScalarView) {
            let text = String(String.UnicodeScalarView(id.filter { !HeaderText.isSpaceLike($0) }))
            guard !text.isEmpty, ids.count < maxIDs, text.utf8.count <= 998,
                  PlainText.firstForbidden(in: text, .singleLine) == nil else { return }
            ids.append(text)
        }
        while i < scalars.count {
            switch scalars[i] {
            case "\"":
                i += 1
                while i < scalars.count, scalars[i] != "\"" {
                    if scalars[i] == "\\" { i += 1 }
                    i += 1
                }
            case "(":
                var depth = 1
                i += 1
                while i < scalars.count, depth > 0 {
                    if scalars[i] == "\\" { i += 1 } else if scalars[i] == "(" { depth += 1 } else if scalars[i] == ")" { depth -= 1 }
                    if depth > 0 { i += 1 }
                }
            case "<":
                sawAngle = true
                var id = String.UnicodeScalarView()
                i += 1
                while i < scalars.count, scalars[i] != ">" {
                    id.append(scalars[i])
                    i += 1
                }
                add(id)
            default:
                break
            }
            i += 1
        }
        if !sawAngle {
            var word = String.UnicodeScalarView()
            for scalar in scalars + [" "] {
                if HeaderText.isSpaceLike(scalar) || scalar == "," {
                    if word.contains("@") { add(word) }
                    word = String.UnicodeScalarView()
                } else {
                    word.append(scalar)
                }
            }
        }
        return ids
    }
}
