import Foundation
@testable import FunnelCore
import Testing

/// Bounce, delivery report, auto-reply or a person's mail (docs/mailbox.md).
@Suite struct ClassificationTests {
    static func message(_ text: String) -> InboundMessage { InboundMessage.parse(Array(text.utf8)) }
    static let plain = "From: Zoe <zoe@example.com>\nSubject: Re: hello\nMessage-ID: <r@example.com>\n"

    @Test(arguments: [
        ("Auto-Submitted: auto-replied", AutoReplySignal.autoSubmitted),
        ("Auto-Submitted: auto-generated", .autoSubmitted),
        ("Auto-Submitted: auto-notified; owner-email=\"x@y.example\"", .autoSubmitted),
        ("auto-submitted: AUTO-REPLIED (vacation)", .autoSubmitted),
        ("X-Autoreply: yes", .xAutoreply),
        ("X-Autoreply:", .xAutoreply),
        ("X-Autorespond: travelling", .xAutorespond),
        ("Precedence: auto_reply", .precedenceAutoReply),
        ("Precedence: AUTO_REPLY", .precedenceAutoReply),
        ("Precedence: bulk", .precedenceBulk),
        ("Precedence: junk", .precedenceBulk),
        ("Precedence: list", .precedenceBulk),
    ])
    func automaticMailIsNotAReply(_ header: String, _ signal: AutoReplySignal) {
        #expect(Self.message(Self.plain + header + "\n\nbody\n").kind == .autoReply(signal))
    }

    @Test(arguments: ["Auto-Submitted: no", "Auto-Submitted: No (a person wrote this)", "Precedence: first-class", "X-Auto-Response-Suppress: All"])
    func otherValuesAreAPersonsMail(_ header: String) {
        #expect(Self.message(Self.plain + header + "\n\nbody\n").kind == .message)
    }

    static func report(action: String, status: String, reportType: String = "delivery-status", returned: String = "message/rfc822",
                       recipients: String? = nil) -> String {
        let recipient = recipients ?? """
        Final-Recipient: rfc822; Final@Example.com
        Original-Recipient: rfc822;Sent@Example.com
        Action: \(action)
        Status: \(status) (some comment)
        Diagnostic-Code: smtp; 550 no such \u{1B}[2J user
        """
        return """
        From: MAILER-DAEMON@mx.example (Mail Delivery System)
        Auto-Submitted: auto-replied
        Content-Type: multipart/report; report-type=\(reportType); boundary="r"

        --r
        Content-Type: text/plain

        notification
        --r
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.example

        \(recipient)

        --r
        Content-Type: \(returned)

        From: rita@agency.example
        Message-ID: <sent.1@agency.example>

        --r--
        """
    }

    @Test func aPermanentFailureIsABounce() throws {
        guard case .bounce(let failure) = Self.message(Self.report(action: "failed", status: "5.1.1")).kind else {
            Issue.record("not a bounce")
            return
        }
        #expect(failure.addresses == ["sent@example.com"], "the address Funnel sent to: Original-Recipient")
        #expect(failure.recipients.first?.finalRecipient == "final@example.com")
        #expect(failure.recipients.first?.status == "5.1.1")
        #expect(failure.recipients.first?.diagnostic == #"smtp; 550 no such \x1b[2J user"#)
        #expect(failure.originalMessageID == "sent.1@agency.example")
    }

    @Test(arguments: [("delayed", "4.4.1"), ("delivered", "2.0.0"), ("relayed", "2.0.0"), ("expanded", "2.0.0"), ("failed", "4.4.7"),
                      ("failed", "nonsense"), ("delayed", "5.0.0")])
    func anythingElseIsAReportNotABounce(_ action: String, _ status: String) {
        let kind = Self.message(Self.report(action: action, status: status, returned: "text/rfc822-headers")).kind
        guard case .deliveryReport(let report) = kind else {
            Issue.record("\(action) \(status) gave \(kind)")
            return
        }
        #expect(report.recipients.map(\.action) == [action])
        #expect(report.originalMessageID == "sent.1@agency.example")
    }

    @Test func oneFailureAmongSeveralRecipientsBouncesOnlyThatOne() {
        let recipients = """
        Final-Recipient: rfc822; ok@example.com
        Action: delayed
        Status: 4.4.1

        Final-Recipient: rfc822; <gone@example.com>
        Action: failed
        Status: 5.1.1
        """
        guard case .bounce(let failure) = Self.message(Self.report(action: "", status: "", recipients: recipients)).kind else {
            Issue.record("not a bounce")
            return
        }
        #expect(failure.addresses == ["gone@example.com"])
    }

    @Test func aReportOfAnotherTypeIsNotADeliveryReport() {
        #expect(Self.message(Self.report(action: "failed", status: "5.1.1", reportType: "disposition-notification")).kind == .autoReply(.autoSubmitted))
    }

    @Test func aReportReadWithoutItsBodyFallsBackOnItsHeaders() {
        let bytes = Array(Self.report(action: "failed", status: "5.1.1").utf8)
        let header = MessageHeader.parse(bytes)
        #expect(InboundMessage.needsBody(header, readingText: false))
        #expect(InboundMessage(header: header, message: nil).kind == .autoReply(.autoSubmitted))
        #expect(!InboundMessage.needsBody(MessageHeader.parse(Array(Self.plain.utf8)), readingText: false))
    }

    @Test func aForwardedMessageIsClassifiedByItsOuterHeadersOnly() {
        let forwarded = """
        From: Sam <sam@third.example>
        Subject: Fwd: Re: hello
        Content-Type: multipart/mixed; boundary=f

        --f
        Content-Type: message/rfc822

        From: zoe@example.com
        In-Reply-To: <sent.1@agency.example>
        Auto-Submitted: auto-replied

        inner
        --f--
        """
        let message = Self.message(forwarded)
        #expect(message.from == "sam@third.example")
        #expect(message.inReplyTo.isEmpty)
        #expect(message.kind == .message)
    }

    @Test func aMessageWithoutAMessageIDGetsAStableSyntheticOne() {
        let lf = "From: a@x.example\nSubject: s\nDate: Mon, 7 Dec 2026 09:00:00 +0000\n\nbody\n"
        let id = Self.message(lf).messageID
        #expect(Self.message(lf).hasSyntheticID)
        #expect(id == Self.message(lf).messageID)
        #expect(id == Self.message(lf.replacingOccurrences(of: "\n", with: "\r\n")).messageID, "line endings do not matter")
        #expect(id == Self.message("Status: RO\nX-Status: A\n" + lf).messageID, "nor what an mbox client adds")
        #expect(id == Self.message(lf.replacingOccurrences(of: "body", with: "other body")).messageID, "the header decides")
        #expect(id != Self.message(lf.replacingOccurrences(of: "Subject: s", with: "Subject: t")).messageID)
        // A fixed value: the id is stored across runs and versions, so it must never change.
        #expect(id == "synthetic.\(StableHash.hex(Array("from:a@x.example\nsubject:s\ndate:Mon, 7 Dec 2026 09:00:00 +0000\n".utf8)))@funnel.invalid")
        #expect(StableHash.hex(Array("a".utf8)) == "af63dc4c8601ec8c", "FNV-1a 64 of \"a\"")
    }

    @Test func anEmptyInputIsAnEmptyMessage() {
        let message = InboundMessage.parse([])
        #expect(message.kind == .message)
        #expect(message.from == nil)
        #expect(message.subject == "")
        #expect(message.hasSyntheticID)
    }
}
