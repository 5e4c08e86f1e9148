/// The one rule for what text from outside may hold, checked where it comes in (every draft's
/// `validated()`, the import reader, templates, config): data from spreadsheets, pasted profiles
/// and the web is hostile, and a control character in a name is a terminal escape, a mail
/// header line or a spoofed line of output waiting to happen. `VisibleText` is the same rule's
/// other half, for values already stored.
public enum PlainText {
    /// What kind of field a value is for.
    public enum Kind: Sendable {
        /// Names, email, phone, title, company, location, tags, future role, opening fields,
        /// template names and subjects: one line, no control characters at all.
        case singleLine
        /// Notes, interests, template bodies: line feeds and tabs are kept, nothing else.
        case multiLine
    }

    /// Whether `scalar` may never appear in a field of `kind`: C0 and C1 control characters and
    /// DEL, the line and paragraph separators, and the bidirectional embeddings, overrides and
    /// isolates that make text display in an order other than the one stored.
    public static func isForbidden(_ scalar: Unicode.Scalar, in kind: Kind) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: kind == .singleLine
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x2028, 0x2029: true
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// Whether `scalar` is forbidden in every kind of field: what output paths must neutralise.
    public static func isForbiddenAnywhere(_ scalar: Unicode.Scalar) -> Bool {
        isForbidden(scalar, in: .singleLine)
    }

    /// The first forbidden scalar and its 1-based character position, or nil when the text is clean.
    public static func firstForbidden(in text: String, _ kind: Kind) -> (scalar: Unicode.Scalar, position: Int)? {
        // Fast path: most text is printable ASCII.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return nil }
        var position = 0
        for character in text {
            position += 1
            if let bad = character.unicodeScalars.first(where: { isForbidden($0, in: kind) }) { return (bad, position) }
        }
        return nil
    }

    /// Throws one `invalid` error naming the field, the character and where it is:
    /// "the first name holds a line break (U+000A) at character 4: it must be one line of plain text".
    public static func check(_ text: String, field: String, _ kind: Kind = .singleLine) throws {
        guard let (scalar, position) = firstForbidden(in: text, kind) else { return }
        throw FunnelError.invalid(problem(field: field, scalar: scalar, position: position, kind))
    }

    /// Like `check`, for an optional value.
    public static func check(_ text: String?, field: String, _ kind: Kind = .singleLine) throws {
        if let text { try check(text, field: field, kind) }
    }

    /// Multi-line text as it is stored: CRLF and a lone CR (Windows editors, pasted mail) become
    /// line feeds, then the rule is checked.
    public static func multiLine(_ text: String, field: String) throws -> String {
        var normalized = text
        if text.utf8.contains(0x0D) {
            normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        try check(normalized, field: field, .multiLine)
        return normalized
    }

    /// The sentence for one forbidden character.
    public static func problem(field: String, scalar: Unicode.Scalar, position: Int, _ kind: Kind) -> String {
        let rule = kind == .singleLine ? "it must be one line of plain text" : "only line breaks and tabs are allowed"
        return "the \(field) holds \(describe(scalar)) at character \(position): \(rule)"
    }

    /// "a line break (U+000A)", "a control character (U+001B)", "a bidirectional override (U+202E)".
    public static func describe(_ scalar: Unicode.Scalar) -> String {
        let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        let what: String = switch scalar.value {
        case 0x0A, 0x0D, 0x85: "a line break"
        case 0x09: "a tab"
        case 0x2028: "a line separator"
        case 0x2029: "a paragraph separator"
        case 0x202A...0x202E, 0x2066...0x2069: "a bidirectional override"
        default: "a control character"
        }
        return "\(what) (\(code))"
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
