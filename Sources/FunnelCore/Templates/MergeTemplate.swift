import Foundation

/// The merge fields a template may use. Unknown names are refused when a template is saved, so a
/// typo (`{{frist_name}}`) is caught at the desk, not in a candidate's inbox.
public enum MergeField: String, CaseIterable, Sendable {
    case firstName = "first_name"
    case lastName = "last_name"
    case fullName = "full_name"
    case email
    case currentTitle = "current_title"
    case company
    case location
    case interests
    case futureRoleTitle = "future_role.title"
    case futureRoleLocation = "future_role.location"
    case futureRole = "future_role"
    case recruiterName = "recruiter.name"
    case recruiterEmail = "recruiter.email"
    case openingTitle = "opening.title"
    case openingCompany = "opening.company"
    case openingLocation = "opening.location"

    /// What the field holds, for `funnel template` help and docs.
    public var meaning: String {
        switch self {
        case .firstName: "the candidate's first name"
        case .lastName: "the candidate's last name"
        case .fullName: "first and last name"
        case .email: "the candidate's email address"
        case .currentTitle: "their current job title"
        case .company: "their current company"
        case .location: "where they are"
        case .interests: "the personal notes kept for nurturing"
        case .futureRoleTitle: "the title of their current future-role answer"
        case .futureRoleLocation: "the location of their future-role answer (\"remote\" if remote with no place)"
        case .futureRole: "the whole future-role answer: \"Staff Engineer in Lisbon (remote)\""
        case .recruiterName: "your name, from config.toml [recruiter] name"
        case .recruiterEmail: "your email, from config.toml [recruiter] email"
        case .openingTitle: "the title of the opening the message is about (composed from its matches)"
        case .openingCompany: "the company of that opening"
        case .openingLocation: "where that opening is (\"remote\" for a remote one with no place)"
        }
    }

    /// Fields that only have a value when the message is about an opening.
    public var isAboutOpening: Bool { self == .openingTitle || self == .openingCompany || self == .openingLocation }

    /// Aliases accepted when parsing (normalised to the canonical name).
    static let aliases: [String: MergeField] = ["title": .currentTitle, "name": .fullName]
}

/// The values merged into a template for one candidate.
public struct MergeContext: Sendable, Equatable {
    public var candidate: Candidate
    public var futureRole: FutureRole?
    public var recruiterName: String?
    public var recruiterEmail: String?
    /// The opening the message is about, when composed from its matches.
    public var opening: Opening?

    public init(candidate: Candidate, futureRole: FutureRole?, recruiterName: String?, recruiterEmail: String?,
                opening: Opening? = nil) {
        self.opening = opening
        self.candidate = candidate
        self.futureRole = futureRole
        self.recruiterName = recruiterName
        self.recruiterEmail = recruiterEmail
    }

    /// The value of a field, nil when the candidate (or config) has none: a blank value is none.
    public func value(of field: MergeField) -> String? {
        let raw: String? = switch field {
        case .firstName: candidate.firstName
        case .lastName: candidate.lastName
        case .fullName: candidate.fullName
        case .email: candidate.email
        case .currentTitle: candidate.title
        case .company: candidate.company
        case .location: candidate.location
        case .interests: candidate.interests
        case .futureRoleTitle: futureRole?.title
        case .futureRoleLocation: futureRole.map { $0.location.isEmpty && $0.remote ? "remote" : $0.location }
        case .futureRole: futureRole?.summary
        case .recruiterName: recruiterName
        case .recruiterEmail: recruiterEmail
        case .openingTitle: opening?.title
        case .openingCompany: opening?.company
        case .openingLocation: opening.map { $0.location.isEmpty && $0.workMode == .remote ? "remote" : $0.location }
        }
        return raw?.nilIfBlank
    }
}

/// A template text parsed into literal runs and merge fields: `Hi {{first_name|there}},`.
///
/// Syntax: `{{ field }}` or `{{ field | fallback }}` (spaces inside the braces are ignored; the
/// fallback is used verbatim, trimmed, when the candidate has no value). A `{{` that is never
/// closed, an empty field or an unknown field name is an error naming what is wrong.
public struct MergeTemplate: Sendable, Equatable {
    public enum Part: Sendable, Equatable {
        case text(String)
        case field(MergeField, fallback: String?)
    }

    public let parts: [Part]

    /// Every field used, in order of first use.
    public var fields: [MergeField] {
        var seen: [MergeField] = []
        for case let .field(field, _) in parts where !seen.contains(field) { seen.append(field) }
        return seen
    }

