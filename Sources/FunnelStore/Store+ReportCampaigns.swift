import Foundation
import FunnelCore
import GRDB

/// The report's campaigns (docs/rules.md, Report → Campaigns): per campaign with a message sent
/// in the period, who was sent one, delivered, replied and how fast, and who is "do not contact"
/// now; then the same per template. The work follows the campaigns' messages and the touches
/// logged against them (`campaign_message_by_state`, `touchpoint_by_campaign`), never the
/// whole desk.
extension Store {
    /// The campaigns with at least one message sent in `range`, newest first, with their figures
    /// as of now (the whole campaign, not only the period's part), and those figures per template.
    static func reportCampaigns(_ db: Database, range: Range<Int64>) throws -> (campaigns: [CampaignFigures], templates: [CampaignTemplateFigures]) {
        var campaigns: [CampaignFigures] = []
        var totals: [Int64: CampaignTotals] = [:]
        for row in try Row.fetchAll(db, sql: reportCampaignsSQL, arguments: [range.lowerBound, range.upperBound]) {
            let id: Int64 = row["id"]
            let counted = try campaignTotals(db, campaign: id)
            totals[id] = counted
            campaigns.append(CampaignFigures(id: id, name: row["name"], template: row["template"],
                                             state: Campaign.State(rawValue: row["state"]) ?? .stopped,
                                             createdAt: Rows.date(row["created_at"]), totals: counted))
        }
        return (campaigns, CampaignTemplateFigures.byTemplate(campaigns, totals: totals))
    }

    /// ?1, ?2: the period as instants. The campaign table holds one row per campaign made (few);
    /// for each, the sent messages on `campaign_message_by_state` until one falls in the period.
    static let reportCampaignsSQL = """
        SELECT c.id, c.name, c.template, c.state, c.created_at FROM campaign c
        WHERE EXISTS (SELECT 1 FROM campaign_message m
                      WHERE m.campaign_id = c.id AND m.state = 'sent' AND m.sent_at >= ?1 AND m.sent_at < ?2)
        ORDER BY c.id DESC
        """

    /// One row per sent message of the campaign: when it went, whether the person is do not
    /// contact now, and from the inbound touches logged against the campaign (grouped per person
    /// once, from `touchpoint_by_campaign`) whether an email bounced and when the first answer
    /// came. Auto-replies (inbound, an outcome that is no answer) are neither.
    static func campaignTotals(_ db: Database, campaign id: Int64) throws -> CampaignTotals {
        var totals = CampaignTotals()
        let rows = try Row.fetchCursor(db.cachedStatement(sql: campaignTotalsSQL), arguments: [id])
        while let row = try rows.next() {
            totals.add(sentAt: row[0], bounced: (row[1] as Int?) == 1, firstAnswerAt: row[2], optedOut: row[3] as Int == 1)
        }
        return totals
    }

    /// ?1 the campaign.
    static let campaignTotalsSQL = """
        SELECT m.sent_at, t.bounced, t.first_answer_at, p.status = 'do_not_contact'
        FROM campaign_message m
        JOIN candidate p ON p.id = m.candidate_id
        LEFT JOIN (SELECT candidate_id,
                          max(channel = 'email' AND outcome = 'bounced') AS bounced,
                          min(CASE WHEN outcome IN \(Schema.answerOutcomes) THEN at END) AS first_answer_at
                   FROM touchpoint WHERE campaign_id = ?1 AND direction = 'in'
                   GROUP BY candidate_id) t ON t.candidate_id = m.candidate_id
        WHERE m.campaign_id = ?1 AND m.state = 'sent' AND m.sent_at IS NOT NULL
        """
}
