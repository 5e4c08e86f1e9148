import Foundation

/// A message read from the mailbox, as Funnel needs it to log a reply: who sent it, what it
/// answers, its subject (the touch note) and what kind of message it is. Pure: bytes in, value
/// out; any bytes give a value (nothing here throws or traps), and every text value is one line
/// free of control characters (`HeaderText`).
public struct InboundMessage: Sendable, Equatable {
    /// The Message-ID without angle brackets, or a synthetic one (`hasSyntheticID`) derived
    /// from the header bytes: `synthetic.<16 hex digits>@funnel.invalid`, the FNV-1a hash
    /// (`StableHash`) of every field's lower-cased name and unfolded raw value, leaving out the
    /// fields mail programs add or rewrite as they store a message (`Status`, `X-Status`,
    /// `X-Mozilla-Status*`, `X-UID`, `X-Keywords`, `Content-Length`, `Lines`). So the same
    /// message gets the same id in a Maildir file and in an mbox, with LF or CRLF line
    /// endings, on every run.
    public var messageID: String
    public var hasSyntheticID: Bool
    public var inReplyTo: [String]
    public var references: [String]
    /// The first From address (lower-cased), nil when there is none that reads as an address.
    public var from: String?
    /// The From display name, decoded and neutralised.
    public var fromName: String?
    public var replyTo: [String]
    public var to: [String]
    /// The decoded subject, neutralised, trimmed, at most `HeaderText.subjectLimit` characters: the touch note.
    public var subject: String
    /// The Date header, nil when absent or unreadable.
    public var date: Date?
    public var kind: InboundKind
    /// The first text/plain part (not an attachment, not inside a forwarded message), decoded,
    /// at most `textLimit` bytes; nil unless asked for (`readingText`) or when there is none.
    public var text: String?

    /// The preview's bound: enough for a note, never a whole attachment.
    public static let textLimit = 64 * 1024

    /// The ids this message answers: In-Reply-To, then References, without repeats.
    public var answeredIDs: [String] {
        var seen = Set<String>()
        return (inReplyTo + references).filter { seen.insert($0).inserted }
    }

    /// Every address the sender may be known by: From, then Reply-To.
    public var senderAddresses: [String] {
        var seen = Set<String>()
        return ((from.map { [$0] } ?? []) + replyTo).filter { seen.insert($0).inserted }
    }

    /// Parses a whole message.
    public static func parse(_ bytes: [UInt8], readingText: Bool = false) -> InboundMessage {
        let header = MessageHeader.parse(bytes[...])
        return InboundMessage(header: header, message: bytes[...], readingText: readingText)
    }

    /// From a parsed header; `message` is the whole message's bytes, or nil when only the
    /// header was read (then the kind is decided on the header alone and there is no text).
    public init(header: MessageHeader, message: ArraySlice<UInt8>?, readingText: Bool = false) {
        if let id = header.raw("message-id").flatMap({ MessageIDList.parse($0).first }) {
            messageID = id
            hasSyntheticID = false
        } else {
            messageID = Self.syntheticID(header)
            hasSyntheticID = true
        }
        inReplyTo = header.raw("in-reply-to").map { MessageIDList.parse($0) } ?? []
        references = header.all("references").flatMap { MessageIDList.parse($0) }
        let sender = header.raw("from").flatMap { AddressHeader.parse($0).first }
        from = sender?.address
        fromName = sender?.name
        replyTo = header.all("reply-to").flatMap { AddressHeader.addresses($0) }
        to = header.all("to").flatMap { AddressHeader.addresses($0) }
        subject = header.raw("subject").map { HeaderText.unstructured($0) } ?? ""
        date = header.text("date").flatMap(MailDate.parse)
        kind = MessageClassifier.classify(header, message: message)
        if readingText, let message {
            text = MIMEEntity(message).firstPlainText()?.text(limit: Self.textLimit)
        }
    }

    /// Fields that mail programs add or rewrite when they store a message, left out of the synthetic id.
    static let storageFields: Set<String> = ["status", "x-status", "x-mozilla-status", "x-mozilla-status2", "x-uid",
                                             "x-keywords", "content-length", "lines", "x-imap", "x-imapbase"]

    /// `synthetic.<hash>@funnel.invalid` for a message without a Message-ID (see `messageID`).
    public static func syntheticID(_ header: MessageHeader) -> String {
        var hash = StableHash()
        for field in header.fields where !storageFields.contains(field.name) {
            hash.add(field.name.utf8)
            hash.add(UInt8(ascii: ":"))
            for byte in field.value where byte != 0x0D && byte != 0x0A { hash.add(byte) }
            hash.add(0x0A)
        }
        return "synthetic.\(hash.hex())@funnel.invalid"
    }

    /// Whether a reader must read past the header: to classify (a report) or for the text.
    public static func needsBody(_ header: MessageHeader, readingText: Bool) -> Bool {
        readingText || MessageClassifier.needsBody(header)
    }
}
