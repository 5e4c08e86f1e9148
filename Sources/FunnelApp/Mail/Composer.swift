import Foundation
import FunnelCore
import FunnelStore

/// Compose and send (`funnel compose`, `c` on a candidate or queue row): render a template for a
/// candidate, let the recruiter edit it, deliver it, and log the touch. The steps are separate so
/// the terminal UI can suspend itself around the editor:
///
///     let draft = try composer.prepare(candidateID: id, templateName: "checkin")
///     let edited = try composer.applyEdit(ExternalEditor.edit(draft.editableText), to: draft)  // optional
///     let result = try composer.deliver(edited, via: composer.defaultDelivery)
///
/// `deliver` sends first and logs only after a successful send, so a failed send logs nothing.
public struct Composer: Sendable {
    public var store: Store
    public var config: Config
    public var moment: Moment

    public init(store: Store, config: Config, moment: Moment) {
        self.store = store
        self.config = config
        self.moment = moment
    }

    /// A message ready to edit or send.
    public struct Draft: Sendable, Equatable {
        public var candidate: Candidate
        public var template: Template
        public var message: RenderedMessage
        /// A re-engagement touch: the cadence plans the next date (see ReengagementCadence).
        public var reengaging: Bool
        /// The opening the message is about: the touch is logged as about it.
        public var openingID: Int64? = nil

        /// What the recruiter edits in `$EDITOR`.
        public var editableText: String { EditableMessage.text(message, to: candidate.email ?? "") }
    }

    public struct Result: Sendable, Equatable {
        public var receipt: MailDelivery.Receipt
        public var touch: Touchpoint
        public var revert: Revert
        public var nextFollowUp: Day?
    }

    /// Sends with the configured command, else writes to the outbox.
    public var defaultDelivery: MailDelivery {
        config.mail.sendmail.map(MailDelivery.command) ?? .outbox(config.mail.outbox)
    }

    /// Renders the template. Refused for "do not contact" and for a candidate without a valid email;
    /// an email template is required; the From address comes from config `[recruiter] email`.
    public func prepare(candidateID: Int64, templateName: String, opening openingID: Int64? = nil) throws -> Draft {
        let candidate = try store.candidate(candidateID)
        guard candidate.status.allowsOutreach else {
            throw FunnelError.refused("\(candidate.fullName) is marked do not contact: no message is composed for them")
        }
        guard let email = candidate.email, Email.isValid(email) else {
            throw FunnelError.refused("\(candidate.fullName) has no valid email address: nothing to send to")
        }
        try Self.checkNameFitsHeader(candidate)
        guard config.recruiter.email != nil else {
            throw FunnelError.invalid("set your address in config.toml ([recruiter] email = \"you@example.com\"): it is the From of the message")
        }
        let (template, _, message) = try store.render(template: templateName, for: candidateID,
                                                      recruiterName: config.recruiter.name, recruiterEmail: config.recruiter.email,
                                                      opening: openingID)
        guard template.channel == .email else {
            throw FunnelError.invalid("template '\(template.name)' is for \(template.channel.title), not email")
        }
        let facts = try store.dueFacts(of: candidateID, rules: config.rules, moment: moment)
        return Draft(candidate: candidate, template: template, message: message,
                     reengaging: ReengagementCadence.isReengaging(facts, rules: config.rules, at: moment), openingID: openingID)
    }

    /// A name stored before names were checked (an old store, raw SQL) may hold a line break or
    /// another control character. Quotes, commas and angle brackets are fine (the header writer
    /// quotes or encodes them), but a control cannot be made a safe header without changing the
    /// name, so composing is refused, before the editor opens, with a sentence telling the
    /// recruiter to edit the name. The raw name is not echoed: it is exactly the text that
    /// must not reach a terminal or a header.
    static func checkNameFitsHeader(_ candidate: Candidate) throws {
        if let bad = HeaderWriter.forbiddenCharacter(in: candidate.fullName) {
            throw FunnelError.refused("the name of candidate #\(candidate.id) holds \(HeaderWriter.describe(bad)), which cannot go in "
                + "the To header of an email: edit the name (e on the candidate in the board), then compose again; nothing was sent or logged")
        }
    }

    /// The draft with the recruiter's edit applied; nil if they emptied it (cancelled). A subject
    /// the header writer would refuse (a control character) is an error here, so the command
    /// line can offer to edit again.
    public func applyEdit(_ text: String, to draft: Draft) throws -> Draft? {
        guard let message = try EditableMessage.parse(text) else { return nil }
        try HeaderWriter.refuseUnsafe(message.subject, header: "Subject")
        var edited = draft
        edited.message = message
        return edited
    }

    /// The RFC 5322 message for a draft.
    public func mailMessage(for draft: Draft, token: String = String(UInt64.random(in: 0...UInt64.max), radix: 36)) -> MailMessage {
        let from = config.recruiter.email ?? ""
        return MailMessage(from: .init(name: config.recruiter.name, email: from),
                           to: .init(name: draft.candidate.fullName, email: draft.candidate.email ?? ""),
                           subject: draft.message.subject, body: draft.message.body,
                           date: moment.now, timeZone: moment.timeZone,
                           messageID: MailMessage.messageID(date: moment.now, token: token, from: from))
    }

    /// Delivers, then logs the touch (email, outbound, sent, the template, the subject as note)
    /// with the next follow-up: none while re-engaging (the cadence decides), else the `sent`
    /// default. Nothing is logged when delivery fails.
    public func deliver(_ draft: Draft, via delivery: MailDelivery) throws -> Result {
        // Checked again: the candidate may have been marked do not contact while the editor was open.
        let current = try store.candidate(draft.candidate.id)
        guard current.status.allowsOutreach else {
            throw FunnelError.refused("\(current.fullName) is marked do not contact: nothing sent")
        }
        try Self.checkNameFitsHeader(current)
        // Rendering happens inside `deliver` before anything runs: a refused header sends nothing,
        // and the touch is only logged after a successful delivery.
        let message = mailMessage(for: draft)
        let stamp = String(Int64(moment.now.timeIntervalSince1970))
        let receipt = try delivery.deliver(message, fileStem: "\(stamp)-candidate-\(draft.candidate.id)")
        let next = draft.reengaging ? nil : config.rules.proposedFollowUp(after: .sent, today: moment.today)
        let touch = TouchDraft(at: moment.now, channel: .email, direction: .outbound, outcome: .sent,
                               note: draft.message.subject, template: draft.template.name, openingID: draft.openingID)
        do {
            let (logged, revert) = try store.logTouch(draft.candidate.id, touch, followUp: next.map(FollowUpUpdate.set) ?? .clear)
            return Result(receipt: receipt, touch: logged, revert: revert, nextFollowUp: next)
        } catch let error as FunnelError {
            throw FunnelError(error.kind, "the message was \(receipt.summary), but logging the touch failed: \(error.message)")
        }
    }
}
