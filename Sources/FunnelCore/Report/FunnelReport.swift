import Foundation

/// Every figure of the funnel overview (`funnel report`, the report screen), as a value: the
/// store fills it (`Store.report`), the command line prints it as text, JSON or CSV, the
/// screen renders it. docs/rules.md ("## Report") defines each figure; docs/cli.md, "report"
/// shows its JSON shape.
public struct FunnelReport: Codable, Sendable, Equatable {
    /// When the report was made and the recruiter's time zone that decides every calendar day.
    public var generatedAt: Date
    public var timeZone: String
    public var today: Day
    public var period: ReportPeriod
    public var rules: ReportRules
    /// Candidates on the desk now.
    public var totalCandidates: Int
    /// One row per stage, funnel order: count now, conversion to the next stage, stale, time in stage.
    public var stages: [StageFigures]
    /// Candidates per status now, in `Status.allCases` order.
    public var statuses: [StatusCount]
    public var due: ReportDueCounts
    /// The last `rules.weeks` weeks ending with the week of `period.until`, oldest first.
    public var touchesPerWeek: [WeekTouches]
    public var replyRateByChannel: [ReplyRate]
    public var replyRateByTemplate: [ReplyRate]
    /// The campaigns with a message sent in the period, newest first, each with its figures as of now.
    public var campaigns: [CampaignFigures]
    /// Those campaigns' figures added up per template, most sent first.
    public var campaignTemplates: [CampaignTemplateFigures]
    /// The most asked-for title families and places (current answers), each with its open openings.
    public var topFutureRoleTitles: [RoleDemand]
    public var topFutureRoleLocations: [RoleDemand]
    /// Open and on-hold openings now, then those filled in the period, with matches and outcomes.
    public var openings: [OpeningFigures]
    /// Every calendar month the period touches, oldest first (zeros included).
    public var placementsPerMonth: [MonthCount]

    public init(generatedAt: Date, timeZone: String, today: Day, period: ReportPeriod, rules: ReportRules,
                totalCandidates: Int, stages: [StageFigures], statuses: [StatusCount], due: ReportDueCounts,
                touchesPerWeek: [WeekTouches], replyRateByChannel: [ReplyRate], replyRateByTemplate: [ReplyRate],
                topFutureRoleTitles: [RoleDemand], topFutureRoleLocations: [RoleDemand], openings: [OpeningFigures],
                placementsPerMonth: [MonthCount], campaigns: [CampaignFigures] = [], campaignTemplates: [CampaignTemplateFigures] = []) {
        self.generatedAt = generatedAt
        self.timeZone = timeZone
        self.today = today
        self.period = period
        self.rules = rules
        self.totalCandidates = totalCandidates
        self.stages = stages
        self.statuses = statuses
        self.due = due
        self.touchesPerWeek = touchesPerWeek
        self.replyRateByChannel = replyRateByChannel
        self.replyRateByTemplate = replyRateByTemplate
        self.topFutureRoleTitles = topFutureRoleTitles
        self.topFutureRoleLocations = topFutureRoleLocations
        self.openings = openings
        self.placementsPerMonth = placementsPerMonth
        self.campaigns = campaigns
        self.campaignTemplates = campaignTemplates
    }

    /// The row of one stage.
    public func stage(_ stage: Stage) -> StageFigures { stages.first { $0.stage == stage }! }
}

/// The thresholds the report counts with (docs/rules.md). Defaults from the product.
public struct ReportRules: Codable, Sendable, Equatable {
    /// A pipeline candidate with no touch for this many days is stale.
    public var staleDays: Int
    /// No touch for this many days makes a candidate due for re-engagement.
    public var reengagementDays: Int
    /// An answer within this many days of an outbound touch counts as its reply. Fixed: the
    /// store keeps its reply tallies for this window (docs/rules.md, "Reply rate").
    public private(set) var replyWindowDays: Int = 14
    /// How many weeks of touches to show.
    public var weeks: Int
    /// How many future-role title families and places to list.
    public var topLimit: Int

    public init(staleDays: Int = 30, reengagementDays: Int = 180, weeks: Int = 12, topLimit: Int = 10) {
        self.staleDays = staleDays
        self.reengagementDays = reengagementDays
        self.weeks = weeks
        self.topLimit = topLimit
    }
}

/// What a board column header shows (and the first columns of the report's funnel table): the
/// count now and the conversion into the next stage over a period. One implementation,
/// `Store.stageSummary`, serves both so they can never disagree.
public struct StageSummary: Codable, Sendable, Equatable {
    public var stage: Stage
    /// Candidates in the stage now.
    public var count: Int
    /// Conversion into the next stage over the period; null for advocacy (there is no next stage).
    @NullWhenAbsent public var conversion: Conversion?

