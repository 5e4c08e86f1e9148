import Foundation
import FunnelApp
import FunnelCore
import FunnelStore
import GRDB
import Testing

/// The property issue 12 asks for: on random desks, random groups and random changes between the
/// review and the send, a person who is do not contact when their message comes up is never
/// queued at review (if they were already), never handed to the command, never sent to, and no
/// message the command received is addressed to them.
@Suite struct CampaignDoNotContactPropertyTests {
    static let start = Date(timeIntervalSince1970: 1_780_000_000)
    static let now = start.addingTimeInterval(400 * 86_400)
    static let moment = Moment(now: now, timeZone: TimeZone(identifier: "UTC")!)
    static let statuses: [Status] = [.active, .active, .notLooking, .placed, .doNotContact, .doNotContact]

    @Test func doNotContactIsNeverSentTo() throws {
        var sentToOthers = 0, turnedDoNotContact = 0
        for seed in [1, 2, 3, 5, 8, 13] as [UInt64] {
            let (sent, turned) = try Self.check(seed: seed)
            sentToOthers += sent
            turnedDoNotContact += turned
        }
        // The seeds exercise both sides: people are sent to, and some queued ones turn do not contact before the send.
        #expect(sentToOthers > 0)
        #expect(turnedDoNotContact > 0)
    }

    /// One random desk; answers how many were sent to and how many queued ones turned do not contact.
    static func check(seed: UInt64) throws -> (sent: Int, turned: Int) {
        var random = SplitMix64(seed: seed)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-campaign-dnc-\(seed)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let sent = root.appendingPathComponent("sent")
        try FileManager.default.createDirectory(at: sent, withIntermediateDirectories: true)
        let storePath = root.appendingPathComponent("funnel.sqlite").path
        let store = try Store.open(at: storePath)
        try store.saveTemplate(validated: TemplateDraft(name: "hello", channel: .email, subject: "Hello {{first_name}}",
                                                        body: "Hi {{first_name}}, about {{current_title}}\n"))

        // A random desk.
        let people = 25 + random.below(20)
        var ids: [Int64] = []
        for i in 0..<people {
            let status = random.element(Self.statuses)
            let draft = CandidateDraft(firstName: "N\(i)", lastName: "Seed\(seed)", email: random.chance(0.85) ? "n\(i).s\(seed)@example.com" : nil,
                                       title: random.element(["Go Engineer", "Data Engineer", "Designer"]),
                                       tags: random.chance(0.6) ? ["pool"] : [], stage: random.element(Stage.allCases), status: status)
            let candidate = try store.add(draft, at: Self.start)
            ids.append(candidate.id)
            if random.chance(0.3) {
                let daysAgo = Double(random.below(300))
                _ = try store.logTouch(candidate.id, TouchDraft(at: Self.now.addingTimeInterval(-daysAgo * 86_400), channel: .phone,
                                                                direction: .inbound, outcome: .replied))
            }
        }
        let source = random.element([CampaignSource.reengagement, .tag("pool"), .search("engineer"), .stage(random.element(Stage.allCases))])
        let tally = try store.createCampaign(Store.CampaignPlan(name: "seed \(seed)", template: "hello", source: source, recruiterName: "Rita",
                                                                recruiterEmail: "rita@agency.example", rules: .defaults, moment: Self.moment))
        let campaign = tally.campaign.id
        for message in try store.campaignMessages(campaign, after: 0, limit: 1_000) {
            let candidate = try store.candidate(message.candidateID)
            if candidate.status == .doNotContact {
                #expect(message.state == .excluded && message.reason == "do not contact" && message.messageID == nil, "seed \(seed)")
            }
        }

        // Random changes between the review and the send.
        let later = Self.now.addingTimeInterval(60)
        for id in ids where random.chance(0.3) {
            let candidate = try store.candidate(id)
            let status = random.element(Status.allCases.filter { $0 != candidate.status })
            _ = try store.setStatus(id, to: status, at: later)
        }

        let script = root.appendingPathComponent("fake.sh")
        try """
            tmp="\(root.path)/msg.$$"
            cat > "$tmp"
            id=$(sed -n 's/^Message-ID: <\\(.*\\)>$/\\1/p' "$tmp" | head -n 1)
            mv "$tmp" "\(sent.path)/$id.eml"
            """.write(to: script, atomically: true, encoding: .utf8)
        var config = Config(recruiter: .init(name: "Rita", email: "rita@agency.example"),
                            mail: .init(sendmail: "sh '\(script.path)'", outbox: root.appendingPathComponent("outbox").path))
        config.rules = .defaults
        var handed: [CampaignMessage] = []
        let summary = try CampaignSender(store: store, config: config, clock: { Self.moment },
                                         spool: CampaignSender.spoolFolder(forStoreAt: storePath))
            .run(campaign, progress: { progress in progress.last.map { handed.append($0) } })
        #expect(summary.ending == .done, "seed \(seed)")

        let doNotContact = try Set(ids.filter { try store.candidate($0).status == .doNotContact })
        let addresses = try Set(doNotContact.compactMap { try store.candidate($0).email })
        let messages = try store.campaignMessages(campaign, after: 0, limit: 1_000)
        for message in messages where doNotContact.contains(message.candidateID) {
            #expect(message.state == .excluded, "seed \(seed): \(message.name) is \(message.state)")
            #expect(message.handedAt == nil && message.sentAt == nil, "seed \(seed): \(message.name)")
        }
        #expect(!handed.contains { doNotContact.contains($0.candidateID) }, "seed \(seed)")
        let campaignTouches = try DatabaseQueue(path: storePath).read { db in
            try Int64.fetchAll(db, sql: "SELECT candidate_id FROM touchpoint WHERE campaign_id = ?", arguments: [campaign])
        }
        #expect(Set(campaignTouches).isDisjoint(with: doNotContact), "seed \(seed)")
        var recipients: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: sent.path) {
            let text = try String(contentsOf: sent.appendingPathComponent(file), encoding: .utf8)
            let to = text.split(separator: "\n").first { $0.hasPrefix("To: ") }.map(String.init) ?? ""
            recipients.append(to)
            #expect(!addresses.contains { to.contains("<\($0)>") }, "seed \(seed): \(to)")
        }
        // Everyone else queued got exactly one message (the property is not met by sending nobody).
        let sentMessages = messages.filter { $0.state == .sent }
        #expect(recipients.count == sentMessages.count && campaignTouches.count == sentMessages.count, "seed \(seed)")
        #expect(Set(campaignTouches) == Set(sentMessages.map(\.candidateID)), "seed \(seed)")
        #expect(messages.allSatisfy { $0.state == .sent || $0.state == .excluded }, "seed \(seed)")
        return (sentMessages.count, messages.filter { $0.reason == "do not contact (since the review)" }.count)
    }
}
