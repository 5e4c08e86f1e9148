import Foundation

/// How a touch happened. `note` is a plain note: a touchpoint that reached nobody.
public enum Channel: String, CaseIterable, Codable, Sendable {
    case email, phone, voicemail, sms, whatsapp, linkedin
    case inPerson = "in_person"
    case other, note

    public var title: String {
        switch self {
        case .sms: "SMS"
        case .whatsapp: "WhatsApp"
        case .linkedin: "LinkedIn"
        case .inPerson: "in person"
        default: rawValue
        }
    }

    /// Whether this channel reaches the candidate (a note does not).
    public var isOutreach: Bool { self != .note }

    public static func parse(_ text: String) throws -> Channel {
        if let exact = Channel(rawValue: text) { return exact }
        let key = normalizedKey(text)
        if let channel = Channel(rawValue: key) { return channel }
        switch key {
        case "call", "phone_call", "tel": return .phone
        case "vm": return .voicemail
        case "text": return .sms
        case "meeting", "inperson", "in-person": return .inPerson
        case "mail", "e_mail": return .email
        default:
            throw FunnelError.invalid(
                "unknown channel '\(text)': expected one of \(Channel.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }
}

/// Who started the touch: we reached out, or they did.
public enum Direction: String, CaseIterable, Codable, Sendable {
    case outbound = "out"
    case inbound = "in"

    public static func parse(_ text: String) throws -> Direction {
        if let exact = Direction(rawValue: text) { return exact }
        switch normalizedKey(text) {
        case "out", "outbound", "outgoing": return .outbound
        case "in", "inbound", "incoming": return .inbound
        default: throw FunnelError.invalid("unknown direction '\(text)': expected out or in")
        }
    }
}

/// What came of a touch.
public enum Outcome: String, CaseIterable, Codable, Sendable {
    case sent
    case noAnswer = "no_answer"
    case leftVoicemail = "left_voicemail"
    case replied
    case interested
    case notNow = "not_now"
    case declined
    case bounced
    /// An automatic answer (out of office, vacation): logged by `funnel inbox`, not a reply. It
    /// neither ends a cadence nor counts in reply rates: the person has not answered yet.
    case autoReply = "auto_reply"

    public var title: String { self == .autoReply ? "auto-reply" : rawValue.replacingOccurrences(of: "_", with: " ") }

    /// The candidate answered: ends a re-engagement cadence and counts as a reply in reports.
    public var isResponse: Bool { self == .replied || self == .interested || self == .notNow || self == .declined }

    public static func parse(_ text: String) throws -> Outcome {
        if let exact = Outcome(rawValue: text) { return exact }
        let key = normalizedKey(text)
        if let outcome = Outcome(rawValue: key) { return outcome }
        switch key {
        case "voicemail", "vm": return .leftVoicemail
        case "no_reply", "none": return .noAnswer
        case "later": return .notNow
        default:
            throw FunnelError.invalid(
                "unknown outcome '\(text)': expected one of \(Outcome.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }
}

/// One entry in a candidate's log: a call, an email, a meeting, or a plain note.
public struct Touchpoint: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    public var candidateID: Int64
    public var at: Date
    public var channel: Channel
    public var direction: Direction
    public var outcome: Outcome?
    public var note: String
    /// The name of the template the message was built from, if any.
    public var template: String?
    /// The opening the touch was about, if any: a match shows who was reached and what they said.
    public var openingID: Int64?

    public init(id: Int64, candidateID: Int64, at: Date, channel: Channel, direction: Direction,
                outcome: Outcome?, note: String, template: String?, openingID: Int64? = nil) {
        self.openingID = openingID
        self.id = id
        self.candidateID = candidateID
        self.at = at
        self.channel = channel
        self.direction = direction
        self.outcome = outcome
        self.note = note
        self.template = template
    }
}

/// What a caller provides to log a touch; the store assigns the id.
public struct TouchDraft: Sendable, Equatable {
    public var at: Date
    public var channel: Channel
    public var direction: Direction
    public var outcome: Outcome?
    public var note: String
    public var template: String?
    /// The opening the touch is about (checked to exist by the store).
    public var openingID: Int64?

    public init(at: Date, channel: Channel, direction: Direction = .outbound, outcome: Outcome? = nil,
                note: String = "", template: String? = nil, openingID: Int64? = nil) {
        self.openingID = openingID
        self.at = at
        self.channel = channel
        self.direction = direction
        self.outcome = outcome
        self.note = note
        self.template = template
    }

    /// The draft as it may be stored: the note is multi-line plain text (CRLF and CR become line
    /// feeds; other control characters are refused), the template name one line.
    public func validated() throws -> TouchDraft {
        var d = self
        d.note = try PlainText.multiLine(note, field: "note")
        try PlainText.check(template, field: "template name")
        return d
    }

    /// A plain note: channel "note", no outcome.
    public static func note(_ text: String, at: Date) -> TouchDraft {
        TouchDraft(at: at, channel: .note, direction: .outbound, outcome: nil, note: text)
    }
}

/// "In Person", "in-person", " IN_PERSON " → "in_person".
func normalizedKey(_ text: String) -> String {
    text.trimmingCharacters(in: .whitespaces).lowercased()
        .replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
}
