import Foundation

/// One template sent to a group, one message per person (docs/campaigns.md).
public struct Campaign: Sendable, Equatable, Identifiable {
    public enum State: String, Sendable, Equatable {
        /// Made and rendered; nothing sent yet. Messages may still be edited.
        case review
        /// A send is running (or was interrupted: `funnel campaign resume` goes on).
        case sending
        /// Stopped before the end (Ctrl-C, a failing command, a hang): resume goes on.
        case stopped
        /// Every message was handled.
        case done
    }

    public var id: Int64
    public var name: String
    public var template: String
    public var source: CampaignSource
    public var createdAt: Date
    public var state: State
    public var finishedAt: Date?

    public init(id: Int64, name: String, template: String, source: CampaignSource, createdAt: Date, state: State, finishedAt: Date?) {
        self.id = id
        self.name = name
        self.template = template
        self.source = source
        self.createdAt = createdAt
        self.state = state
        self.finishedAt = finishedAt
    }
}

/// One person's message in a campaign, or the reason they were left out.
public struct CampaignMessage: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var campaignID: Int64
    public var candidateID: Int64
    /// Order of review and sending, from 1.
    public var position: Int
    public var state: CampaignMessageState
    /// Why they were left out (`excluded`), as `CampaignExclusion.reason` wrote it.
    public var reason: String?
    public var name: String
    public var address: String
    public var subject: String
    public var body: String
    public var edited: Bool
    /// Fixed when the message is rendered, so a reply can be matched to it; nil when excluded.
    public var messageID: String?
    /// What the mail command said when it refused or died.
    public var error: String?
    public var handedAt: Date?
    public var sentAt: Date?

    public init(id: Int64, campaignID: Int64, candidateID: Int64, position: Int, state: CampaignMessageState, reason: String?,
                name: String, address: String, subject: String, body: String, edited: Bool, messageID: String?,
                error: String?, handedAt: Date?, sentAt: Date?) {
        self.id = id
        self.campaignID = campaignID
        self.candidateID = candidateID
        self.position = position
        self.state = state
        self.reason = reason
        self.name = name
        self.address = address
        self.subject = subject
        self.body = body
        self.edited = edited
        self.messageID = messageID
        self.error = error
        self.handedAt = handedAt
        self.sentAt = sentAt
    }
}

/// A campaign's figures at review and while sending: messages by state and who was left out, by reason.
public struct CampaignTally: Sendable, Equatable {
    public var campaign: Campaign
    public var byState: [CampaignMessageState: Int]
    /// Reasons with how many people each, most first.
    public var exclusions: [(reason: String, count: Int)]

    public init(campaign: Campaign, byState: [CampaignMessageState: Int], exclusions: [(reason: String, count: Int)]) {
        self.campaign = campaign
        self.byState = byState
        self.exclusions = exclusions
    }

    public func count(_ state: CampaignMessageState) -> Int { byState[state] ?? 0 }
    /// Messages that will be (or were) handed to the command: everyone not left out.
    public var messages: Int { byState.filter { $0.key != .excluded }.values.reduce(0, +) }
    /// Still to send: queued and failed (resume tries failed ones again).
    public var remaining: Int { count(.queued) + count(.failed) }

    public static func == (a: CampaignTally, b: CampaignTally) -> Bool {
        a.campaign == b.campaign && a.byState == b.byState
            && a.exclusions.map(\.reason) == b.exclusions.map(\.reason) && a.exclusions.map(\.count) == b.exclusions.map(\.count)
    }
}

/// A campaign's template rendered for one person: the merge fields each parsed once per campaign.
public struct CampaignRenderer: Sendable {
    let subject: MergeTemplate
    let body: MergeTemplate

    public init(_ template: Template) throws {
        guard template.channel == .email else {
            throw FunnelError.invalid("template '\(template.name)' is for \(template.channel.title), not email: a campaign sends email")
        }
        subject = try MergeTemplate(parsing: template.subject, in: "the subject of template '\(template.name)'")
        body = try MergeTemplate(parsing: template.body, in: "template '\(template.name)'")
    }

    /// Every merge field the subject and body use.
    public var fields: [MergeField] { subject.fields + body.fields.filter { !subject.fields.contains($0) } }

    /// The message, or the fields this person lacks (named, in order, once each).
    public func render(_ context: MergeContext) -> Result<RenderedMessage, CampaignExclusion> {
        var missing: [MergeField] = []
        var texts: [String] = []
        for part in [subject, body] {
            switch part.render(context) {
            case let .success(text): texts.append(text)
            case let .failure(m): missing += m.fields.filter { !missing.contains($0) }
            }
        }
        guard missing.isEmpty else { return .failure(.missingFields(missing)) }
        return .success(RenderedMessage(subject: texts[0], body: texts[1]))
    }
}
