import Foundation
import FunnelCore
import GRDB

/// What logging an outcome from the queue wrote, and how to take it back.
public struct LoggedOutcome: Sendable, Equatable {
    public var touch: Touchpoint
    public var futureRole: FutureRole?
    /// Apply newest first (last element first) to undo everything this call did.
    public var reverts: [Revert]
}

extension Store {
    /// Logs a touch, sets (or clears) the next follow-up and records a future-role answer, all in
    /// one transaction: the Today queue's "log and next". Refused for outbound touches to
    /// "do not contact" (see `logTouch`).
    @discardableResult
    public func logOutcome(_ candidateID: Int64, _ draft: TouchDraft, followUp: FollowUpUpdate,
                           futureRole: FutureRoleAnswer? = nil) throws -> LoggedOutcome {
        let role = try futureRole.map { answer -> FutureRoleAnswer in
            let (title, location) = try FutureRole.validate(title: answer.title, location: answer.location, remote: answer.remote)
            return FutureRoleAnswer(title: title, location: location, remote: answer.remote)
        }
        return try write { db in
            let (touch, revert) = try Store.insertTouch(db, candidateID, draft, followUp: followUp)
            var reverts = [revert]
            var saved: FutureRole?
            if let role {
                try db.execute(sql: "INSERT INTO future_role (candidate_id, title, location, remote, asked_at) VALUES (?, ?, ?, ?, ?)",
                               arguments: [candidateID, role.title, role.location, role.remote, Rows.seconds(draft.at)])
                let id = db.lastInsertedRowID
                try Store.reindex(db, candidateID)
                let row = try Row.fetchOne(db, sql: "SELECT \(Rows.futureRoleColumns) FROM future_role WHERE id = ?", arguments: [id])!
                saved = Rows.futureRole(row)
                reverts.append(.futureRoleRecorded(id: id, candidateID: candidateID))
            }
            return LoggedOutcome(touch: touch, futureRole: saved, reverts: reverts)
        }
    }
}
