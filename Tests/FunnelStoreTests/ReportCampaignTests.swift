import Foundation
import FunnelCore
@testable import FunnelStore
import GRDB
import HostileCorpus
import Testing

/// The report's campaign and template figures (docs/rules.md, Report → Campaigns) on a real store
/// file: campaigns made with `createCampaign`, sent through claim and `recordCampaignSent`, and
/// answered by touches logged against them (as the inbox logs them: `campaign_id` set). Every
/// expected figure is worked out by hand in the comments.
///
/// Now: 2026-11-22 12:00 UTC; default period 2026-08-25 … 2026-11-22.
/// - "Autumn hello" (template hello), sent 2026-11-01 10:00 to Ana, Bo, Cy, Dee, Eli, Fay; Gil
///   was do not contact at the review (left out, never sent).
///   Ana: replied after 2 h (then "interested" 3 days later: only the first answer counts).
///   Bo: bounced. Cy: an auto-reply after 5 min (not an answer), then "interested" logged by hand
///   on the phone a day later. Dee: declined after 4 h, then set do not contact. Eli: bounced,
///   then replied after 10 h (the answer proves delivery). Fay: answered, but the touch is not
///   linked to the campaign (no campaign_id). Gil (not sent): "replied" against the campaign.
///   → sent 6, bounced 1 (Bo), delivered 5, replied 4, rate 0.8, times 2 h, 4 h, 10 h, 24 h →
///   median 7 h = 25,200 s, opted out 1 (Dee).
/// - "Second wave" (hello), sent 2026-11-10 09:00 to Hal and Ivy. Hal replied after 30 min; Ivy
///   was set do not contact. → sent 2, delivered 2, replied 1, rate 0.5, median 1,800 s, opted out 1.
/// - "All bounced" (nudge), sent 2026-11-15 to Jo and Kim, both bounced. → sent 2, delivered 0,
///   rate null, median null.
/// - "June" (hello), sent 2026-06-01 to Lu, who replied: before the period, not listed.
/// - "Review only" (nudge): made 2026-11-20, nothing sent: not listed.
/// Template hello: 2 campaigns, sent 8, bounced 1, delivered 7, replied 5, rate 5/7, median of
/// 30 min, 2 h, 4 h, 10 h, 24 h = 4 h = 14,400 s (the campaigns' medians would give 13,500),
/// opted out 2. Template nudge: 1 campaign (the review-only one is not listed), as "All bounced".
@Suite struct ReportCampaignTests {
    static let utc = TimeZone(identifier: "UTC")!
    static let now = Moment(now: at("2026-11-22", 12), timeZone: utc)

    static func at(_ day: String, _ hour: Int = 12, _ minute: Int = 0) -> Date {
        Day(iso: day)!.start(in: utc).addingTimeInterval(TimeInterval(hour * 3600 + minute * 60))
    }

    struct Desk {
        let folder: TemporaryFolder
        let store: Store
        var people: [String: Int64] = [:]
        var campaigns: [String: Int64] = [:]
    }

    static func emptyDesk() throws -> Desk {
        let folder = try TemporaryFolder()
        let store = try Store.open(at: folder.path("funnel.sqlite"))
        try store.saveTemplate(validated: TemplateDraft(name: "hello", channel: .email, subject: "Hello {{first_name}}",
                                                        body: "Hi {{first_name}}, how are things?\n"))
        try store.saveTemplate(validated: TemplateDraft(name: "nudge", channel: .email, subject: "Still there, {{first_name}}?",
                                                        body: "Just checking.\n"))
        return Desk(folder: folder, store: store)
    }

