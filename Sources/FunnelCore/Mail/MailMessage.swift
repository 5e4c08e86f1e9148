import Foundation

/// An email as RFC 5322 text: the headers a mail transfer agent and the recipient's client expect
/// (From, To, Subject, Date, Message-ID, MIME-Version, Content-Type, Content-Transfer-Encoding),
/// UTF-8 throughout. Non-ASCII in a display name or the subject is RFC 2047-encoded; the body is
/// sent as 8bit when every line is short enough, else quoted-printable. Pure: the date and the
/// message id are passed in.
public struct MailMessage: Sendable, Equatable {
    public struct Address: Sendable, Equatable {
        public var name: String?
        public var email: String

        public init(name: String?, email: String) {
            self.name = name?.nilIfBlank
            self.email = email
        }
    }

    public var from: Address
    public var to: Address
    public var subject: String
    public var body: String
    public var date: Date
    public var timeZone: TimeZone
    /// Without the angle brackets: `20261122093000.1a2b3c@example.com`.
    public var messageID: String

    public init(from: Address, to: Address, subject: String, body: String, date: Date, timeZone: TimeZone, messageID: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
        self.timeZone = timeZone
        self.messageID = messageID
    }

    /// A unique id in the sender's domain, from the instant and a random token supplied by the caller.
    public static func messageID(date: Date, token: String, from email: String) -> String {
        let domain = email.split(separator: "@").last.map(String.init) ?? "localhost"
        return "\(Int64(date.timeIntervalSince1970)).\(token)@\(domain)"
    }

    /// The longest line, in octets, that may travel unencoded (RFC 5322 §2.1.1).
    static let maxLineOctets = 998

    public var usesQuotedPrintable: Bool {
        body.split(separator: "\n", omittingEmptySubsequences: false).contains {
            $0.utf8.count > MailMessage.maxLineOctets
        }
    }

    /// The whole message. `lineEnding` is "\n" for a local `sendmail -t` pipe (the Unix
    /// convention) and "\r\n" for a `.eml` file (the wire format).
    public func rendered(lineEnding: String = "\n") -> String {
        let normalizedBody = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let qp = usesQuotedPrintable
        var headers = [
            "From: " + Self.format(from),
            "To: " + Self.format(to),
            "Subject: " + Self.encodeHeaderText(subject.replacingOccurrences(of: "\n", with: " "), prefixLength: 9),
            "Date: " + Self.rfc5322Date(date, timeZone),
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: " + (qp ? "quoted-printable" : "8bit"),
        ]
        headers.append("")
        var bodyText = qp ? Self.quotedPrintable(normalizedBody) : normalizedBody
        if !bodyText.hasSuffix("\n") { bodyText += "\n" }
        let bodyLines = bodyText.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        let foldedHeaders = headers.map { $0.replacingOccurrences(of: "\n", with: lineEnding) }
        return (foldedHeaders + bodyLines.map(String.init)).joined(separator: lineEnding) + lineEnding
    }

    /// `Zoë Müller <zoe@example.com>` with the name encoded or quoted as needed.
    static func format(_ address: Address) -> String {
        guard let name = address.name else { return address.email }
        if !name.unicodeScalars.allSatisfy(\.isASCII) {
            return encodedWords(name, firstLineRoom: 70).joined(separator: "\n ") + " <\(address.email)>"
        }
        let atext = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "!#$%&'*+-/=?^_`{|}~ "))
        if name.unicodeScalars.allSatisfy({ atext.contains($0) }) { return "\(name) <\(address.email)>" }
        let quoted = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(quoted)\" <\(address.email)>"
    }

    /// Header text as is when plain ASCII that fits; otherwise RFC 2047 `=?UTF-8?B?…?=` words,
    /// each at most 75 characters and never splitting a character, folded onto continuation lines.
    static func encodeHeaderText(_ text: String, prefixLength: Int) -> String {
        if text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 32 }) && text.utf8.count + prefixLength <= 78 {
            return text
        }
        return encodedWords(text, firstLineRoom: 76 - prefixLength).joined(separator: "\n ")
    }

    /// `firstLineRoom`: the characters left on the header's first line after its name.
    static func encodedWords(_ text: String, firstLineRoom: Int) -> [String] {
        let prefix = "=?UTF-8?B?", suffix = "?="
        // A word is at most 75 characters, 12 of them framing; 4 base64 characters carry 3 bytes.
        // Continuation lines start with a space: 45 bytes (72 characters). The first line has less room.
        func maxBytes(_ room: Int) -> Int { max(3, (min(75, room) - 12) / 4 * 3) }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > maxBytes(words.isEmpty ? firstLineRoom : 75), !chunk.isEmpty {
                words.append(prefix + Data(chunk).base64EncodedString() + suffix)
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(prefix + Data(chunk).base64EncodedString() + suffix) }
        return words
    }

    /// "Sun, 22 Nov 2026 09:30:00 +0000" in the recruiter's time zone.
    public static func rfc5322Date(_ date: Date, _ timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }

    /// Quoted-printable (RFC 2045 §6.7) of UTF-8 text with "\n" line breaks: soft breaks keep
    /// every encoded line within 76 characters; trailing white space is encoded.
    public static func quotedPrintable(_ text: String) -> String {
        var out: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var encodedLine = ""
            var tokens: [String] = []
            let bytes = Array(line.utf8)
            for (i, byte) in bytes.enumerated() {
                let isLast = i == bytes.count - 1
                let plain = (byte >= 33 && byte <= 126 && byte != 61) || ((byte == 32 || byte == 9) && !isLast)
                tokens.append(plain ? String(UnicodeScalar(byte)) : String(format: "=%02X", byte))
            }
            for token in tokens {
                if encodedLine.count + token.count > 75 {
                    out.append(encodedLine + "=")
                    encodedLine = ""
                }
                encodedLine += token
            }
            out.append(encodedLine)
        }
        return out.joined(separator: "\n")
    }
}
