/// Where one campaign message is (docs/campaigns.md, "Exactly once"). The store records each
/// step before the next one starts, so a resumed campaign knows which messages may have gone out.
public enum CampaignMessageState: String, Sendable, Equatable, CaseIterable {
    /// Left out at review, with the reason; never sent.
    case excluded
    /// Rendered, waiting its turn.
    case queued
    /// Recorded (and committed) as being handed to the mail command, before the command ran.
    case handing
    /// The command exited 0: it took the message. The touch is logged with it.
    case sent
    /// The command exited non-zero: it did not take the message. Resume tries it again.
    case failed
    /// The command died, hung or was killed while it had the message: it may or may not have
    /// gone out. Never sent again by Funnel: "unknown: check your sent folder".
    case unknown

    public var title: String {
        switch self {
        case .excluded: "left out"
        case .queued: "to send"
        case .handing: "being handed over"
        case .sent: "sent"
        case .failed: "failed"
        case .unknown: "unknown: check your sent folder"
        }
    }
}
