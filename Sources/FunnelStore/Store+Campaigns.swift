import Foundation
import FunnelCore
import GRDB

/// Campaigns (migration v11, docs/campaigns.md): a group rendered once for review, then sent one
/// message at a time, each step recorded before the next so that a resumed campaign sends nobody
/// a second message and skips nobody.
extension Store {
    /// What a new campaign is made of.
    public struct CampaignPlan: Sendable {
        public var name: String
        public var template: String
        public var source: CampaignSource
        public var recruiterName: String?
        public var recruiterEmail: String?
        public var rules: Rules
        public var moment: Moment
        /// At most this many people from the group (in its own order), or everyone.
        public var limit: Int?

        public init(name: String, template: String, source: CampaignSource, recruiterName: String?, recruiterEmail: String?,
                    rules: Rules, moment: Moment, limit: Int? = nil) {
            self.name = name
            self.template = template
            self.source = source
            self.recruiterName = recruiterName
            self.recruiterEmail = recruiterEmail
            self.rules = rules
            self.moment = moment
            self.limit = limit
        }
    }

    /// Makes a campaign: reads the group, and for each person either renders the message (with
    /// its Message-ID fixed now) or records why they are left out. One transaction: a campaign
    /// exists whole or not at all. Nothing is sent.
    @discardableResult
    public func createCampaign(_ plan: CampaignPlan) throws -> CampaignTally {
        let name = plan.name.trimmingCharacters(in: .whitespaces)
        try PlainText.check(name, field: "campaign name")
        guard !name.isEmpty else { throw FunnelError.invalid("a campaign needs a name") }
        guard let from = plan.recruiterEmail else {
            throw FunnelError.invalid("set your address in config.toml ([recruiter] email = \"you@example.com\"): it is the From of every message")
        }
        let template = try self.template(named: plan.template)
        let renderer = try CampaignRenderer(template)
        let opening: Opening? = try {
            guard case let .opening(id) = plan.source else { return nil }
            let opening = try self.opening(id)
            if opening.status.isClosed {
                throw FunnelError.refused("opening #\(id) \(opening.title) is \(opening.status.title): no campaign is made about it")
            }
            return opening
        }()
        let group = try campaignGroup(plan.source, rules: plan.rules, moment: plan.moment, limit: plan.limit)
        let id = try write { db -> Int64 in
            try db.execute(sql: "INSERT INTO campaign (name, template, source, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [name, template.name, plan.source.text, Rows.seconds(plan.moment.now)])
            let campaignID = db.lastInsertedRowID
            let insert = try db.makeStatement(sql: """
                INSERT INTO campaign_message (campaign_id, candidate_id, position, state, reason, address, subject, body, message_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            var position = 0
            var seen = Set<Int64>()
            // The answer is read only when the template uses it.
            let needsRole = renderer.fields.contains { [.futureRole, .futureRoleTitle, .futureRoleLocation].contains($0) }
            for candidate in group where seen.insert(candidate.id).inserted {
                let candidateID = candidate.id
                position += 1
                var exclusion = CampaignRule.exclusion(candidate, source: plan.source, rules: plan.rules, at: plan.moment)
                var message: RenderedMessage?
                if exclusion == nil {
                    let role = needsRole ? try Store.futureRoles(db, candidateID).first : nil
                    let context = MergeContext(candidate: candidate, futureRole: role,
                                               recruiterName: plan.recruiterName, recruiterEmail: plan.recruiterEmail, opening: opening)
                    switch renderer.render(context) {
                    case let .success(rendered): message = rendered
                    case let .failure(missing): exclusion = missing
                    }
                }
                if let message, HeaderWriter.forbiddenCharacter(in: message.subject) != nil {
                    exclusion = .unsafeName
                }
                if let message, exclusion == nil {
                    let token = String(UInt64.random(in: 0...UInt64.max), radix: 36)
                    try insert.execute(arguments: [campaignID, candidateID, position, CampaignMessageState.queued.rawValue, nil,
                                                   candidate.email ?? "", message.subject, message.body,
                                                   MailMessage.messageID(date: plan.moment.now, token: token, from: from)])
                } else {
                    try insert.execute(arguments: [campaignID, candidateID, position, CampaignMessageState.excluded.rawValue,
                                                   exclusion?.reason, "", "", "", nil])
                }
            }
            return campaignID
        }
        return try campaignTally(id)
    }

    /// The people of a group, in its own order (the queue's, the search's, by id). A snapshot:
    /// each message is checked again when it is sent.
    func campaignGroup(_ source: CampaignSource, rules: Rules, moment: Moment, limit: Int?) throws -> [Candidate] {
        let cap = limit ?? Int.max
        var people: [Candidate] = []
        func fetch(_ ids: [Int64]) throws -> [Candidate] {
            try read { db in try ids.prefix(cap).compactMap { try Store.fetchCandidateIfExists(db, $0) } }
        }
        switch source {
        case .reengagement:
            // The queue from its first re-engagement segment on: running cadences due, never
            // contacted, silent for the period (the fits group is not re-engagement). The fits
            // group is worked out once, not for every page.
            let fits = try dueFits(rules: rules, moment: moment)
            var cursor: DueCursor? = .cadence(Int64.min, 0)
            while let from = cursor, people.count < cap {
                let page = try dueQueuePage(rules: rules, moment: moment, after: from, limit: min(1_000, cap - people.count), fits: fits)
                for item in page.items where item.group == DueGroup.reengagement { people.append(item.candidate) }
                cursor = page.next
            }
        case let .search(query):
            people = try fetch(try search(query, limit: min(cap, 100_000)).map(\.id))
        case let .tag(tag):
            try forEachCandidate(CandidateFilter(tag: tag)) { candidate in
                if people.count < cap { people.append(candidate) }
            }
        case let .stage(stage):
            try forEachCandidate(CandidateFilter(stage: stage)) { candidate in
                if people.count < cap { people.append(candidate) }
            }
        case let .opening(id):
            people = try fetch(try matches(forOpening: id, options: MatchOptions(limit: min(cap, 100_000)), now: moment.now)
                .filter { !$0.contacted }.map(\.candidateID))
        }
        return Array(people.prefix(cap))
    }

    // MARK: Reading

    public func campaign(_ id: Int64) throws -> Campaign {
        try read { db in try Store.fetchCampaign(db, id) }
    }

    static func fetchCampaign(_ db: Database, _ id: Int64) throws -> Campaign {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM campaign WHERE id = ?"), arguments: [id]) else {
            throw FunnelError.notFound("no campaign #\(id) (funnel campaign list shows them)")
        }
        return try campaign(row)
    }

    static func campaign(_ row: Row) throws -> Campaign {
        Campaign(id: row["id"], name: row["name"], template: row["template"], source: try CampaignSource(parsing: row["source"]),
                 createdAt: Rows.date(row["created_at"]), state: Campaign.State(rawValue: row["state"]) ?? .stopped,
                 finishedAt: (row["finished_at"] as Int64?).map(Rows.date))
    }

    /// Every campaign, newest first.
    public func campaigns() throws -> [Campaign] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM campaign ORDER BY id DESC").map(Store.campaign) }
    }

    /// The counts by state and the reasons people were left out: an index range per state.
    public func campaignTally(_ id: Int64) throws -> CampaignTally {
        try read { db in
            let campaign = try Store.fetchCampaign(db, id)
            var byState: [CampaignMessageState: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, count(*) AS n FROM campaign_message WHERE campaign_id = ? GROUP BY state",
                                        arguments: [id]) {
                if let state = CampaignMessageState(rawValue: row["state"]) { byState[state] = row["n"] }
            }
            let exclusions = try Row.fetchAll(db, sql: """
                SELECT reason, count(*) AS n FROM campaign_message WHERE campaign_id = ? AND state = 'excluded'
                GROUP BY reason ORDER BY n DESC, reason
                """, arguments: [id]).map { (reason: ($0["reason"] as String?) ?? "", count: $0["n"] as Int) }
            return CampaignTally(campaign: campaign, byState: byState, exclusions: exclusions)
        }
    }

    /// A page of a campaign's messages in review order, after `position`; `states` narrows it
    /// (the review pages through the messages, then through who was left out).
    public func campaignMessages(_ campaignID: Int64, after position: Int = 0, limit: Int = 50,
                                 states: [CampaignMessageState]? = nil) throws -> [CampaignMessage] {
        try read { db in
            var sql = "SELECT m.*, c.first_name, c.last_name FROM campaign_message m JOIN candidate c ON c.id = m.candidate_id "
                + "WHERE m.campaign_id = ? AND m.position > ?"
            var arguments: StatementArguments = [campaignID, position]
            if let states {
                sql += " AND m.state IN (\(states.map { _ in "?" }.joined(separator: ",")))"
                arguments += StatementArguments(states.map(\.rawValue))
            }
            sql += " ORDER BY m.position LIMIT ?"
            arguments += [limit]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Store.campaignMessage)
        }
    }

    /// One message by its position in the campaign.
    public func campaignMessage(_ campaignID: Int64, position: Int) throws -> CampaignMessage {
        try read { db in try Store.fetchCampaignMessage(db, campaignID, position: position) }
    }

    static func fetchCampaignMessage(_ db: Database, _ campaignID: Int64, position: Int) throws -> CampaignMessage {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT m.*, c.first_name, c.last_name FROM campaign_message m JOIN candidate c ON c.id = m.candidate_id
            WHERE m.campaign_id = ? AND m.position = ?
            """, arguments: [campaignID, position]) else {
            throw FunnelError.notFound("campaign #\(campaignID) has no message \(position)")
        }
        return try campaignMessage(row)
    }

    static func fetchCampaignMessage(_ db: Database, id: Int64) throws -> CampaignMessage {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT m.*, c.first_name, c.last_name FROM campaign_message m JOIN candidate c ON c.id = m.candidate_id WHERE m.id = ?
            """), arguments: [id]) else {
            throw FunnelError.notFound("no campaign message with id \(id)")
        }
        return try campaignMessage(row)
    }

    static func campaignMessage(_ row: Row) throws -> CampaignMessage {
        let first: String = row["first_name"], last: String = row["last_name"]
        return CampaignMessage(id: row["id"], campaignID: row["campaign_id"], candidateID: row["candidate_id"], position: row["position"],
                               state: CampaignMessageState(rawValue: row["state"]) ?? .unknown, reason: row["reason"],
                               name: last.isEmpty ? first : "\(first) \(last)", address: row["address"], subject: row["subject"],
                               body: row["body"], edited: row["edited"], messageID: row["message_id"], error: row["error"],
                               handedAt: (row["handed_at"] as Int64?).map(Rows.date), sentAt: (row["sent_at"] as Int64?).map(Rows.date))
    }

    // MARK: Review

    /// Replaces one message's subject and body before it is sent (the review's edit). Refused
    /// once the message has been handed over, and for a subject a header could not carry.
    @discardableResult
    public func editCampaignMessage(_ campaignID: Int64, position: Int, subject: String, body: String) throws -> CampaignMessage {
        try HeaderWriter.refuseUnsafe(subject, header: "Subject")
        let subject = subject.trimmingCharacters(in: .whitespaces)
        guard !subject.isEmpty else { throw FunnelError.invalid("a message needs a subject") }
        let body = try PlainText.multiLine(body, field: "message")
        return try write { db in
            let message = try Store.fetchCampaignMessage(db, campaignID, position: position)
            guard message.state == .queued || message.state == .failed else {
                throw FunnelError.refused("message \(position) of campaign #\(campaignID) is \(message.state.title): it can no longer be edited")
            }
            try db.execute(sql: "UPDATE campaign_message SET subject = ?, body = ?, edited = 1 WHERE id = ?",
                           arguments: [subject, body, message.id])
            return try Store.fetchCampaignMessage(db, id: message.id)
        }
    }

    // MARK: Sending (docs/campaigns.md, "Exactly once")

    /// The next message to hand to the mail command, recorded as `handing` and committed before
    /// it is returned; nil when none is left. The person is checked again first: anyone who has
    /// since become do not contact, lost a valid address, answered or moved stage is left out
    /// (with the reason) instead.
    public func claimCampaignMessage(_ campaignID: Int64, at now: Date) throws -> CampaignMessage? {
        try write { db in try Store.claimCampaignMessage(db, campaignID, at: now) }
    }

    static func claimCampaignMessage(_ db: Database, _ campaignID: Int64, at now: Date) throws -> CampaignMessage? {
        let campaign = try Store.fetchCampaign(db, campaignID)
        let created = Rows.seconds(campaign.createdAt)
        while let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT id, candidate_id FROM campaign_message WHERE campaign_id = ? AND state IN ('queued', 'failed')
            ORDER BY position LIMIT 1
            """), arguments: [campaignID]) {
            let id: Int64 = row["id"]
            let candidate = try Store.fetchCandidate(db, row["candidate_id"])
            var reason: String?
            if !candidate.status.allowsOutreach {
                reason = "do not contact (since the review)"
            } else if candidate.email.map(Email.isValid) != true {
                reason = "no valid email (since the review)"
            } else if HeaderWriter.forbiddenCharacter(in: candidate.fullName) != nil {
                reason = CampaignExclusion.unsafeName.reason
            } else if try Int.fetchOne(db.cachedStatement(sql: """
                SELECT count(*) FROM touchpoint WHERE candidate_id = ? AND direction = 'in' AND at >= ?
                """), arguments: [candidate.id, created])! > 0 {
                reason = "answered since the review"
            } else if Rows.seconds(candidate.stageEnteredAt) > created {
                reason = "moved to \(candidate.stage.title) since the review"
            }
            if let reason {
                try db.execute(sql: "UPDATE campaign_message SET state = 'excluded', reason = ? WHERE id = ?", arguments: [reason, id])
                continue
            }
            try db.cachedStatement(sql: """
                UPDATE campaign_message SET state = 'handing', address = ?, handed_at = ?, error = NULL WHERE id = ?
                """).execute(arguments: [candidate.email ?? "", Rows.seconds(now), id])
            if campaign.state != .sending {
                try db.execute(sql: "UPDATE campaign SET state = 'sending' WHERE id = ?", arguments: [campaignID])
            }
            return try Store.fetchCampaignMessage(db, id: id)
        }
        return nil
    }

