import Foundation

/// The report as plain text for a terminal or a pipe (`funnel report`): the funnel and the weekly
/// touches as horizontal bars, the rest as aligned tables. Pure: the caller decides the
/// character set (Unicode blocks, or plain ASCII under NO_COLOR or a non-UTF-8 locale).
public struct ReportText: Sendable {
    public enum Charset: Sendable { case unicode, ascii }

    public var charset: Charset
    /// Columns available; bars shrink to fit (minimum 60).
    public var width: Int

    public init(charset: Charset, width: Int = 80) {
        self.charset = charset
        self.width = max(width, 60)
    }

    /// The sign for "nothing to divide by".
    public var dash: String { charset == .unicode ? "—" : "-" }

    public func render(_ report: FunnelReport) -> String {
        var out: [String] = []
        let zone = report.timeZone
        out.append("Funnel report: \(report.period.since.iso) to \(report.period.until.iso) (\(report.period.days) days, \(zone))")
        out.append("")
        out += funnel(report)
        out.append("")
        out += stageTable(report)
        out.append("")
        out += table(["Status", "Now"], [.left, .right],
                     report.statuses.map { [$0.status.title, number($0.count)] })
        out.append("")
        out.append("Due now: \(number(report.due.followUps)) follow-up\(report.due.followUps == 1 ? "" : "s"), "
            + "\(number(report.due.reengagements))\(report.due.reengagementsIsLowerBound ? "+" : "") re-engagement\(report.due.reengagements == 1 ? "" : "s")")
        out.append("")
        out += weeks(report)
        out.append("")
        out += replies("Reply rate by channel", "Channel", report.replyRateByChannel.filter { $0.outbound > 0 }
            .map { (Channel(rawValue: $0.name)?.title ?? $0.name, $0) }, report)
        out.append("")
        out += replies("Reply rate by template", "Template", report.replyRateByTemplate.map { (VisibleText.escaped($0.name), $0) }, report)
        out.append("")
        out += campaigns(report)
        out.append("")
        out += demand("Top future-role titles (current answers), and open openings of each", "Title", report.topFutureRoleTitles)
        out.append("")
        out += demand("Top future-role locations (current answers), and open openings there", "Location", report.topFutureRoleLocations)
        out.append("")
        out += openings(report.openings)
        out.append("")
        out += placements(report)
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: Sections

    func funnel(_ report: FunnelReport) -> [String] {
        let largest = report.stages.map(\.count).max() ?? 0
        let countWidth = max(report.stages.map { number($0.count).count }.max() ?? 1, 3)
        let arrow = charset == .unicode ? "↓" : "v"
        let suffixes = report.stages.map { figures in
            figures.conversion.map { conversion in
                "  \(arrow) " + pad(conversion.ratio.percentText(dash: dash), 6, right: true)
                    + "  (\(number(conversion.reachedNext)) of \(number(conversion.entered)) who entered)"
            } ?? ""
        }
        let barWidth = max(width - 14 - countWidth - 1 - (suffixes.map(\.count).max() ?? 0), 10)
        let total = "\(number(report.totalCandidates)) candidate\(report.totalCandidates == 1 ? "" : "s")"
        return ["Funnel now (\(total)), and conversion to the next stage over the period"]
            + zip(report.stages, suffixes).map { figures, suffix in
                pad(figures.stage.title, 13) + " " + pad(bar(figures.count, of: largest, width: barWidth), barWidth)
                    + " " + pad(number(figures.count), countWidth, right: true) + suffix
            }
    }

    func stageTable(_ report: FunnelReport) -> [String] {
        ["Stale now, and days in stage of the stays that ended in the period"]
            + table(["Stage", "Now", "Stale", "Stays", "Median days", "P90 days"],
                    [.left, .right, .right, .right, .right, .right],
                    report.stages.map { f in
                        [f.stage.title, number(f.count), f.stale.map(number) ?? "",
                         number(f.timeInStage.stays), days(f.timeInStage.medianDays), days(f.timeInStage.p90Days)]
                    })
    }

    func weeks(_ report: FunnelReport) -> [String] {
        let weeks = report.touchesPerWeek
        var lines = ["Touches per week (last \(weeks.count) weeks, notes not counted)"]
        let largest = weeks.map(\.total).max() ?? 0
        let countWidth = max(weeks.map { number($0.total).count }.max() ?? 1, 3)
        let barWidth = max(width - 12 - countWidth - 2, 10)
        for week in weeks {
            lines.append(week.weekStart.iso + "  " + pad(bar(week.total, of: largest, width: barWidth), barWidth)
                + " " + pad(number(week.total), countWidth, right: true))
        }
        let used = WeekTouches.channels.filter { channel in weeks.contains { ($0.byChannel[channel.rawValue] ?? 0) > 0 } }
        guard !used.isEmpty else { return lines + ["", "No touches in these weeks."] }
        lines.append("")
        lines += table(["Week of"] + used.map(shortTitle), [.left] + used.map { _ in .right },
                       weeks.map { week in [week.weekStart.iso] + used.map { number(week.byChannel[$0.rawValue] ?? 0) } })
        return lines
    }

    /// Channel names short enough for eight columns in 80 at a million touches.
    func shortTitle(_ channel: Channel) -> String {
        switch channel {
        case .voicemail: "VM"
        case .inPerson: "Person"
        default: channel.title.prefix(1).uppercased() + channel.title.dropFirst()
        }
    }

    func replies(_ heading: String, _ column: String, _ rows: [(String, ReplyRate)], _ report: FunnelReport) -> [String] {
        let title = "\(heading) (answered within \(report.rules.replyWindowDays) days)"
        guard !rows.isEmpty else { return [title, "No outbound touches in the period."] }
        return [title] + table([column, "Outbound", "Replied", "Rate"], [.left, .right, .right, .right],
                               rows.map { [clip($0.0, 40), number($0.1.outbound), number($0.1.replied), $0.1.ratio.percentText(dash: dash)] })
    }

    /// One row per campaign with a message sent in the period, then one per template of those
    /// campaigns. Names and templates come from the desk: escaped, then clipped to what the
    /// figures leave of the width.
    func campaigns(_ report: FunnelReport) -> [String] {
        let heading = "Campaigns sent in the period: reply rate of delivered, median time to reply"
        guard !report.campaigns.isEmpty else { return [heading, "No campaign messages sent in the period."] }
        let header = ["Sent", "Delivered", "Replied", "Rate", "To reply", "Opted out"]
        func figures(_ sent: Int, _ delivered: Int, _ replied: Int, _ ratio: Ratio, _ median: Double?, _ optedOut: Int) -> [String] {
            [number(sent), number(delivered), number(replied), ratio.percentText(dash: dash), replyTime(median), number(optedOut)]
        }
        let campaignRows = report.campaigns.map {
            figures($0.sent, $0.delivered, $0.replied, $0.replyRatio, $0.medianTimeToReplySeconds, $0.optedOut)
        }
        let templateRows = report.campaignTemplates.map {
            [number($0.campaigns)] + figures($0.sent, $0.delivered, $0.replied, $0.replyRatio, $0.medianTimeToReplySeconds, $0.optedOut)
        }
        func room(_ header: [String], _ rows: [[String]]) -> Int {
            let used = header.indices.map { column in ([header] + rows).map { ReportText.displayWidth($0[column]) }.max() ?? 0 }
                .reduce(0) { $0 + $1 + 2 }
            return min(max(width - used, 16), 50)
        }
        let right = header.map { _ in Align.right }
        let campaignRoom = room(header, campaignRows)
        let templateHeader = ["Campaigns"] + header
        let templateRoom = room(templateHeader, templateRows)
        return [heading]
            + table(["Campaign"] + header, [.left] + right, zip(report.campaigns, campaignRows).map { campaign, figures in
                [clip("#\(campaign.id) " + VisibleText.escaped(campaign.name), campaignRoom)] + figures
            })
            + ["", "Campaigns per template (their figures added up)"]
            + table(["Template"] + templateHeader, [.left, .right] + right, zip(report.campaignTemplates, templateRows).map { template, figures in
                [clip(VisibleText.escaped(template.template), templateRoom)] + figures
            })
    }

    /// A time to reply as it reads best: minutes under an hour, hours under two days, else days.
    public func replyTime(_ seconds: Double?) -> String {
        guard let seconds else { return dash }
        if seconds < 3_600 { return "\(Int((seconds / 60).rounded(.down))) min" }
        if seconds < 48 * 3_600 { return String(format: "%.1f h", seconds / 3_600) }
        return String(format: "%.1f d", seconds / 86_400)
    }

    /// What people asked for next to the open openings for it. Labels come from the desk: shown
    /// with their controls escaped (`VisibleText`), then clipped, so the columns stay aligned.
    func demand(_ heading: String, _ column: String, _ rows: [RoleDemand]) -> [String] {
        guard !rows.isEmpty else { return [heading, "No future roles recorded."] }
        return [heading] + table([column, "People", "Open openings"], [.left, .right, .right],
                                 rows.map { [clip(VisibleText.escaped($0.label), 50), number($0.count), number($0.openOpenings)] })
    }

    /// One row per opening: the opening in words (title, company, place) clipped to what the
    /// width leaves, its status, and its figures.
    func openings(_ rows: [OpeningFigures]) -> [String] {
        let heading = "Openings: matches now, people contacted, interested (latest answer), placed"
        guard !rows.isEmpty else { return [heading, "No open or on-hold openings, and none filled in the period."] }
        let figures = rows.map { row in
            [row.status.title, row.matches.map(number) ?? dash, number(row.contacted), number(row.interested), number(row.placed)]
        }
        let header = ["Status", "Matches", "Contacted", "Interested", "Placed"]
        let used = header.indices.map { column in ([header] + figures).map { ReportText.displayWidth($0[column]) }.max() ?? 0 }
            .reduce(0) { $0 + $1 + 2 }
        let room = min(max(width - used, 20), 70)
        return [heading] + table(["Opening"] + header, [.left, .left, .right, .right, .right, .right],
                                 zip(rows, figures).map { row, figures in [clip(describe(row), room)] + figures })
    }

    /// "#12 Staff Engineer @ Blue Harbor, Lisbon (hybrid)", controls escaped.
    func describe(_ row: OpeningFigures) -> String {
        var text = "#\(row.id) " + VisibleText.escaped(row.title)
        if let company = row.company { text += " @ " + VisibleText.escaped(company) }
        return text + ", " + VisibleText.escaped(row.place)
    }

    func placements(_ report: FunnelReport) -> [String] {
        let months = report.placementsPerMonth
        let largest = months.map(\.count).max() ?? 0
        let countWidth = max(months.map { number($0.count).count }.max() ?? 1, 3)
        let barWidth = max(min(width - 9 - countWidth - 2, 40), 10)
        return ["Placements per month (moves into Loyalty)"] + months.map { month in
            month.month + "  " + pad(bar(month.count, of: largest, width: barWidth), barWidth) + " " + pad(number(month.count), countWidth, right: true)
        }
    }

    // MARK: Pieces

    /// A horizontal bar `value / largest` of `width` columns: full blocks plus an eighth-block
    /// remainder in Unicode, '#' in ASCII. A non-zero value always shows at least a sliver.
    public func bar(_ value: Int, of largest: Int, width: Int) -> String {
        guard value > 0, largest > 0, width > 0 else { return "" }
        let eighths = max(1, Int((Double(value) / Double(largest) * Double(width * 8)).rounded()))
        switch charset {
        case .unicode:
            let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
            return String(repeating: "█", count: eighths / 8) + partial[eighths % 8]
        case .ascii:
            return String(repeating: "#", count: max(1, (eighths + 4) / 8))
        }
    }

    /// 1234567 → "1,234,567": figures a recruiter reads at a glance.
    func number(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    func days(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? dash }

    enum Align { case left, right }

    /// Columns padded to their widest cell (display width), two spaces apart.
    func table(_ header: [String], _ align: [Align], _ rows: [[String]]) -> [String] {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { ReportText.displayWidth($0[column]) }.max() ?? 0 }
        return all.map { row in
            row.indices.map { pad(row[$0], widths[$0], right: align[$0] == .right) }
                .joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
    }

    func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - ReportText.displayWidth(text)))
        return right ? fill + text : text + fill
    }

    func clip(_ text: String, _ width: Int) -> String {
        guard ReportText.displayWidth(text) > width else { return text }
        var out = "", used = 0
        let ellipsis = charset == .unicode ? "…" : "~"
        for character in text {
            let w = ReportText.displayWidth(String(character))
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        return out + ellipsis
    }

    /// Terminal columns a string takes: East Asian wide characters and emoji take two,
    /// combining marks none. Enough to align the report's tables; the screen has its own rules.
    public static func displayWidth(_ text: String) -> Int {
        text.reduce(0) { total, character in
            guard let first = character.unicodeScalars.first else { return total }
            if character.unicodeScalars.contains(where: { $0.properties.isEmojiPresentation }) { return total + 2 }
            if first.properties.generalCategory == .nonspacingMark || first.properties.generalCategory == .control { return total }
            return total + (isWide(first.value) ? 2 : 1)
        }
    }

    static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
    }
}
