import Foundation

/// What one campaign achieved, for the report (`funnel report`, the report screen): who it
/// reached, who answered and how fast, who asked not to be contacted since. docs/rules.md
/// (Report → Campaigns) defines each figure; docs/cli.md ("report") shows the JSON.
public struct CampaignFigures: Codable, Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var template: String
    public var state: Campaign.State
    public var createdAt: Date
    /// People with a sent message of the campaign.
    public private(set) var sent: Int
    /// Those of them not bounced (a bounce they answered after all does not count).
    public private(set) var delivered: Int
    /// sent − delivered.
    public private(set) var bounced: Int
    /// People sent a message who answered it (an inbound touch of the campaign with an answer outcome).
    public private(set) var replied: Int
    /// replied / delivered; null when nothing was delivered.
    @NullWhenAbsent public private(set) var replyRate: Double?
    /// The median over the people who replied of (their first answer − their message's sending), in seconds.
    @NullWhenAbsent public private(set) var medianTimeToReplySeconds: Double?
    /// People sent a message whose status is "do not contact" now.
    public private(set) var optedOut: Int

    public init(id: Int64, name: String, template: String, state: Campaign.State, createdAt: Date, totals: CampaignTotals) {
        self.id = id
        self.name = name
        self.template = template
        self.state = state
        self.createdAt = createdAt
        sent = totals.sent
        delivered = totals.delivered
        bounced = totals.bounced
        replied = totals.replied
        replyRate = totals.replyRatio.value
        medianTimeToReplySeconds = totals.medianTimeToReplySeconds
        optedOut = totals.optedOut
    }

    public var replyRatio: Ratio { Ratio(replied, of: delivered) }
}

/// The figures of every listed campaign that used one template, added up: counts summed, the
/// median taken over all their repliers (not a median of the campaigns' medians).
public struct CampaignTemplateFigures: Codable, Sendable, Equatable {
    public var template: String
    /// Campaigns listed with this template.
    public private(set) var campaigns: Int
    public private(set) var sent: Int
    public private(set) var delivered: Int
    public private(set) var bounced: Int
    public private(set) var replied: Int
    @NullWhenAbsent public private(set) var replyRate: Double?
    @NullWhenAbsent public private(set) var medianTimeToReplySeconds: Double?
    public private(set) var optedOut: Int

    public init(template: String, campaigns: Int, totals: CampaignTotals) {
        self.template = template
        self.campaigns = campaigns
        sent = totals.sent
        delivered = totals.delivered
        bounced = totals.bounced
        replied = totals.replied
        replyRate = totals.replyRatio.value
        medianTimeToReplySeconds = totals.medianTimeToReplySeconds
        optedOut = totals.optedOut
    }

    public var replyRatio: Ratio { Ratio(replied, of: delivered) }

    /// One row per template of `campaigns`, with `totals` giving each campaign's own totals
    /// (keyed by campaign id); most sent first, then by template name.
    public static func byTemplate(_ campaigns: [CampaignFigures], totals: [Int64: CampaignTotals]) -> [CampaignTemplateFigures] {
        var groups: [String: (campaigns: Int, totals: CampaignTotals)] = [:]
        for campaign in campaigns {
            groups[campaign.template, default: (0, CampaignTotals())].campaigns += 1
            groups[campaign.template, default: (0, CampaignTotals())].totals.add(totals[campaign.id] ?? CampaignTotals())
        }
        return groups.map { CampaignTemplateFigures(template: $0.key, campaigns: $0.value.campaigns, totals: $0.value.totals) }
            .sorted { $0.sent != $1.sent ? $0.sent > $1.sent : $0.template < $1.template }
    }
}

/// The counts behind a campaign's figures, built one person at a time (one per sent message)
/// and added up across campaigns for a template.
public struct CampaignTotals: Sendable, Equatable {
    public private(set) var sent = 0
    public private(set) var bounced = 0
    public private(set) var replied = 0
    public private(set) var optedOut = 0
    /// Per replier: seconds from their message's sending to their first answer (never negative).
    public private(set) var replySeconds: [Int64] = []

    public init() {}

    public var delivered: Int { sent - bounced }
    public var replyRatio: Ratio { Ratio(replied, of: delivered) }
    public var medianTimeToReplySeconds: Double? { Percentiles.median(of: replySeconds) }

    /// One person sent a message at `sentAt` (unix seconds): whether a bounce of the campaign
    /// came back for them, when their first answer of it came (nil: none), and whether they are
    /// "do not contact" now. An answer proves delivery, so a bounce they answered is not one. An
    /// answer stamped before the sending (a clock off by a little) counts as immediate.
    public mutating func add(sentAt: Int64, bounced: Bool, firstAnswerAt: Int64?, optedOut: Bool) {
        sent += 1
        if let firstAnswerAt {
            replied += 1
            replySeconds.append(max(0, firstAnswerAt - sentAt))
        } else if bounced {
            self.bounced += 1
        }
        if optedOut { self.optedOut += 1 }
    }

    public mutating func add(_ other: CampaignTotals) {
        sent += other.sent
        bounced += other.bounced
        replied += other.replied
        optedOut += other.optedOut
        replySeconds += other.replySeconds
    }
}

extension Campaign.State: Codable {}