    /// The command took the message: `sent`, and the touch logged (email, out, sent, the
    /// template, the subject as note, the Message-ID and campaign), in one transaction. The next
    /// date follows the rules: the cadence's for a re-engagement, else the `sent` default.
    @discardableResult
    public func recordCampaignSent(_ messageID: Int64, at now: Date, rules: Rules, moment: Moment) throws -> Touchpoint {
        try write { db in try Store.recordCampaignSent(db, messageID, at: now, rules: rules, moment: moment) }
    }

    /// `recordCampaignSent`, and the campaign's next message claimed in the same transaction:
    /// one commit (one fsync) per message sent instead of two. The claim is as durable as one of
    /// its own; a caller that does not hand the claimed message over releases it
    /// (`recordCampaignOutcome(id, .queued, error: nil)`), and a run killed in between leaves it
    /// `handing` with no spool file, which a resume queues again.
    public func recordCampaignSent(_ messageID: Int64, at now: Date, rules: Rules, moment: Moment,
                                   claimingNextOf campaignID: Int64) throws -> (Touchpoint, next: CampaignMessage?) {
        try write { db in
            let touch = try Store.recordCampaignSent(db, messageID, at: now, rules: rules, moment: moment)
            return (touch, try Store.claimCampaignMessage(db, campaignID, at: now))
        }
    }

