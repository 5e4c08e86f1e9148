import Foundation

/// The one place a mail header line is written. Every header of a `MailMessage` (From, To,
/// Subject, Date, Message-ID, the MIME headers) goes through here, because the headers are not
/// only read by the recipient's client: `sendmail -t` takes its recipients from them. A value that
/// smuggles a line break ("Eve\nBcc: attacker@x.com") would start a new header and send the
/// message to a third party, so this writer *refuses* any value holding a character that could
/// end a line or disguise the text, instead of guessing a repair:
///
/// - C0 controls (U+0000–U+001F, tab included), DEL (U+007F), C1 controls (U+0080–U+009F,
///   NEL U+0085 included), the line and paragraph separators U+2028/U+2029, and the bidi
///   overrides and isolates U+202A–U+202E and U+2066–U+2069.
///
/// What remains is only text, and is written so that no reader can take it for structure:
///
/// - a display name of plain atoms is written as is (`Rita Recruiter`); other ASCII as an
///   RFC 5322 quoted-string with `\` and `"` escaped (`"O'Neil, Pat"`); non-ASCII, or text
///   that looks like an encoded word, as RFC 2047 `=?UTF-8?B?…?=` words;
/// - a subject of plain ASCII words is written as is, otherwise as RFC 2047 words;
/// - an address must be a valid addr-spec (`Email.isValid`) with no white space, angle brackets,
///   commas, quotes, parentheses, brackets, backslashes, colons or semicolons;
/// - lines are folded at white space (a continuation line starts with a space, joined with "\n";
///   the renderer turns "\n" into its line ending), aiming at 78 octets and never above 998
///   (RFC 5322 §2.1.1). Encoded words are at most 75 characters and never split a character.
public enum HeaderWriter {
    /// The longest a header line may be, in octets, without its line ending (RFC 5322 §2.1.1).
    public static let maxLineOctets = 998
    /// The length lines are folded to when white space allows it (RFC 5322 §2.1.1 "SHOULD").
    public static let foldAt = 78

    // MARK: Header fields

    /// `Name: value` for a structured value the caller built from safe parts (Date, Message-ID,
    /// MIME-Version, Content-Type, Content-Transfer-Encoding): checked, then folded at spaces.
    /// Only printable ASCII is accepted here.
    public static func field(_ name: String, _ value: String) throws -> String {
        try refuseUnsafe(value, header: name)
        if let bad = value.unicodeScalars.first(where: { !$0.isASCII }) {
            throw FunnelError.invalid("the \(name) header would hold a non-ASCII character (\(codePoint(bad))): this header must be plain ASCII")
        }
        return try fold(name + ": " + value, header: name)
    }

    /// `Subject: …` (or any unstructured header): plain ASCII words as is, else RFC 2047 words.
    public static func unstructured(_ name: String, _ text: String) throws -> String {
        try refuseUnsafe(text, header: name)
        if text.isEmpty { return name + ":" }
        let prefix = name + ": "
        if isPlainWords(text, allowed: { $0.value >= 33 && $0.value <= 126 }),
           let line = try? fold(prefix + text, header: name) {
            return line
        }
        return try fold(prefix + encodedWords(text, firstLineRoom: foldAt - 2 - prefix.utf8.count).joined(separator: " "), header: name)
    }

    /// `To: Name <address>` (or From, Reply-To…): one mailbox with an optional display name.
    public static func mailbox(_ name: String, displayName: String?, address: String) throws -> String {
        try fold(name + ": " + mailboxValue(displayName: displayName, address: address, header: name), header: name)
    }

    /// The mailbox unfolded: `address`, or `phrase <address>`.
    public static func mailboxValue(displayName: String?, address: String, header: String) throws -> String {
        try checkAddress(address, header: header)
        guard let displayName, !displayName.trimmed.isEmpty else { return address }
        return try phrase(displayName, header: header, firstLineRoom: foldAt - 2 - (header + ": ").utf8.count) + " <" + address + ">"
    }

    /// `Message-ID: <id>`: the id must be `left@right` of printable ASCII with no brackets or spaces.
    public static func messageID(_ id: String) throws -> String {
        try refuseUnsafe(id, header: "Message-ID")
        let parts = id.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
              id.unicodeScalars.allSatisfy({ $0.value >= 33 && $0.value <= 126 && !"<>\"(),;:[]\\ ".unicodeScalars.contains($0) })
        else { throw FunnelError.invalid("the Message-ID header would hold an invalid id '\(id)': expected left@right without brackets or spaces") }
        return try field("Message-ID", "<" + id + ">")
    }

    // MARK: Checks

    /// Throws if `text` holds a character no header may hold (see the type's documentation),
    /// with one sentence naming the header and the character.
    public static func refuseUnsafe(_ text: String, header: String) throws {
        if let bad = text.unicodeScalars.first(where: isForbidden) {
            throw FunnelError.invalid("the \(header) header would hold \(describe(bad)): \(rule(bad))")
        }
    }

    /// The first character of `text` no header may hold, if any: for callers that want to say
    /// in their own words why a stored value cannot be sent (e.g. a candidate's name).
    public static func forbiddenCharacter(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first(where: isForbidden)
    }

