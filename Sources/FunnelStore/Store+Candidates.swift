import Foundation
import FunnelCore
import GRDB

extension Store {
    // MARK: Reading

    /// The candidate with this id, or a not-found error naming it.
    public func candidate(_ id: Int64) throws -> Candidate {
        try read { db in try Store.fetchCandidate(db, id) }
    }

    /// The candidate with this id, or nil.
    public func candidateIfExists(_ id: Int64) throws -> Candidate? {
        try read { db in try Store.fetchCandidateIfExists(db, id) }
    }

    static func fetchCandidateIfExists(_ db: Database, _ id: Int64) throws -> Candidate? {
        // Cached statements: the queue and the lists read dozens of candidates per screen.
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Rows.candidateColumns) FROM candidate WHERE id = ?"),
                                         arguments: [id])
        else { return nil }
        let tags = try String.fetchAll(db.cachedStatement(sql: "SELECT tag FROM candidate_tag WHERE candidate_id = ? ORDER BY position"),
                                       arguments: [id])
        return try Rows.candidate(row, tags: tags)
    }

    static func fetchCandidate(_ db: Database, _ id: Int64) throws -> Candidate {
        guard let candidate = try fetchCandidateIfExists(db, id) else {
            throw FunnelError.notFound("no candidate with id \(id)")
        }
        return candidate
    }

    /// The candidate whose normalised email or LinkedIn profile matches, if any: duplicate detection.
    public func findDuplicate(email: String?, linkedinURL: String?) throws -> Candidate? {
        try read { db in try Store.findDuplicate(db, email: email, linkedinURL: linkedinURL) }
    }

    static func findDuplicate(_ db: Database, email: String?, linkedinURL: String?) throws -> Candidate? {
        if let email, let id = try Int64.fetchOne(db, sql: "SELECT id FROM candidate WHERE email = ?", arguments: [email]) {
            return try fetchCandidate(db, id)
        }
        if let linkedinURL,
           let id = try Int64.fetchOne(db, sql: "SELECT id FROM candidate WHERE linkedin_url = ?", arguments: [linkedinURL]) {
            return try fetchCandidate(db, id)
        }
        return nil
    }

    // MARK: Adding

    /// Adds a candidate (validated and normalised) with their entry into the funnel as the first
    /// stage change. A second person with the same email or LinkedIn profile is refused.
    @discardableResult
    public func add(_ draft: CandidateDraft, at now: Date) throws -> Candidate {
        let draft = try draft.validated()
        return try write { db in try Store.insert(db, draft, at: now) }
    }

    static func insert(_ db: Database, _ draft: CandidateDraft, at now: Date, stageEnteredAt: Date? = nil) throws -> Candidate {
        try checkUnique(db, email: draft.email, linkedinURL: draft.linkedinURL, except: nil)
        if let referrer = draft.referredBy { _ = try fetchCandidate(db, referrer) }
        if draft.status == .doNotContact, draft.nextFollowUp != nil {
            throw FunnelError.refused("a candidate marked do not contact cannot have a follow-up date")
        }
        let t = Rows.seconds(now)
        let entered = stageEnteredAt.map(Rows.seconds) ?? t
        try db.execute(sql: """
            INSERT INTO candidate (first_name, last_name, email, phone, location, linkedin_url, title, company,
                source, owner, interests, preferred_channel, referred_by, stage, status, created_at, updated_at,
                stage_entered_at, last_touch_at, next_follow_up, activity_at, sort_name)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)
            """, arguments: [
                draft.firstName, draft.lastName, draft.email, draft.phone, draft.location, draft.linkedinURL,
                draft.title, draft.company, draft.source, draft.owner, draft.interests,
                draft.preferredChannel?.rawValue, draft.referredBy, draft.stage.rawValue, draft.status.rawValue,
                t, t, entered, draft.nextFollowUp?.iso, t, Rows.sortName(first: draft.firstName, last: draft.lastName),
            ])
        let id = db.lastInsertedRowID
        try writeTags(db, id, draft.tags)
        try db.execute(sql: "INSERT INTO stage_change (candidate_id, from_stage, to_stage, at) VALUES (?, NULL, ?, ?)",
                       arguments: [id, draft.stage.rawValue, entered])
        try reindex(db, id)
        return try fetchCandidate(db, id)
    }

    static func checkUnique(_ db: Database, email: String?, linkedinURL: String?, except id: Int64?) throws {
        if let email,
           let other = try Int64.fetchOne(db, sql: "SELECT id FROM candidate WHERE email = ? AND id IS NOT ?", arguments: [email, id]) {
            throw FunnelError.invalid("candidate #\(other) already has the email \(email)")
        }
        if let linkedinURL,
           let other = try Int64.fetchOne(db, sql: "SELECT id FROM candidate WHERE linkedin_url = ? AND id IS NOT ?",
                                          arguments: [linkedinURL, id]) {
            throw FunnelError.invalid("candidate #\(other) already has the LinkedIn profile \(linkedinURL)")
        }
    }

    static func writeTags(_ db: Database, _ id: Int64, _ tags: [String]) throws {
        try db.execute(sql: "DELETE FROM candidate_tag WHERE candidate_id = ?", arguments: [id])
        for (position, tag) in tags.enumerated() {
            try db.execute(sql: "INSERT INTO candidate_tag (candidate_id, tag, position) VALUES (?, ?, ?)",
                           arguments: [id, tag, position])
        }
    }

    // MARK: Editing

    /// Replaces the editable profile fields (everything but stage, which moves through `move`).
    /// A change of status follows the same rules as `setStatus`.
    @discardableResult
    public func update(_ id: Int64, with draft: CandidateDraft, at now: Date) throws -> (Candidate, Revert) {
        let draft = try draft.validated()
        return try write { db in
            let previous = try Store.fetchCandidate(db, id)
            try Store.checkUnique(db, email: draft.email, linkedinURL: draft.linkedinURL, except: id)
            if let referrer = draft.referredBy {
                guard referrer != id else { throw FunnelError.invalid("a candidate cannot refer themselves") }
                _ = try Store.fetchCandidate(db, referrer)
            }
            let followUp = draft.status == .doNotContact ? nil : draft.nextFollowUp
            if draft.status == .doNotContact, draft.nextFollowUp != nil, previous.status == .doNotContact {
                throw FunnelError.refused("\(previous.fullName) is marked do not contact: no follow-up can be scheduled")
            }
            try db.execute(sql: """
                UPDATE candidate SET first_name = ?, last_name = ?, email = ?, phone = ?, location = ?,
                    linkedin_url = ?, title = ?, company = ?, source = ?, owner = ?, interests = ?,
                    preferred_channel = ?, referred_by = ?, status = ?, next_follow_up = ?, updated_at = ?, sort_name = ?
                WHERE id = ?
                """, arguments: [
                    draft.firstName, draft.lastName, draft.email, draft.phone, draft.location, draft.linkedinURL,
                    draft.title, draft.company, draft.source, draft.owner, draft.interests,
                    draft.preferredChannel?.rawValue, draft.referredBy, draft.status.rawValue, followUp?.iso,
                    Rows.seconds(now), Rows.sortName(first: draft.firstName, last: draft.lastName), id,
                ])
            try Store.writeTags(db, id, draft.tags)
            try Store.reindex(db, id)
            return (try Store.fetchCandidate(db, id), .edited(previous: previous))
        }
    }

    /// Sets the status. "Do not contact" also clears the next follow-up: nobody is ever
    /// scheduled for outreach to a person who asked not to be contacted.
    @discardableResult
    public func setStatus(_ id: Int64, to status: Status, at now: Date) throws -> (Candidate, Revert) {
        try write { db in
            let previous = try Store.fetchCandidate(db, id)
            guard previous.status != status else {
                throw FunnelError.invalid("\(previous.fullName) is already \(status.title)")
            }
            let followUp = status == .doNotContact ? nil : previous.nextFollowUp
            try db.execute(sql: "UPDATE candidate SET status = ?, next_follow_up = ?, updated_at = ? WHERE id = ?",
                           arguments: [status.rawValue, followUp?.iso, Rows.seconds(now), id])
            return (try Store.fetchCandidate(db, id),
                    .statusChanged(candidateID: id, from: previous.status, to: status, previousNextFollowUp: previous.nextFollowUp))
        }
    }

    /// Sets or clears the next follow-up date, refused for "do not contact".
    @discardableResult
    public func setFollowUp(_ id: Int64, to day: Day?, at now: Date) throws -> (Candidate, Revert) {
        try write { db in
            let previous = try Store.fetchCandidate(db, id)
            if day != nil, !previous.status.allowsOutreach {
                throw FunnelError.refused("\(previous.fullName) is marked do not contact: no follow-up can be scheduled")
            }
            try db.execute(sql: "UPDATE candidate SET next_follow_up = ?, updated_at = ? WHERE id = ?",
                           arguments: [day?.iso, Rows.seconds(now), id])
            return (try Store.fetchCandidate(db, id), .followUpChanged(candidateID: id, previous: previous.nextFollowUp))
        }
    }

    // MARK: Moving

    /// Moves a candidate to another stage, writing the stage change in the same transaction.
    @discardableResult
    public func move(_ id: Int64, to stage: Stage, at now: Date) throws -> (Candidate, Revert) {
        try write { db in
            let previous = try Store.fetchCandidate(db, id)
            guard previous.stage != stage else {
                throw FunnelError.invalid("\(previous.fullName) is already in \(stage.title)")
            }
            let changeID = try Store.writeMove(db, previous, to: stage, at: now)
            return (try Store.fetchCandidate(db, id),
                    .moved(candidateID: id, stageChangeID: changeID, from: previous.stage, to: stage,
                           previousEnteredAt: previous.stageEnteredAt, previousUpdatedAt: previous.updatedAt))
        }
    }

    /// Puts `candidate` in `stage` and records the stage change, inside the caller's transaction;
    /// returns the stage change's id. Every move goes through here, so the history always ends
    /// in the candidate's stage.
    static func writeMove(_ db: Database, _ candidate: Candidate, to stage: Stage, at now: Date) throws -> Int64 {
        let t = Rows.seconds(now)
        try db.execute(sql: "UPDATE candidate SET stage = ?, stage_entered_at = ?, updated_at = ? WHERE id = ?",
                       arguments: [stage.rawValue, t, t, candidate.id])
        try db.execute(sql: "INSERT INTO stage_change (candidate_id, from_stage, to_stage, at) VALUES (?, ?, ?, ?)",
                       arguments: [candidate.id, candidate.stage.rawValue, stage.rawValue, t])
        return db.lastInsertedRowID
    }

    /// Moves to the next stage (`forward`) or the previous one; an error at either end of the funnel.
    @discardableResult
    public func step(_ id: Int64, forward: Bool, at now: Date) throws -> (Candidate, Revert) {
        let current = try candidate(id)
        guard let target = forward ? current.stage.next : current.stage.previous else {
            throw FunnelError.invalid(forward
                ? "\(current.fullName) is already in \(current.stage.title), the last stage"
                : "\(current.fullName) is already in \(current.stage.title), the first stage")
        }
        return try move(id, to: target, at: now)
    }

    /// The stage history of a candidate, oldest first.
    public func stageHistory(_ id: Int64) throws -> [StageChange] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, candidate_id, from_stage, to_stage, at FROM stage_change WHERE candidate_id = ? ORDER BY at, id",
                             arguments: [id]).map(Rows.stageChange)
        }
    }
}
