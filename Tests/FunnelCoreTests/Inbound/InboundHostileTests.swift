import Foundation
@testable import FunnelCore
import HostileCorpus
import Testing

/// Hostile and random bytes through the parser: it never traps, and every header value that
/// comes out is one line free of control characters (checked by the corpus's own statement of
/// the rule, not by `PlainText`).
@Suite struct InboundHostileTests {
    static func values(_ message: InboundMessage) -> [String] {
        var values = [message.messageID, message.subject, message.fromName ?? "", message.from ?? ""]
        values += message.inReplyTo + message.references + message.replyTo + message.to
        switch message.kind {
        case .bounce(let failure):
            values += failure.recipients.flatMap { [$0.address, $0.status, $0.diagnostic ?? "", $0.action] }
            values.append(failure.originalMessageID ?? "")
        case .deliveryReport(let status):
            values += status.recipients.flatMap { [$0.address, $0.status, $0.diagnostic ?? "", $0.action] }
            values.append(status.originalMessageID ?? "")
        case .message, .autoReply: break
        }
        return values
    }

    static func expectClean(_ message: InboundMessage, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for value in values(message) {
            #expect(!value.unicodeScalars.contains(where: HostileCorpus.isForbidden), "\(context): \(value.debugDescription)", sourceLocation: sourceLocation)
        }
        if let text = message.text {
            #expect(HostileCorpus.rawControls(in: text).isEmpty, "\(context): text \(text.debugDescription)", sourceLocation: sourceLocation)
        }
    }

    static var everyEntry: [HostileCorpus.Entry] { HostileCorpus.refused + HostileCorpus.accepted }

    static func encoded(_ text: String) -> String { "=?UTF-8?B?" + Data(text.utf8).base64EncodedString() + "?=" }

    @Test(arguments: everyEntry.map(\.id))
    func hostileTextInEveryHeaderComesOutNeutralised(_ id: String) {
        let text = Self.everyEntry.first { $0.id == id }!.text
        let quoted = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let forms = [
            // Raw (the line breaks in some entries end the header: what follows must not become structure).
            "From: \(text) <sender@example.com>\nReply-To: \"\(quoted)\" <reply@example.com>\nSubject: \(text)\nMessage-ID: <\(text)@x.example>\nIn-Reply-To: <a@x> \(text)\n\n\(text)\n",
            // In encoded words, which can hold any character at all.
            "From: \(Self.encoded(text)) <sender@example.com>\nReply-To: \(Self.encoded(text)) <reply@example.com>\nSubject: Re: \(Self.encoded(text))\nMessage-ID: <m@x.example>\n\n\(text)\n",
        ]
        for (n, form) in forms.enumerated() {
            let message = InboundMessage.parse(Array(form.utf8), readingText: true)
            Self.expectClean(message, "\(id) form \(n)")
            // Raw, a line break ends the header and quotes or brackets are structure, as they would be
            // for any reader; encoded, the text is only ever a name.
            let structural = text.unicodeScalars.contains(where: { "\n\r\"<>,".unicodeScalars.contains($0) })
            if n == 1 || !structural {
                #expect(message.from == "sender@example.com", "\(id) form \(n): the address is never taken from a name")
            }
        }
        // Encoded, the text comes back as it was, only neutralised.
        let message = InboundMessage.parse(Array("Subject: \(Self.encoded(text))\n\n".utf8))
        if HostileCorpus.accepted.contains(where: { $0.id == id }) {
            #expect(message.subject == text, "\(id)")
        } else {
            #expect(message.subject != text && !message.subject.isEmpty, "\(id)")
        }
    }

    @Test func theHostileBytesFilesNeverTrapAndComeOutClean() throws {
        let files = try FileManager.default.contentsOfDirectory(at: HostileCorpus.bytesFolder, includingPropertiesForKeys: nil)
        #expect(!files.isEmpty)
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: file))
            // As a header value, as a body, and as a whole message.
            for form in [Array("Subject: ".utf8) + bytes + [0x0A, 0x0A], Array("From: a@x.example\n\n".utf8) + bytes, bytes] {
                Self.expectClean(InboundMessage.parse(form, readingText: true), file.lastPathComponent)
            }
        }
    }

    /// Pieces that make random input look enough like mail to reach every parser.
    static let pieces: [String] = [
        "From: ", "To: ", "Reply-To: ", "Subject: ", "Message-ID: ", "In-Reply-To: ", "References: ", "Date: ",
        "Content-Type: multipart/mixed; boundary=b\n", "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n",
        "Content-Type: message/delivery-status\n", "Content-Type: text/rfc822-headers\n", "Content-Type: text/plain; charset=",
        "Content-Transfer-Encoding: base64\n", "Content-Transfer-Encoding: quoted-printable\n",
        "Final-Recipient: rfc822; ", "Action: failed\n", "Status: 5.1.1\n", "Auto-Submitted: ", "Precedence: ",
        "--b\n", "--b--\n", "\n", "\r\n", "\n\n", " ", "\t", "<", ">", "\"", "(", ")", ",", ";", ":", "@", "=?", "?=", "?B?", "?Q?",
        "=?utf-8?q?", "=?utf-8?b?", "=0A", "=1B", "=C3", "=", "_", "\\", "utf-8", "iso-8859-1", "x@y.example", "Mon, 7 Dec 2026 11:38:02 +0000",
        "\u{1B}[2J", "\u{85}", "\u{2028}", "\u{202E}", "\u{0}", "é", "陈", "👩‍💻",
    ]

    @Test(arguments: 0..<8)
    func randomBytesNeverTrapAndEveryValueIsClean(_ seed: Int) {
        var random = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9 &+ 12345)
        for round in 0..<400 {
            var bytes: [UInt8] = []
            for _ in 0..<random.below(120) {
                if random.chance(0.3) {
                    bytes += (0..<random.below(12)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                } else {
                    bytes += Array(random.element(Self.pieces).utf8)
                }
            }
            let message = InboundMessage.parse(bytes, readingText: true)
            Self.expectClean(message, "seed \(seed) round \(round)")
            #expect(message.subject.count <= HeaderText.subjectLimit)
            #expect((message.text?.utf8.count ?? 0) <= InboundMessage.textLimit)
        }
    }
}
