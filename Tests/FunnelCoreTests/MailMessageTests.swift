import Foundation
@testable import FunnelCore
import Testing

@Suite struct MailMessageTests {
    let date = Date(timeIntervalSince1970: 1_795_339_800)  // 2026-11-22T09:30:00Z

    func message(subject: String, body: String, toName: String = "Zoë Müller") -> MailMessage {
        MailMessage(from: .init(name: "Rita Recruiter", email: "rita@agency.example"), to: .init(name: toName, email: "zoe@example.com"),
                    subject: subject, body: body, date: date, timeZone: TimeZone(identifier: "UTC")!, messageID: "1795339800.abc@agency.example")
    }

    @Test func headers() throws {
        let text = try message(subject: "Quick hello", body: "Hi Zoë,\nça va?\n").rendered()
        let lines = text.components(separatedBy: "\n")
        #expect(lines.contains("From: Rita Recruiter <rita@agency.example>"))
        #expect(lines.contains("To: =?UTF-8?B?Wm/DqyBNw7xsbGVy?= <zoe@example.com>"))
        #expect(lines.contains("Subject: Quick hello"))
        #expect(lines.contains("Date: Sun, 22 Nov 2026 09:30:00 +0000"))
        #expect(lines.contains("Message-ID: <1795339800.abc@agency.example>"))
        #expect(lines.contains("MIME-Version: 1.0"))
        #expect(lines.contains("Content-Type: text/plain; charset=UTF-8"))
        #expect(lines.contains("Content-Transfer-Encoding: 8bit"))
        #expect(text.hasSuffix("\n\nHi Zoë,\nça va?\n"))
    }

    @Test func encodedSubjectDecodesBack() throws {
        let subject = "Olá Zoë — 山田さんへ, a role in Lisbon you might like 🚀 (long enough to need two words)"
        let text = try message(subject: subject, body: "x").rendered(lineEnding: "\r\n")
        let headerBlock = try #require(text.components(separatedBy: "\r\n\r\n").first)
        // Unfold, then decode every encoded word.
        let unfolded = headerBlock.replacingOccurrences(of: "\r\n ", with: " ")
        let subjectLine = try #require(unfolded.components(separatedBy: "\r\n").first { $0.hasPrefix("Subject: ") })
        var decoded = Data()
        for word in subjectLine.dropFirst("Subject: ".count).split(separator: " ") {
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?=") && word.count <= 75)
            decoded += try #require(Data(base64Encoded: String(word.dropFirst(10).dropLast(2))))
        }
        #expect(String(decoding: decoded, as: UTF8.self) == subject)
        for line in headerBlock.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 78) }
    }

    @Test func longLinesUseQuotedPrintable() throws {
        let long = String(repeating: "é", count: 600) + " end "
        let m = message(subject: "x", body: long + "\nshort")
        #expect(m.usesQuotedPrintable)
        let text = try m.rendered()
        #expect(text.contains("Content-Transfer-Encoding: quoted-printable"))
        let body = text.components(separatedBy: "\n\n").dropFirst().joined(separator: "\n\n")
        for line in body.split(separator: "\n") { #expect(line.count <= 76) }
        #expect(body.contains("=C3=A9"))
        #expect(body.contains("end=20"))  // trailing space encoded
    }

    @Test func plainNamesAreQuotedWhenNeeded() throws {
        #expect(try MailMessage.format(.init(name: "O'Neil, Pat", email: "p@x.io")) == "\"O'Neil, Pat\" <p@x.io>")
        #expect(try MailMessage.format(.init(name: nil, email: "p@x.io")) == "p@x.io")
    }

    /// The Date header is worked out by hand (rfc5322Date): it must say what DateFormatter says,
    /// in zones east and west, with half-hour and 45-minute offsets, around DST changes and leap
    /// days, from 1970 to 2199 (a Date header is the moment of sending; before 1900 some zones had
    /// offsets in seconds, which DateFormatter writes as "-003645", not a valid RFC 5322 zone).
    @Test(arguments: ["UTC", "Europe/Lisbon", "Europe/Madrid", "America/New_York", "America/St_Johns", "Asia/Kolkata",
                      "Asia/Kathmandu", "Australia/Lord_Howe", "Pacific/Kiritimati", "Pacific/Pago_Pago"])
    func theDateHeaderIsWhatDateFormatterWrites(zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        var random = SplitMix64(seed: 12)
        var instants: [Int64] = [0, 86_399, 86_400, 951_782_400, 1_709_164_800, 1_711_846_800, 1_729_990_800, 1_795_339_800,
                                 4_102_444_799, 4_107_542_400, 7_258_118_399]
        for _ in 0..<2_000 { instants.append(Int64(random.next() % 7_258_118_400)) }
        for seconds in instants {
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            #expect(MailMessage.rfc5322Date(date, timeZone) == formatter.string(from: date), "\(seconds) in \(zone)")
        }
    }
}
