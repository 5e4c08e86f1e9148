import Foundation

/// Reads a message the way `sendmail -t` does, independently of the code that wrote it, so the
/// tests can ask "who would this message go to?" rather than "does the text look right?".
///
/// - Lines end at LF, CRLF or a lone CR (the strictest reading: a CR that some agent takes for a
///   line end counts as one here).
/// - The header ends at the first empty line; a line starting with a space or tab continues the
///   previous field (unfolding removes only the line break).
/// - Recipients are the addr-specs of every To, Cc and Bcc field (and Resent-To/Cc/Bcc), parsed
///   as RFC 5322 address lists: quoted-strings, comments, angle addresses, groups; display
///   names decoded from RFC 2047 encoded words (B and Q).
struct SendmailHeaders {
    struct Field: Equatable {
        var name: String
        var value: String
    }

    /// The unfolded fields, in order.
    var fields: [Field] = []
    /// Header lines that are neither a field nor a continuation (a real agent may end the header there).
    var malformed: [String] = []
    /// The raw header lines, before unfolding, without line endings.
    var rawLines: [String] = []

    init(_ message: String) {
        var lines: [String] = []
        var current = ""
        var scalars = Array(message.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if scalar == "\r" {
                if scalars.first == "\n" { scalars.removeFirst() }
                lines.append(current)
                current = ""
            } else if scalar == "\n" {
                lines.append(current)
                current = ""
            } else {
                current.unicodeScalars.append(scalar)
            }
        }
        lines.append(current)
        for line in lines {
            if line.isEmpty { break }
            rawLines.append(line)
            if line.first == " " || line.first == "\t" {
                if fields.isEmpty { malformed.append(line) } else { fields[fields.count - 1].value += line }
                continue
            }
            guard let colon = line.firstIndex(of: ":"),
                  !line[..<colon].isEmpty,
                  line[..<colon].unicodeScalars.allSatisfy({ $0.value > 32 && $0.value < 127 })
            else { malformed.append(line); continue }
            fields.append(Field(name: String(line[..<colon]), value: String(line[line.index(after: colon)...])))
        }
    }

    /// Every field with this name, case-insensitively.
    func values(_ name: String) -> [String] {
        fields.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    static let recipientFields = ["to", "cc", "bcc", "resent-to", "resent-cc", "resent-bcc"]

    /// The fields `sendmail -t` reads recipients from.
    var recipientFields: [Field] { fields.filter { Self.recipientFields.contains($0.name.lowercased()) } }

    /// Every addr-spec any recipient field names, lower-cased.
    var recipients: Set<String> {
        Set(recipientFields.flatMap { AddressList.parse($0.value).map { $0.address.lowercased() } })
    }

    /// An unstructured field (Subject) decoded: leading white space dropped, encoded words decoded.
    static func decodeUnstructured(_ value: String) -> String {
        var rest = Substring(value)
        while rest.first == " " || rest.first == "\t" { rest.removeFirst() }
        // Runs of white space and of text, kept as they are except between two encoded words.
        var runs: [(text: String, space: Bool)] = []
        for character in rest {
            let space = character == " " || character == "\t"
            if let last = runs.last, last.space == space {
                runs[runs.count - 1].text.append(character)
            } else {
                runs.append((String(character), space))
            }
        }
        var out = ""
        for (i, run) in runs.enumerated() {
            if run.space {
                let before = i > 0 ? EncodedWord.decode(runs[i - 1].text) : nil
                let after = i + 1 < runs.count ? EncodedWord.decode(runs[i + 1].text) : nil
                if before != nil && after != nil { continue }
                out += run.text
            } else {
                out += EncodedWord.decode(run.text) ?? run.text
            }
        }
        return out
    }
}

/// One RFC 2047 encoded word, `=?charset?B|Q?text?=`.
enum EncodedWord {
    /// The decoded text, or nil when `word` is not an encoded word (or not decodable as UTF-8).
    static func decode(_ word: String) -> String? {
        guard word.hasPrefix("=?"), word.hasSuffix("?="), word.count >= 8 else { return nil }
        let inner = word.dropFirst(2).dropLast(2)
        let parts = inner.split(separator: "?", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        let charset = parts[0].lowercased()
        guard charset == "utf-8" || charset == "us-ascii" else { return nil }
        let data: Data?
        switch parts[1].uppercased() {
        case "B":
            data = Data(base64Encoded: String(parts[2]))
        case "Q":
            var bytes: [UInt8] = []
            var chars = Array(parts[2].utf8)[...]
            while let c = chars.popFirst() {
                if c == UInt8(ascii: "_") {
                    bytes.append(0x20)
                } else if c == UInt8(ascii: "="), chars.count >= 2,
                          let byte = UInt8(String(decoding: chars.prefix(2), as: UTF8.self), radix: 16) {
                    bytes.append(byte)
                    chars.removeFirst(2)
                } else {
                    bytes.append(c)
                }
            }
            data = Data(bytes)
        default:
            return nil
        }
        guard let data, let text = String(data: data, encoding: .utf8) else { return nil }
        return text
    }
}

/// An RFC 5322 address list (with groups and comments) reduced to its mailboxes.
enum AddressList {
    struct Mailbox: Equatable {
        /// The decoded display name, nil when there is none.
        var displayName: String?
        /// The addr-spec: `local@domain`, a quoted local part kept with its quotes.
        var address: String
    }