    public init(stage: Stage, count: Int, conversion: Conversion?) {
        self.stage = stage
        self.count = count
        self.conversion = conversion
    }
}

/// Of the candidates who entered `from` during the period, how many later reached `to` or any
/// stage after it (before the period ended).
public struct Conversion: Codable, Sendable, Equatable {
    public var from: Stage
    public var to: Stage
    public private(set) var entered: Int
    public private(set) var reachedNext: Int
    /// reachedNext / entered; null when nobody entered.
    @NullWhenAbsent public private(set) var rate: Double?

    public init(from: Stage, to: Stage, entered: Int, reachedNext: Int) {
        self.from = from
        self.to = to
        self.entered = entered
        self.reachedNext = reachedNext
        self.rate = Ratio(reachedNext, of: entered).value
    }

    public var ratio: Ratio { Ratio(reachedNext, of: entered) }
}

/// Days spent in a stage by the stays that ended during the period.
public struct TimeInStage: Codable, Sendable, Equatable {
    /// Completed stays counted.
    public var stays: Int
    @NullWhenAbsent public var medianDays: Double?
    @NullWhenAbsent public var p90Days: Double?

    public init(stays: Int, medianDays: Double?, p90Days: Double?) {
        self.stays = stays
        self.medianDays = medianDays
        self.p90Days = p90Days
    }

    /// From the stays' lengths in seconds, in any order.
    public init(seconds: [Int64]) {
        self.init(stays: seconds.count,
                  medianDays: Percentiles.median(of: seconds).map { $0 / 86_400 },
                  p90Days: Percentiles.nearestRank(90, of: seconds).map { $0 / 86_400 })
    }
}

/// One row of the report's funnel table.
public struct StageFigures: Codable, Sendable, Equatable {
    public var stage: Stage
    public var count: Int
    @NullWhenAbsent public var conversion: Conversion?
    /// Stale candidates now; null for loyalty and advocacy, which cannot go stale.
    @NullWhenAbsent public var stale: Int?
    public var timeInStage: TimeInStage

    public init(stage: Stage, count: Int, conversion: Conversion?, stale: Int?, timeInStage: TimeInStage) {
        self.stage = stage
        self.count = count
        self.conversion = conversion
        self.stale = stale
        self.timeInStage = timeInStage
    }
}

public struct StatusCount: Codable, Sendable, Equatable {
    public var status: Status
    public var count: Int

    public init(status: Status, count: Int) {
        self.status = status
        self.count = count
    }
}

/// Who is due now (follow-ups and re-engagements), as counts.
public struct ReportDueCounts: Codable, Sendable, Equatable {
    public var followUps: Int
    public var reengagements: Int
    /// True when counting re-engagements stopped at a cap (shown "1,000+"): counting every one
    /// exactly walks a large part of a big desk.
    public var reengagementsIsLowerBound: Bool

    public init(followUps: Int, reengagements: Int, reengagementsIsLowerBound: Bool = false) {
        self.followUps = followUps
        self.reengagements = reengagements
        self.reengagementsIsLowerBound = reengagementsIsLowerBound
    }
}

/// Touches in one week (Monday to Sunday, or to the end of the period for the last week).
public struct WeekTouches: Codable, Sendable, Equatable {
    public var weekStart: Day
    public var total: Int
    /// Every channel but "note", zero included; keys are channel names (`in_person`).
    public var byChannel: [String: Int]

    public init(weekStart: Day, byChannel: [String: Int]) {
        self.weekStart = weekStart
        self.byChannel = byChannel
        self.total = byChannel.values.reduce(0, +)
    }

    /// The channels counted, in display order.
    public static let channels: [Channel] = Channel.allCases.filter(\.isOutreach)
}

/// Outbound touches of one channel or template during the period and how many got a reply.
public struct ReplyRate: Codable, Sendable, Equatable {
    /// The channel name (`email`) or the template name.
    public var name: String
    public private(set) var outbound: Int
    public private(set) var replied: Int
    @NullWhenAbsent public private(set) var rate: Double?

    public init(name: String, outbound: Int, replied: Int) {
        self.name = name
        self.outbound = outbound
        self.replied = replied
        self.rate = Ratio(replied, of: outbound).value
    }

    public var ratio: Ratio { Ratio(replied, of: outbound) }
}

/// A count for one calendar month ("2026-11").
public struct MonthCount: Codable, Sendable, Equatable {
    public var month: String
    public var count: Int

    public init(month: String, count: Int) {
        self.month = month
        self.count = count
    }

    /// "2026-11" for a day in November 2026.
    public static func label(_ day: Day) -> String { String(day.iso.prefix(7)) }
}

/// Encodes a missing value as JSON null instead of leaving the key out, so a script reading the
/// report sees every key every time ("rate": null when nothing was counted).
@propertyWrapper
public struct NullWhenAbsent<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try container.decode(Value.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}
