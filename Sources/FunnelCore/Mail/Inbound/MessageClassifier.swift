/// The rules that make a message a bounce, an auto-reply or a person's mail, in that order (a
/// bounce carries `Auto-Submitted: auto-replied` too, as Postfix writes it, and must still
/// count as a bounce). Outer headers only: see `InboundKind`.
public enum MessageClassifier {
    /// Whether classifying needs the body: only a `multipart/report` does, so a reader can
    /// leave every other body unread.
    public static func needsBody(_ header: MessageHeader) -> Bool {
        // Checked on the bytes (case-insensitively, after white space): this runs for every message.
        guard let raw = header.raw("content-type") else { return false }
        let wanted = Array("multipart/report".utf8)
        guard let start = raw.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }), raw.count - start >= wanted.count else { return false }
        for (k, byte) in wanted.enumerated() where raw[start + k] | 0x20 != byte | 0x20 { return false }
        return ContentType.of(header).mediaType == "multipart/report"
    }

    /// The kind of the message whose header is `header`; `body` is the whole message's bytes
    /// (header included) or nil when it was not read (then a report cannot be recognised).
    public static func classify(_ header: MessageHeader, message bytes: ArraySlice<UInt8>?) -> InboundKind {
        if let bytes, needsBody(header), let status = DeliveryStatus.read(MIMEEntity(bytes)) {
            let failed = status.recipients.filter(\.isPermanentFailure)
            if failed.isEmpty { return .deliveryReport(status) }
            return .bounce(DeliveryFailure(recipients: failed, originalMessageID: status.originalMessageID))
        }
        if let signal = autoReplySignal(header) { return .autoReply(signal) }
        return .message
    }

    /// The header that makes the message automatic, if any (RFC 3834 and common practice).
    public static func autoReplySignal(_ header: MessageHeader) -> AutoReplySignal? {
        if let value = header.text("auto-submitted") {
            let word = value.prefix(while: { $0 != ";" && $0 != "(" && !$0.isWhitespace }).lowercased()
            if word != "no" { return .autoSubmitted }
        }
        if header.has("x-autoreply") { return .xAutoreply }
        if header.has("x-autorespond") { return .xAutorespond }
        if let precedence = header.text("precedence")?.lowercased() {
            let word = precedence.prefix(while: { !$0.isWhitespace && $0 != ";" && $0 != "(" })
            if word == "auto_reply" { return .precedenceAutoReply }
            if ["bulk", "junk", "list"].contains(word) { return .precedenceBulk }
        }
        return nil
    }
}
