import Foundation
import FunnelCore
@testable import FunnelUI

/// A funnel report built by hand (FunnelReport is a plain value): the desk of the board
/// snapshots (1,340 candidates), 90 days ending on the fixed day, every section filled.
enum ReportFixture {
    typealias F = Fixture

    static func stage(_ stage: Stage, _ count: Int, entered: Int?, reached: Int, stale: Int?, stays: Int,
                      median: Double?, p90: Double?) -> StageFigures {
        StageFigures(stage: stage, count: count,
                     conversion: entered.flatMap { entered in stage.next.map { Conversion(from: stage, to: $0, entered: entered, reachedNext: reached) } },
                     stale: stale, timeInStage: TimeInStage(stays: stays, medianDays: median, p90Days: p90))
    }

    /// Twelve Mondays ending with the week of the fixed day, touches per outreach channel.
    static var weeks: [WeekTouches] {
        let lastMonday = F.today.adding(days: -6)  // Sunday 22 November → Monday 16 November
        return (0..<12).map { index in
            let counts = [31 + index * 3, 18 + (index * 5) % 11, 4 + index % 3, 2 * (index % 4), 1 + index % 2, 9 + index, index % 3, 0]
            let byChannel = Dictionary(uniqueKeysWithValues: zip(WeekTouches.channels.map(\.rawValue), counts))
            return WeekTouches(weekStart: lastMonday.adding(days: -7 * (11 - index)), byChannel: byChannel)
        }
    }

    static var report: FunnelReport {
        FunnelReport(
            generatedAt: F.moment.now, timeZone: "Europe/Lisbon", today: F.today,
            period: .last(90, endingOn: F.today), rules: ReportRules(),
            totalCandidates: 1_340,
            stages: [
                stage(.awareness, 136, entered: 120, reached: 76, stale: 40, stays: 70, median: 12.5, p90: 41),
                stage(.consideration, 85, entered: 90, reached: 54, stale: 22, stays: 61, median: 9, p90: 30.5),
                stage(.conversion, 51, entered: 60, reached: 48, stale: 5, stays: 44, median: 21, p90: 63),
                stage(.loyalty, 41, entered: 50, reached: 33, stale: nil, stays: 30, median: 120, p90: 300),
                stage(.advocacy, 1_027, entered: nil, reached: 0, stale: nil, stays: 0, median: nil, p90: nil),
            ],
            statuses: [StatusCount(status: .active, count: 300), StatusCount(status: .notLooking, count: 40),
                       StatusCount(status: .placed, count: 990), StatusCount(status: .doNotContact, count: 10)],
            due: ReportDueCounts(followUps: 4, reengagements: 100),
            touchesPerWeek: weeks,
            replyRateByChannel: [ReplyRate(name: "email", outbound: 120, replied: 30), ReplyRate(name: "phone", outbound: 80, replied: 25),
                                 ReplyRate(name: "linkedin", outbound: 40, replied: 6), ReplyRate(name: "sms", outbound: 0, replied: 0)],
            replyRateByTemplate: [ReplyRate(name: "checkin", outbound: 50, replied: 12),
                                  ReplyRate(name: "intro-berlin", outbound: 20, replied: 3)],
            topFutureRoleTitles: [RoleDemand(key: "data engineer", label: "Data Engineer", count: 12, openOpenings: 1),
                                  RoleDemand(key: "engineer", label: "Engineer", count: 9, openOpenings: 1),
                                  RoleDemand(key: "engineering manager", label: "Engineering Manager", count: 5, openOpenings: 0)],
            topFutureRoleLocations: [RoleDemand(key: "berlin", label: "Berlin", count: 10, openOpenings: 0),
                                     RoleDemand(key: "lisbon", label: "Lisbon", count: 8, openOpenings: 1),
                                     RoleDemand(key: "remote", label: "Remote", count: 6, openOpenings: 0),
                                     RoleDemand(key: "東京", label: "東京", count: 3, openOpenings: 1)],
            openings: openings,
            placementsPerMonth: [MonthCount(month: "2026-08", count: 2), MonthCount(month: "2026-09", count: 5),
                                 MonthCount(month: "2026-10", count: 3), MonthCount(month: "2026-11", count: 1)],
            campaigns: campaigns.map(\.figures), campaignTemplates: CampaignTemplateFigures.byTemplate(
                campaigns.map(\.figures), totals: Dictionary(uniqueKeysWithValues: campaigns.map { ($0.figures.id, $0.totals) })))
    }

    /// Totals of `sent` people: the first `replies.count` answered after those many seconds, the
    /// next `bounced` bounced; the first `optedOut` are do not contact now.
    static func totals(sent: Int, bounced: Int, replies: [Int64], optedOut: Int) -> CampaignTotals {
        var totals = CampaignTotals()
        for person in 0..<sent {
            totals.add(sentAt: 1_000, bounced: person >= replies.count && person < replies.count + bounced,
                       firstAnswerAt: person < replies.count ? 1_000 + replies[person] : nil, optedOut: person < optedOut)
        }
        return totals
    }

    /// Three campaigns: one whose name is too long for 80 columns, one with wide characters, one
    /// that bounced whole (no rate, no time to reply).
    static var campaigns: [(figures: CampaignFigures, totals: CampaignTotals)] {
        let made = F.moment.now.addingTimeInterval(-20 * 86_400)
        return [(14, "Spring re-engagement: Lisbon backend engineers", "reengage", Campaign.State.done,
                 totals(sent: 240, bounced: 12, replies: (0..<38).map { 3_600 * Int64($0 + 1) }, optedOut: 3)),
                (13, "東京 data meetup", "intro-tokyo", .stopped,
                 totals(sent: 45, bounced: 0, replies: (0..<9).map { 86_400 * Int64($0 + 1) }, optedOut: 0)),
                (11, "Old list", "reengage", .done, totals(sent: 5, bounced: 5, replies: [], optedOut: 0))]
            .map { id, name, template, state, totals in
                (CampaignFigures(id: id, name: name, template: template, state: state, createdAt: made, totals: totals), totals)
            }
    }

    /// Open, on hold, and filled in the period; one with a company name too long for 80 columns.
    static var openings: [OpeningFigures] {
        [OpeningFigures(id: 12, title: "Staff Engineer", company: "Blue Harbor", location: "Lisbon", workMode: .hybrid, status: .open,
                        matches: 9, contacted: 4, interested: 2, placed: 0),
         OpeningFigures(id: 15, title: "Data Engineer", company: "東京データ株式会社", location: "東京", workMode: .onsite, status: .open,
                        matches: 12, contacted: 3, interested: 1, placed: 0),
         OpeningFigures(id: 9, title: "Engineering Manager", company: nil, location: "", workMode: .remote, status: .onHold,
                        matches: 5, contacted: 0, interested: 0, placed: 0),
         OpeningFigures(id: 7, title: "Backend Engineer", company: "Northwind Logistics International", location: "Berlin", workMode: .onsite,
                        status: .filled, matches: nil, contacted: 3, interested: 1, placed: 1)]
    }

    /// The board with the report open (`R`) and computed.
    static func screen(size: Size = F.small, settings: UISettings = UISettings()) -> AppState {
        var state = F.board([.awareness: F.awareness, .consideration: F.consideration], size: size, settings: settings)
        F.press(&state, .char("R"))
        _ = App.update(&state, .reportLoaded(report))
        return state
    }
}
