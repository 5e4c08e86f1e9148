import Foundation
import FunnelCore
import GRDB

extension Store {
    /// Logs an outcome from the Today queue: the touch, the next follow-up and (after "not now")
    /// the future-role answer, all in one transaction, undone together.
    @discardableResult
    public func logQuick(_ candidateID: Int64, _ entry: QuickLogEntry.Resolved) throws -> (Touchpoint, Revert) {
        try write { db in
            let followUp: FollowUpUpdate = entry.nextFollowUp.map { .set($0) } ?? .clear
            let (touch, touchRevert) = try Store.insertTouch(db, candidateID, entry.touch, followUp: followUp)
            guard let role = entry.futureRole else { return (touch, touchRevert) }
            let (title, location) = try FutureRole.validate(title: role.title, location: role.location, remote: role.remote)
            try db.execute(sql: "INSERT INTO future_role (candidate_id, title, location, remote, asked_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [candidateID, title, location, role.remote, Rows.seconds(entry.touch.at)])
            let roleID = db.lastInsertedRowID
            try Store.reindex(db, candidateID)
            return (touch, .batch([touchRevert, .futureRoleRecorded(id: roleID, candidateID: candidateID)]))
        }
    }
}