    /// Makes a campaign of everyone tagged `tag` at `made`, and sends every queued message at `sent`.
    static func campaign(_ desk: inout Desk, _ name: String, template: String, tag: String, made: Date, sent: Date?) throws {
        let moment = Moment(now: made, timeZone: utc)
        let tally = try desk.store.createCampaign(Store.CampaignPlan(
            name: name, template: template, source: .tag(tag), recruiterName: "Rita", recruiterEmail: "rita@agency.example",
            rules: .defaults, moment: moment))
        let id = tally.campaign.id
        desk.campaigns[name] = id
        guard let sent else { return }
        while let message = try desk.store.claimCampaignMessage(id, at: sent) {
            try desk.store.recordCampaignSent(message.id, at: sent, rules: .defaults, moment: Moment(now: sent, timeZone: utc))
        }
        _ = try desk.store.finishCampaignRun(id, at: sent)
    }

    /// An inbound touch, linked to a campaign as the inbox links a reply (`campaign_id`).
    static func answer(_ desk: Desk, _ person: String, _ campaign: String?, at: Date, channel: Channel = .email,
                       outcome: Outcome?) throws {
        let (touch, _) = try desk.store.logTouch(desk.people[person]!, TouchDraft(at: at, channel: channel, direction: .inbound,
                                                                                   outcome: outcome))
        if let campaign {
            try desk.store.writer.write { db in
                try db.execute(sql: "UPDATE touchpoint SET campaign_id = ? WHERE id = ?", arguments: [desk.campaigns[campaign]!, touch.id])
            }
        }
    }

    static func fixture() throws -> Desk {
        var desk = try emptyDesk()
        let added = at("2026-05-01")
        for (name, tag, status) in [("Ana", "a", Status.active), ("Bo", "a", .active), ("Cy", "a", .active), ("Dee", "a", .active),
                                    ("Eli", "a", .active), ("Fay", "a", .active), ("Gil", "a", .doNotContact),
                                    ("Hal", "b", .active), ("Ivy", "b", .active), ("Jo", "c", .active), ("Kim", "c", .active),
                                    ("Lu", "d", .active), ("Mo", "e", .active)] {
            desk.people[name] = try desk.store.add(CandidateDraft(firstName: name, email: "\(name.lowercased())@example.com",
                                                                  tags: [tag], status: status), at: added).id
        }
        // Before the period.
        try campaign(&desk, "June", template: "hello", tag: "d", made: at("2026-06-01", 9), sent: at("2026-06-01", 10))
        try answer(desk, "Lu", "June", at: at("2026-06-02"), outcome: .replied)

        let autumn = at("2026-11-01", 10)
        try campaign(&desk, "Autumn hello", template: "hello", tag: "a", made: at("2026-11-01", 9), sent: autumn)
        try answer(desk, "Ana", "Autumn hello", at: autumn.addingTimeInterval(2 * 3600), outcome: .replied)
        try answer(desk, "Ana", "Autumn hello", at: autumn.addingTimeInterval(3 * 86_400), channel: .phone, outcome: .interested)
        try answer(desk, "Bo", "Autumn hello", at: autumn.addingTimeInterval(60), outcome: .bounced)
        try answer(desk, "Cy", "Autumn hello", at: autumn.addingTimeInterval(5 * 60), outcome: nil)
        try answer(desk, "Cy", "Autumn hello", at: autumn.addingTimeInterval(86_400), channel: .phone, outcome: .interested)
        try answer(desk, "Dee", "Autumn hello", at: autumn.addingTimeInterval(4 * 3600), outcome: .declined)
        _ = try desk.store.setStatus(desk.people["Dee"]!, to: .doNotContact, at: autumn.addingTimeInterval(5 * 3600))
        try answer(desk, "Eli", "Autumn hello", at: autumn.addingTimeInterval(60), outcome: .bounced)
        try answer(desk, "Eli", "Autumn hello", at: autumn.addingTimeInterval(10 * 3600), outcome: .replied)
        try answer(desk, "Fay", nil, at: autumn.addingTimeInterval(3600), outcome: .replied)
        try answer(desk, "Gil", "Autumn hello", at: autumn.addingTimeInterval(3600), outcome: .replied)

        let wave = at("2026-11-10", 9)
        try campaign(&desk, "Second wave", template: "hello", tag: "b", made: at("2026-11-10", 8), sent: wave)
        try answer(desk, "Hal", "Second wave", at: wave.addingTimeInterval(30 * 60), outcome: .replied)
        _ = try desk.store.setStatus(desk.people["Ivy"]!, to: .doNotContact, at: wave.addingTimeInterval(86_400))

        let nudge = at("2026-11-15", 10)
        try campaign(&desk, "All bounced", template: "nudge", tag: "c", made: at("2026-11-15", 9), sent: nudge)
        try answer(desk, "Jo", "All bounced", at: nudge.addingTimeInterval(60), outcome: .bounced)
        try answer(desk, "Kim", "All bounced", at: nudge.addingTimeInterval(120), outcome: .bounced)

        try campaign(&desk, "Review only", template: "nudge", tag: "e", made: at("2026-11-20"), sent: nil)
        return desk
    }

