import Foundation
import FunnelCore

/// Everything the UI knows. It changes only in `update` (the reducer); the view is a function
/// of it; all I/O is requested as an `Effect` whose result comes back as a `Msg`.
public struct AppState: Equatable, Sendable {
    /// The screens, one on top of the other: Esc goes back down.
    public enum Page: Equatable, Sendable {
        case board
        case candidate(CandidatePage)
        case search(SearchPage)
        case today(TodayPage)
        case report(ReportPage)
        case openings(OpeningsPage)
        case opening(OpeningPage)
        case campaign(CampaignPage)
    }

    /// Modal layers over the page.
    public enum Overlay: Equatable, Sendable {
        case help(scroll: Int)
        case palette(Palette)
        case form(Form)
        case confirm(Confirm)
    }

    public var size: Size
    public var moment: Moment
    public var settings: UISettings

    public var columns: [Column]
    public var focusedStage: Stage
    public var sort: BoardSort = .activity
    /// Candidates per stage, from the store's counters.
    public var counts: [Stage: Int] = [:]
    /// Header figure per stage ("34% from Awareness"), computed by the store's report code.
    public var conversions: [Stage: String] = [:]

    public var pages: [Page] = [.board]
    public var overlay: Overlay?
    public var message: StatusMessage?
    /// Changes that `u` can take back, latest last.
    public var undoStack: [Revert] = []
    /// Board columns a write changed while another screen covered the board (a log from Today):
    /// read again when the board is shown, not on the key press that logged.
    public var staleColumns: Set<Stage> = []
    public var isFinished = false
    /// Until every column's first page has arrived, focus moves to the first non-empty column.
    public var choosingInitialFocus = false
    /// `e` on a board card opens the candidate first; the edit form opens when it has loaded.
    public var pendingEdit: Int64?
    /// Email templates by name, offered by the compose form.
    public var emailTemplates: [String] = []

    public init(size: Size, moment: Moment, settings: UISettings = UISettings()) {
        self.size = size
        self.moment = moment
        self.settings = settings
        self.columns = Stage.allCases.map(Column.init(stage:))
        self.focusedStage = .awareness
    }

    public var page: Page { pages.last ?? .board }

    public func column(_ stage: Stage) -> Column { columns[stage.index] }

    public mutating func withColumn(_ stage: Stage, _ change: (inout Column) -> Void) {
        change(&columns[stage.index])
    }

    public var focusedColumn: Column { column(focusedStage) }

    /// The candidate the next action applies to: the open candidate, else the board's selection.
    public var currentCandidateID: Int64? {
        switch page {
        case let .candidate(candidate): candidate.id
        case let .search(search): search.selectedCard?.id
        case let .today(today): today.selectedItem?.candidate.id
        case .report, .openings: nil
        case let .campaign(campaign): campaign.selectedMessage?.candidateID
        case let .opening(opening): opening.selectedMatch?.candidateID
        case .board: focusedColumn.selectedCard?.id
        }
    }
}

/// Settings the UI reads: the rules (config.toml) and display choices.
public struct UISettings: Equatable, Sendable {
    /// Draw with Unicode symbols and box lines (false: plain ASCII).
    public var unicode: Bool
    /// Colours on (false under NO_COLOR: bold and reverse still mark the selection).
    public var color: Bool
    /// Due, re-engagement and stale rules and the follow-up date each outcome proposes.
    public var rules: Rules

    public init(unicode: Bool = true, color: Bool = true, rules: Rules = .defaults) {
        self.unicode = unicode
        self.color = color
        self.rules = rules
    }

    /// The follow-up date proposed for each outcome in the log form (date shortcuts): the same
    /// table the Today queue and `funnel log` use.
    public var nextFollowUpDefaults: [Outcome: String] {
        Dictionary(uniqueKeysWithValues: Outcome.allCases.compactMap { outcome in
            let text = rules.proposedFollowUpText(after: outcome)
            return text.isEmpty ? nil : (outcome, text)
        })
    }
}

/// The line at the bottom: what just happened, or what went wrong.
public struct StatusMessage: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case info, error }
    public var text: String
    public var kind: Kind

    public static func info(_ text: String) -> StatusMessage { StatusMessage(text: text, kind: .info) }
    public static func error(_ text: String) -> StatusMessage { StatusMessage(text: text, kind: .error) }
}

/// A yes/no question before something that cannot be taken back.
public struct Confirm: Equatable, Sendable {
    public enum Action: Equatable, Sendable {
        case quitDiscardingForm
        /// Right to be forgotten: the candidate and everything about them, for good.
        case erase(candidateID: Int64, name: String)
        /// Start sending a reviewed campaign.
        case sendCampaign(id: Int64)
    }

    public var question: String
    public var action: Action
}

/// The candidate screen: the full record, loaded by an effect.
public struct CandidatePage: Equatable, Sendable {
    public var id: Int64
    public var detail: CandidateDetail?
    /// First visible line of the timeline.
    public var scroll: Int = 0

    public init(id: Int64, detail: CandidateDetail? = nil) {
        self.id = id
        self.detail = detail
    }
}

/// What the candidate screen shows, read in one go from the store.
public struct CandidateDetail: Equatable, Sendable {
    public var candidate: Candidate
    /// Newest first.
    public var touches: [Touchpoint]
    /// Whether older touches exist beyond `touches`.
    public var moreTouches: Bool
    /// Newest (current) first.
    public var futureRoles: [FutureRole]
    /// Oldest first.
    public var stages: [StageChange]
    public var referrerName: String?
    /// The live engagement score with its breakdown (docs/rules.md).
    public var engagement: EngagementScore?
    /// The open openings their current future role fits, best first.
    public var fittingOpenings: [FittingOpening]

    public init(candidate: Candidate, touches: [Touchpoint], moreTouches: Bool = false, futureRoles: [FutureRole],
                stages: [StageChange], referrerName: String? = nil, engagement: EngagementScore? = nil,
                fittingOpenings: [FittingOpening] = []) {
        self.fittingOpenings = fittingOpenings
        self.engagement = engagement
        self.candidate = candidate
        self.touches = touches
        self.moreTouches = moreTouches
        self.futureRoles = futureRoles
        self.stages = stages
        self.referrerName = referrerName
    }
}

/// Search as you type: the query, the results of the latest query, the selection.
public struct SearchPage: Equatable, Sendable {
    public var query = LineEditor()
    public var results: [Card] = []
    public var total = 0
    public var totalIsExact = true
    public var selected = 0
    /// Which query the results belong to (results of an older query are dropped).
    public var generation = 0
    public var resultsGeneration = 0

    public init() {}

    public var selectedCard: Card? { results.indices.contains(selected) ? results[selected] : nil }
}

/// The `:` command palette: every action of the screen below, filtered by what is typed.
public struct Palette: Equatable, Sendable {
    public var query = LineEditor()
    public var selected = 0
    public init() {}
}

/// The funnel overview: the same report as `funnel report`, laid out for the screen's width.
public struct ReportPage: Equatable, Sendable {
    public var report: FunnelReport?
    public var scroll = 0

    public init(report: FunnelReport? = nil) { self.report = report }
}
