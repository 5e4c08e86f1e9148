import Foundation

/// A person on the recruiter's desk.
public struct Candidate: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    public var firstName: String
    public var lastName: String
    /// Normalised (see `Email`), or nil.
    public var email: String?
    public var phone: String?
    public var location: String?
    /// Canonical (see `LinkedIn`), or nil.
    public var linkedinURL: String?
    public var title: String?
    public var company: String?
    public var source: String?
    /// The recruiter who owns the relationship.
    public var owner: String?
    /// Lower-case labels, unique, in the order given.
    public var tags: [String]
    /// Personal notes for nurturing: family, hobbies, what they care about.
    public var interests: String?
    public var preferredChannel: Channel?
    /// Another candidate who referred this one.
    public var referredBy: Int64?
    public var stage: Stage
    public var status: Status
    public var createdAt: Date
    public var updatedAt: Date
    /// When the candidate entered `stage`: time in stage is measured from here.
    public var stageEnteredAt: Date
    public var lastTouchAt: Date?
    public var nextFollowUp: Day?
    /// When a delivery report said `email` fails for good (`funnel inbox`), and what it said;
    /// nil once the address is edited. A bouncing address is offered to no rule or campaign.
    public var emailBouncedAt: Date?
    public var emailBounce: String?

    /// The address outreach may use: none while it bounces.
    public var reachableEmail: String? { emailBouncedAt == nil ? email : nil }

    public init(id: Int64, firstName: String, lastName: String = "", email: String? = nil, phone: String? = nil,
                location: String? = nil, linkedinURL: String? = nil, title: String? = nil, company: String? = nil,
                source: String? = nil, owner: String? = nil, tags: [String] = [], interests: String? = nil,
                preferredChannel: Channel? = nil, referredBy: Int64? = nil, stage: Stage = .awareness,
                status: Status = .active, createdAt: Date, updatedAt: Date? = nil, stageEnteredAt: Date? = nil,
                lastTouchAt: Date? = nil, nextFollowUp: Day? = nil,
                emailBouncedAt: Date? = nil, emailBounce: String? = nil) {
        self.emailBouncedAt = emailBouncedAt
        self.emailBounce = emailBounce
        self.id = id
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.phone = phone
        self.location = location
        self.linkedinURL = linkedinURL
        self.title = title
        self.company = company
        self.source = source
        self.owner = owner
        self.tags = tags
        self.interests = interests
        self.preferredChannel = preferredChannel
        self.referredBy = referredBy
        self.stage = stage
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.stageEnteredAt = stageEnteredAt ?? createdAt
        self.lastTouchAt = lastTouchAt
        self.nextFollowUp = nextFollowUp
    }

    /// "Zoë Müller"; just the first name when there is no last name.
    public var fullName: String { lastName.isEmpty ? firstName : "\(firstName) \(lastName)" }

    /// "Senior Engineer at Acme", "Senior Engineer", "at Acme", or "".
    public var headline: String {
        switch (title?.nilIfBlank, company?.nilIfBlank) {
        case let (t?, c?): "\(t) at \(c)"
        case let (t?, nil): t
        case let (nil, c?): "at \(c)"
        default: ""
        }
    }

    /// Whole days since the last touch, or nil if never touched.
    public func daysSinceLastTouch(today: Day, in timeZone: TimeZone) -> Int? {
        lastTouchAt.map { Day($0, in: timeZone).days(until: today) }
    }
}

/// The fields a caller fills in to add a candidate, validated and normalised by `validated()`.
public struct CandidateDraft: Sendable, Equatable {
    public var firstName: String
    public var lastName: String
    public var email: String?
    public var phone: String?
    public var location: String?
    public var linkedinURL: String?
    public var title: String?
    public var company: String?
    public var source: String?
    public var owner: String?
    public var tags: [String]
    public var interests: String?
    public var preferredChannel: Channel?
    public var referredBy: Int64?
    public var stage: Stage
    public var status: Status
    public var nextFollowUp: Day?

    public init(firstName: String, lastName: String = "", email: String? = nil, phone: String? = nil,
                location: String? = nil, linkedinURL: String? = nil, title: String? = nil, company: String? = nil,
                source: String? = nil, owner: String? = nil, tags: [String] = [], interests: String? = nil,
                preferredChannel: Channel? = nil, referredBy: Int64? = nil, stage: Stage = .awareness,
                status: Status = .active, nextFollowUp: Day? = nil) {
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.phone = phone
        self.location = location
        self.linkedinURL = linkedinURL
        self.title = title
        self.company = company
        self.source = source
        self.owner = owner
        self.tags = tags
        self.interests = interests
        self.preferredChannel = preferredChannel
        self.referredBy = referredBy
        self.stage = stage
        self.status = status
        self.nextFollowUp = nextFollowUp
    }

    /// Trims every field, turns blanks into nil, normalises email, LinkedIn URL and tags, and
    /// rejects what cannot be stored: a missing first name, a bad email or profile URL, and any
    /// control character, separator or bidi override (`PlainText`) — one line of plain text in
    /// every field but the interests, which keep line breaks and tabs.
    public func validated() throws -> CandidateDraft {
        var d = self
        d.firstName = firstName.trimmed
        d.lastName = lastName.trimmed
        guard !d.firstName.isEmpty else { throw FunnelError.invalid("a candidate needs a first name") }
        try PlainText.check(d.firstName, field: "first name")
        try PlainText.check(d.lastName, field: "last name")
        d.email = try email?.nilIfBlank.map { try PlainText.check($0, field: "email"); return try Email.normalize($0) }
        d.linkedinURL = try linkedinURL?.nilIfBlank.map {
            try PlainText.check($0, field: "LinkedIn URL"); return try LinkedIn.normalize($0)
        }
        d.phone = try Self.line(phone, "phone")
        d.location = try Self.line(location, "location")
        d.title = try Self.line(title, "title")
        d.company = try Self.line(company, "company")
        d.source = try Self.line(source, "source")
        d.owner = try Self.line(owner, "owner")
        d.interests = try interests?.nilIfBlank.map { try PlainText.multiLine($0, field: "interests") }
        for tag in tags { try PlainText.check(tag.trimmed, field: "tag '\(VisibleText.escaped(tag.trimmed))'") }
        d.tags = Tags.normalize(tags)
        return d
    }

    /// A trimmed single-line field, nil when blank.
    private static func line(_ text: String?, _ field: String) throws -> String? {
        guard let value = text?.nilIfBlank else { return nil }
        try PlainText.check(value, field: field)
        return value
    }
}

/// Tags are lower-case, trimmed, unique, with inner spaces turned into dashes.
public enum Tags {
    public static func normalize(_ tags: [String]) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for raw in tags {
            let tag = raw.trimmed.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: "-")
            if !tag.isEmpty, seen.insert(tag).inserted { out.append(tag) }
        }
        return out
    }

    /// Splits "go, backend; remote" into tags.
    public static func parse(_ text: String) -> [String] {
        if let tags = ASCIIText.parsedTags(text) { return tags }
        return normalize(text.split(whereSeparator: { $0 == "," || $0 == ";" }).map(String.init))
    }
}

extension String {
    /// The string without surrounding white space.
    public var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
    /// nil when the string is empty or only white space, else the trimmed string.
    public var nilIfBlank: String? { let t = trimmed; return t.isEmpty ? nil : t }
}
