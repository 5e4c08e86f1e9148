import Foundation
import FunnelCore
import GRDB

/// One mailbox entry handed to the store: the reader's stable key and the message read from it.
public struct InboxEntry: Sendable {
    public var key: String
    public var message: InboundMessage

    public init(key: String, message: InboundMessage) {
        self.key = key
        self.message = message
    }
}

/// What one touch logged from the mailbox was, for the command's list.
public struct InboxLogged: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case replied, autoReply = "auto_reply", bounced }
    public var kind: Kind
    public var candidateID: Int64
    public var name: String
    /// The message's subject; for a bounce, what failed (the address and the mail system's status).
    public var subject: String
    public var at: Date
    public var campaignID: Int64?
    /// How the message was tied to the candidate: "in-reply-to" (it names a Message-ID Funnel
    /// sent) or "address" (it came from the candidate's address).
    public var matchedBy: String
}

/// What a run of `funnel inbox` did (docs/mailbox.md, "What is logged").
public struct InboxTally: Sendable, Equatable, Codable {
    /// Entries read this run (those seen by an earlier run are skipped unread).
    public var read = 0
    public var replies = 0
    public var autoReplies = 0
    public var bounces = 0
    /// Addresses newly marked bouncing (a bounce of an old address, since edited, marks nothing).
    public var markedBouncing = 0
    public var deliveryReports = 0
    /// A Message-ID already in the log (the same message twice, or a run that was stopped).
    public var alreadyLogged = 0
    /// From nobody on the desk, answering nothing Funnel sent: counted and left alone.
    public var unknownSenders = 0
    /// List or bulk mail (`Precedence: bulk`) from a candidate's address that answers nothing
    /// Funnel sent: a newsletter, not an answer.
    public var bulk = 0
    public var logged: [InboxLogged] = []

    public init() {}

    public mutating func add(_ other: InboxTally) {
        read += other.read
        replies += other.replies
        autoReplies += other.autoReplies
        bounces += other.bounces
        markedBouncing += other.markedBouncing
        deliveryReports += other.deliveryReports
        alreadyLogged += other.alreadyLogged
        unknownSenders += other.unknownSenders
        bulk += other.bulk
        logged += other.logged
    }
}

/// `funnel inbox`: the store side. The command reads the mailbox (Sources/FunnelApp/Mail) and
/// hands batches of new entries here; each batch is one transaction holding the touches it
/// logged and the keys it saw, so a run stopped anywhere loses nothing and logs nothing twice.
extension Store {
    /// What earlier runs saw in `mailbox` (the mailbox's real path): the keys to skip, and the
    /// last mbox key to resume after.
    public func inboxSeen(mailbox: String) throws -> (keys: Set<String>, lastKey: String?) {
        try read { db in
            var keys = Set<String>()
            let rows = try Row.fetchCursor(db, sql: "SELECT key FROM inbox_seen WHERE mailbox = ?", arguments: [mailbox])
            while let row = try rows.next() { keys.insert(row[0]) }
            let last = try String.fetchOne(db, sql: "SELECT last_key FROM inbox_mailbox WHERE mailbox = ?", arguments: [mailbox])
            return (keys, last)
        }
    }

    /// Logs what `entries` say, in one transaction (rolled back when `commit` is false: a dry
    /// run). `lastKey`: the last key of the batch for an mbox, remembered for the next run.
    public func recordInbox(_ entries: [InboxEntry], mailbox: String, lastKey: String? = nil, rules: Rules,
                            moment: Moment, commit: Bool = true) throws -> InboxTally {
        var given = false
        return try recordInbox(mailbox: mailbox, rules: rules, moment: moment, commit: commit) {
            defer { given = true }
            return given ? nil : (entries, lastKey)
        }
    }

