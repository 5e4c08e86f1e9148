import Foundation
@testable import FunnelCore
import Testing

/// RFC 5322 dates, including the obsolete forms still sent.
@Suite struct MailDateTests {
    static func iso(_ text: String) -> Date? { ISO8601DateFormatter().date(from: text) }

    @Test(arguments: [
        ("Mon, 7 Dec 2026 11:38:02 +0000", "2026-12-07T11:38:02Z"),
        ("Mon, 07 Dec 2026 11:38:02 +0100", "2026-12-07T10:38:02Z"),
        ("7 Dec 2026 11:38:02 -0530", "2026-12-07T17:08:02Z"),
        ("Mon,  7 Dec 2026 09:12:03 +0000 (UTC)", "2026-12-07T09:12:03Z"),
        ("Mon, 7 Dec 2026 11:38 +0000", "2026-12-07T11:38:00Z"),
        ("Mon, 7 Dec 26 11:38:02 GMT", "2026-12-07T11:38:02Z"),
        ("Mon, 7 Dec 99 11:38:02 GMT", "1999-12-07T11:38:02Z"),
        ("Mon, 7 Dec 126 11:38:02 GMT", "2026-12-07T11:38:02Z"),
        ("Mon, 7 Dec 2026 11:38:02 EST", "2026-12-07T16:38:02Z"),
        ("Mon, 7 Dec 2026 11:38:02 PDT", "2026-12-07T18:38:02Z"),
        ("Mon, 7 Dec 2026 11:38:02 Q", "2026-12-07T11:38:02Z"),  // military zones count as +0000
        ("Mon, 7 Dec 2026 11:38:02", "2026-12-07T11:38:02Z"),
        ("Mon, 7 december 2026 1:02:03 +0000", "2026-12-07T01:02:03Z"),
        ("Mon Dec 7 2026 11:38:02 +0000", "2026-12-07T11:38:02Z"),
        ("Sat, 29 Feb 2028 00:00:00 +0000", "2028-02-29T00:00:00Z"),
        ("Thu, 31 Dec 2026 23:59:60 +0000", "2026-12-31T23:59:59Z"),  // a leap second is read as :59
        ("Thu, 1 Jan 1970 00:00:00 +0000", "1970-01-01T00:00:00Z"),
    ])
    func datesAreRead(_ text: String, _ instant: String) {
        #expect(MailDate.parse(text) == Self.iso(instant))
    }

    @Test(arguments: ["", "yesterday", "Mon, 32 Dec 2026 11:38:02 +0000", "Mon, 29 Feb 2027 10:00:00 +0000",
                      "Mon, 7 Foo 2026 11:38:02 +0000", "Mon, 7 Dec 2026 24:00:00 +0000", "Mon, 7 Dec 2026 11:61:00 +0000",
                      "Mon, 7 Dec 20x6 11:38:02 +0000", "7 Dec", "Mon, 7 Dec 2026 noon"])
    func nonsenseIsNoDate(_ text: String) {
        #expect(MailDate.parse(text) == nil)
    }

    @Test func whatFunnelWritesReadsBack() {
        let date = Date(timeIntervalSince1970: 1_795_339_800)
        for zone in ["UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata"] {
            #expect(MailDate.parse(MailMessage.rfc5322Date(date, TimeZone(identifier: zone)!)) == date, "\(zone)")
        }
    }
}
