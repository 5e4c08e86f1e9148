import FunnelCore

/// A campaign on screen: its review (counts, who is left out and why, every message, the
/// selected one in full below the list), then its sending, one message per tick so each frame
/// shows the progress line and Esc stops after the message in hand.
public struct CampaignPage: Equatable, Sendable {
    public var id: Int64?
    public var tally: CampaignTally?
    /// Every message (queued, sent, failed, unknown) and then who was left out, in review order.
    public var messages: [CampaignMessage] = []
    public var selected = 0
    public var top = 0
    public var sending = false
    /// "sent 6/33 · 28/min · 0:58 left" while sending, the ending after.
    public var progress: String?
    /// The campaign's own ending sentence (also the status message).
    public var ending: String?
    /// Milliseconds until the configured rate allows the next message (the runtime's next tick).
    public var wait: Int?

    public init(id: Int64? = nil) { self.id = id }

    public var selectedMessage: CampaignMessage? { messages.indices.contains(selected) ? messages[selected] : nil }
    public var loaded: Bool { tally != nil }
}

/// One send step's answer: the message as it ended, and the progress after it.
public struct CampaignStep: Equatable, Sendable {
    public var message: CampaignMessage?
    public var progress: String
    /// Set when the run is over (nothing left, a failure, unknown): the sentence to show.
    public var ending: String?
    public var tally: CampaignTally
    /// The ending is a failure (the command refused or died): shown as an error.
    public var failed: Bool
    /// Too early for the next message at the configured rate: ask again in this many ms.
    public var waitMilliseconds: Int?

    public init(message: CampaignMessage?, progress: String, ending: String?, tally: CampaignTally, failed: Bool = false,
                waitMilliseconds: Int? = nil) {
        self.message = message
        self.progress = progress
        self.ending = ending
        self.tally = tally
        self.failed = failed
        self.waitMilliseconds = waitMilliseconds
    }
}