    public init(parsing text: String, in place: String = "the template") throws {
        var parts: [Part] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { parts.append(.text(String(rest[..<open.lowerBound]))) }
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.range(of: "}}") else {
                let line = text[..<open.lowerBound].filter { $0 == "\n" }.count + 1
                throw FunnelError.invalid("\(place) has a '{{' on line \(line) that is never closed with '}}'")
            }
            let inside = afterOpen[..<close.lowerBound]
            parts.append(try Self.field(String(inside), in: place))
            rest = afterOpen[close.upperBound...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        self.parts = parts
    }

    static func field(_ inside: String, in place: String) throws -> Part {
        let pieces = inside.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
        let name = String(pieces[0]).trimmed.lowercased()
        let fallback = pieces.count > 1 ? String(pieces[1]).trimmed : nil
        guard !name.isEmpty else { throw FunnelError.invalid("\(place) has an empty merge field '{{\(inside)}}'") }
        if let field = MergeField(rawValue: name) ?? MergeField.aliases[name] { return .field(field, fallback: fallback) }
        var message = "\(place) uses an unknown merge field {{\(name)}}"
        if let guess = EditDistance.suggestion(for: name, among: MergeField.allCases.map(\.rawValue)) { message += " (did you mean {{\(guess)}}?)" }
        message += "; known fields: " + MergeField.allCases.map(\.rawValue).joined(separator: ", ")
        throw FunnelError.invalid(message)
    }

    /// The text with every field filled in, or the names of the fields that have no value and no fallback.
    public func render(_ context: MergeContext) -> Result<String, MissingFields> {
        var out = ""
        var missing: [MergeField] = []
        for part in parts {
            switch part {
            case let .text(text): out += text
            case let .field(field, fallback):
                if let value = context.value(of: field) ?? fallback {
                    out += value
                } else if !missing.contains(field) {
                    missing.append(field)
                }
            }
        }
        return missing.isEmpty ? .success(out) : .failure(MissingFields(fields: missing))
    }

    public struct MissingFields: Error, Equatable, Sendable {
        public var fields: [MergeField]
    }
}

/// A message rendered from a template for one candidate.
public struct RenderedMessage: Sendable, Equatable {
    public var subject: String
    public var body: String

    public init(subject: String, body: String) {
        self.subject = subject
        self.body = body
    }
}

extension Template {
    /// Checks a template's subject and body parse and use only known fields: what saving requires.
    public static func validate(name: String, subject: String, body: String) throws {
        try PlainText.check(name, field: "template name")
        try PlainText.check(subject, field: "subject of template '\(name)'")
        _ = try PlainText.multiLine(body, field: "body of template '\(name)'")
        _ = try MergeTemplate(parsing: subject, in: "the subject of template '\(name)'")
        _ = try MergeTemplate(parsing: body, in: "template '\(name)'")
    }

    /// Renders the template for a candidate. Refused for "do not contact"; an error naming every
    /// field the candidate lacks (and that has no fallback) instead of a message saying "Hi ,".
    public func render(_ context: MergeContext) throws -> RenderedMessage {
        let person = context.candidate
        guard person.status.allowsOutreach else {
            throw FunnelError.refused("\(person.fullName) is marked do not contact: no template is rendered for them")
        }
        let subjectTemplate = try MergeTemplate(parsing: subject, in: "the subject of template '\(name)'")
        let bodyTemplate = try MergeTemplate(parsing: body, in: "template '\(name)'")
        var missing: [MergeField] = []
        var subjectText = "", bodyText = ""
        switch subjectTemplate.render(context) {
        case let .success(text): subjectText = text
        case let .failure(m): missing += m.fields
        }
        switch bodyTemplate.render(context) {
        case let .success(text): bodyText = text
        case let .failure(m): missing += m.fields.filter { !missing.contains($0) }
        }
        guard missing.isEmpty else {
            let names = missing.map { "{{\($0.rawValue)}}" }
            let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
            let hint = missing.allSatisfy({ $0 == .recruiterName || $0 == .recruiterEmail })
                ? "set it in config.toml [recruiter]"
                : missing.allSatisfy({ $0.isAboutOpening }) && context.opening == nil
                ? "compose it from an opening's matches (O on the board) or with --opening ID"
                : "fill it in or give the template a fallback like {{\(missing[0].rawValue)|…}}"
            throw FunnelError.invalid(
                "cannot render template '\(name)' for \(person.fullName): \(list) \(missing.count == 1 ? "has" : "have") no value (\(hint))")
        }
        return RenderedMessage(subject: subjectText, body: bodyText)
    }
}
