import FunnelCore

/// Everything that can happen to the UI: a key, a resize, or the result of an effect.
public enum Msg: Equatable, Sendable {
    case key(Key)
    case resize(Size)
    /// SIGTERM, SIGHUP, SIGINT delivered on the loop: leave cleanly.
    case terminate
    /// A second went by with no key: time to look for changes made by another process.
    case tick
    /// Another process (a `funnel import` in another pane) changed the store: read it again.
    case storeChangedElsewhere
    case campaignLoaded(CampaignTally, [CampaignMessage])
    case campaignStepped(CampaignStep)

    case countsLoaded([Stage: Int], conversions: [Stage: String])
    /// A window of a column; `request` says where it goes.
    case columnLoaded(Stage, ColumnRequest, [Card], moreBefore: Bool, moreAfter: Bool)
    case candidateLoaded(CandidateDetail)
    case templatesLoaded([String])
    case reportLoaded(FunnelReport)
    /// `includeClosed`: the list it answers (a page showing filled and closed ones, or not).
    case openingsLoaded([OpeningSummary], includeClosed: Bool)
    case openingLoaded(OpeningDetail)
    /// An opening was added, edited or closed; `placed` names who moved to conversion with it.
    case openingChanged(Int64, message: String, placed: Int64?)
    /// The candidate is gone: leave their screen, drop undo entries about them, read the board again.
    case erased(Int64, message: String)
    /// `exact` is false when counting stopped at a cap ("10,000+ matches").
    case searchResults(generation: Int, [Card], total: Int, exact: Bool = true)
    /// A page of the Today queue; `append` adds it after what is loaded.
    /// `next` continues the queue (nil: the end); re-engagement counts may be a lower bound ("100+").
    case todayLoaded([DueItem], counts: DueCounts, countsAreLowerBound: Bool, append: Bool, next: DueCursor?)
    /// A write succeeded: what to reload, the undo record, and what to tell the user.
    case changed(Change)
    /// Text came back from $EDITOR for the focused form field.
    case edited(String)
    /// An effect failed: one sentence for the message line; the screen reloads from the store.
    case failed(String)
}

/// A write that went through: enough for the UI to follow the candidate and offer undo.
public struct Change: Equatable, Sendable {
    public var candidateID: Int64
    /// The candidate's stage after the change (nil if they no longer exist).
    public var stage: Stage?
    /// nil for changes that cannot be undone (adding a candidate) and for undo itself.
    public var revert: Revert?
    public var message: String
    /// Whether the change may have changed who is in which stage (a move, an add, an undo of
    /// anything): only then are the column headers (counts and conversions) read again. A touch,
    /// an answer or a note leaves them as they are.
    public var mayChangeStages: Bool

    public init(candidateID: Int64, stage: Stage?, revert: Revert?, message: String, mayChangeStages: Bool = true) {
        self.candidateID = candidateID
        self.stage = stage
        self.revert = revert
        self.message = message
        self.mayChangeStages = mayChangeStages
    }
}

/// How a loaded page of cards lands in a column.
public enum ColumnRequest: Equatable, Sendable {
    /// The first window from the top of the column.
    case top
    /// The last window, at the bottom of the column (`G`).
    case bottom
    /// A window around one card, selecting it (after a move, or opening the board on a card).
    case around(Int64)
    /// The page after the window (scrolling down).
    case after
    /// The page before the window (scrolling up).
    case before
}