    static func recordCampaignSent(_ db: Database, _ messageID: Int64, at now: Date, rules: Rules, moment: Moment) throws -> Touchpoint {
        let message = try Store.fetchCampaignMessage(db, id: messageID)
        guard message.state == .handing else {
            throw FunnelError.refused("campaign message \(messageID) is \(message.state.title), not being handed over")
        }
        let campaign = try Store.fetchCampaign(db, message.campaignID)
        let candidate = try Store.fetchCandidate(db, message.candidateID)
        let facts = try Store.dueFacts(db, candidate, rules: rules, moment: moment)
        let reengaging = ReengagementCadence.isReengaging(facts, rules: rules, at: moment)
        let next = reengaging ? nil : rules.proposedFollowUp(after: .sent, today: moment.today)
        // A campaign about an opening contacts its matches about it (so they leave its "not yet
        // contacted"), unless the opening was closed meanwhile: the send is logged either way.
        var openingID: Int64?
        if case let .opening(id) = campaign.source, try Store.fetchOpening(db, id).status.isClosed == false { openingID = id }
        let (touch, _) = try Store.insertTouch(db, message.candidateID,
                                               TouchDraft(at: now, channel: .email, direction: .outbound, outcome: .sent,
                                                          note: message.subject, template: campaign.template, openingID: openingID),
                                               followUp: next.map(FollowUpUpdate.set) ?? .clear, alreadySent: true,
                                               messageID: message.messageID, campaignID: message.campaignID)
        try db.cachedStatement(sql: "UPDATE campaign_message SET state = 'sent', sent_at = ?, touch_id = ? WHERE id = ?")
            .execute(arguments: [Rows.seconds(now), touch.id, messageID])
        return touch
    }

