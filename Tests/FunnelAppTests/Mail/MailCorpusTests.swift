import Foundation
@testable import FunnelApp
import FunnelCore
import HostileCorpus
import Testing

/// Tests/MailCorpus (its README lists every file and what it must produce), read through the
/// Maildir and mbox readers the way `funnel inbox` reads a real mailbox.
@Suite struct MailCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("MailCorpus")
    static var maildir: String { corpus.appendingPathComponent("maildir").path }
    static var mbox: String { corpus.appendingPathComponent("corpus.mbox").path }
    static var crlfMbox: String { corpus.appendingPathComponent("crlf.mbox").path }

    static let sent1 = "1795339800.a1b2c3d4@agency.example"
    static let sent2 = "1795426200.e5f6a7b8@agency.example"
    static let sent3 = "1795512600.c9d0e1f2@agency.example"

    static func key(_ name: String) -> String { "17966304\(name.prefix(2)).\(name).funnel" }

    static let names = [
        "01-plain-reply", "02-reply-by-in-reply-to", "03-encoded-subject-b", "04-encoded-subject-q",
        "05-multipart-alternative", "06-multipart-mixed-attachment", "07-forwarded", "08-auto-submitted",
        "09-x-autoreply", "10-precedence-auto-reply", "11-x-autorespond", "12-dsn-bounce", "13-dsn-delayed",
        "14-unknown-sender", "15-duplicate-a", "16-duplicate-b", "17-no-message-id", "18-crlf",
        "19-hostile-headers", "20-from-in-body",
    ]

    /// What each file must produce (the README's table, as code).
    struct Expected: Sendable, CustomTestStringConvertible {
        var name: String
        var from: String?
        var subject: String
        var kind: String
        var messageID: String?
        var inReplyTo: [String] = []
        var text: String?
        var fromName: String?
        var testDescription: String { name }
    }

    static let expected: [Expected] = [
        Expected(name: "01-plain-reply", from: "zoe.mueller@example.com", subject: "Re: Quick hello", kind: "message",
                 messageID: "CAF=plain.reply.01@mail.example.com", inReplyTo: [sent1], fromName: "Zoë Müller"),
        Expected(name: "02-reply-by-in-reply-to", from: "zm.private@mail.example.net", subject: "RE: A role you might like", kind: "message",
                 messageID: "20261207081245.GA1234@mail.example.net", inReplyTo: [sent2], fromName: "Zoe M."),
        Expected(name: "03-encoded-subject-b", from: "ana.lima@example.org", subject: "Re: Café meeting — next week", kind: "message",
                 messageID: "b64.subject.03@example.org", text: "Olá Rita,\nPodemos falar amanhã.\n", fromName: "Aná Lima"),
        Expected(name: "04-encoded-subject-q", from: "jerome@example.fr", subject: "Réponse : le poste à Lyon (salaire en €)", kind: "message",
                 messageID: "q.subject.04@example.fr", text: "Bonjour, je suis intéressé.\n", fromName: "Jérôme Dupré"),
        Expected(name: "05-multipart-alternative", from: "li.wei@example.com", subject: "Re: Quick hello", kind: "message",
                 messageID: "alt.05@example.com", inReplyTo: [sent3],
                 text: "Hello Rita, a long line that the sender's client wrapped with a soft line break, and a euro sign: €.\n"),
        Expected(name: "06-multipart-mixed-attachment", from: "omar.haddad@example.com", subject: "Re: A role you might like - my CV",
                 kind: "message", messageID: "mixed.06@example.com", text: "Please find my CV attached – I’m available from January.\n"),
        Expected(name: "07-forwarded", from: "sam@thirdparty.example", subject: "Fwd: Re: Quick hello", kind: "message",
                 messageID: "fwd.07@thirdparty.example", text: "Rita, Zoë asked me to pass this on.\n", fromName: "Sam Third"),
        Expected(name: "08-auto-submitted", from: "ken.ito@example.jp", subject: "Automatic reply: Quick hello", kind: "auto Auto-Submitted",
                 messageID: "auto.08@example.jp", inReplyTo: [sent1]),
        Expected(name: "09-x-autoreply", from: "maria.rossi@example.it", subject: "Out of office", kind: "auto X-Autoreply", messageID: "auto.09@example.it"),
        Expected(name: "10-precedence-auto-reply", from: "lars@example.se", subject: "Away", kind: "auto Precedence: auto_reply",
                 messageID: "auto.10@example.se", fromName: "Lars Berg"),
        Expected(name: "11-x-autorespond", from: "nia@example.co.uk", subject: "Re: Quick hello [autoresponse]", kind: "auto X-Autorespond",
                 messageID: "auto.11@example.co.uk"),
        Expected(name: "12-dsn-bounce", from: "mailer-daemon@mail.agency.example", subject: "Undelivered Mail Returned to Sender",
                 kind: "bounce old.address@example.com 5.1.1 1796634720.deadbeef@agency.example",
                 messageID: "20261207091203.4Q12BoUnCe@mail.agency.example", fromName: "Mail Delivery System"),
        Expected(name: "13-dsn-delayed", from: "mailer-daemon@mail.agency.example", subject: "Delayed Mail (still being retried)",
                 kind: "report slow@example.net delayed 4.4.1 1796634780.feedface@agency.example",
                 messageID: "20261207131303.4Q13DeLaY@mail.agency.example"),
        Expected(name: "14-unknown-sender", from: "pat@unknown.example", subject: "Job enquiry", kind: "message", messageID: "unknown.14@unknown.example"),
        Expected(name: "15-duplicate-a", from: "zoe.mueller@example.com", subject: "Re: Quick hello (sent twice)", kind: "message", messageID: "dup.15@mail.example.com"),
        Expected(name: "16-duplicate-b", from: "zoe.mueller@example.com", subject: "Re: Quick hello (sent twice)", kind: "message", messageID: "dup.15@mail.example.com"),
        Expected(name: "17-no-message-id", from: "old.client@example.org", subject: "no id here", kind: "message", messageID: nil),
        Expected(name: "18-crlf", from: "ben.okafor@example.com", subject: "Re: Quick hello ✓", kind: "message", messageID: "crlf.18@example.com",
                 inReplyTo: [sent3], text: "Written with CRLF line endings.\n"),
        Expected(name: "19-hostile-headers", from: "eve@hostile.example",
                 subject: #"Hello Bcc: victim@x.example \x1b[2J\x1b]0;owned\x07 \u009b31m red next"#, kind: "message",
                 messageID: "hostile.19@hostile.example", text: #"Body with an escape \x1b[31m and a bell \x07."# + "\n",
                 fromName: #"Eve\u202e\x07 <boss@agency.example>"#),
        Expected(name: "20-from-in-body", from: "zoe.mueller@example.com", subject: "Re: Quick hello (quoting)", kind: "message",
                 messageID: "from.quoting.20@mail.example.com",
                 text: "Two lines below start with From:\n\nFrom the desk of Zoe Mueller.\n>From a quoted line.\n"),
    ]

    static func describe(_ kind: InboundKind) -> String {
        switch kind {
        case .message: "message"
        case .autoReply(let signal): "auto " + signal.rawValue
        case .bounce(let failure):
            "bounce " + failure.recipients.map { "\($0.address) \($0.status)" }.joined(separator: ", ") + " " + (failure.originalMessageID ?? "-")
        case .deliveryReport(let status):
            "report " + status.recipients.map { "\($0.address) \($0.action) \($0.status)" }.joined(separator: ", ") + " " + (status.originalMessageID ?? "-")
        }
    }

    static func read(_ entries: some Sequence<MailboxEntry>) throws -> [(key: String, message: InboundMessage)] {
        try entries.map { ($0.key, try $0.message(readingText: true)) }
    }

    // MARK: Maildir

    @Test func maildirGivesEveryMessageOnceInKeyOrderAndSkipsTmpAndDotFiles() throws {
        let keys = try MailboxReader.open(maildir: Self.maildir).map(\.key)
        #expect(keys == Self.names.map(Self.key))
        #expect(!keys.contains { $0.contains("in-delivery") || $0.hasPrefix(".") })
    }

    @Test(arguments: expected)
    func everyMaildirFileIsReadAsTheReadmeSays(_ expected: Expected) throws {
        let entry = try #require(try MailboxReader.open(maildir: Self.maildir).first { $0.key == Self.key(expected.name) })
        let message = try entry.message(readingText: true)
        #expect(message.from == expected.from)
        #expect(message.subject == expected.subject)
        #expect(Self.describe(message.kind) == expected.kind)
        if let id = expected.messageID {
            #expect(message.messageID == id)
            #expect(!message.hasSyntheticID)
        } else {
            #expect(message.hasSyntheticID)
            #expect(message.messageID.hasPrefix("synthetic.") && message.messageID.hasSuffix("@funnel.invalid"))
        }
        #expect(message.inReplyTo == expected.inReplyTo)
        if let text = expected.text { #expect(message.text == text) }
        if let name = expected.fromName { #expect(message.fromName == name) }
        #expect(message.date != nil)
        // Every value that comes out is one line of plain text.
        for value in [message.subject, message.messageID, message.fromName ?? "", message.from ?? ""] + message.to + message.replyTo + message.references {
            #expect(HostileCorpus.rawControls(in: value).isEmpty && !value.contains("\n"), "\(value)")
        }
        if let text = message.text { #expect(HostileCorpus.rawControls(in: text).isEmpty, "\(text)") }
    }

    @Test func theHeaderAloneClassifiesLikeTheWholeMessage() throws {
        for entry in try MailboxReader.open(maildir: Self.maildir) {
            var whole = try entry.message(readingText: true)
            whole.text = nil
            #expect(try entry.message() == whole, "\(entry.key)")
        }
    }

    @Test func aReplyFromAnotherAddressNamesTheSentMessageInItsReferences() throws {
        let entry = try #require(try MailboxReader.open(maildir: Self.maildir).first { $0.key == Self.key("02-reply-by-in-reply-to") })
        let message = try entry.message()
        #expect(message.references == ["older.thread.1@agency.example", Self.sent2])
        #expect(message.answeredIDs == [Self.sent2, "older.thread.1@agency.example"])
    }

    @Test func theHostileReplyToQuotedAddressIsNotTaken() throws {
        let entry = try #require(try MailboxReader.open(maildir: Self.maildir).first { $0.key == Self.key("19-hostile-headers") })
        let message = try entry.message()
        #expect(message.replyTo == ["reply@hostile.example"])
        #expect(message.senderAddresses == ["eve@hostile.example", "reply@hostile.example"])
    }

    @Test func theSameMessageTwiceReadsTheSame() throws {
        let messages = try Self.read(MailboxReader.open(maildir: Self.maildir))
        let a = try #require(messages.first { $0.key == Self.key("15-duplicate-a") }?.message)
        let b = try #require(messages.first { $0.key == Self.key("16-duplicate-b") }?.message)
        #expect(a == b)
    }

    @Test func aDateIsReadAsTheInstantItNames() throws {
        let entry = try #require(try MailboxReader.open(maildir: Self.maildir).first { $0.key == Self.key("01-plain-reply") })
        let date = try #require(try entry.message().date)
        #expect(date == ISO8601DateFormatter().date(from: "2026-12-07T08:01:07Z"))
    }

    // MARK: mbox

    @Test func theMboxHoldsTheSameMessagesAsTheMaildir() throws {
        let fromMaildir = try Self.read(MailboxReader.open(maildir: Self.maildir)).map(\.message)
        let fromMbox = try Self.read(MailboxReader.open(mbox: Self.mbox)).map(\.message)
        #expect(fromMbox.count == fromMaildir.count)
        for (a, b) in zip(fromMaildir, fromMbox) { #expect(a == b) }
    }

    @Test func aCRLFMboxWhoseLastMessageHasNoNewlineReadsLikeTheMaildir() throws {
        let maildir = try Self.read(MailboxReader.open(maildir: Self.maildir))
        let wanted = ["01-plain-reply", "12-dsn-bounce", "20-from-in-body"].map { name in maildir.first { $0.key == Self.key(name) }!.message }
        let crlf = try Self.read(MailboxReader.open(mbox: Self.crlfMbox)).map(\.message)
        #expect(crlf.count == 3)
        guard crlf.count == 3 else { return }
        #expect(crlf[0] == wanted[0])
        #expect(crlf[1] == wanted[1])
        var last = crlf[2], lastWanted = wanted[2]
        #expect(last.text == "Two lines below start with From:\n\nFrom the desk of Zoe Mueller.\n>From a quoted line.")
        last.text = nil
        lastWanted.text = nil
        #expect(last == lastWanted)
    }

    @Test func mboxKeysAreOffsetsWithAHash() throws {
        let keys = try MailboxReader.open(mbox: Self.mbox).map(\.key)
        #expect(keys.count == 20)
        #expect(keys.first?.hasPrefix("0:") == true)
        #expect(Set(keys).count == keys.count)
        #expect(try MailboxReader.open(mbox: Self.mbox).map(\.key) == keys)
    }

    // MARK: Re-reads

    func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-mail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return folder
    }

    @Test func renamingAFlagKeepsTheKey() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("maildir")
        try FileManager.default.copyItem(atPath: Self.maildir, toPath: copy.path)
        let before = try MailboxReader.open(maildir: copy.path).map(\.key)
        let name = Self.key("03-encoded-subject-b")
        // What a client does when the message is read: new/NAME → cur/NAME:2,S; then replied: :2,RS.
        try FileManager.default.moveItem(atPath: copy.appendingPathComponent("new/\(name)").path,
                                         toPath: copy.appendingPathComponent("cur/\(name):2,S").path)
        #expect(try MailboxReader.open(maildir: copy.path).map(\.key) == before)
        try FileManager.default.moveItem(atPath: copy.appendingPathComponent("cur/\(name):2,S").path,
                                         toPath: copy.appendingPathComponent("cur/\(name):2,RS").path)
        let after = try MailboxReader.open(maildir: copy.path)
        #expect(after.map(\.key) == before)
        #expect(try after.first { $0.key == name }?.message().subject == "Re: Café meeting — next week")
    }

    @Test func keysComeWithoutReadingTheMessages() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("maildir")
        try FileManager.default.copyItem(atPath: Self.maildir, toPath: copy.path)
        let maildir = try MailboxReader.open(maildir: copy.path)
        // A file gone after the listing: its key is still given; reading it is one clear error.
        let name = Self.key("14-unknown-sender")
        try FileManager.default.removeItem(atPath: copy.appendingPathComponent("new/\(name)").path)
        let entry = try #require(maildir.first { $0.key == name })
        #expect(throws: FunnelError.self) { try entry.message() }
    }

    @Test func anAppendedMboxGivesOnlyTheNewMessagesAfterTheLastSeenKey() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("inbox.mbox").path
        try FileManager.default.copyItem(atPath: Self.mbox, toPath: path)
        let first = try MailboxReader.open(mbox: path).map(\.key)
        let last = try #require(first.last)
        let appended = "From new@example.com Tue Dec  8 09:00:00 2026\nFrom: New Person <new@example.com>\nSubject: arrived later\nMessage-ID: <later@example.com>\n\n>From me, later.\n\n"
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(appended.utf8))
        try handle.close()
        let resumed = try MailboxReader.open(mbox: path, after: last)
        #expect(resumed.resumed)
        let new = try Self.read(resumed)
        #expect(new.map(\.message.messageID) == ["later@example.com"])
        #expect(new.first?.message.text == "From me, later.\n")
        // Every earlier key is unchanged by the append.
        #expect(Array(try MailboxReader.open(mbox: path).map(\.key).prefix(first.count)) == first)
        // Nothing new after the new last key.
        let newLast = try #require(new.last?.key)
        #expect(try MailboxReader.open(mbox: path, after: newLast).map(\.key).isEmpty)
    }

    @Test func aRewrittenMboxIsReadFromTheStart() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("inbox.mbox").path
        let original = try Data(contentsOf: URL(fileURLWithPath: Self.mbox))
        try original.write(to: URL(fileURLWithPath: path))
        let keys = try MailboxReader.open(mbox: path).map(\.key)
        // A client deleted the first message and wrote the file anew: offsets moved.
        let second = try #require(keys.dropFirst().first.flatMap { Int($0.split(separator: ":")[0]) })
        try original.dropFirst(second).write(to: URL(fileURLWithPath: path))
        let reread = try MailboxReader.open(mbox: path, after: keys[5])
        #expect(!reread.resumed)
        #expect(reread.map(\.key).count == 19)
    }

    // MARK: Bad paths

    @Test func aMissingMaildirIsNotFound() {
        #expect(throws: FunnelError.notFound("no Maildir at /nonexistent/mail: it does not exist")) {
            try MailboxReader.open(maildir: "/nonexistent/mail")
        }
    }

    @Test func aFolderWithoutCurAndNewIsNotAMaildir() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: FunnelError.invalid("\(folder.path) is not a Maildir: it needs the folders new/ and cur/")) {
            try MailboxReader.open(maildir: folder.path)
        }
    }

    @Test func aFileThatIsNotAnMboxIsRefused() throws {
        let path = Self.corpus.appendingPathComponent("README.md").path
        #expect(throws: FunnelError.invalid("\(path) is not an mbox file: it does not start with a 'From ' line")) {
            try MailboxReader.open(mbox: path)
        }
    }

    @Test func anEmptyMboxHasNoMessages() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("empty.mbox").path
        FileManager.default.createFile(atPath: path, contents: Data())
        #expect(try MailboxReader.open(mbox: path).map(\.key).isEmpty)
    }
}
