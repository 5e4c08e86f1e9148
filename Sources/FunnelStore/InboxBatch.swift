import Foundation
import FunnelCore
import GRDB

/// The touches one `funnel inbox` batch logs, and what they change on each candidate, settled
/// once per candidate at the end of the batch's transaction rather than once per message.
///
/// Why: a reply logged through `Store.insertTouch` updates the candidate row four times (the
/// touch's dates, the engagement score, the cadence flag and its stored start) and rebuilds the
/// search document, each write touching the candidate's sixteen indexes and the tally triggers:
/// about 1 ms a message, 100 s for a 100,000-message mailbox. Here each message is two point
/// reads and one insert; each candidate it touched gets one update, one search document and one
/// score when the batch ends, and the re-engagement starts are settled once. What the batch
/// commits is what logging the same touches one by one would have left.
struct InboxBatch {
    /// What the batch knows of a candidate it logged a touch for (read once, then kept current).
    struct Person {
        var id: Int64
        var fullName: String
        var status: Status
        var email: String?
        var emailBouncedAt: Int64?
        var nextFollowUp: Day?
        var lastTouchAt: Int64?
        var updatedAt: Int64
        var createdAt: Int64
        /// The newest touch the batch logged for them; nil while none was.
        var newestLogged: Int64?
        /// The notes of the touches the batch logged for them (each with the earliest instant it
        /// was logged at), and the id of the first: a note one of their earlier touches has, at
        /// that instant or before, is in their search document already, where it stays.
        var newNotes: [String: Int64] = [:]
        var firstLoggedID: Int64?
    }

    private(set) var people: [Int64: Person] = [:]
    /// In the order first touched: the settle pass is deterministic.
    private var order: [Int64] = []

    /// The candidate as the batch sees them (their row, plus what the batch logged so far).
    mutating func person(_ db: Database, _ id: Int64) throws -> Person {
        if let known = people[id] { return known }
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT first_name, last_name, status, email, email_bounced_at, next_follow_up, last_touch_at, updated_at, created_at
            FROM candidate WHERE id = ?
            """), arguments: [id]) else {
            throw FunnelError.notFound("no candidate with id \(id)")
        }
        let first: String = row[0], last: String = row[1]
        let person = Person(id: id, fullName: last.isEmpty ? first : "\(first) \(last)", status: try Status.parse(row[2]),
                            email: row[3], emailBouncedAt: row[4], nextFollowUp: (row[5] as String?).flatMap { Day(iso: $0) },
                            lastTouchAt: row[6], updatedAt: row[7], createdAt: row[8])
        people[id] = person
        order.append(id)
        return person
    }

    /// Inserts one inbound email touch. The candidate's dates, search document and score follow
    /// in `settle`, in the same transaction.
    mutating func logTouch(_ db: Database, _ id: Int64, _ draft: TouchDraft, followUp: FollowUpUpdate,
                           messageID: String, campaignID: Int64?) throws {
        let draft = try draft.validated()
        var person = try person(db, id)
        if case .set = followUp, !person.status.allowsOutreach {
            throw FunnelError.refused("\(person.fullName) is marked do not contact: no follow-up can be scheduled")
        }
        let at = Rows.seconds(draft.at)
        try db.cachedStatement(sql: """
            INSERT INTO touchpoint (candidate_id, at, channel, direction, outcome, note, template, opening_id, message_id, campaign_id)
            VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?)
            """).execute(arguments: [id, at, draft.channel.rawValue, draft.direction.rawValue, draft.outcome?.rawValue,
                                     draft.note, messageID, campaignID])
        switch followUp {
        case .keep: break
        case .clear: person.nextFollowUp = nil
        case let .set(day): person.nextFollowUp = day
        }
        person.newestLogged = max(person.newestLogged ?? at, at)
        if person.firstLoggedID == nil { person.firstLoggedID = db.lastInsertedRowID }
        if !draft.note.isEmpty { person.newNotes[draft.note] = min(person.newNotes[draft.note] ?? at, at) }
        people[id] = person
    }

    /// Marks the address bouncing while it is still the candidate's; true when it was marked.
    mutating func markBouncing(_ db: Database, _ id: Int64, email: String, reason: String, at: Int64) throws -> Bool {
        try db.cachedStatement(sql: "UPDATE candidate SET email_bounced_at = ?, email_bounce = ? WHERE id = ? AND email = ?")
            .execute(arguments: [at, reason, id, email])
        guard db.changesCount > 0 else { return false }
        people[id]?.emailBouncedAt = at
        return true
    }

    /// Each touched candidate's row in one update, as `insertTouch` leaves it: the latest touch,
    /// the follow-up, the activity and update instants, the engagement score and, when the desk
    /// keeps re-engagement starts, the start the new touches changed (every row written costs
    /// its sixteen indexes). Then their search documents.
    func settle(_ db: Database) throws {
        let update = try db.cachedStatement(sql: """
            UPDATE candidate SET last_touch_at = ?, next_follow_up = ?, activity_at = max(activity_at, ?), updated_at = ?,
                engagement_score = ? WHERE id = ?
            """)
        let started = try db.cachedStatement(sql: """
            UPDATE candidate SET last_touch_at = ?, next_follow_up = ?, activity_at = max(activity_at, ?), updated_at = ?,
                engagement_score = ?, cadence_start = ?, cadence_dirty = 0 WHERE id = ?
            """)
        let cadence = try Store.recordedCadenceRules(db)
        for id in order {
            guard let person = people[id], let newest = person.newestLogged else { continue }
            let lastTouch = max(person.lastTouchAt ?? newest, newest)
            let score = try Store.engagementScore(db, id, at: Store.scoreMoment(Rows.date(lastTouch))).total
            let values: [any DatabaseValueConvertible & Sendable] = [
                lastTouch, person.nextFollowUp?.iso, newest, max(newest, person.updatedAt), score]
            if let cadence {
                let start = try Store.cadenceStart(db, id: id, createdAt: person.createdAt, rules: cadence.rules,
                                                   moment: Moment(now: Date(), timeZone: cadence.timeZone))
                try started.execute(arguments: StatementArguments(values + [start.map(Rows.seconds), id]))
            } else {
                try update.execute(arguments: StatementArguments(values + [id]))
            }
        }
        // Anyone else a trigger marked (none, as the inbox writes only touches).
        try Store.settleDirtyCadences(db)
        // The search documents last: once a full-text table is written in a transaction, every
        // later statement that opens a statement journal (an update with triggers) makes FTS5
        // flush its pending terms to a new segment, and a batch would write hundreds of tiny
        // segments (measured: a fifth of the run's time). A document is rebuilt only when a note
        // is new to the person: the inbox changes nothing else it holds, and a note written
        // before is in it once, where it first came in time order (`SearchDocument.body`): an
        // earlier touch with the same note at the same instant or before keeps it there.
        let earlier = try db.cachedStatement(sql: """
            SELECT 1 FROM touchpoint WHERE candidate_id = ? AND note = ? AND id < ? AND at <= ? LIMIT 1
            """)
        for id in order {
            guard let person = people[id], let first = person.firstLoggedID, !person.newNotes.isEmpty else { continue }
            let known = try person.newNotes.allSatisfy { note, at in
                try Bool.fetchOne(earlier, arguments: [id, note, first, at]) == true
            }
            if !known { try Store.reindex(db, id) }
        }
    }
}
