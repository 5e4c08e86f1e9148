import Foundation

/// How to take back one change made through the store: what `u` (undo) needs. Each write that can
/// be undone returns one; `Store.revert(_:)` applies it in one transaction, after checking the
/// candidate has not changed since in a way that would make the undo wrong.
public enum Revert: Sendable, Equatable {
    case moved(candidateID: Int64, stageChangeID: Int64, from: Stage, to: Stage, previousEnteredAt: Date, previousUpdatedAt: Date)
    case logged(touchID: Int64, candidateID: Int64, previousLastTouch: Date?, previousNextFollowUp: Day?, previousActivity: Date)
    case statusChanged(candidateID: Int64, from: Status, to: Status, previousNextFollowUp: Day?)
    case futureRoleRecorded(id: Int64, candidateID: Int64)
    case edited(previous: Candidate)
    case followUpChanged(candidateID: Int64, previous: Day?)
    /// Several changes made in one transaction (a touch and a future role); undone together.
    indirect case batch([Revert])

    public var candidateID: Int64 {
        switch self {
        case let .moved(id, _, _, _, _, _), let .logged(_, id, _, _, _), let .statusChanged(id, _, _, _),
             let .futureRoleRecorded(_, id), let .followUpChanged(id, _):
            return id
        case let .edited(previous):
            return previous.id
        case let .batch(changes):
            return changes.first?.candidateID ?? 0
        }
    }

    /// What undoing does, for the message line: "undid move to Conversion".
    public var summary: String {
        switch self {
        case let .moved(_, _, from, to, _, _): "move \(from.title) → \(to.title)"
        case .logged: "touch"
        case let .statusChanged(_, from, to, _): "status \(from.title) → \(to.title)"
        case .futureRoleRecorded: "future role"
        case .edited: "edit"
        case .followUpChanged: "follow-up date"
        case let .batch(changes): changes.map(\.summary).joined(separator: " and ")
        }
    }
}
