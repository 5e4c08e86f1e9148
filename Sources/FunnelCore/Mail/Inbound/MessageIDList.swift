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
        // Read on the bytes: brackets, quotes and parentheses are ASCII.
        let bytes = Array(raw)
        var ids: [String] = []
        var sawAngle = false
        var i = 0
        func add(_ id: ArraySlice<UInt8>) {
            let kept = id.filter { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }
            guard !kept.isEmpty, ids.count < maxIDs, kept.count <= 998 else { return }
            let text = Charset.utf8OrLatin1(kept)
            guard PlainText.firstForbidden(in: text, .singleLine) == nil, !text.unicodeScalars.contains(where: HeaderText.isSpaceLike) else { return }
            ids.append(text)
        }
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\""):
                i += 1
                while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "\\") { i += 1 }
                    i += 1
                }
            case UInt8(ascii: "("):
                var depth = 1
                i += 1
                while i < bytes.count, depth > 0 {
                    if bytes[i] == UInt8(ascii: "\\") { i += 1 } else if bytes[i] == UInt8(ascii: "(") { depth += 1 } else if bytes[i] == UInt8(ascii: ")") { depth -= 1 }
                    if depth > 0 { i += 1 }
                }
            case UInt8(ascii: "<"):
                sawAngle = true
                let start = i + 1
                i = start
                while i < bytes.count, bytes[i] != UInt8(ascii: ">") { i += 1 }
                add(bytes[start..<min(i, bytes.count)])
            default:
                break
            }
            i += 1
        }
        if !sawAngle {
            for word in bytes.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A || $0 == UInt8(ascii: ",") })
            where word.contains(UInt8(ascii: "@")) {
                add(word)
            }
        }
        return ids
    }
}
