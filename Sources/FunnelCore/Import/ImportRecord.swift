import Foundation

/// What the command line sets for every imported row that does not say otherwise.
public struct ImportDefaults: Sendable, Equatable {
    public var stage: Stage?
    public var status: Status?
    public var owner: String?
    /// Dates without a time (`2026-03-01` in `created_at`) start at midnight in this time zone.
    public var timeZone: TimeZone

    public init(stage: Stage? = nil, status: Status? = nil, owner: String? = nil,
                timeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        self.stage = stage
        self.status = status
        self.owner = owner
        self.timeZone = timeZone
    }
}

/// A future-role answer read from a row.
public struct ImportedFutureRole: Sendable, Equatable {
    public var title: String
    public var location: String
    public var remote: Bool
    /// When it was asked; the time of the import when the file does not say.
    public var askedAt: Date?
}

/// One data row of a spreadsheet, read and validated: everything the store needs to add the
/// candidate or merge them into an existing one. Pure: no store, no clock.
public struct ImportRecord: Sendable, Equatable {
    /// The `id` column: the candidate's id in the store the file came from.
    public var sourceID: Int64?
    /// The profile, validated and normalised exactly as `CandidateDraft.validated()` would leave
    /// it (a test holds `draft.validated() == draft`), without running it: on a 100,000-row
    /// import its second round of trimming and email/profile parsing was a sixth of the time. `referredBy` is
    /// left nil: the referrer is resolved by the store from `referredBySourceID`.
    public var draft: CandidateDraft
    public var referredBySourceID: Int64?
    /// Each non-blank notes cell: one note touch each.
    public var notes: [String]
    public var createdAt: Date?
    public var stageEnteredAt: Date?
    public var futureRole: ImportedFutureRole?
    public var lastTouch: TouchDraft?
    /// The fields this row gave a value for (blank cells and command-line defaults excluded):
    /// merging only reports a conflict for a value the file actually states.
    public var provided: Set<ImportField>

    /// A cell longer than this is refused: no honest spreadsheet cell is 100 kB, and a runaway
    /// quote or a pasted file would otherwise land in the store.
    public static let maxFieldBytes = 100_000