    /// Logs, in one transaction, the parts `next` hands over until it returns nil: the reader
    /// keeps parsing while the first parts are logged, and the batch still settles each
    /// candidate once. Each part: its new entries and, for an mbox, the last key it covered
    /// (the last non-nil one is remembered for the next run).
    public func recordInbox(mailbox: String, rules: Rules, moment: Moment, commit: Bool = true,
                            next: () throws -> (entries: [InboxEntry], lastKey: String?)?) throws -> InboxTally {
        try write(commit: commit) { db in
            var tally = InboxTally()
            var batch = InboxBatch()
            // The batch reads a few thousand candidates' rows and touches at random: a larger
            // page cache for it, as the cadence walk takes.
            let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            try db.execute(sql: "PRAGMA cache_size = -131072")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
            let seen = try db.cachedStatement(sql: "INSERT OR IGNORE INTO inbox_seen (mailbox, key) VALUES (?, ?)")
            var lastKey: String?
            var parts = 0
            while let part = try next() {
                parts += 1
                for entry in part.entries {
                    tally.read += 1
                    try Store.recordInboxMessage(db, entry.message, rules: rules, moment: moment, batch: &batch, into: &tally)
                    try seen.execute(arguments: [mailbox, entry.key])
                }
                lastKey = part.lastKey ?? lastKey
            }
            guard parts > 0 else { return tally }
            try batch.settle(db)
            try db.execute(sql: """
                INSERT INTO inbox_mailbox (mailbox, last_key, read_at) VALUES (?, ?, ?)
                ON CONFLICT (mailbox) DO UPDATE SET last_key = coalesce(excluded.last_key, last_key), read_at = excluded.read_at
                """, arguments: [mailbox, lastKey, Rows.seconds(moment.now)])
            return tally
        }
    }

    /// Who a message is about, and through what.
    struct InboxMatch {
        var candidateID: Int64
        var campaignID: Int64?
        var matchedBy: String
    }

