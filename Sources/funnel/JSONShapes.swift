import Foundation
import FunnelCore

// The JSON objects the subcommands print (docs/cli.md, "JSON shapes"). Written out field by
// field so that every key is always present (null when empty): a script can rely on the shape
// without testing for missing keys, and a change to a domain type cannot silently change it.

/// A candidate, as `add`, `list`, `search`, `move`, `status` and `show` print it.
struct CandidateJSON: Encodable {
    let candidate: Candidate

    enum Keys: String, CodingKey {
        case id, name, firstName = "first_name", lastName = "last_name", email, phone, location
        case linkedinURL = "linkedin_url", title, company, source, owner, tags, interests
        case preferredChannel = "preferred_channel", referredBy = "referred_by", stage, status
        case createdAt = "created_at", updatedAt = "updated_at", stageEnteredAt = "stage_entered_at"
        case lastTouchAt = "last_touch_at", nextFollowUp = "next_follow_up"
    }

    func encode(to encoder: Encoder) throws {
        let c = candidate
        var out = encoder.container(keyedBy: Keys.self)
        try out.encode(c.id, forKey: .id)
        try out.encode(c.fullName, forKey: .name)
        try out.encode(c.firstName, forKey: .firstName)
        try out.encode(c.lastName, forKey: .lastName)
        try out.encode(c.email, forKey: .email)
        try out.encode(c.phone, forKey: .phone)
        try out.encode(c.location, forKey: .location)
        try out.encode(c.linkedinURL, forKey: .linkedinURL)
        try out.encode(c.title, forKey: .title)
        try out.encode(c.company, forKey: .company)
        try out.encode(c.source, forKey: .source)
        try out.encode(c.owner, forKey: .owner)
        try out.encode(c.tags, forKey: .tags)
        try out.encode(c.interests, forKey: .interests)
        try out.encode(c.preferredChannel?.rawValue, forKey: .preferredChannel)
        try out.encode(c.referredBy, forKey: .referredBy)
        try out.encode(c.stage.rawValue, forKey: .stage)
        try out.encode(c.status.rawValue, forKey: .status)
        try out.encode(c.createdAt, forKey: .createdAt)
        try out.encode(c.updatedAt, forKey: .updatedAt)
        try out.encode(c.stageEnteredAt, forKey: .stageEnteredAt)
        try out.encode(c.lastTouchAt, forKey: .lastTouchAt)
        try out.encode(c.nextFollowUp, forKey: .nextFollowUp)
    }
}

/// One logged touch.
struct TouchJSON: Encodable {
    let touch: Touchpoint

    enum Keys: String, CodingKey {
        case id, candidateID = "candidate_id", at, channel, direction, outcome, note, template, openingID = "opening_id"
    }

    func encode(to encoder: Encoder) throws {
        var out = encoder.container(keyedBy: Keys.self)
        try out.encode(touch.id, forKey: .id)
        try out.encode(touch.candidateID, forKey: .candidateID)
        try out.encode(touch.at, forKey: .at)
        try out.encode(touch.channel.rawValue, forKey: .channel)
        try out.encode(touch.direction.rawValue, forKey: .direction)
        try out.encode(touch.outcome?.rawValue, forKey: .outcome)
        try out.encode(touch.note, forKey: .note)
        try out.encode(touch.template, forKey: .template)
        try out.encode(touch.openingID, forKey: .openingID)
    }
}

/// One answer to the future-role question.
struct FutureRoleJSON: Encodable {
    let role: FutureRole

    enum Keys: String, CodingKey {
        case id, candidateID = "candidate_id", title, location, remote, askedAt = "asked_at"
    }

    func encode(to encoder: Encoder) throws {
        var out = encoder.container(keyedBy: Keys.self)
        try out.encode(role.id, forKey: .id)
        try out.encode(role.candidateID, forKey: .candidateID)
        try out.encode(role.title, forKey: .title)
        try out.encode(role.location, forKey: .location)
        try out.encode(role.remote, forKey: .remote)
        try out.encode(role.askedAt, forKey: .askedAt)
    }
}

/// One move between stages (`from` is null for the entry into the funnel).
struct StageChangeJSON: Encodable {
    let change: StageChange

    enum Keys: String, CodingKey { case id, candidateID = "candidate_id", from, to, at }

    func encode(to encoder: Encoder) throws {
        var out = encoder.container(keyedBy: Keys.self)
        try out.encode(change.id, forKey: .id)
        try out.encode(change.candidateID, forKey: .candidateID)
        try out.encode(change.from?.rawValue, forKey: .from)
        try out.encode(change.to.rawValue, forKey: .to)
        try out.encode(change.at, forKey: .at)
    }
}

/// `show --json`: the whole record of one candidate.
struct CandidateRecordJSON: Encodable {
    let candidate: CandidateJSON
    /// Newest (current) first.
    let futureRoles: [FutureRoleJSON]
    /// Newest first.
    let touches: [TouchJSON]
    /// Oldest first.
    let stageHistory: [StageChangeJSON]

    enum Keys: String, CodingKey {
        case candidate, futureRoles = "future_roles", touches, stageHistory = "stage_history"
    }

    func encode(to encoder: Encoder) throws {
        var out = encoder.container(keyedBy: Keys.self)
        try out.encode(candidate, forKey: .candidate)
        try out.encode(futureRoles, forKey: .futureRoles)
        try out.encode(touches, forKey: .touches)
        try out.encode(stageHistory, forKey: .stageHistory)
    }
}

extension JSONOutput {
    /// One value on one line, same keys and dates as `print`: for arrays streamed element by element.
    static func line<T: Encodable>(_ value: T) throws -> String {
        let encoder = encoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: JSONInvisibles.escaped(try encoder.encode(value)), as: UTF8.self)
    }

    /// Prints a JSON array whose elements arrive one by one (`[`, one element per line, `]`), so a
    /// long list never sits in memory whole.
    struct ArrayStream {
        private var count = 0

        init() { Swift.print("[") }

        mutating func append<T: Encodable>(_ value: T) throws {
            let text = try JSONOutput.line(value)
            Swift.print(count == 0 ? text : ",\n" + text, terminator: "")
            count += 1
        }

        func finish() { Swift.print(count == 0 ? "]" : "\n]") }
    }
}
