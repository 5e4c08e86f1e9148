import Foundation
@testable import FunnelCore
import Testing

/// Every header goes through `HeaderWriter`; these tests read what it wrote the way `sendmail -t`
/// does (`SendmailHeaders`) and ask who the message would go to.
@Suite struct HeaderWriterTests {
    static let date = Date(timeIntervalSince1970: 1_795_339_800)  // 2026-11-22T09:30:00Z
    static let candidate = "zoe@example.com"

    static func message(toName: String?, subject: String = "Quick hello", to email: String = candidate) -> MailMessage {
        MailMessage(from: .init(name: "Rita Recruiter", email: "rita@agency.example"), to: .init(name: toName, email: email),
                    subject: subject, body: "Hi,\nhello.\n", date: date, timeZone: TimeZone(identifier: "UTC")!,
                    messageID: "1795339800.abc@agency.example")
    }

    // MARK: The hostile corpus

    struct Entry: Decodable, CustomTestStringConvertible {
        var id: String
        var kind: String?
        var text: String
        var testDescription: String { id }
    }

    struct Corpus: Decodable {
        var refused: [Entry]
        var accepted: [Entry]
        var multilineRefused: [Entry]
        var multilineAccepted: [Entry]
    }

    static let corpus: Corpus = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("HostileCorpus/corpus.json")
        // swiftlint:disable:next force_try
        return try! JSONDecoder().decode(Corpus.self, from: Data(contentsOf: url))
    }()

    static var everyEntry: [Entry] {
        corpus.refused + corpus.accepted + corpus.multilineRefused + corpus.multilineAccepted
    }

    /// The test's own account of what no header may hold, and how the refusal names it.
    static func expectedRefusal(_ text: String, header: String) -> FunnelError? {
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let what: String
            switch v {
            case 0x0A: what = "a line break"
            case 0x0D: what = "a carriage return"
            case 0x09: what = "a tab"
            case 0x85: what = "a next-line break"
            case 0x2028: what = "a line separator"
            case 0x2029: what = "a paragraph separator"
            case 0x202A...0x202E: what = "a bidirectional override"
            case 0x2066...0x2069: what = "a bidirectional isolate"
            case 0x00...0x1F, 0x7F...0x9F: what = "a control character"
            default: continue
            }
            let oneLine = [0x0A, 0x0D, 0x85, 0x2028, 0x2029].contains(v)
            return .invalid("the \(header) header would hold \(what) (U+\(String(format: "%04X", v))): "
                + (oneLine ? "a header must be one line" : "a header must be plain text"))
        }
        return nil
    }

    /// Checks one rendered message from the outside: exactly one To, no Cc/Bcc, the recipients
    /// exactly the candidate, every line within limits, the name and subject reading back.
    static func expectSafe(_ text: String, toName: String?, subject: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let headers = SendmailHeaders(text)
        #expect(headers.malformed.isEmpty, "\(headers.malformed)", sourceLocation: sourceLocation)
        #expect(headers.values("To").count == 1, sourceLocation: sourceLocation)
        #expect(headers.recipientFields.count == 1, "\(headers.recipientFields)", sourceLocation: sourceLocation)
        #expect(headers.recipients == [candidate], sourceLocation: sourceLocation)
        let to = AddressList.parse(headers.values("To").first ?? "")
        #expect(to == [.init(displayName: toName, address: candidate)], sourceLocation: sourceLocation)
        #expect(headers.values("Subject").count == 1, sourceLocation: sourceLocation)
        #expect(headers.values("Subject").first.map(SendmailHeaders.decodeUnstructured) == subject, sourceLocation: sourceLocation)
        #expect(AddressList.parse(headers.values("From").first ?? "") == [.init(displayName: "Rita Recruiter", address: "rita@agency.example")],
                sourceLocation: sourceLocation)
        for line in headers.rawLines {
            #expect(line.utf8.count <= HeaderWriter.maxLineOctets, sourceLocation: sourceLocation)
            #expect(!line.trimmingCharacters(in: .whitespaces).isEmpty, sourceLocation: sourceLocation)
            for word in line.split(separator: " ") where word.hasPrefix("=?") {
                #expect(word.count <= 75, "\(word)", sourceLocation: sourceLocation)
            }
        }
        #expect(text.replacingOccurrences(of: "\r\n", with: "\n").hasSuffix("\n\nHi,\nhello.\n"), sourceLocation: sourceLocation)
    }

    /// Renders, expecting either the exact refusal (when `text` holds a forbidden character)
    /// or a message that reads back safely.
    static func check(toName: String, subject: String, header: String, input: String,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        let message = message(toName: toName, subject: subject)
        if let refusal = expectedRefusal(input, header: header) {
            #expect(throws: refusal, sourceLocation: sourceLocation) { try message.rendered() }
            #expect(throws: refusal, sourceLocation: sourceLocation) { try message.rendered(lineEnding: "\r\n") }
        } else {
            for lineEnding in ["\n", "\r\n"] {
                do {
                    expectSafe(try message.rendered(lineEnding: lineEnding), toName: toName, subject: subject, sourceLocation: sourceLocation)
                } catch {
                    Issue.record("refused '\(input.debugDescription)': \(error)", sourceLocation: sourceLocation)
                }
            }
        }
    }

    @Test func theCorpusAgreesWithTheRefusalRule() {
        // Every single-line refusal is one a header refuses too; multi-line text never fits a
        // header line, so the header refuses every multi-line entry that holds a line break or tab.
        for entry in Self.corpus.refused + Self.corpus.multilineRefused {
            #expect(Self.expectedRefusal(entry.text, header: "To") != nil, "\(entry.id)")
        }
        for entry in Self.corpus.accepted {
            #expect(Self.expectedRefusal(entry.text, header: "To") == nil, "\(entry.id)")
        }
        #expect(Self.everyEntry.count > 40)
    }

    @Test(arguments: everyEntry) func asFirstName(_ entry: Entry) {
        Self.check(toName: entry.text + " Smith", subject: "Quick hello", header: "To", input: entry.text)
    }

    @Test(arguments: everyEntry) func asLastName(_ entry: Entry) {
        Self.check(toName: "Eve " + entry.text, subject: "Quick hello", header: "To", input: entry.text)
    }

    @Test(arguments: everyEntry) func asSubject(_ entry: Entry) {
        Self.check(toName: "Zoë Müller", subject: entry.text, header: "Subject", input: entry.text)
    }

    // MARK: The reader itself

    @Test func theReaderSeesWhatSendmailWouldSee() {
        // What the old ad-hoc writer produced for a name holding a line break: two recipients.
        let old = SendmailHeaders("From: r@a.io\nTo: \"Eve\nBcc: attacker@x.com\" <zoe@example.com>\nSubject: x\n\nbody\nBcc: late@x.com\n")
        #expect(old.values("Bcc").count == 1 && old.recipients.count == 2 && old.recipients != [Self.candidate])
        #expect(old.values("Bcc").first?.hasPrefix(" attacker@x.com") == true)
        #expect(SendmailHeaders("To: a@b.com>, c@d.com <zoe@example.com>\r\n\r\n").recipients.count == 2)
        #expect(SendmailHeaders("To: Eve\rCc: cr@x.com\n\n").recipients == ["eve", "cr@x.com"])
        let folded = SendmailHeaders("To: =?UTF-8?B?Wm/Dqw==?=\n =?UTF-8?Q?_M=C3=BCller?= (work)\n <zoe@example.com>,\n\tFriends: a@b.com, \"Q, R\" <q@r.io>;\n\n")
        #expect(folded.recipients == ["zoe@example.com", "a@b.com", "q@r.io"])
        #expect(AddressList.parse(folded.values("To")[0]).first == .init(displayName: "Zoë Müller", address: "zoe@example.com"))
        #expect(SendmailHeaders.decodeUnstructured(" =?UTF-8?B?T2zDoQ==?= =?UTF-8?B?IFpvw6s=?= and  more") == "Olá Zoë and  more")
    }

    // MARK: Injection payloads

    @Test func injectionInANameIsRefused() {
        for (name, refusal) in [
            ("Eve\nBcc: attacker@x.com", "the To header would hold a line break (U+000A): a header must be one line"),
            ("Eve\r\nBcc: a@x.com", "the To header would hold a carriage return (U+000D): a header must be one line"),
            ("Eve\u{85}Bcc:", "the To header would hold a next-line break (U+0085): a header must be one line"),
            ("Eve\u{2028}Bcc: a@x.com", "the To header would hold a line separator (U+2028): a header must be one line"),
            ("Eve\u{202E}moc.x@a", "the To header would hold a bidirectional override (U+202E): a header must be plain text"),
        ] {
            #expect(throws: FunnelError.invalid(refusal)) { try Self.message(toName: name).rendered() }
        }
        #expect(throws: FunnelError.invalid("the Subject header would hold a line break (U+000A): a header must be one line")) {
            try Self.message(toName: "Zoë", subject: "Hello\nBcc: attacker@x.com").rendered()
        }
    }

    @Test func addressLookingNamesStayOneDisplayName() throws {
        for name in ["a@b.com>, c@d.com", "\"Eve\" <eve@x.com>, Bcc: y@z.com", "Eve <attacker@x.com>", "x@y.com",
                     "Eve, Bcc: attacker@x.com;", "(comment) Eve", "Group: a@b.com;", "=?UTF-8?B?QmNjOiB4QHkuY29t?=",
                     "back\\slash \"quoted\" \\\"", "\"", "\\"] {
            Self.expectSafe(try Self.message(toName: name).rendered(), toName: name, subject: "Quick hello")
        }
    }

    @Test func badAddressesAreRefused() {
        for address in ["zoe@example.com\nBcc: attacker@x.com", "a@b.com>, c@d.com", " zoe@example.com", "zoe@example.com ",
                        "zoe @example.com", "\"zoe\"@example.com", "zoe@example.com,x@y.com", "zoe(x)@example.com", "zoe", ""] {
            #expect(throws: FunnelError.self, "\(address.debugDescription)") { try Self.message(toName: "Zoë", to: address).rendered() }
        }
        #expect(throws: FunnelError.invalid("the To header would hold a line break (U+000A): a header must be one line")) {
            try Self.message(toName: "Zoë", to: "zoe@example.com\nBcc: attacker@x.com").rendered()
        }
        #expect(throws: FunnelError.invalid(
            "the To header would hold an invalid address 'a@b.com>, c@d.com': expected one plain address like name@example.com")) {
            try Self.message(toName: "Zoë", to: "a@b.com>, c@d.com").rendered()
        }
    }

    // MARK: RFC 2047 round trips

    @Test func longNonASCIINamesRoundTrip() throws {
        let names = [
            String(repeating: "山田太郎", count: 40),
            String(repeating: "👩‍👩‍👧‍👦", count: 30),
            "Zoë " + String(repeating: "🚀", count: 50) + " Müller",
            "e" + String(repeating: "\u{301}", count: 120),  // one grapheme far longer than a word holds
            "Ünïcödé \"quoted\" and \\backslash\\",
            String(repeating: "a", count: 2000),  // no space to fold at: encoded instead
        ]
        for name in names {
            let text = try Self.message(toName: name, subject: name).rendered(lineEnding: "\r\n")
            Self.expectSafe(text, toName: name, subject: name)
        }
    }

    @Test func quotedNamesEscapeQuotesAndBackslashes() throws {
        #expect(try MailMessage.format(.init(name: "Pat \"The Cat\" O'Neil", email: "p@x.io")) == "\"Pat \\\"The Cat\\\" O'Neil\" <p@x.io>")
        #expect(try MailMessage.format(.init(name: "C:\\Users\\pat", email: "p@x.io")) == "\"C:\\\\Users\\\\pat\" <p@x.io>")
        #expect(try MailMessage.format(.init(name: "Rita Recruiter", email: "p@x.io")) == "Rita Recruiter <p@x.io>")
    }

    @Test func longPlainSubjectsFoldAtSpaces() throws {
        let subject = (1...400).map { "word\($0)" }.joined(separator: " ")
        let text = try Self.message(toName: "Zoë", subject: subject).rendered()
        Self.expectSafe(text, toName: "Zoë", subject: subject)
        #expect(SendmailHeaders(text).rawLines.allSatisfy { $0.utf8.count <= HeaderWriter.foldAt })
        #expect(!text.contains("=?UTF-8?B?d29yZ"))  // plain words stay plain
    }

    @Test func everyHeaderGoesThroughTheWriter() {
        #expect(throws: FunnelError.invalid("the Message-ID header would hold a line break (U+000A): a header must be one line")) {
            var m = Self.message(toName: "Zoë")
            m.messageID = "x@y\nBcc: attacker@x.com"
            return try m.rendered()
        }
        #expect(throws: FunnelError.invalid("the From header would hold a line break (U+000A): a header must be one line")) {
            var m = Self.message(toName: "Zoë")
            m.from.name = "Rita\nBcc: attacker@x.com"
            return try m.rendered()
        }
        #expect(throws: FunnelError.self) { try HeaderWriter.field("Content-Type", "text/plain\r\nBcc: a@x.com") }
        #expect(throws: FunnelError.self) { try HeaderWriter.field("X-Note", "café") }
    }
}
