import Foundation

/// The mailboxes of an address header (From, Reply-To, To, Cc; RFC 5322 §3.4), read
/// leniently: display names as atoms, quoted strings or encoded words, comments, angle
/// brackets (with an obsolete route), bare addresses, and groups (`team: a@x, b@y;`).
/// The structure is read on the raw text, before any RFC 2047 decoding, so an encoded word
/// that decodes to `<someone@else>` stays part of a name and never becomes an address.
public enum AddressHeader {
    public struct Mailbox: Sendable, Equatable {
        /// The addr-spec, trimmed and lower-cased (Funnel stores email that way, see `Email`).
        public var address: String
        /// The display name, decoded and neutralised (`HeaderText`); nil when there is none.
        public var name: String?
    }

    /// Mailboxes whose address is a plausible one (`Email.isValid`, no control characters);
    /// anything else in the header is skipped.
    public static func parse<Bytes: Collection>(_ raw: Bytes) -> [Mailbox] where Bytes.Element == UInt8 {
        // Read on the bytes: every character with structure is ASCII, and UTF-8 (or Latin-1)
        // bytes of a name can never be taken for one.
        let bytes = Array(raw)
        var mailboxes: [Mailbox] = []
        var phrase: [UInt8] = []
        var comment: [UInt8] = []
        var angle: [UInt8]?
        var i = 0

        func finish() {
            defer {
                phrase.removeAll(keepingCapacity: true)
                comment.removeAll(keepingCapacity: true)
                angle = nil
            }
            var spec: ArraySlice<UInt8>
            let name: [UInt8]
            if let angle {
                spec = angle[...]
                // Obsolete route: <@relay1,@relay2:user@example.com>.
                if spec.first == UInt8(ascii: "@"), let colon = spec.firstIndex(of: UInt8(ascii: ":")) { spec = spec[(colon + 1)...] }
                name = phrase
            } else {
                spec = phrase[...]
                name = comment
            }
            // Folding white space may stand around the parts (`zoe @ example.com`); any other
            // space-like character stays, and makes the address invalid.
            let kept = spec.filter { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }
            guard !kept.isEmpty, mailboxes.count < 1000 else { return }
            let normalized = Charset.utf8OrLatin1(kept.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }).lowercased()
            guard PlainText.firstForbidden(in: normalized, .singleLine) == nil, isValid(normalized) else { return }
            let cleanName = name.isEmpty ? "" : HeaderText.clean(EncodedWords.decode(Charset.utf8OrLatin1(name)))
            mailboxes.append(Mailbox(address: normalized, name: cleanName.isEmpty ? nil : cleanName))
        }

        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "\""):
                i += 1
                while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count { i += 1 }
                    phrase.append(bytes[i])
                    i += 1
                }
                phrase.append(0x20)
            case UInt8(ascii: "("):
                var depth = 1
                i += 1
                while i < bytes.count, depth > 0 {
                    if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count {
                        i += 1
                    } else if bytes[i] == UInt8(ascii: "(") {
                        depth += 1
                    } else if bytes[i] == UInt8(ascii: ")") {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    comment.append(bytes[i])
                    i += 1
                }
            case UInt8(ascii: "<"):
                let start = i + 1
                i = start
                while i < bytes.count, bytes[i] != UInt8(ascii: ">") { i += 1 }
                angle = Array(bytes[start..<min(i, bytes.count)])
            case UInt8(ascii: ":") where angle == nil:
                // A group's name: what came before is not a mailbox.
                phrase.removeAll(keepingCapacity: true)
                comment.removeAll(keepingCapacity: true)
            case UInt8(ascii: ","), UInt8(ascii: ";"):
                finish()
            default:
                phrase.append(byte)
            }
            i += 1
        }
        finish()
        return mailboxes
    }

    /// Just the addresses.
    public static func addresses<Bytes: Collection>(_ raw: Bytes) -> [String] where Bytes.Element == UInt8 {
        parse(raw).map(\.address)
    }

    /// `Email.isValid`, the rule Funnel stores addresses by, with a byte-level fast path for
    /// printable ASCII (every address in a mailbox is checked; the general rule goes through
    /// Foundation). The tests hold the two to the same answers.
    static func isValid(_ address: String) -> Bool {
        guard address.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return Email.isValid(address) }
        let bytes = Array(address.utf8)
        guard bytes.count <= 254, let at = bytes.firstIndex(of: UInt8(ascii: "@")),
              bytes[(at + 1)...].firstIndex(of: UInt8(ascii: "@")) == nil else { return false }
        let local = bytes[..<at], domain = bytes[(at + 1)...]
        let dot = UInt8(ascii: ".")
        guard !local.isEmpty, local.count <= 64, local.first != dot, local.last != dot,
              !zip(local, local.dropFirst()).contains(where: { $0 == dot && $1 == dot }),
              !local.contains(where: { ",;<>\"".utf8.contains($0) })
        else { return false }
        let labels = domain.split(separator: dot, omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        let hyphen = UInt8(ascii: "-")
        for label in labels {
            guard !label.isEmpty, label.count <= 63, label.first != hyphen, label.last != hyphen,
                  label.allSatisfy({ $0 == hyphen || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) })
            else { return false }
        }
        return labels.last!.count >= 2
    }
}
