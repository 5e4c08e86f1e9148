import Foundation
import FunnelCore
import GRDB

/// A template as typed by the recruiter, before it is checked and saved.
public struct TemplateDraft: Sendable, Equatable {
    public var name: String
    public var channel: Channel
    public var subject: String
    public var body: String

    public init(name: String, channel: Channel, subject: String, body: String) {
        self.name = name
        self.channel = channel
        self.subject = subject
        self.body = body
    }
}

extension Store {
    /// Saves a template after checking its merge fields: an unknown field (a typo) or a `{{`
    /// never closed is refused with the error naming it, and nothing is saved.
    /// `replacing: false` refuses a name already taken (case-insensitively).
    @discardableResult
    public func saveTemplate(validated draft: TemplateDraft, replacing: Bool = true) throws -> Template {
        guard let name = draft.name.nilIfBlank else { throw FunnelError.invalid("a template needs a name") }
        try Template.validate(name: name, subject: draft.subject, body: draft.body)
        if !replacing, try templateIfExists(named: name) != nil {
            throw FunnelError.invalid("a template named '\(name)' already exists (use `funnel template edit \(name)`)")
        }
        return try saveTemplate(name: name, channel: draft.channel, subject: draft.subject, body: draft.body)
    }

    /// The template with this name (case-insensitive), or nil.
    public func templateIfExists(named name: String) throws -> Template? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM template WHERE name = ?", arguments: [name.trimmed]).map(Rows.template)
        }
    }

    /// Renders a template for a candidate: their current future role, the recruiter from config.
    /// Refused for "do not contact"; a missing field is an error naming it.
    /// With `opening`, the message is about that opening (`{{opening.title}}`, ...): it must be open or on hold.
    public func render(template name: String, for candidateID: Int64, recruiterName: String?, recruiterEmail: String?,
                       opening openingID: Int64? = nil) throws
        -> (Template, Candidate, RenderedMessage) {
        let template = try self.template(named: name)
        let candidate = try self.candidate(candidateID)
        let role = try currentFutureRole(of: candidateID)
        let opening = try openingID.map { try self.opening($0) }
        if let opening, opening.status.isClosed {
            throw FunnelError.refused("opening #\(opening.id) \(opening.title) is \(opening.status.title): no message is composed about it")
        }
        let message = try template.render(MergeContext(candidate: candidate, futureRole: role,
                                                       recruiterName: recruiterName, recruiterEmail: recruiterEmail,
                                                       opening: opening))
        return (template, candidate, message)
    }
}
