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
        let scalars = Array(Charset.utf8OrLatin1(raw).unicodeScalars)
        var mailboxes: [Mailbox] = []
        var phrase = String.UnicodeScalarView()
        var comment = String.UnicodeScalarView()
        var angle: String.UnicodeScalarView?
        var i = 0

        func finish() {
            defer {
                phrase = String.UnicodeScalarView()
                comment = String.UnicodeScalarView()
                angle = nil
            }
            let address: String
            var name: String?
            if let angle {
                var spec = String(angle)
                // Obsolete route: <@relay1,@relay2:user@example.com>.
                if spec.hasPrefix("@"), let colon = spec.firstIndex(of: ":") { spec = String(spec[spec.index(after: colon)...]) }
                address = spec
                name = String(phrase)
            } else {
                address = String(phrase)
                name = String(comment)
            }
            // Folding white space may stand around the parts (`zoe @ example.com`); any other
            // space-like character stays, and makes the address invalid.
            let spec = address.unicodeScalars.filter { !" \t\r\n".unicodeScalars.contains($0) }
            let normalized = String(String.UnicodeScalarView(spec)).lowercased()
            guard mailboxes.count < 1000, Email.isValid(normalized), PlainText.firstForbidden(in: normalized, .singleLine) == nil else { return }
            let cleanName = name.map { HeaderText.clean(EncodedWords.decode($0)) }
            mailboxes.append(Mailbox(address: normalized, name: cleanName?.isEmpty == false ? cleanName : nil))
        }

        while i < scalars.count {
            let scalar = scalars[i]
            switch scalar {
            case "\"":
                i += 1
                while i < scalars.count, scalars[i] != "\"" {
                    if scalars[i] == "\\", i + 1 < scalars.count { i += 1 }
                    phrase.append(scalars[i])
                    i += 1
                }
                phrase.append(" ")
            case "(":
                var depth = 1
                i += 1
                while i < scalars.count, depth > 0 {
                    if scalars[i] == "\\", i + 1 < scalars.count {
                        i += 1
                    } else if scalars[i] == "(" {
                        depth += 1
                    } else if scalars[i] == ")" {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    comment.append(scalars[i])
                    i += 1
                }
            case "<":
                var spec = String.UnicodeScalarView()
                i += 1
                while i < scalars.count, scalars[i] != ">" {
                    spec.append(scalars[i])
                    i += 1
                }
                angle = spec
            case ":" where angle == nil:
                // A group's name: what came before is not a mailbox.
                phrase = String.UnicodeScalarView()
                comment = String.UnicodeScalarView()
            case ",", ";":
                finish()
            default:
                phrase.append(scalar)
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
}
