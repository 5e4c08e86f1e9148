/// What a message from the mailbox is, for logging: the classification rules are in
/// docs/mailbox.md. Only the outer headers count — a forwarded message is classified (and its
/// sender taken) from the forwarder's headers, never from the message inside it.
public enum InboundKind: Sendable, Equatable {
    /// Mail from a person.
    case message
    /// An automatic answer (out of office, vacation, list or bulk mail): not a reply from a person.
    case autoReply(AutoReplySignal)
    /// An RFC 3464 report with at least one permanent failure: those addresses bounce.
    case bounce(DeliveryFailure)
    /// An RFC 3464 report with no permanent failure (a delay, a success, a relay, a 4.x.x give-up):
    /// neither a reply nor a bounce.
    case deliveryReport(DeliveryStatus)
}

/// Which header made a message automatic.
public enum AutoReplySignal: String, Sendable, Equatable {
    /// `Auto-Submitted` with any value but `no` (RFC 3834).
    case autoSubmitted = "Auto-Submitted"
    /// `X-Autoreply` present, whatever its value.
    case xAutoreply = "X-Autoreply"
    /// `X-Autorespond` present, whatever its value.
    case xAutorespond = "X-Autorespond"
    /// `Precedence: auto_reply`.
    case precedenceAutoReply = "Precedence: auto_reply"
    /// `Precedence: bulk`, `junk` or `list`: vacation(1) and many responders mark their answers
    /// only this way, and list or bulk mail is not a person answering either.
    case precedenceBulk = "Precedence: bulk"
}

/// The permanent failures of a delivery report.
public struct DeliveryFailure: Sendable, Equatable {
    /// The recipients that failed for good (`DeliveryStatus.Recipient.isPermanentFailure`).
    public var recipients: [DeliveryStatus.Recipient]
    /// The Message-ID of the message that bounced, when the report returned its headers.
    public var originalMessageID: String?

    public init(recipients: [DeliveryStatus.Recipient], originalMessageID: String?) {
        self.recipients = recipients
        self.originalMessageID = originalMessageID
    }

    /// The bouncing addresses, lower-cased.
    public var addresses: [String] { recipients.map(\.address) }
}
