import FunnelCore

/// The Openings screen: the open (and on-hold) openings with how many people fit each and how
/// many were reached about it. A handful of rows, read in one go.
public struct OpeningsPage: Equatable, Sendable {
    public var summaries: [OpeningSummary] = []
    public var selected = 0
    public var top = 0
    public var loaded = false
    /// Filled and closed openings listed too (history; no matches are offered for them).
    public var includeClosed = false

    public init(includeClosed: Bool = false) { self.includeClosed = includeClosed }

    public var selectedSummary: OpeningSummary? { summaries.indices.contains(selected) ? summaries[selected] : nil }
}

/// One opening with its ranked matches: who said they want exactly this, why, and whether they
/// were reached about it. The actions of the page (Enter, 1–6, n, c, >/<) apply to the selected
/// person; `e` and `s` to the opening.
public struct OpeningPage: Equatable, Sendable {
    public var id: Int64
    public var detail: OpeningDetail?
    public var selected = 0
    public var top = 0

    public init(id: Int64, detail: OpeningDetail? = nil) {
        self.id = id
        self.detail = detail
    }

    public var selectedMatch: OpeningMatchRow? {
        guard let matches = detail?.matches, matches.indices.contains(selected) else { return nil }
        return matches[selected]
    }
}

/// What the opening page shows, read in one go from the store.
public struct OpeningDetail: Equatable, Sendable {
    public var summary: OpeningSummary
    /// Best first, at most `OpeningDetail.limit`.
    public var matches: [OpeningMatchRow]

    /// The most matches one page lists: past the first few hundred, a recruiter narrows the
    /// opening (its title or place) rather than scrolls.
    public static let limit = 200

    public init(summary: OpeningSummary, matches: [OpeningMatchRow]) {
        self.summary = summary
        self.matches = matches
    }

    public var opening: Opening { summary.opening }
}