    /// Reads one row against the header mapping. Throws one `invalid` error whose message lists
    /// every problem of the row, separated by "; ".
    public static func read(_ cells: [String], mapping: HeaderMapping, defaults: ImportDefaults) throws -> ImportRecord {
        var problems: [String] = []
        if cells.count != mapping.columns.count {
            throw FunnelError.invalid("the row has \(cells.count) field\(cells.count == 1 ? "" : "s"); the header has \(mapping.columns.count)")
        }
        for column in mapping.columns where cells[column.index].utf8.count > maxFieldBytes {
            problems.append("the field '\(column.header.trimmed)' is \(grouped(cells[column.index].utf8.count)) bytes long; the limit is \(grouped(maxFieldBytes))")
        }
        if !problems.isEmpty { throw FunnelError.invalid(problems.joined(separator: "; ")) }
        for column in mapping.columns where mapping.isUnnamed(column) && !cells[column.index].trimmed.isEmpty {
            problems.append("column \(column.index + 1) has no header but holds '\(cells[column.index].trimmed)': name it or --ignore it")
        }

        var values: [ImportField: [String]] = [:]
        var raw: [ImportField: String] = [:]
        for column in mapping.columns {
            guard let field = column.field else { continue }
            var cell = cells[column.index]
            // The same rule as `CandidateDraft.validated()` (`PlainText`), checked per cell so the
            // error names the column: one line of plain text, or line breaks and tabs in notes.
            let kind = field.plainTextKind
            if kind == .multiLine, cell.utf8.contains(0x0D) {
                cell = cell.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            }
            let checked = kind == .multiLine ? cell : (cell.quickNilIfBlank ?? "")
            if let (scalar, position) = PlainText.firstForbidden(in: checked, kind) {
                problems.append(PlainText.problem(field: "column '\(VisibleText.escaped(column.header.trimmed))'",
                                                  scalar: scalar, position: position, kind))
                continue
            }
            if raw[field] == nil { raw[field] = cell }
            if let value = cell.quickNilIfBlank { values[field, default: []].append(value) }
        }
        if !problems.isEmpty { throw FunnelError.invalid(problems.joined(separator: "; ")) }
        func value(_ field: ImportField) -> String? { values[field]?.first }
        let provided = Set(values.keys)

        var draft = CandidateDraft(firstName: "")
        // Names.
        if let full = value(.fullName) {
            (draft.firstName, draft.lastName) = splitName(full)
        } else {
            draft.firstName = value(.firstName) ?? ""
            draft.lastName = value(.lastName) ?? ""
        }
        if draft.firstName.quickNilIfBlank == nil {
            problems.append(provided.isEmpty ? "the row has no value in any imported column" : "a candidate needs a first name")
        }
        // Contact details.
        if let email = value(.email) {
            do { draft.email = try Email.normalize(email) } catch let error as FunnelError { problems.append(error.message) }
        }
        if let url = value(.linkedinURL) {
            do { draft.linkedinURL = try LinkedIn.normalize(url) } catch let error as FunnelError { problems.append(error.message) }
        }
        draft.phone = value(.phone)
        draft.location = values[.location]?.joined(separator: ", ")
        draft.title = value(.title)
        draft.company = value(.company)
        draft.source = value(.source)
        draft.owner = value(.owner) ?? defaults.owner?.nilIfBlank
        draft.interests = value(.interests)
        let tagCells = values[.tags] ?? []
        draft.tags = tagCells.count == 1 ? Tags.parse(tagCells[0]) : Tags.normalize(tagCells.flatMap(Tags.parse))
        if let method = value(.preferredChannel) {
            switch ContactMethod.read(method) {
            case let .channel(channel): draft.preferredChannel = channel
            case let .email(address):
                if let email = draft.email, email.lowercased() != address.lowercased() {
                    problems.append("the contact method holds the email '\(address)' but the email column says '\(email)'")
                } else if draft.email == nil {
                    draft.email = address.lowercased()
                }
                draft.preferredChannel = .email
            case let .phone(number):
                if let phone = draft.phone, digits(phone) != digits(number) {
                    problems.append("the contact method holds the phone '\(number)' but the phone column says '\(phone)'")
                } else if draft.phone == nil {
                    draft.phone = number
                }
                draft.preferredChannel = .phone
            case nil:
                problems.append("unknown contact method '\(method)': expected a channel (\(Channel.allCases.filter(\.isOutreach).map(\.rawValue).joined(separator: ", "))), an email address or a phone number")
            }
        }
        // Funnel position.
        draft.stage = defaults.stage ?? .awareness
        if let stage = value(.stage) {
            do { draft.stage = try Stage.parse(stage) } catch let error as FunnelError { problems.append(error.message) }
        }
        draft.status = defaults.status ?? .active
        if let status = value(.status) {
            do { draft.status = try Status.parse(status) } catch let error as FunnelError { problems.append(error.message) }
        }
        if let day = value(.nextFollowUp) {
            if let parsed = Day(iso: day) { draft.nextFollowUp = parsed } else {
                problems.append("next follow-up '\(day)' is not a date: expected YYYY-MM-DD")
            }
        }
        if draft.status == .doNotContact, draft.nextFollowUp != nil {
            problems.append("a candidate marked do not contact cannot have a follow-up date")
        }

        var record = ImportRecord(sourceID: nil, draft: draft, referredBySourceID: nil, notes: values[.notes] ?? [],
                                  createdAt: nil, stageEnteredAt: nil, futureRole: nil, lastTouch: nil, provided: provided)
        func instant(_ field: ImportField, _ label: String) -> Date? {
            guard let text = value(field) else { return nil }
            if let date = Instant.parse(text, timeZone: defaults.timeZone) { return date }
            problems.append("\(label) '\(text)' is not a date: expected YYYY-MM-DD or an ISO 8601 time like 2026-11-22T09:30:00Z")
            return nil
        }
        func wholeNumber(_ field: ImportField) -> Int64? {
            guard let text = value(field) else { return nil }
            if let n = Int64(text), n > 0 { return n }
            problems.append("\(field.rawValue) '\(text)' is not a positive whole number (use --ignore '\(field.rawValue)' for ids from another system)")
            return nil
        }
        record.sourceID = wholeNumber(.id)
        record.referredBySourceID = wholeNumber(.referredBy)
        record.createdAt = instant(.createdAt, "created_at")
        record.stageEnteredAt = instant(.stageEnteredAt, "stage_entered_at")

        // Future role.
        let roleFields: [ImportField] = [.futureRoleTitle, .futureRoleLocation, .futureRoleRemote, .futureRoleAskedAt]
        if roleFields.contains(where: provided.contains) {
            var remote = false
            if let text = value(.futureRoleRemote) {
                if let flag = parseFlag(text) { remote = flag } else {
                    problems.append("future_role_remote '\(text)' is not yes or no")
                }
            }
            let askedAt = instant(.futureRoleAskedAt, "future_role_asked_at")
            do {
                let (title, location) = try FutureRole.validate(title: value(.futureRoleTitle) ?? "",
                                                                location: value(.futureRoleLocation) ?? "", remote: remote)
                record.futureRole = ImportedFutureRole(title: title, location: location, remote: remote, askedAt: askedAt)
            } catch let error as FunnelError {
                problems.append(error.message)
            }
        }

        // Last touch (as written by an export): recreated as a touch at its own time.
        let touchFields: [ImportField] = [.lastTouchAt, .lastTouchChannel, .lastTouchDirection, .lastTouchOutcome,
                                          .lastTouchNote, .lastTouchTemplate]
        if touchFields.contains(where: provided.contains) {
            let at = instant(.lastTouchAt, "last_touch_at")
            if value(.lastTouchAt) == nil { problems.append("a last touch needs last_touch_at") }
            var channel: Channel?
            if let text = value(.lastTouchChannel) {
                do { channel = try Channel.parse(text) } catch let error as FunnelError { problems.append(error.message) }
            } else {
                problems.append("a last touch needs last_touch_channel")
            }
            var direction = Direction.outbound
            if let text = value(.lastTouchDirection) {
                do { direction = try Direction.parse(text) } catch let error as FunnelError { problems.append(error.message) }
            }
            var outcome: Outcome?
            if let text = value(.lastTouchOutcome) {
                do { outcome = try Outcome.parse(text) } catch let error as FunnelError { problems.append(error.message) }
            }
            // The note is kept exactly as written: it is someone's words, and a round trip must not alter it.
            let note = raw[.lastTouchNote] ?? ""
            if channel == .note, note.trimmed.isEmpty { problems.append("a last touch of channel note needs some text") }
            if let at, let channel {
                record.lastTouch = TouchDraft(at: at, channel: channel, direction: direction, outcome: outcome,
                                              note: note, template: value(.lastTouchTemplate))
            }
        }

        if !problems.isEmpty { throw FunnelError.invalid(problems.joined(separator: "; ")) }
        return record
    }

