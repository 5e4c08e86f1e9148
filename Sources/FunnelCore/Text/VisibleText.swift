/// What output does with text already stored: a control character, separator or bidi override
/// (`PlainText`'s rule) is shown as a visible escape — `\x1b`, `\n`, `\u202e` — so a value that
/// got into a store before validation (or through raw SQL) can never clear a screen, retitle a
/// window, fake a line of output or reorder what the recruiter reads. Display only: it is not a
/// reversible encoding (a backslash stays as it is).
public enum VisibleText {
    /// `text` with every forbidden scalar escaped; with `keepingLineBreaks`, `\n` and `\t` pass
    /// through (multi-line text such as a note printed on its own lines).
    public static func escaped(_ text: String, keepingLineBreaks: Bool = false) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        let kind: PlainText.Kind = keepingLineBreaks ? .multiLine : .singleLine
        guard text.unicodeScalars.contains(where: { PlainText.isForbidden($0, in: kind) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if PlainText.isForbidden(scalar, in: kind) {
                out.append(contentsOf: escape(scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// `\n`, `\r`, `\t`; `\x1b` for other C0 characters and DEL; `\u009b`, `\u202e` above.
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        case 0x00...0x1F, 0x7F: return "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
        default: return "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
        }
    }
}
