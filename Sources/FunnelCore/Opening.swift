import Foundation

/// A role the recruiter is filling; matched against future-role answers (docs/rules.md).
public struct Opening: Codable, Sendable, Equatable, Identifiable {
    public enum State: String, CaseIterable, Codable, Sendable {
        case open
        case onHold = "on_hold"
        case filled, closed

        public static func parse(_ text: String) throws -> State {
            if let s = State(rawValue: normalizedKey(text)) { return s }
            throw FunnelError.invalid(
                "unknown opening status '\(text)': expected one of \(State.allCases.map(\.rawValue).joined(separator: ", "))")
        }

        /// Filled and closed openings are history: no matches are offered for them.
        public var isClosed: Bool { self == .filled || self == .closed }

        public var title: String {
            switch self {
            case .open: "open"
            case .onHold: "on hold"
            case .filled: "filled"
            case .closed: "closed"
            }
        }
    }

    public var id: Int64
    public var title: String
    public var location: String
    public var company: String?
    public var status: State
    public var workMode: WorkMode
    public var owner: String?
    public var notes: String
    /// When it was opened.
    public var createdAt: Date
    /// When it was last opened or edited (Today's "Fits an open role" looks at this).
    public var updatedAt: Date
    public var closedAt: Date?
    /// Who got the job, when it was filled from the desk.
    public var placedCandidateID: Int64?

    public init(id: Int64, title: String, location: String, company: String?, status: State, createdAt: Date,
                workMode: WorkMode = .onsite, owner: String? = nil, notes: String = "", updatedAt: Date? = nil,
                closedAt: Date? = nil, placedCandidateID: Int64? = nil) {
        self.id = id
        self.title = title
        self.location = location
        self.company = company
        self.status = status
        self.createdAt = createdAt
        self.workMode = workMode
        self.owner = owner
        self.notes = notes
        self.updatedAt = updatedAt ?? createdAt
        self.closedAt = closedAt
        self.placedCandidateID = placedCandidateID
    }

    /// "Staff Engineer @ Blue Harbor, Lisbon (hybrid)".
    public var summary: String {
        var text = title
        if let company { text += " @ \(company)" }
        return text + ", " + place
    }

    /// Where it is, in words: "Lisbon", "Berlin (hybrid)", "remote", "Porto (remote)".
    public var place: String { Self.place(location: location, workMode: workMode) }

    /// The one wording of an opening's place (lists, the report, Today's fits): a remote opening
    /// whose location is empty or itself says remote is just "remote".
    public static func place(location: String, workMode: WorkMode) -> String {
        switch workMode {
        case .remote:
            location.isEmpty || MatchVocabulary.standard.locationKey(location) == MatchVocabulary.remoteKey
                ? "remote" : "\(location) (remote)"
        case .hybrid: "\(location) (hybrid)"
        case .onsite: location
        }
    }
}

/// An opening as typed into a form or the command line, before it is checked.
public struct OpeningDraft: Sendable, Equatable {
    public var title: String
    public var location: String
    public var company: String?
    public var workMode: WorkMode?
    public var owner: String?
    public var notes: String

    public init(title: String, location: String = "", company: String? = nil, workMode: WorkMode? = nil,
                owner: String? = nil, notes: String = "") {
        self.title = title
        self.location = location
        self.company = company
        self.workMode = workMode
        self.owner = owner
        self.notes = notes
    }

    /// Trimmed and checked: a title; a place unless remote (a location that says "remote" makes
    /// the work mode remote when none is given); every field plain text.
    public func validated() throws -> OpeningDraft {
        var draft = self
        draft.title = title.trimmed
        draft.location = location.trimmed
        draft.company = company?.nilIfBlank
        draft.owner = owner?.nilIfBlank
        guard !draft.title.isEmpty else { throw FunnelError.invalid("an opening needs a title") }
        try PlainText.check(draft.title, field: "opening title")
        try PlainText.check(draft.location, field: "opening location")
        try PlainText.check(draft.company, field: "opening company")
        try PlainText.check(draft.owner, field: "opening owner")
        try PlainText.check(draft.notes, field: "opening notes", .multiLine)
        let saysRemote = draft.location.isEmpty || MatchVocabulary.standard.locationKey(draft.location) == MatchVocabulary.remoteKey
        let mode = draft.workMode ?? (saysRemote ? .remote : .onsite)
        if mode != .remote && saysRemote {
            throw FunnelError.invalid("\(mode == .onsite ? "an onsite" : "a hybrid") opening needs a location (or work mode remote)")
        }
        draft.workMode = mode
        return draft
    }
}
