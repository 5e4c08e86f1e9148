import FunnelCore

/// Every named thing a key can do. One `Binding` table maps keys to these per screen, and the
/// same table draws the `?` help and the `:` palette, so help can never go stale.
public enum Action: String, CaseIterable, Sendable {
    case up, down, left, right, first, last, pageUp, pageDown
    case open, back, quit
    case stageNext, stagePrevious
    case undo
    case search, help, palette
    case add, logTouch, note, futureRole, status, edit, editor
    case sort, refresh
    case nextField, previousField, submit
    case today, compose, report, erase
    case quickNoAnswer, quickVoicemail, quickReplied, quickInterested, quickNotNow, quickDeclined
    case openings, openOpening, addOpening, editOpening, openingStatus, showClosedOpenings
    case campaign, campaignColumn, campaignSearch, campaignOpening, campaignTag, sendCampaign, editMessage

    /// The name in the palette and the help.
    public var title: String {
        switch self {
        case .up: "Up"
        case .down: "Down"
        case .left: "Previous column"
        case .right: "Next column"
        case .first: "First card"
        case .last: "Last card"
        case .pageUp: "Page up"
        case .pageDown: "Page down"
        case .open: "Open candidate"
        case .back: "Back"
        case .quit: "Quit"
        case .stageNext: "Move to next stage"
        case .stagePrevious: "Move to previous stage"
        case .undo: "Undo last change"
        case .search: "Search"
        case .help: "Help: keys of this screen"
        case .palette: "Command palette"
        case .add: "Add a candidate"
        case .logTouch: "Log a touch"
        case .note: "Add a note"
        case .futureRole: "Record future role"
        case .status: "Set status"
        case .edit: "Edit candidate"
        case .editor: "Write this field in $EDITOR"
        case .sort: "Sort by activity / name / engagement"
        case .refresh: "Reload from the store"
        case .nextField: "Next field"
        case .previousField: "Previous field"
        case .submit: "Save"
        case .today: "Today: who is due"
        case .compose: "Compose an email from a template"
        case .report: "Report: the funnel overview"
        case .erase: "Erase this candidate for good (asks first)"
        case .quickNoAnswer: "Log: no answer"
        case .quickVoicemail: "Log: left voicemail"
        case .quickReplied: "Log: replied"
        case .quickInterested: "Log: interested"
        case .quickNotNow: "Log: not now (asks the future role)"
        case .quickDeclined: "Log: declined"
        case .openings: "Openings: roles and who fits them"
        case .openOpening: "Open the opening and who fits it"
        case .addOpening: "Add an opening"
        case .editOpening: "Edit the opening"
        case .openingStatus: "Opening status: on hold, open, filled, closed"
        case .showClosedOpenings: "Show / hide filled and closed openings"
        case .campaign: "Campaign: email the whole re-engagement group (review first)"
        case .campaignColumn: "Campaign: everyone in this column"
        case .campaignSearch: "Campaign: everyone found"
        case .campaignOpening: "Campaign: who fits, not yet contacted"
        case .campaignTag: "Campaign: everyone with one of this person's tags (pick the tag)"
        case .sendCampaign: "Send the campaign, one message at a time (asks first; Esc stops)"
        case .editMessage: "Edit this message before it is sent ($EDITOR)"
        }
    }
}

extension Action {
    /// The Today queue's one-key outcomes, in the order of `QuickOutcome.table`.
    public static let quickOutcomes: [Action] = [.quickNoAnswer, .quickVoicemail, .quickReplied, .quickInterested, .quickNotNow, .quickDeclined]

    /// The quick outcome this action logs, if it is one.
    public var quickOutcome: QuickOutcome? {
        guard let index = Action.quickOutcomes.firstIndex(of: self), QuickOutcome.table.indices.contains(index) else { return nil }
        return QuickOutcome.table[index]
    }
}

/// The screens and layers whose keys differ.
public enum KeyContext: String, CaseIterable, Sendable {
    case board, candidate, today, report, openings, opening, search, form, help, palette, campaign
}

/// One row of the key table: keys, what they do, where.
public struct Binding: Sendable {
    public var keys: [Key]
    public var action: Action
    public var contexts: [KeyContext]
    /// Shown in the palette? (movement keys are not worth a palette entry)
    public var inPalette: Bool

    public init(_ keys: [Key], _ action: Action, _ contexts: [KeyContext], palette: Bool = true) {
        self.keys = keys
        self.action = action
        self.contexts = contexts
        self.inPalette = palette
    }

    /// "j Down": how the keys read in help.
    public var keyLabel: String { keys.map(\.description).joined(separator: " ") }
}

