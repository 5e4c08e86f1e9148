import Foundation

/// Header text as it leaves the parser: one line a terminal, a note or a log can show as is.
/// Mail headers are hostile data — an encoded word can carry a line break or an escape
/// sequence that no raw header may — so every value the parser hands out goes through here:
///
/// - line breaks, tabs and the other white-space controls become one space, and runs of spaces
///   one space (so `=?utf-8?Q?a=0Ab?=` reads `a b`, and no value spans two lines);
/// - every other character `PlainText` forbids (ESC, C1 controls, bidi overrides…) is shown as
///   its visible escape by `VisibleText` (`\x1b[2J`), so the recruiter sees that something odd
///   came in, and nothing acts on it;
/// - the result is trimmed and bounded to `limit` characters (an ellipsis marks a cut).
public enum HeaderText {
    /// The longest subject (and display name) handed out, in characters: a note preview, not an archive.
    public static let subjectLimit = 300

    /// An unstructured value (Subject, a display name) from its raw bytes: charset, then RFC 2047, then `clean`.
    public static func unstructured<Bytes: Collection>(_ raw: Bytes, limit: Int = subjectLimit) -> String where Bytes.Element == UInt8 {
        clean(EncodedWords.decode(Charset.utf8OrLatin1(raw)), limit: limit)
    }

    /// `text` on one line with no control characters, trimmed, at most `limit` characters.
    public static func clean(_ text: String, limit: Int = subjectLimit) -> String {
        // Fast path: printable ASCII, single spaces, nothing to trim or cut (most names and subjects).
        let utf8 = text.utf8
        if utf8.count <= limit, utf8.first != 0x20, utf8.last != 0x20, utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }),
           !zip(utf8, utf8.dropFirst()).contains(where: { $0 == 0x20 && $1 == 0x20 }) {
            return text
        }
        var spaced = String.UnicodeScalarView()
        var lastWasSpace = true  // drops leading space
        for scalar in text.unicodeScalars {
            if isSpaceLike(scalar) {
                if !lastWasSpace { spaced.append(" ") }
                lastWasSpace = true
            } else {
                spaced.append(scalar)
                lastWasSpace = false
            }
        }
        if spaced.last == " " { spaced.removeLast() }
        let visible = VisibleText.escaped(String(spaced))
        guard visible.count > limit else { return visible }
        return String(visible.prefix(max(0, limit - 1))).trimmingCharacters(in: .whitespaces) + "…"
    }

    /// Characters that separate words in a header once unfolded: ASCII white space, the
    /// vertical controls, NEL, the line and paragraph separators, and Unicode spaces.
    static func isSpaceLike(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x2028, 0x2029: true
        case 0..<0x80: false
        default: scalar.properties.isWhitespace
        }
    }
}
