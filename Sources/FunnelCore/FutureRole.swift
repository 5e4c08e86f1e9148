import Foundation

/// The answer to "if I called you about a role one day, what would the title be and where would it
/// be located?". History is kept; the latest answer is the current one.
public struct FutureRole: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    public var candidateID: Int64
    public var title: String
    public var location: String
    public var remote: Bool
    public var askedAt: Date

    public init(id: Int64, candidateID: Int64, title: String, location: String, remote: Bool, askedAt: Date) {
        self.id = id
        self.candidateID = candidateID
        self.title = title
        self.location = location
        self.remote = remote
        self.askedAt = askedAt
    }

    /// "Staff Engineer in Lisbon (remote)".
    public var summary: String {
        var text = title
        if !location.isEmpty { text += " in \(location)" }
        if remote { text += " (remote)" }
        return text
    }

    /// Checks a future-role answer: a title is required; the location may be empty only if remote.
    public static func validate(title: String, location: String, remote: Bool) throws -> (title: String, location: String) {
        let t = title.trimmed, l = location.trimmed
        guard !t.isEmpty else { throw FunnelError.invalid("a future role needs a title") }
        try PlainText.check(t, field: "future role title")
        try PlainText.check(l, field: "future role location")
        guard !l.isEmpty || remote else { throw FunnelError.invalid("a future role needs a location (or remote)") }
        return (t, l)
    }
}

/// A move between stages, kept so the funnel can report conversion and time in stage.
public struct StageChange: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    public var candidateID: Int64
    /// nil for the entry into the funnel.
    public var from: Stage?
    public var to: Stage
    public var at: Date

    public init(id: Int64, candidateID: Int64, from: Stage?, to: Stage, at: Date) {
        self.id = id
        self.candidateID = candidateID
        self.from = from
        self.to = to
        self.at = at
    }
}

/// A stored follow-up script: a message with merge fields (`{{first_name}}`).
public struct Template: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    public var name: String
    public var channel: Channel
    public var subject: String
    public var body: String

    public init(id: Int64, name: String, channel: Channel, subject: String, body: String) {
        self.id = id
        self.name = name
        self.channel = channel
        self.subject = subject
        self.body = body
    }
}