/// The key table. docs/keys.md lists the same keys; a test checks they agree.
public enum Keymap {
    public static let bindings: [Binding] = [
        Binding([.char("k"), .up], .up, [.board, .candidate, .today, .report, .help, .openings, .opening, .campaign], palette: false),
        Binding([.char("j"), .down], .down, [.board, .candidate, .today, .report, .help, .openings, .opening, .campaign], palette: false),
        // In search and the palette letters are typed into the query: only these keys move.
        Binding([.up, .ctrl("p")], .up, [.search, .palette], palette: false),
        Binding([.down, .ctrl("n"), .tab], .down, [.search], palette: false),
        Binding([.down, .ctrl("n")], .down, [.palette], palette: false),
        Binding([.char("h"), .left], .left, [.board], palette: false),
        Binding([.char("l"), .right], .right, [.board], palette: false),
        Binding([.char("g"), .home], .first, [.board, .candidate, .today, .report, .help, .openings, .opening, .campaign], palette: false),
        Binding([.char("G"), .end], .last, [.board, .candidate, .today, .report, .help, .openings, .opening, .campaign], palette: false),
        Binding([.pageUp, .ctrl("b")], .pageUp, [.board, .candidate, .today, .report, .help, .openings, .opening, .campaign], palette: false),
        Binding([.pageDown, .ctrl("f")], .pageDown, [.board, .candidate, .today, .report, .help, .openings, .opening, .campaign], palette: false),
        Binding([.enter], .open, [.board, .today, .search, .palette, .opening]),
        Binding([.char("1")], .quickNoAnswer, [.today, .opening]),
        Binding([.char("2")], .quickVoicemail, [.today, .opening]),
        Binding([.char("3")], .quickReplied, [.today, .opening]),
        Binding([.char("4")], .quickInterested, [.today, .opening]),
        Binding([.char("5")], .quickNotNow, [.today, .opening]),
        Binding([.char("6")], .quickDeclined, [.today, .opening]),
        Binding([.char(">"), .char("L")], .stageNext, [.board, .candidate, .today, .opening]),
        Binding([.char("<"), .char("H")], .stagePrevious, [.board, .candidate, .today, .opening]),
        Binding([.char("n")], .logTouch, [.board, .candidate, .today, .opening]),
        Binding([.char("N")], .note, [.board, .candidate, .today, .opening]),
        Binding([.char("f")], .futureRole, [.board, .candidate, .today, .opening]),
        Binding([.char("s")], .status, [.board, .candidate, .today]),
        Binding([.char("e")], .edit, [.board, .candidate, .today]),
        Binding([.char("a")], .add, [.board, .candidate, .today]),
        Binding([.char("u")], .undo, [.board, .candidate, .today, .openings, .opening]),
        Binding([.char("/")], .search, [.board, .candidate, .today, .openings, .opening]),
        Binding([.char("o")], .sort, [.board]),
        Binding([.ctrl("r")], .refresh, [.board, .candidate, .today, .report, .openings, .opening, .campaign]),
        Binding([.tab, .down], .nextField, [.form], palette: false),
        Binding([.backTab, .up], .previousField, [.form], palette: false),
        Binding([.enter], .submit, [.form], palette: false),
        Binding([.ctrl("x")], .editor, [.form], palette: false),
        Binding([.char(":")], .palette, [.board, .candidate, .today, .openings, .opening]),
        Binding([.char("?")], .help, [.board, .candidate, .today, .report, .openings, .opening, .campaign]),
        Binding([.char("t")], .today, [.board, .candidate, .openings, .opening]),
        Binding([.char("c")], .compose, [.board, .candidate, .today, .opening]),
        Binding([.char("R")], .report, [.board, .candidate, .today, .openings, .opening]),
        Binding([.char("E")], .erase, [.candidate]),
        Binding([.char("O")], .openings, [.board, .candidate, .today, .report]),
        Binding([.enter], .openOpening, [.openings]),
        Binding([.char("a")], .addOpening, [.openings]),
        Binding([.char("e")], .editOpening, [.openings, .opening]),
        Binding([.char("s")], .openingStatus, [.openings, .opening]),
        Binding([.char("x")], .showClosedOpenings, [.openings]),
        Binding([.char("C")], .campaign, [.today]),
        Binding([.char("C")], .campaignColumn, [.board]),
        // Letters are typed into the query: a control key.
        Binding([.ctrl("g")], .campaignSearch, [.search]),
        Binding([.char("C")], .campaignOpening, [.opening]),
        Binding([.char("C")], .campaignTag, [.candidate]),
        Binding([.char("e")], .editMessage, [.campaign]),
        Binding([.char("S")], .sendCampaign, [.campaign]),
        Binding([.escape, .char("q")], .back, [.candidate, .today, .report, .help, .openings, .opening, .campaign], palette: false),
        Binding([.escape], .back, [.search, .palette, .form], palette: false),
        Binding([.char("q")], .quit, [.board]),
        Binding([.ctrl("c")], .quit, KeyContext.allCases, palette: false),
    ]

    /// The action a key triggers in a context, if any.
    public static func action(for key: Key, in context: KeyContext) -> Action? {
        bindings.first { $0.contexts.contains(context) && $0.keys.contains(key) }?.action
    }

    /// The rows of the help for a context, in table order.
    public static func help(for context: KeyContext) -> [Binding] {
        bindings.filter { $0.contexts.contains(context) }
    }
}
