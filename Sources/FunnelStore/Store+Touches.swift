import Foundation
import FunnelCore
import GRDB

extension Store {
    /// Logs a touch and keeps the candidate's last touch and next follow-up in step, in one
    /// transaction. Outbound outreach to a "do not contact" candidate is refused (a note or an
    /// inbound touch is fine: they may call us).
    @discardableResult
    public func logTouch(_ candidateID: Int64, _ draft: TouchDraft, followUp: FollowUpUpdate = .keep) throws -> (Touchpoint, Revert) {
        try write { db in try Store.insertTouch(db, candidateID, draft, followUp: followUp) }
    }

    /// `alreadySent`: the touch records a message that has gone out already (a campaign message
    /// the mail command took after the person was marked do not contact): the fact is logged,
    /// with no follow-up, instead of refused.
    /// `messageID`, `campaignID`: the Message-ID the email carried and its campaign (v11), set in
    /// the same insert.
    static func insertTouch(_ db: Database, _ candidateID: Int64, _ draft: TouchDraft, followUp: FollowUpUpdate,
                            alreadySent: Bool = false, messageID: String? = nil, campaignID: Int64? = nil) throws -> (Touchpoint, Revert) {
        let draft = try draft.validated()
        let candidate = try fetchCandidate(db, candidateID)
        var followUp = followUp
        if alreadySent, !candidate.status.allowsOutreach { followUp = .keep }
        if !candidate.status.allowsOutreach, !alreadySent {
            if draft.channel.isOutreach && draft.direction == .outbound {
                throw FunnelError.refused("\(candidate.fullName) is marked do not contact: outbound touches are refused (log a note or an inbound touch)")
            }
            if case .set = followUp {
                throw FunnelError.refused("\(candidate.fullName) is marked do not contact: no follow-up can be scheduled")
            }
        }
        if draft.channel == .note, draft.note.trimmed.isEmpty {
            throw FunnelError.invalid("a note needs some text")
        }
        if let openingID = draft.openingID {
            let opening = try fetchOpening(db, openingID)
            if opening.status.isClosed {
                throw FunnelError.refused("opening #\(openingID) \(opening.title) is \(opening.status.title): touches about it are no longer logged")
            }
        }
        let at = Rows.seconds(draft.at)
        try db.cachedStatement(sql: """
            INSERT INTO touchpoint (candidate_id, at, channel, direction, outcome, note, template, opening_id, message_id, campaign_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [candidateID, at, draft.channel.rawValue, draft.direction.rawValue,
                             draft.outcome?.rawValue, draft.note, draft.template, draft.openingID, messageID, campaignID])
        let touchID = db.lastInsertedRowID
        let lastTouch = max(candidate.lastTouchAt.map(Rows.seconds) ?? at, at)
        let previousActivity = try Int64.fetchOne(db.cachedStatement(sql: "SELECT activity_at FROM candidate WHERE id = ?"), arguments: [candidateID])!
        let nextFollowUp: Day? = switch followUp {
        case .keep: candidate.nextFollowUp
        case .clear: nil
        case let .set(day): day
        }
        // One write of the candidate row (each costs its sixteen indexes and the tally
        // triggers): the dates, the engagement score with the new touch, and, when the desk
        // keeps re-engagement starts, the start it changed (the insert's trigger marked it).
        // Scored as of their latest touch, like every stored snapshot (a touch logged with an
        // older date does not turn the score back to that day).
        let score = try engagementScore(db, candidateID, at: Store.scoreMoment(Rows.date(lastTouch))).total
        let values: [any DatabaseValueConvertible & Sendable] = [
            lastTouch, nextFollowUp?.iso, at, max(at, Rows.seconds(candidate.updatedAt)), score]
        if let cadence = try recordedCadenceRules(db) {
            let start = try cadenceStart(db, id: candidateID, createdAt: Rows.seconds(candidate.createdAt), rules: cadence.rules,
                                         moment: Moment(now: Date(), timeZone: cadence.timeZone))
            try db.cachedStatement(sql: """
                UPDATE candidate SET last_touch_at = ?, next_follow_up = ?, activity_at = max(activity_at, ?), updated_at = ?,
                    engagement_score = ?, cadence_start = ?, cadence_dirty = 0 WHERE id = ?
                """).execute(arguments: StatementArguments(values + [start.map(Rows.seconds), candidateID]))
            // Anyone else marked in this transaction (none, as a touch marks only its candidate).
            try settleDirtyCadences(db, cadence)
        } else {
            try db.cachedStatement(sql: """
                UPDATE candidate SET last_touch_at = ?, next_follow_up = ?, activity_at = max(activity_at, ?), updated_at = ?,
                    engagement_score = ? WHERE id = ?
                """).execute(arguments: StatementArguments(values + [candidateID]))
        }
        // The search document after the other writes: a statement journal opened after a
        // full-text write makes FTS5 flush its pending terms (InboxBatch.settle says more).
        if !draft.note.isEmpty { try reindex(db, candidateID) }
        let touch = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Rows.touchColumns) FROM touchpoint WHERE id = ?"), arguments: [touchID])!
        return (try Rows.touch(touch),
                .logged(touchID: touchID, candidateID: candidateID, previousLastTouch: candidate.lastTouchAt,
                        previousNextFollowUp: candidate.nextFollowUp, previousActivity: Rows.date(previousActivity)))
    }

    /// Changes the text of a logged touch (the search index follows).
    public func editNote(touchID: Int64, to text: String) throws {
        let text = try PlainText.multiLine(text, field: "note")
        try write { db in
            guard let candidateID = try Int64.fetchOne(db, sql: "SELECT candidate_id FROM touchpoint WHERE id = ?", arguments: [touchID]) else {
                throw FunnelError.notFound("no touch with id \(touchID)")
            }
            try db.execute(sql: "UPDATE touchpoint SET note = ? WHERE id = ?", arguments: [text, touchID])
            try Store.reindex(db, candidateID)
        }
    }

    /// A page of a candidate's timeline, newest first; pass the last touch of a page to get the next.
    public func touches(of candidateID: Int64, after last: Touchpoint? = nil, limit: Int = 50) throws -> [Touchpoint] {
        try read { db in
            if let last {
                return try Row.fetchAll(db, sql: """
                    SELECT \(Rows.touchColumns) FROM touchpoint WHERE candidate_id = ? AND (at, id) < (?, ?)
                    ORDER BY at DESC, id DESC LIMIT ?
                    """, arguments: [candidateID, Rows.seconds(last.at), last.id, limit]).map(Rows.touch)
            }
            return try Row.fetchAll(db, sql: """
                SELECT \(Rows.touchColumns) FROM touchpoint WHERE candidate_id = ? ORDER BY at DESC, id DESC LIMIT ?
                """, arguments: [candidateID, limit]).map(Rows.touch)
        }
    }

    // MARK: Future roles

    /// Records the answer to the future-role question; earlier answers stay as history.
    @discardableResult
    public func recordFutureRole(_ candidateID: Int64, title: String, location: String, remote: Bool, at now: Date) throws -> (FutureRole, Revert) {
        let (title, location) = try FutureRole.validate(title: title, location: location, remote: remote)
        return try write { db in
            _ = try Store.fetchCandidate(db, candidateID)
            try db.execute(sql: "INSERT INTO future_role (candidate_id, title, location, remote, asked_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [candidateID, title, location, remote, Rows.seconds(now)])
            let id = db.lastInsertedRowID
            try db.execute(sql: "UPDATE candidate SET updated_at = ? WHERE id = ?", arguments: [Rows.seconds(now), candidateID])
            try Store.reindex(db, candidateID)
            let row = try Row.fetchOne(db, sql: "SELECT \(Rows.futureRoleColumns) FROM future_role WHERE id = ?", arguments: [id])!
            return (Rows.futureRole(row), .futureRoleRecorded(id: id, candidateID: candidateID))
        }
    }

    /// Every future-role answer of a candidate, newest (current) first.
    public func futureRoles(of candidateID: Int64) throws -> [FutureRole] {
        try read { db in try Store.futureRoles(db, candidateID) }
    }

    static func futureRoles(_ db: Database, _ candidateID: Int64) throws -> [FutureRole] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT \(Rows.futureRoleColumns) FROM future_role WHERE candidate_id = ? ORDER BY asked_at DESC, id DESC
            """), arguments: [candidateID]).map(Rows.futureRole)
    }

    /// The current future role (the latest answer), if any.
    public func currentFutureRole(of candidateID: Int64) throws -> FutureRole? {
        try futureRoles(of: candidateID).first
    }

    // MARK: Undo

    /// Takes back one change, in one transaction. Refused (and nothing changed) when the
    /// candidate has changed since in a way that makes the undo wrong, e.g. moved again.
    public func revert(_ change: Revert, at now: Date) throws {
        try write { db in try Store.apply(db, change, at: now) }
    }

    static func apply(_ db: Database, _ change: Revert, at now: Date) throws {
            switch change {
            case let .batch(changes):
                for part in changes.reversed() { try apply(db, part, at: now) }
            case let .moved(id, stageChangeID, from, to, previousEnteredAt, previousUpdatedAt):
                let current = try fetchCandidate(db, id)
                guard current.stage == to else {
                    throw FunnelError.refused("cannot undo the move: \(current.fullName) is now in \(current.stage.title)")
                }
                // Moved away and back since: the stage matches but this move is no longer the last
                // one, and taking it out would leave a history that ends in another stage.
                let latest = try Int64.fetchOne(db, sql: "SELECT id FROM stage_change WHERE candidate_id = ? ORDER BY at DESC, id DESC LIMIT 1",
                                                arguments: [id])
                guard latest == stageChangeID else {
                    throw FunnelError.refused("cannot undo the move: \(current.fullName) has moved since")
                }
                try db.execute(sql: "DELETE FROM stage_change WHERE id = ?", arguments: [stageChangeID])
                try db.execute(sql: "UPDATE candidate SET stage = ?, stage_entered_at = ?, updated_at = ? WHERE id = ?",
                               arguments: [from.rawValue, Rows.seconds(previousEnteredAt), Rows.seconds(previousUpdatedAt), id])
            case let .logged(touchID, id, previousLastTouch, previousNextFollowUp, previousActivity):
                guard try Int.fetchOne(db, sql: "SELECT count(*) FROM touchpoint WHERE id = ?", arguments: [touchID]) == 1 else {
                    throw FunnelError.refused("cannot undo: that touch no longer exists")
                }
                try db.execute(sql: "DELETE FROM touchpoint WHERE id = ?", arguments: [touchID])
                // Marked do not contact since: the touch goes, but no follow-up comes back.
                let current = try Store.fetchCandidate(db, id)
                let followUp = current.status.allowsOutreach ? previousNextFollowUp : nil
                // Another touch may have been logged since: the last touch is the latest remaining one.
                let latest = try Int64.fetchOne(db, sql: "SELECT max(at) FROM touchpoint WHERE candidate_id = ?", arguments: [id])
                let lastTouch = latest ?? previousLastTouch.map(Rows.seconds)
                try db.execute(sql: """
                    UPDATE candidate SET last_touch_at = ?, next_follow_up = ?, activity_at = max(?, coalesce(?, 0), created_at)
                    WHERE id = ?
                    """, arguments: [lastTouch, followUp?.iso, Rows.seconds(previousActivity), lastTouch, id])
                try reindex(db, id)
                try refreshEngagementScore(db, id, at: Store.scoreMoment(now))
                try settleDirtyCadences(db)
            case let .statusChanged(id, from, to, previousNextFollowUp):
                let current = try fetchCandidate(db, id)
                guard current.status == to else {
                    throw FunnelError.refused("cannot undo the status change: \(current.fullName) is now \(current.status.title)")
                }
                try db.execute(sql: "UPDATE candidate SET status = ?, next_follow_up = ?, updated_at = ? WHERE id = ?",
                               arguments: [from.rawValue, previousNextFollowUp?.iso, Rows.seconds(now), id])
            case let .futureRoleRecorded(roleID, id):
                try db.execute(sql: "DELETE FROM future_role WHERE id = ?", arguments: [roleID])
                guard db.changesCount == 1 else { throw FunnelError.refused("cannot undo: that future role no longer exists") }
                try reindex(db, id)
            case let .edited(previous):
                _ = try fetchCandidate(db, previous.id)
                try checkUnique(db, email: previous.email, linkedinURL: previous.linkedinURL, except: previous.id)
                try db.execute(sql: """
                    UPDATE candidate SET first_name = ?, last_name = ?, email = ?, phone = ?, location = ?,
                        linkedin_url = ?, title = ?, company = ?, source = ?, owner = ?, interests = ?,
                        preferred_channel = ?, referred_by = ?, status = ?, next_follow_up = ?, updated_at = ?, sort_name = ?
                    WHERE id = ?
                    """, arguments: [
                        previous.firstName, previous.lastName, previous.email, previous.phone, previous.location,
                        previous.linkedinURL, previous.title, previous.company, previous.source, previous.owner,
                        previous.interests, previous.preferredChannel?.rawValue, previous.referredBy,
                        previous.status.rawValue, previous.nextFollowUp?.iso, Rows.seconds(previous.updatedAt),
                        Rows.sortName(first: previous.firstName, last: previous.lastName), previous.id,
                    ])
                try writeTags(db, previous.id, previous.tags)
                try reindex(db, previous.id)
            case let .followUpChanged(id, previous):
                let current = try fetchCandidate(db, id)
                if previous != nil, !current.status.allowsOutreach {
                    throw FunnelError.refused("cannot undo: \(current.fullName) is now marked do not contact")
                }
                try db.execute(sql: "UPDATE candidate SET next_follow_up = ? WHERE id = ?", arguments: [previous?.iso, id])
            }
    }
}
