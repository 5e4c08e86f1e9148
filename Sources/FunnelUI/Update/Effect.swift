import FunnelCore

/// I/O the UI asks for. The runtime runs each against the store (one transaction per write) or
/// the terminal, and feeds the result back as a `Msg`. Effects are plain values, so reducer tests
/// can check exactly what a key asks for.
public enum Effect: Equatable, Sendable {
    case loadCounts
    /// Compare the store file with what was last seen; answers `.storeChangedElsewhere` if it changed.
    case checkForOutsideChanges
    case loadColumn(Stage, ColumnRequest, sort: BoardSort, anchor: Card?, limit: Int)
    case loadCandidate(Int64)
    case search(String, generation: Int, limit: Int)
    /// The Today queue from its start (or after the last item loaded), most urgent first.
    case loadToday(after: DueCursor?, limit: Int)
    case logQuick(Int64, QuickLogEntry.Resolved)
    /// The names of the email templates, for the compose form.
    case loadTemplates
    /// The funnel report over the default period (the last 90 days).
    case loadReport
    /// Render a template for the candidate, let the recruiter edit it in $EDITOR, send it (or
    /// write it to the outbox) and log the touch, all or nothing.
    case compose(Int64, template: String)
    /// Erase the candidate: every row, index entry and byte (cannot be undone).
    case erase(Int64)

    case add(CandidateDraft)
    case update(Int64, CandidateDraft)
    case move(Int64, to: Stage)
    case setStatus(Int64, Status)
    case logTouch(Int64, TouchDraft, FollowUpUpdate)
    case recordFutureRole(Int64, title: String, location: String, remote: Bool)
    case undo(Revert)

    /// Hand the terminal to $EDITOR on this text; the result comes back as `.edited`.
    case editText(String)
}