    enum Token: Equatable {
        case atom(String)
        case quoted(String)
        case special(Character)
        case literal(String)
    }

    /// Tokens, each with whether white space (or a comment) came before it.
    static func tokenize(_ text: String) -> [(token: Token, spaceBefore: Bool)] {
        var out: [(Token, Bool)] = []
        var chars = Array(text)[...]
        var space = false
        let specials: Set<Character> = ["<", ">", ",", ":", ";", "@", "."]
        while let c = chars.first {
            if c == " " || c == "\t" {
                chars.removeFirst()
                space = true
            } else if c == "(" {
                var depth = 0
                while let d = chars.popFirst() {
                    if d == "\\" { _ = chars.popFirst(); continue }
                    if d == "(" { depth += 1 }
                    if d == ")" { depth -= 1; if depth == 0 { break } }
                }
                space = true
            } else if c == "\"" {
                chars.removeFirst()
                var content = ""
                while let d = chars.popFirst(), d != "\"" {
                    if d == "\\", let e = chars.popFirst() { content.append(e) } else { content.append(d) }
                }
                out.append((.quoted(content), space))
                space = false
            } else if c == "[" {
                var content = ""
                while let d = chars.popFirst() {
                    content.append(d)
                    if d == "]" { break }
                }
                out.append((.literal(content), space))
                space = false
            } else if specials.contains(c) {
                chars.removeFirst()
                out.append((.special(c), space))
                space = false
            } else {
                var atom = ""
                while let d = chars.first, !specials.contains(d), d != " ", d != "\t", d != "(", d != "\"", d != "[" {
                    atom.append(d)
                    chars.removeFirst()
                }
                out.append((.atom(atom), space))
                space = false
            }
        }
        return out
    }

    /// Every mailbox of the list, group members included (the group names are dropped).
    static func parse(_ text: String) -> [Mailbox] {
        var mailboxes: [Mailbox] = []
        var chunk: [(token: Token, spaceBefore: Bool)] = []
        var inAngle = false
        func finish() {
            defer { chunk = [] }
            guard !chunk.isEmpty else { return }
            if let open = chunk.firstIndex(where: { $0.token == .special("<") }) {
                let close = chunk[open...].firstIndex(where: { $0.token == .special(">") }) ?? chunk.endIndex
                var inner = Array(chunk[(open + 1)..<close])
                // An obsolete route (`<@a,@b:local@domain>`) ends at a colon.
                if let colon = inner.lastIndex(where: { $0.token == .special(":") }) { inner = Array(inner[(colon + 1)...]) }
                mailboxes.append(Mailbox(displayName: phrase(Array(chunk[..<open])), address: addrSpec(inner)))
            } else {
                mailboxes.append(Mailbox(displayName: nil, address: addrSpec(chunk)))
            }
        }
        for item in tokenize(text) {
            switch item.token {
            case .special("<"): inAngle = true; chunk.append(item)
            case .special(">"): inAngle = false; chunk.append(item)
            case .special(",") where !inAngle: finish()
            case .special(";") where !inAngle: finish()
            case .special(":") where !inAngle: chunk = []  // a group's name
            default: chunk.append(item)
            }
        }
        finish()
        return mailboxes
    }

    static func addrSpec(_ tokens: [(token: Token, spaceBefore: Bool)]) -> String {
        tokens.map { item -> String in
            switch item.token {
            case let .atom(a): a
            case let .quoted(q): "\"" + q + "\""
            case let .special(s): String(s)
            case let .literal(l): l
            }
        }.joined()
    }

    /// A display name decoded: words joined with one space, except that the space between two
    /// encoded words disappears; quoted-strings keep their content exactly.
    static func phrase(_ tokens: [(token: Token, spaceBefore: Bool)]) -> String? {
        guard !tokens.isEmpty else { return nil }
        var out = ""
        var previousEncoded = false
        for (i, item) in tokens.enumerated() {
            let text: String
            var encoded = false
            switch item.token {
            case let .atom(a):
                if let decoded = EncodedWord.decode(a) { text = decoded; encoded = true } else { text = a }
            case let .quoted(q): text = q
            case let .special(s): text = String(s)
            case let .literal(l): text = l
            }
            if i > 0 && item.spaceBefore && !(encoded && previousEncoded) { out += " " }
            out += text
            previousEncoded = encoded
        }
        return out
    }
}