    /// Whether every cell is blank: such rows (trailing empty lines, `,,,,`) are not records.
    public static func isBlank(_ cells: [String]) -> Bool { cells.allSatisfy { $0.quickNilIfBlank == nil } }

    /// "Jane van der Berg" → ("Jane", "van der Berg"); "Doe, Jane" → ("Jane", "Doe").
    public static func splitName(_ text: String) -> (first: String, last: String) {
        let name = text.trimmed
        if let comma = name.firstIndex(of: ",") {
            let last = String(name[..<comma]).trimmed
            let first = String(name[name.index(after: comma)...]).trimmed
            if !first.isEmpty && !last.isEmpty { return (first, last) }
        }
        let words = name.split(whereSeparator: \.isWhitespace)
        guard let first = words.first else { return ("", "") }
        return (String(first), words.dropFirst().joined(separator: " "))
    }

    static func parseFlag(_ text: String) -> Bool? {
        switch text.trimmed.lowercased() {
        case "yes", "y", "true", "1", "remote", "x": true
        case "no", "n", "false", "0", "onsite", "on-site", "office": false
        default: nil
        }
    }

    static func digits(_ text: String) -> String { text.filter(\.isNumber) }

    /// 10485760 → "10,485,760".
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}

/// What a "contact method" cell says: a channel, or the contact itself.
public enum ContactMethod: Sendable, Equatable {
    case channel(Channel)
    case email(String)
    case phone(String)

    /// "LinkedIn InMail" → linkedin, "Call" → phone, "jane@x.io" → that email, "+351 912 345 678" →
    /// that phone; "Email / LinkedIn" → the first. nil when nothing is recognised.
    public static func read(_ text: String) -> ContactMethod? {
        let value = text.quickTrimmed
        if value.contains("@"), Email.isValid(value) { return .email(value) }
        // In ASCII text the only numbers are 0-9 (every sheet has this column: per-row work).
        let digitCount = value.utf8.allSatisfy({ $0 < 0x80 })
            ? value.utf8.reduce(0) { $0 + ($1 >= 0x30 && $1 <= 0x39 ? 1 : 0) }
            : value.filter(\.isNumber).count
        if digitCount >= 6, value.allSatisfy({ $0.isNumber || " +-().".contains($0) }) { return .phone(value) }
        if let channel = channel(value) { return .channel(channel) }
        let parts = value.split(whereSeparator: { ",/;&+".contains($0) }).map { String($0).trimmed }.filter { !$0.isEmpty }
        if parts.count > 1, let first = parts.first.flatMap(channel) { return .channel(first) }
        return nil
    }