    static func recordInboxMessage(_ db: Database, _ message: InboundMessage, rules: Rules, moment: Moment,
                                   batch: inout InboxBatch, into tally: inout InboxTally) throws {
        if try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM touchpoint WHERE message_id = ?"),
                             arguments: [message.messageID]) == true {
            tally.alreadyLogged += 1
            return
        }
        switch message.kind {
        case .deliveryReport:
            tally.deliveryReports += 1
        case let .bounce(failure):
            try recordBounce(db, message, failure, rules: rules, moment: moment, batch: &batch, into: &tally)
        case let .autoReply(signal):
            let answered = try matchSent(db, ids: message.answeredIDs)
            if answered == nil, signal == .precedenceBulk {
                if try matchAddress(db, message.senderAddresses, before: message, rules: rules, moment: moment) != nil {
                    tally.bulk += 1
                } else {
                    tally.unknownSenders += 1
                }
                return
            }
            guard let match = try match(db, message, answered: answered, rules: rules, moment: moment) else {
                tally.unknownSenders += 1
                return
            }
            let note = "auto-reply: " + (message.subject.isEmpty ? "(no subject)" : message.subject)
            try log(db, message, match, outcome: .autoReply, note: note, followUp: .keep, moment: moment, batch: &batch, into: &tally)
            tally.autoReplies += 1
        case .message:
            guard let match = try match(db, message, answered: try matchSent(db, ids: message.answeredIDs), rules: rules, moment: moment) else {
                tally.unknownSenders += 1
                return
            }
            let candidate = try batch.person(db, match.candidateID)
            // A reply is worked while it is warm: it is due today, unless something is due sooner.
            let today = moment.today
            let followUp: FollowUpUpdate = !candidate.status.allowsOutreach ? .keep
                : candidate.nextFollowUp.map { $0 <= today ? .keep : .set(today) } ?? .set(today)
            let note = message.subject.isEmpty ? "(no subject)" : message.subject
            try log(db, message, match, outcome: .replied, note: note, followUp: followUp, moment: moment, batch: &batch, into: &tally)
            tally.replies += 1
        }
    }

    /// A permanent failure: the touch goes to whoever the bounced message was sent to (by its
    /// Message-ID, else by the failed address), and the address is marked bouncing when it is
    /// still theirs.
    static func recordBounce(_ db: Database, _ message: InboundMessage, _ failure: DeliveryFailure, rules: Rules, moment: Moment,
                             batch: inout InboxBatch, into tally: inout InboxTally) throws {
        // Without the original's id, the bounce is the last campaign message's sent to the
        // address within the cadence, as an answer by address is.
        guard let match = try failure.originalMessageID.flatMap({ try matchSent(db, ids: [$0]) })
                ?? matchAddress(db, failure.addresses, before: message, rules: rules, moment: moment) else {
            tally.unknownSenders += 1
            return
        }
        let candidate = try batch.person(db, match.candidateID)
        let recipient = failure.recipients.first { $0.address == candidate.email } ?? failure.recipients.first
        let reason = [recipient?.status, recipient?.diagnostic].compactMap { $0?.nilIfBlank }.joined(separator: " ")
        let note = "bounced: " + [recipient?.address, reason.nilIfBlank].compactMap { $0 }.joined(separator: " — ")
        try log(db, message, match, outcome: .bounced, note: note, followUp: .keep, moment: moment, batch: &batch, into: &tally)
        tally.bounces += 1
        if let email = candidate.email, failure.addresses.contains(email), candidate.emailBouncedAt == nil {
            let text = HeaderText.clean(reason.isEmpty ? "bounced" : reason)
            if try batch.markBouncing(db, candidate.id, email: email, reason: text, at: Rows.seconds(moment.now)) {
                tally.markedBouncing += 1
            }
        }
    }

    /// Who wrote: the candidate whose address sent it, else the one the message Funnel sent and
    /// it answers went to (a reply from another address). The sender's own address wins over
    /// the ids: a candidate answering in a thread begun with someone else is still themselves.
    static func match(_ db: Database, _ message: InboundMessage, answered: InboxMatch?, rules: Rules, moment: Moment) throws -> InboxMatch? {
        guard let byAddress = try matchAddress(db, message.senderAddresses, before: message, rules: rules, moment: moment) else {
            return answered
        }
        if let answered, answered.candidateID == byAddress.candidateID { return answered }
        return byAddress
    }

    /// The message or touch Funnel sent that one of `ids` names (In-Reply-To first, then the
    /// References from the newest).
    static func matchSent(_ db: Database, ids: [String]) throws -> InboxMatch? {
        let campaignMessage = try db.cachedStatement(sql: "SELECT candidate_id, campaign_id FROM campaign_message WHERE message_id = ?")
        let touch = try db.cachedStatement(sql: "SELECT candidate_id, campaign_id FROM touchpoint WHERE message_id = ? AND direction = 'out'")
        for id in ids {
            if let row = try Row.fetchOne(campaignMessage, arguments: [id]) ?? Row.fetchOne(touch, arguments: [id]) {
                return InboxMatch(candidateID: row[0], campaignID: row[1], matchedBy: "in-reply-to")
            }
        }
        return nil
    }

    /// The candidate whose address sent the message, credited to the last campaign message sent
    /// to them within the cadence before it (an answer written as a new mail, not a reply).
    static func matchAddress(_ db: Database, _ addresses: [String], before message: InboundMessage, rules: Rules,
                             moment: Moment) throws -> InboxMatch? {
        for address in addresses {
            guard let id = try candidateID(db, email: address) else { continue }
            let at = Rows.seconds(touchTime(message, moment: moment))
            let campaign = try Int64.fetchOne(db.cachedStatement(sql: """
                SELECT campaign_id FROM campaign_message
                WHERE candidate_id = ? AND state = 'sent' AND sent_at <= ? AND sent_at > ?
                ORDER BY sent_at DESC LIMIT 1
                """), arguments: [id, at, at - Int64(rules.reengageEveryDays) * 86_400])
            return InboxMatch(candidateID: id, campaignID: campaign, matchedBy: "address")
        }
        return nil
    }

    static func candidateID(_ db: Database, email: String) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM candidate WHERE email = ?"), arguments: [email])
    }

    /// When the message says it was written, but never in the future (a wrong clock), and now
    /// when it says nothing readable.
    static func touchTime(_ message: InboundMessage, moment: Moment) -> Date {
        guard let date = message.date else { return moment.now }
        return min(date, moment.now)
    }

    static func log(_ db: Database, _ message: InboundMessage, _ match: InboxMatch, outcome: Outcome, note: String,
                    followUp: FollowUpUpdate, moment: Moment, batch: inout InboxBatch, into tally: inout InboxTally) throws {
        let at = touchTime(message, moment: moment)
        let draft = TouchDraft(at: at, channel: .email, direction: .inbound, outcome: outcome, note: note)
        try batch.logTouch(db, match.candidateID, draft, followUp: followUp, messageID: message.messageID,
                           campaignID: match.campaignID)
        let candidate = try batch.person(db, match.candidateID)
        let kind: InboxLogged.Kind = switch outcome {
        case .autoReply: .autoReply
        case .bounced: .bounced
        default: .replied
        }
        // A bounce's subject is the mail system's ("Undelivered Mail…"): its note says what failed.
        let shown = kind == .bounced ? note : message.subject
        tally.logged.append(InboxLogged(kind: kind, candidateID: match.candidateID, name: candidate.fullName,
                                        subject: shown, at: at, campaignID: match.campaignID, matchedBy: match.matchedBy))
    }
}

extension Store {
    /// For `funnel-bench mailbox --desk`: the addresses of the first `count` candidates that have one.
    public func inboxBenchSenders(_ count: Int) throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT email FROM candidate WHERE email IS NOT NULL ORDER BY id LIMIT ?", arguments: [count]) }
    }
}