    /// "a line break (U+000A)", "a control character (U+001B)", "a bidirectional override (U+202E)"…
    public static func describe(_ scalar: Unicode.Scalar) -> String {
        let what = switch scalar.value {
        case 0x0A: "a line break"
        case 0x0D: "a carriage return"
        case 0x09: "a tab"
        case 0x85: "a next-line break"
        case 0x2028: "a line separator"
        case 0x2029: "a paragraph separator"
        case 0x202A...0x202E: "a bidirectional override"
        case 0x2066...0x2069: "a bidirectional isolate"
        default: "a control character"
        }
        return "\(what) (\(codePoint(scalar)))"
    }

    static func rule(_ scalar: Unicode.Scalar) -> String {
        [0x0A, 0x0D, 0x85, 0x2028, 0x2029].contains(scalar.value) ? "a header must be one line" : "a header must be plain text"
    }

    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// A valid addr-spec that no header parser can split: `Email.isValid` on the exact text (no
    /// trimming), and none of white space, `<>,;:"()[]\` or a forbidden character.
    static func checkAddress(_ address: String, header: String) throws {
        try refuseUnsafe(address, header: header)
        let specials = " <>,;:\"()[]\\".unicodeScalars
        guard !address.isEmpty, Email.isValid(address), address == address.trimmed,
              !address.unicodeScalars.contains(where: { specials.contains($0) || $0.properties.isWhitespace })
        else { throw FunnelError.invalid("the \(header) header would hold an invalid address '\(address)': expected one plain address like name@example.com") }
    }

    // MARK: Display names and words

    /// The display name as it goes before `<address>`: atoms, a quoted-string, or encoded words.
    static func phrase(_ name: String, header: String, firstLineRoom: Int) throws -> String {
        try refuseUnsafe(name, header: header)
        if isPlainWords(name, allowed: isAtext) { return name }
        if name.unicodeScalars.allSatisfy(\.isASCII) && !name.contains("=?") && name.utf8.count <= 900 {
            return "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return encodedWords(name, firstLineRoom: firstLineRoom).joined(separator: " ")
    }

    /// RFC 5322 atext: letters, digits and ``!#$%&'*+-/=?^_`{|}~``.
    static func isAtext(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        default: "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(scalar)
        }
    }

    /// Words of `allowed` characters separated by single spaces, no leading or trailing space,
    /// nothing that looks like an encoded word, and no word too long to fold: such text reads
    /// back exactly as written.
    static func isPlainWords(_ text: String, allowed: (Unicode.Scalar) -> Bool) -> Bool {
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        return !text.isEmpty && !text.contains("=?")
            && words.allSatisfy { !$0.isEmpty && $0.utf8.count <= 900 && $0.unicodeScalars.allSatisfy(allowed) }
    }

    /// RFC 2047 `=?UTF-8?B?…?=` words for `text`, each at most 75 characters. Words break
    /// between characters (graphemes); a grapheme too long for one word breaks between its
    /// Unicode scalars, so every word is whole UTF-8. `firstLineRoom`: the room on the first line.
    public static func encodedWords(_ text: String, firstLineRoom: Int) -> [String] {
        let prefix = "=?UTF-8?B?", suffix = "?="
        // A word is at most 75 characters, 12 of them framing; 4 base64 characters carry 3 bytes.
        // Continuation lines start with a space: 45 bytes (72 characters). The first line may have less room.
        func maxBytes(_ room: Int) -> Int { max(3, (min(75, room) - 12) / 4 * 3) }
        var words: [String] = []
        var chunk: [UInt8] = []
        func add(_ bytes: [UInt8]) {
            if chunk.count + bytes.count > maxBytes(words.isEmpty ? firstLineRoom : 75), !chunk.isEmpty {
                words.append(prefix + Data(chunk).base64EncodedString() + suffix)
                chunk = []
            }
            chunk += bytes
        }
        for character in text {
            let bytes = Array(String(character).utf8)
            if bytes.count <= maxBytes(75) {
                add(bytes)
            } else {
                for scalar in character.unicodeScalars { add(Array(String(scalar).utf8)) }
            }
        }
        if !chunk.isEmpty || words.isEmpty { words.append(prefix + Data(chunk).base64EncodedString() + suffix) }
        return words
    }

    // MARK: Folding

    /// Folds `line` before a space that is followed by text, greedily to `foldAt` octets. The
    /// header name and its first word stay together. Throws if a line would exceed 998 octets.
    static func fold(_ line: String, header: String) throws -> String {
        // Pieces: the first run of non-spaces, then each run of spaces with the text after it.
        var pieces: [String] = []
        var current = ""
        var inSpaces = false
        for character in line {
            if character == " " {
                if !inSpaces && !current.isEmpty {
                    pieces.append(current)
                    current = ""
                }
                inSpaces = true
            } else {
                inSpaces = false
            }
            current.append(character)
        }
        pieces.append(current)
        var lines: [String] = []
        var open = ""
        for (i, piece) in pieces.enumerated() {
            if i > 1, open.utf8.count + piece.utf8.count > foldAt {
                lines.append(open)
                open = piece
            } else {
                open += piece
            }
        }
        lines.append(open)
        if lines.contains(where: { $0.utf8.count > maxLineOctets }) {
            throw FunnelError.invalid("the \(header) header would hold a line longer than \(maxLineOctets) octets: shorten it")
        }
        return lines.joined(separator: "\n")
    }
}
