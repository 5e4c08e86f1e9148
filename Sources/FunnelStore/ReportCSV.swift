import CSV
import Foundation
import FunnelCore

/// The report's tables as one CSV in long form, `table,row,column,value`, so every table fits
/// in one valid file a spreadsheet can pivot (docs/cli.md, "report" lists the tables and columns).
/// A figure that cannot be computed (a rate with nothing to divide) is an empty value.
/// Labels come from the desk (template names, future-role titles and locations): a cell a
/// spreadsheet would run as a formula gets a leading `'` (`FormulaGuard`) unless `guardFormulas`
/// is false (`funnel report --csv --raw`).
public enum ReportCSV {
    public static func render(_ report: FunnelReport, guardFormulas: Bool = true) throws -> String {
        let stream = OutputStream(toMemory: ())
        stream.open()
        let writer = try CSVWriter(stream: stream)
        func row(_ table: String, _ key: String, _ column: String, _ value: String) throws {
            let cells = [table, key, column, value]
            try writer.write(row: guardFormulas ? cells.map { SpreadsheetCell.guarded($0, .singleLine) } : cells)
        }
        func text(_ value: Double?) -> String { value.map { "\($0)" } ?? "" }
        func campaignFigures(_ table: String, _ key: String, _ sent: Int, _ delivered: Int, _ bounced: Int, _ replied: Int,
                             _ rate: Double?, _ median: Double?, _ optedOut: Int) throws {
            try row(table, key, "sent", "\(sent)")
            try row(table, key, "delivered", "\(delivered)")
            try row(table, key, "bounced", "\(bounced)")
            try row(table, key, "replied", "\(replied)")
            try row(table, key, "reply_rate", text(rate))
            try row(table, key, "median_time_to_reply_seconds", text(median))
            try row(table, key, "opted_out", "\(optedOut)")
        }
        try row("table", "row", "column", "value")
        for f in report.stages {
            let key = f.stage.rawValue
            try row("stages", key, "now", "\(f.count)")
            try row("stages", key, "stale", f.stale.map { "\($0)" } ?? "")
            try row("stages", key, "entered", f.conversion.map { "\($0.entered)" } ?? "")
            try row("stages", key, "reached_next", f.conversion.map { "\($0.reachedNext)" } ?? "")
            try row("stages", key, "conversion_rate", text(f.conversion?.rate))
            try row("stages", key, "stays", "\(f.timeInStage.stays)")
            try row("stages", key, "median_days", text(f.timeInStage.medianDays))
            try row("stages", key, "p90_days", text(f.timeInStage.p90Days))
        }
        for s in report.statuses { try row("statuses", s.status.rawValue, "now", "\(s.count)") }
        try row("due", "follow_ups", "now", "\(report.due.followUps)")
        try row("due", "reengagements", "now", "\(report.due.reengagements)")
        for week in report.touchesPerWeek {
            for channel in WeekTouches.channels {
                try row("touches_per_week", week.weekStart.iso, channel.rawValue, "\(week.byChannel[channel.rawValue] ?? 0)")
            }
            try row("touches_per_week", week.weekStart.iso, "total", "\(week.total)")
        }
        for (table, rates) in [("reply_rate_by_channel", report.replyRateByChannel), ("reply_rate_by_template", report.replyRateByTemplate)] {
            for rate in rates {
                try row(table, rate.name, "outbound", "\(rate.outbound)")
                try row(table, rate.name, "replied", "\(rate.replied)")
                try row(table, rate.name, "rate", text(rate.rate))
            }
        }
        for campaign in report.campaigns {
            let key = "\(campaign.id)"
            try row("campaigns", key, "name", campaign.name)
            try row("campaigns", key, "template", campaign.template)
            try row("campaigns", key, "state", campaign.state.rawValue)
            try campaignFigures("campaigns", key, campaign.sent, campaign.delivered, campaign.bounced, campaign.replied,
                                campaign.replyRate, campaign.medianTimeToReplySeconds, campaign.optedOut)
        }
        for template in report.campaignTemplates {
            try row("campaign_templates", template.template, "campaigns", "\(template.campaigns)")
            try campaignFigures("campaign_templates", template.template, template.sent, template.delivered, template.bounced,
                                template.replied, template.replyRate, template.medianTimeToReplySeconds, template.optedOut)
        }
        for (table, groups) in [("future_role_titles", report.topFutureRoleTitles), ("future_role_locations", report.topFutureRoleLocations)] {
            for group in groups {
                try row(table, group.label, "people", "\(group.count)")
                try row(table, group.label, "open_openings", "\(group.openOpenings)")
            }
        }
        for opening in report.openings {
            let key = "\(opening.id)"
            try row("openings", key, "title", opening.title)
            try row("openings", key, "company", opening.company ?? "")
            try row("openings", key, "location", opening.location)
            try row("openings", key, "work_mode", opening.workMode.rawValue)
            try row("openings", key, "status", opening.status.rawValue)
            try row("openings", key, "matches", opening.matches.map { "\($0)" } ?? "")
            try row("openings", key, "contacted", "\(opening.contacted)")
            try row("openings", key, "interested", "\(opening.interested)")
            try row("openings", key, "placed", "\(opening.placed)")
        }
        for month in report.placementsPerMonth { try row("placements_per_month", month.month, "placements", "\(month.count)") }
        stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