    /// The command refused the message (`failed`: nothing went out; resume tries it again), or
    /// died with it (`unknown`: never sent again by Funnel), or never started (`queued` again).
    public func recordCampaignOutcome(_ messageID: Int64, _ state: CampaignMessageState, error: String?) throws {
        guard [.failed, .unknown, .queued].contains(state) else {
            throw FunnelError.invalid("a campaign message is recorded as failed, unknown or queued here, not \(state.rawValue)")
        }
        try write { db in
            let message = try Store.fetchCampaignMessage(db, id: messageID)
            guard message.state == .handing else {
                throw FunnelError.refused("campaign message \(messageID) is \(message.state.title), not being handed over")
            }
            try db.execute(sql: "UPDATE campaign_message SET state = ?, error = ? WHERE id = ?",
                           arguments: [state.rawValue, error.map { String($0.prefix(2_000)) }, messageID])
        }
    }

    /// How many people the campaign leaves out so far: those left out at review, and those a
    /// claim left out since (they changed after the review). Counted on the state index, so the
    /// progress line can follow it after every message.
    public func campaignExcludedCount(_ campaignID: Int64) throws -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM campaign_message WHERE campaign_id = ? AND state = 'excluded'",
                             arguments: [campaignID])!
        }
    }

    /// Messages recorded as being handed over: what a resume must settle first.
    public func handingCampaignMessages(_ campaignID: Int64) throws -> [CampaignMessage] {
        try campaignMessages(campaignID, limit: 1_000, states: [.handing])
    }

    /// Which of these campaign messages (of any campaign) are recorded as being handed over: the
    /// only ones whose files belong in the spool.
    public func handingCampaignMessageIDs(among ids: [Int64]) throws -> Set<Int64> {
        guard !ids.isEmpty else { return [] }
        return try read { db in
            var found = Set<Int64>()
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = Array(ids[start..<min(ids.count, start + 500)])
                found.formUnion(try Int64.fetchAll(db, sql: """
                    SELECT id FROM campaign_message WHERE state = 'handing' AND id IN (\(chunk.map { _ in "?" }.joined(separator: ",")))
                    """, arguments: StatementArguments(chunk)))
            }
            return found
        }
    }

    /// Marks the campaign stopped (resume goes on) or done (nothing is left to send).
    public func finishCampaignRun(_ campaignID: Int64, at now: Date) throws -> Campaign {
        try write { db in
            let left = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM campaign_message WHERE campaign_id = ? AND state IN ('queued', 'failed', 'handing')
                """, arguments: [campaignID])!
            if left == 0 {
                try db.execute(sql: "UPDATE campaign SET state = 'done', finished_at = ? WHERE id = ?", arguments: [Rows.seconds(now), campaignID])
            } else {
                try db.execute(sql: "UPDATE campaign SET state = 'stopped' WHERE id = ?", arguments: [campaignID])
            }
            return try Store.fetchCampaign(db, campaignID)
        }
    }
}
