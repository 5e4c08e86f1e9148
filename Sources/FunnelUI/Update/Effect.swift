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
    /// `opening`: the message is about that opening (its merge fields; the touch is about it).
    case compose(Int64, template: String, opening: Int64? = nil)
    /// Erase the candidate: every row, index entry and byte (cannot be undone).
    case erase(Int64)

    /// The openings with their match counts: open and on hold, or every one.
    case loadOpenings(includeClosed: Bool)
    /// One opening with its ranked matches.
    case loadOpening(Int64)
    case addOpening(OpeningDraft)
    case editOpening(Int64, OpeningDraft, status: Opening.State?)
    /// Filled (optionally naming who was placed: they move to conversion) or closed.
    case closeOpening(Int64, as: Opening.State, placed: Int64?)

    case add(CandidateDraft)
    case update(Int64, CandidateDraft)
    case move(Int64, to: Stage)
    case setStatus(Int64, Status)
    case logTouch(Int64, TouchDraft, FollowUpUpdate)
    case recordFutureRole(Int64, title: String, location: String, remote: Bool)
    case undo(Revert)

    /// Hand the terminal to $EDITOR on this text; the result comes back as `.edited`.
    case editText(String)
    /// Make a campaign (rendered for review, nothing sent) and show it.
    case createCampaign(CampaignSource, template: String)
    /// Read a campaign's review again (counts and every message).
    case loadCampaign(Int64)
    /// Edit one message of a campaign in $EDITOR before it is sent.
    case editCampaignMessage(Int64, position: Int)
    /// Hand the next message to the mail command and record it (one per tick while sending).
    case sendCampaignStep(Int64)
    /// Mark a run over (stopped or done) and read the campaign again.
    case finishCampaignRun(Int64)
}
