import Foundation

/// One person listed for an opening: their answer, how it fits, and whether they were reached.
/// The store reads it; the command line and the Openings screen show it.
public struct OpeningMatchRow: Sendable, Equatable {
    public var candidateID: Int64
    public var firstName: String
    public var lastName: String
    public var stage: Stage
    public var status: Status
    public var answer: FutureRole
    public var match: OpeningMatch
    /// A touch about this opening was logged for them.
    public var contacted: Bool
    /// The outcome of the latest touch about this opening, if it had one.
    public var lastOutcome: Outcome?

    public init(candidateID: Int64, firstName: String, lastName: String, stage: Stage, status: Status, answer: FutureRole,
                match: OpeningMatch, contacted: Bool, lastOutcome: Outcome?) {
        self.candidateID = candidateID
        self.firstName = firstName
        self.lastName = lastName
        self.stage = stage
        self.status = status
        self.answer = answer
        self.match = match
        self.contacted = contacted
        self.lastOutcome = lastOutcome
    }

    public var fullName: String { lastName.isEmpty ? firstName : "\(firstName) \(lastName)" }
}

/// An opening with how many people fit it and how many were reached about it.
public struct OpeningSummary: Sendable, Equatable {
    public var opening: Opening
    public var matches: Int
    public var contacted: Int

    public init(opening: Opening, matches: Int, contacted: Int) {
        self.opening = opening
        self.matches = matches
        self.contacted = contacted
    }
}

/// An open opening that fits one person, as the candidate screen lists it.
public struct FittingOpening: Sendable, Equatable {
    public var opening: Opening
    public var match: OpeningMatch

    public init(opening: Opening, match: OpeningMatch) {
        self.opening = opening
        self.match = match
    }
}