    func report(_ desk: Desk, since: String? = nil) throws -> FunnelReport {
        try desk.store.report(period: try ReportPeriod.resolve(since: since, until: nil, today: Self.now.today), moment: Self.now)
    }

    struct Figures: Equatable {
        var sent, delivered, bounced, replied: Int
        var rate: Double?
        var median: Double?
        var optedOut: Int
    }

    static func figures(_ c: CampaignFigures) -> Figures {
        Figures(sent: c.sent, delivered: c.delivered, bounced: c.bounced, replied: c.replied, rate: c.replyRate,
                median: c.medianTimeToReplySeconds, optedOut: c.optedOut)
    }

    static func figures(_ t: CampaignTemplateFigures) -> Figures {
        Figures(sent: t.sent, delivered: t.delivered, bounced: t.bounced, replied: t.replied, rate: t.replyRate,
                median: t.medianTimeToReplySeconds, optedOut: t.optedOut)
    }

    @Test func everyFigurePerCampaign() throws {
        let desk = try Self.fixture()
        let r = try report(desk)
        // Newest first; June (before the period) and the unsent review are not listed.
        #expect(r.campaigns.map(\.name) == ["All bounced", "Second wave", "Autumn hello"])
        let byName = Dictionary(uniqueKeysWithValues: r.campaigns.map { ($0.name, $0) })
        let autumn = try #require(byName["Autumn hello"])
        #expect(Self.figures(autumn) == Figures(sent: 6, delivered: 5, bounced: 1, replied: 4, rate: 0.8, median: 25_200, optedOut: 1))
        #expect(autumn.id == desk.campaigns["Autumn hello"] && autumn.template == "hello" && autumn.state == .done)
        #expect(autumn.createdAt == Self.at("2026-11-01", 9))
        #expect(Self.figures(try #require(byName["Second wave"]))
            == Figures(sent: 2, delivered: 2, bounced: 0, replied: 1, rate: 0.5, median: 1_800, optedOut: 1))
        // Nothing delivered: no rate and no time to reply, never a division by zero.
        let bounced = try #require(byName["All bounced"])
        #expect(Self.figures(bounced) == Figures(sent: 2, delivered: 0, bounced: 2, replied: 0, rate: nil, median: nil, optedOut: 0))
        #expect(bounced.replyRatio.percentText() == "—")
    }

    @Test func templatesAddUpTheirCampaignsWithOneMedianOverAllRepliers() throws {
        let desk = try Self.fixture()
        let r = try report(desk)
        #expect(r.campaignTemplates.map(\.template) == ["hello", "nudge"])
        let hello = r.campaignTemplates[0]
        #expect(hello.campaigns == 2)
        #expect(Self.figures(hello) == Figures(sent: 8, delivered: 7, bounced: 1, replied: 5, rate: 5.0 / 7.0, median: 14_400, optedOut: 2))
        let nudge = r.campaignTemplates[1]
        #expect(nudge.campaigns == 1)
        #expect(Self.figures(nudge) == Figures(sent: 2, delivered: 0, bounced: 2, replied: 0, rate: nil, median: nil, optedOut: 0))
    }

    @Test func thePeriodChoosesTheCampaignsNotTheirFigures() throws {
        let desk = try Self.fixture()
        // From May: June is listed too, with Lu's reply 26 hours after (93,600 s); hello now has 3 campaigns.
        let r = try report(desk, since: "2026-05-01")
        #expect(r.campaigns.map(\.name) == ["All bounced", "Second wave", "Autumn hello", "June"])
        #expect(Self.figures(r.campaigns[3]) == Figures(sent: 1, delivered: 1, bounced: 0, replied: 1, rate: 1, median: 93_600, optedOut: 0))
        #expect(r.campaignTemplates[0].campaigns == 3 && r.campaignTemplates[0].sent == 9 && r.campaignTemplates[0].replied == 6)
        // A period around the second wave only: it is listed with the figures of the whole campaign
        // (Ivy's opt-out came the day after the period's last day).
        let wave = try desk.store.report(period: try ReportPeriod(since: Day(iso: "2026-11-10")!, until: Day(iso: "2026-11-10")!),
                                         moment: Self.now)
        #expect(wave.campaigns.map(\.name) == ["Second wave"])
        #expect(wave.campaigns[0].optedOut == 1)
        // A period in which no message was sent lists no campaign.
        let before = try desk.store.report(period: try ReportPeriod(since: Day(iso: "2026-10-01")!, until: Day(iso: "2026-10-31")!),
                                           moment: Self.now)
        #expect(before.campaigns.isEmpty && before.campaignTemplates.isEmpty)
    }

    @Test func aCampaignSentAtMidnightBelongsToTheDayThatStarts() throws {
        var desk = try Self.emptyDesk()
        desk.people["Ana"] = try desk.store.add(CandidateDraft(firstName: "Ana", email: "ana@example.com", tags: ["a"]), at: Self.at("2026-05-01")).id
        try Self.campaign(&desk, "Midnight", template: "hello", tag: "a", made: Self.at("2026-10-31", 23), sent: Self.at("2026-11-01", 0))
        func listed(_ since: String, _ until: String) throws -> [String] {
            try desk.store.report(period: try ReportPeriod(since: Day(iso: since)!, until: Day(iso: until)!), moment: Self.now).campaigns.map(\.name)
        }
        #expect(try listed("2026-10-01", "2026-10-31") == [])
        #expect(try listed("2026-11-01", "2026-11-01") == ["Midnight"])
    }

    @Test func noCampaignsAndUnsentCampaignsListNothing() throws {
        var desk = try Self.emptyDesk()
        #expect(try report(desk).campaigns.isEmpty)
        desk.people["Ana"] = try desk.store.add(CandidateDraft(firstName: "Ana", email: "ana@example.com", tags: ["a"]), at: Self.at("2026-05-01")).id
        try Self.campaign(&desk, "Draft", template: "hello", tag: "a", made: Self.at("2026-11-20"), sent: nil)
        let r = try report(desk)
        #expect(r.campaigns.isEmpty && r.campaignTemplates.isEmpty)
        let text = ReportText(charset: .unicode).render(r)
        #expect(text.contains("Campaigns sent in the period: reply rate of delivered, median time to reply\nNo campaign messages sent in the period.\n"))
        #expect(!(try ReportCSV.render(r)).contains("campaign"))
    }

    @Test func erasedPeopleCountNowhere() throws {
        let desk = try Self.fixture()
        try desk.store.writer.write { db in
            try db.execute(sql: "DELETE FROM candidate WHERE id = ?", arguments: [desk.people["Ana"]!])
        }
        let autumn = try #require(try report(desk).campaigns.first { $0.name == "Autumn hello" })
        // Ana's message and answers are gone: times 4 h, 10 h, 24 h.
        #expect(Self.figures(autumn) == Figures(sent: 5, delivered: 4, bounced: 1, replied: 3, rate: 0.75, median: 36_000, optedOut: 1))
    }

    // MARK: Output

    @Test func textShowsEveryCampaignAndTemplateInEightyColumns() throws {
        let desk = try Self.fixture()
        let text = ReportText(charset: .unicode, width: 80).render(try report(desk))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func has(_ pattern: String) -> Bool { lines.contains { $0.range(of: pattern, options: .regularExpression) != nil } }
        let ids = desk.campaigns
        #expect(lines.contains("Campaigns sent in the period: reply rate of delivered, median time to reply"))
        #expect(has(#"^Campaign +Sent +Delivered +Replied +Rate +To reply +Opted out$"#))
        #expect(has("^#\(ids["Autumn hello"]!) Autumn hello +6 +5 +4 +80\\.0% +7\\.0 h +1$"))
        #expect(has("^#\(ids["Second wave"]!) Second wave +2 +2 +1 +50\\.0% +30 min +1$"))
        #expect(has("^#\(ids["All bounced"]!) All bounced +2 +0 +0 +— +— +0$"))
        #expect(has(#"^Template +Campaigns +Sent +Delivered +Replied +Rate +To reply +Opted out$"#))
        #expect(has(#"^hello +2 +8 +7 +5 +71\.4% +4\.0 h +2$"#))
        #expect(has(#"^nudge +1 +2 +0 +0 +— +— +0$"#))
        #expect(!text.contains("June"))
        #expect(lines.allSatisfy { ReportText.displayWidth($0) <= 80 })
    }

    @Test func hostileCampaignAndTemplateNamesAreNeutralisedInTextAndCSV() throws {
        var desk = try Self.fixture()
        let evil = "=HYPERLINK(\"http://x\")\u{1B}[2J\r\nBcc: x\u{202E}"
        try desk.store.writer.write { db in
            // As another tool might write them: the store refuses such names.
            try db.execute(sql: "UPDATE campaign SET name = ?, template = ? WHERE id = ?",
                           arguments: [evil, "-nudge\u{7}", desk.campaigns["All bounced"]!])
        }
        desk.campaigns["evil"] = desk.campaigns["All bounced"]
        let r = try report(desk)
        let text = ReportText(charset: .unicode, width: 120).render(r)
        #expect(HostileCorpus.rawControls(in: text).isEmpty)
        #expect(text.contains("#\(desk.campaigns["evil"]!) =HYPERLINK(\"http://x\")\\x1b[2J\\r\\nBcc: x\\u202e"))
        #expect(text.contains("\n-nudge\\x07 "))
        let csv = try ReportCSV.render(r)
        #expect(HostileCorpus.rawControls(in: csv).isEmpty)
        let id = desk.campaigns["evil"]!
        let lines = csv.split(separator: "\n").map(String.init)
        for expected in [#"campaigns,\#(id),name,"'=HYPERLINK(""http://x"")\x1b[2J\r\nBcc: x\u202e""#,
                         #"campaigns,\#(id),template,'-nudge\x07"#, "campaigns,\(id),sent,2", "campaigns,\(id),reply_rate,",
                         #"campaign_templates,'-nudge\x07,delivered,0"#] {
            #expect(lines.contains(expected), "missing \(expected)")
        }
        // --raw writes the stored text (it is the caller's choice to open that in a spreadsheet).
        #expect(try ReportCSV.render(r, guardFormulas: false).contains("\"" + evil.replacingOccurrences(of: "\"", with: "\"\"") + "\""))
    }

    @Test func csvHasEveryFigureOfEveryCampaignAndTemplate() throws {
        let desk = try Self.fixture()
        let csv = try ReportCSV.render(try report(desk))
        let lines = csv.split(separator: "\n").map(String.init)
        let autumn = desk.campaigns["Autumn hello"]!, bounced = desk.campaigns["All bounced"]!
        for expected in ["campaigns,\(autumn),name,Autumn hello", "campaigns,\(autumn),template,hello", "campaigns,\(autumn),state,done",
                         "campaigns,\(autumn),sent,6", "campaigns,\(autumn),delivered,5", "campaigns,\(autumn),bounced,1",
                         "campaigns,\(autumn),replied,4", "campaigns,\(autumn),reply_rate,0.8",
                         "campaigns,\(autumn),median_time_to_reply_seconds,25200.0", "campaigns,\(autumn),opted_out,1",
                         "campaigns,\(bounced),reply_rate,", "campaigns,\(bounced),median_time_to_reply_seconds,",
                         "campaign_templates,hello,campaigns,2", "campaign_templates,hello,sent,8", "campaign_templates,hello,delivered,7",
                         "campaign_templates,hello,bounced,1", "campaign_templates,hello,replied,5",
                         "campaign_templates,hello,reply_rate,\(5.0 / 7.0)", "campaign_templates,hello,median_time_to_reply_seconds,14400.0",
                         "campaign_templates,hello,opted_out,2", "campaign_templates,nudge,reply_rate,"] {
            #expect(lines.contains(expected), "missing \(expected)")
        }
        #expect(lines.filter { $0.hasPrefix("campaigns,") }.count == 3 * 10)
        #expect(lines.filter { $0.hasPrefix("campaign_templates,") }.count == 2 * 8)
    }

    /// docs/cli.md, "report": the keys of a campaign and of a template, nulls included.
    @Test func jsonShapeOfCampaignsAndTemplates() throws {
        let desk = try Self.fixture()
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        let r = try report(desk)
        let data = try encoder.encode(r)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let campaigns = try #require(json["campaigns"] as? [[String: Any]])
        #expect(campaigns.count == 3)
        #expect(Set(campaigns[0].keys) == ["id", "name", "template", "state", "created_at", "sent", "delivered", "bounced", "replied",
                                           "reply_rate", "median_time_to_reply_seconds", "opted_out"])
        #expect(campaigns[0]["reply_rate"] is NSNull && campaigns[0]["median_time_to_reply_seconds"] is NSNull)
        #expect(campaigns[2]["created_at"] as? String == "2026-11-01T09:00:00Z" && campaigns[2]["state"] as? String == "done")
        #expect(campaigns[2]["median_time_to_reply_seconds"] as? Double == 25_200 && campaigns[2]["reply_rate"] as? Double == 0.8)
        let templates = try #require(json["campaign_templates"] as? [[String: Any]])
        #expect(Set(templates[0].keys) == ["template", "campaigns", "sent", "delivered", "bounced", "replied", "reply_rate",
                                           "median_time_to_reply_seconds", "opted_out"])
        #expect(templates[1]["reply_rate"] is NSNull)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode(FunnelReport.self, from: data) == r)
    }

    // MARK: Cost

    /// The campaign queries read index ranges: the messages of one campaign by state, the
    /// touches of one campaign, each person by id; no scan of candidates, touches or messages.
    @Test func queriesUseTheCampaignIndexes() throws {
        let desk = try Self.fixture()
        let plans = try desk.store.read { db -> [String] in
            func plan(_ sql: String, _ arguments: StatementArguments) throws -> String {
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }.joined(separator: "\n")
            }
            return [try plan(Store.reportCampaignsSQL, [0, 1]), try plan(Store.campaignTotalsSQL, [1])]
        }
        let selection = plans[0], totals = plans[1]
        // The campaign table is one row per campaign made (a handful), read whole; each one's
        // sent messages come from the state index.
        #expect(selection.contains("campaign_message_by_state (campaign_id=? AND state=?)"), "\(selection)")
        #expect(totals.contains("USING INDEX campaign_message_by_state (campaign_id=? AND state=?)"), "\(totals)")
        #expect(totals.contains("USING INDEX touchpoint_by_campaign (campaign_id=?)"), "\(totals)")
        #expect(totals.contains("USING INTEGER PRIMARY KEY (rowid=?)"), "\(totals)")
        for line in (selection + "\n" + totals).split(separator: "\n") where line.contains("SCAN") {
            #expect(line.trimmingCharacters(in: .whitespaces) == "SCAN c", "a scan: \(line)")
        }
    }
}
