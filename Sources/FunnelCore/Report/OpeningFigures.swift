import Foundation

/// One opening in the report: who fits it and how far the desk got with them. Open and on-hold
/// openings now, and the openings filled during the period. docs/rules.md (Report → Openings)
/// defines each figure.
public struct OpeningFigures: Codable, Sendable, Equatable {
    public var id: Int64
    public var title: String
    @NullWhenAbsent public var company: String?
    public var location: String
    public var workMode: WorkMode
    public var status: Opening.State
    /// People who fit it now (the count of `funnel matches`); null for a filled opening, which
    /// is offered no matches.
    @NullWhenAbsent public var matches: Int?
    /// People with at least one touch about it.
    public var contacted: Int
    /// People whose latest touch about it had the outcome "interested".
    public var interested: Int
    /// 1 when it was filled with a person from the desk (`close --filled --placed`), else 0.
    public var placed: Int

    public init(id: Int64, title: String, company: String?, location: String, workMode: WorkMode, status: Opening.State,
                matches: Int?, contacted: Int, interested: Int, placed: Int) {
        self.id = id
        self.title = title
        self.company = company
        self.location = location
        self.workMode = workMode
        self.status = status
        self.matches = matches
        self.contacted = contacted
        self.interested = interested
        self.placed = placed
    }

    /// Where it is, in words: "Lisbon", "Lisbon (hybrid)", "remote", "Lisbon (remote)".
    public var place: String { Opening.place(location: location, workMode: workMode) }

    /// Open first, then on hold, then filled (the order of the report's table).
    public static func order(_ state: Opening.State) -> Int {
        switch state {
        case .open: 0
        case .onHold: 1
        case .filled: 2
        case .closed: 3
        }
    }
}