    static func channel(_ text: String) -> Channel? {
        switch quickKey(text) {
        case "inmail", "linkedininmail", "linkedinmessage", "linkedinmsg", "li", "linkedin", "linkedinconnection",
             "linkedinconnectionrequest", "connectionrequest":
            return .linkedin
        case "email", "mail", "emailed", "gmail", "outlook": return .email
        case "phone", "call", "called", "phonecall", "cell", "mobile", "tel", "telephone", "coldcall": return .phone
        case "voicemail", "vm", "leftvoicemail": return .voicemail
        case "sms", "text", "textmessage", "texted", "imessage": return .sms
        case "whatsapp", "wa": return .whatsapp
        case "inperson", "meeting", "meetup", "coffee", "event", "facetoface": return .inPerson
        case "other": return .other
        default: return nil
        }
    }

    /// `ImportField.key` without Foundation's folding for plain ASCII text (every row of a
    /// sheet has a contact method: this is per-row work).
    static func quickKey(_ text: String) -> String {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return ImportField.key(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for b in text.utf8 {
            switch b {
            case 0x30...0x39, 0x61...0x7A: bytes.append(b)
            case 0x41...0x5A: bytes.append(b + 0x20)
            default: break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Instants in files: ISO 8601 with a zone (`2026-11-22T09:30:00Z`, `…+01:00`), or a date alone
/// (`2026-11-22`, taken as the start of that day in the given time zone).
public enum Instant {
    public static func parse(_ text: String, timeZone: TimeZone) -> Date? {
        let value = text.trimmed
        if let day = Day(iso: value) { return day.start(in: timeZone) }
        if let fast = parseUTC(value) { return fast }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: value) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: value)
    }

    /// The export's own form, `YYYY-MM-DDTHH:MM:SSZ`, parsed without a formatter (imports of a
    /// large export read several per row).
    static func parseUTC(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[10] == UInt8(ascii: "T"), bytes[19] == UInt8(ascii: "Z"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let day = Day(iso: String(decoding: bytes[0..<10], as: UTF8.self)) else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for b in bytes[range] {
                guard b >= 48 && b <= 57 else { return nil }
                n = n * 10 + Int(b - 48)
            }
            return n
        }
        guard let h = number(11..<13), let m = number(14..<16), let s = number(17..<19), h < 24, m < 60, s < 61
        else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(day.ordinal * 86_400 + h * 3600 + m * 60 + s))
    }

    /// The form exports write: UTC, whole seconds. Built by hand: `String(format:)` was a
    /// visible share of a large export, which writes three of these per candidate.
    public static func format(_ date: Date) -> String {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let days = Int((Double(total) / 86_400).rounded(.down))
        let rest = total - days * 86_400
        let (y, m, d) = Day(ordinal: days).components
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        let year = y >= 0 && y < 10_000 ? String(repeating: "0", count: 4 - String(y).count) + String(y) : String(y)
        return "\(year)-\(two(m))-\(two(d))T\(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60))Z"
    }
}

extension String {
    /// `trimmed` without Foundation for text of printable ASCII and spaces (spaces are the only
    /// white space there); anything else goes through `trimmed`.
    var quickTrimmed: String {
        guard utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return trimmed }
        guard utf8.first == 0x20 || utf8.last == 0x20 else { return self }
        let bytes = Array(utf8)
        guard let start = bytes.firstIndex(where: { $0 != 0x20 }), let end = bytes.lastIndex(where: { $0 != 0x20 })
        else { return "" }
        return String(decoding: bytes[start...end], as: UTF8.self)
    }

    /// `nilIfBlank` without Foundation's trimming for the usual cell, which neither starts nor
    /// ends with white space (Foundation's `trimmingCharacters` was an eighth of import time).
    var quickNilIfBlank: String? {
        guard let first = utf8.first, let last = utf8.last else { return nil }
        let plain: (UInt8) -> Bool = { $0 > 0x20 && $0 < 0x7F }
        return plain(first) && plain(last) ? self : nilIfBlank
    }
}
