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
            // Kept exactly as given (not trimmed): the header writer judges the real text.
            self.name = name?.trimmed.isEmpty == false ? name : nil
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
    static let maxLineOctets = HeaderWriter.maxLineOctets

    /// `Zoë Müller <zoe@example.com>` as the To header holds it, unfolded (see `HeaderWriter`).
    static func format(_ address: Address) throws -> String {
        try HeaderWriter.mailboxValue(displayName: address.name, address: address.email, header: "To")
    }

    public var usesQuotedPrintable: Bool {
        body.split(separator: "\n", omittingEmptySubsequences: false).contains {
            $0.utf8.count > MailMessage.maxLineOctets
        }
    }

    /// The whole message. `lineEnding` is "\n" for a local `sendmail -t` pipe (the Unix
    /// convention) and "\r\n" for a `.eml` file (the wire format). Every header is written by
    /// `HeaderWriter`, which throws (nothing is rendered) when a value cannot be one safe header
    /// line: a line break or other control in a name or the subject, an address that is not a
    /// plain addr-spec.
    public func rendered(lineEnding: String = "\n") throws -> String {
        let normalizedBody = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let qp = usesQuotedPrintable
        let headers = [
            try HeaderWriter.mailbox("From", displayName: from.name, address: from.email),
            try HeaderWriter.mailbox("To", displayName: to.name, address: to.email),
            try HeaderWriter.unstructured("Subject", subject),
            try HeaderWriter.field("Date", Self.rfc5322Date(date, timeZone)),
            try HeaderWriter.messageID(messageID),
            try HeaderWriter.field("MIME-Version", "1.0"),
            try HeaderWriter.field("Content-Type", "text/plain; charset=UTF-8"),
            try HeaderWriter.field("Content-Transfer-Encoding", qp ? "quoted-printable" : "8bit"),
        ]
        var bodyText = qp ? Self.quotedPrintable(normalizedBody) : normalizedBody
        if !bodyText.hasSuffix("\n") { bodyText += "\n" }
        let bodyLines = bodyText.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        // The writer folds with "\n " and refuses any value holding a line break of its own,
        // so every "\n" in a header is a fold and becomes the line ending.
        let foldedHeaders = headers.map { $0.replacingOccurrences(of: "\n", with: lineEnding) }
        return (foldedHeaders + [""] + bodyLines.map(String.init)).joined(separator: lineEnding) + lineEnding
    }

    /// "Sun, 22 Nov 2026 09:30:00 +0000" in the recruiter's time zone. Worked out from the zone's
    /// offset at that instant and the proleptic Gregorian calendar (days from civil, H. Hinnant),
    /// not with a DateFormatter: making one per message was half of a campaign send's own CPU.
    /// MailMessageTests compares it with DateFormatter's output across zones and centuries.
    public static func rfc5322Date(_ date: Date, _ timeZone: TimeZone) -> String {
        let offset = timeZone.secondsFromGMT(for: date)
        let local = Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(offset)
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let second = local - days * 86_400
        // Civil from days: 0 is 1970-01-01, a Thursday.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shifted + 2) / 5 + 1
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        let weekday = ((days % 7) + 7 + 4) % 7
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let sign = offset < 0 ? "-" : "+"
        let minutes = Int64(abs(offset) / 60)
        let zone = sign + two(minutes / 60) + two(minutes % 60)
        let yearText = year >= 0 && year < 1_000 ? String(repeating: "0", count: 4 - "\(year)".count) + "\(year)" : "\(year)"
        return "\(weekdays[Int(weekday)]), \(two(day)) \(months[Int(month) - 1]) \(yearText) "
            + "\(two(second / 3_600)):\(two(second / 60 % 60)):\(two(second % 60)) \(zone)"
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
