import CSV
import Foundation
import FunnelCore
import GRDB

/// The shape of an export.
public enum ExportFormat: String, CaseIterable, Sendable {
    /// One row per candidate, the columns `funnel import` reads back (`ImportField.exportColumns`).
    case csv
    /// A JSON array, one candidate object per line.
    case json
}

/// Where export bytes go (stdout, a file): called with each chunk in order.
public typealias ExportSink = (Data) throws -> Void

extension Store {
    /// How many candidates are read and written per chunk: memory stays flat at any desk size.
    static let exportPageSize = 500

    /// Writes every candidate with their current future role and last touch, in id order, a page
    /// at a time inside one read transaction (a consistent snapshot even while the app writes).
    ///
    /// With `touches`, the touch log goes to `touchSink` as a second CSV file (`format` csv), or is
    /// nested in each candidate object (`format` json; `touchSink` unused). Returns the number of
    /// candidates written.
    ///
    /// CSV cells that a spreadsheet would run as a formula get a leading `'` (`FormulaGuard`,
    /// which the import takes off again) and stored control characters are shown as escapes
    /// (`SpreadsheetCell`) unless `guardFormulas` is false (`--raw`). JSON escapes them always
    /// (`JSONInvisibles`); the decoded value is the stored one.
    @discardableResult
    public func exportCandidates(format: ExportFormat, touches: Bool = false, guardFormulas: Bool = true,
                                 to sink: ExportSink, touchSink: ExportSink? = nil) throws -> Int {
        try read { db in
            guard format == .csv else {
                try sink(Data("[".utf8))
                let written = try Store.exportJSONLines(db, touches: touches, to: sink)
                try sink(Data("\n]\n".utf8))
                return written
            }
            var written = 0
            try sink(Store.csvLines([ImportField.exportColumns.map(\.rawValue)]))
            var page: [[String]] = []
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(Rows.candidateColumns) FROM candidate ORDER BY id")
            while let row = try cursor.next() {
                let exported = try Store.exported(db, row, touches: false)
                page.append(guardFormulas ? Store.guarded(exported.csvRow, Store.exportColumnKinds) : exported.csvRow)
                if page.count == Store.exportPageSize {
                    try sink(Store.csvLines(page))
                    page.removeAll(keepingCapacity: true)
                }
                written += 1
            }
            if !page.isEmpty { try sink(Store.csvLines(page)) }
            if touches, let touchSink {
                try Store.exportTouchLog(db, guardFormulas: guardFormulas, to: touchSink)
            }
            return written
        }
    }

    /// The plain-text kind of each export column, and of each touch-log column (the note is multi-line).
    static let exportColumnKinds = ImportField.exportColumns.map(\.plainTextKind)
    static let touchLogColumnKinds: [PlainText.Kind] = ExportedTouch.csvHeader.map { $0 == "note" ? .multiLine : .singleLine }

    /// A row with every cell guarded (`SpreadsheetCell`): controls made visible, formulas quoted.
    static func guarded(_ cells: [String], _ kinds: [PlainText.Kind]) -> [String] {
        cells.indices.map { SpreadsheetCell.guarded(cells[$0], $0 < kinds.count ? kinds[$0] : .singleLine) }
    }

    /// The touch log as CSV, oldest first per candidate, streamed from a cursor.
    static func exportTouchLog(_ db: Database, guardFormulas: Bool, to sink: ExportSink) throws {
        try sink(csvLines([ExportedTouch.csvHeader]))
        var page: [[String]] = []
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(Rows.touchColumns) FROM touchpoint ORDER BY candidate_id, at, id")
        while let row = try cursor.next() {
            let cells = ExportedTouch(try ExportRows.touch(row)).csvRow
            page.append(guardFormulas ? guarded(cells, touchLogColumnKinds) : cells)
            if page.count == exportPageSize {
                try sink(csvLines(page))
                page.removeAll(keepingCapacity: true)
            }
        }
        if !page.isEmpty { try sink(csvLines(page)) }
    }

    /// One candidate read for export: profile, tags, current future role, last touch, and the
    /// whole touch log when asked. Statements are cached: this runs once per candidate.
    static func exported(_ db: Database, _ row: Row, touches: Bool) throws -> ExportedCandidate {
        let id: Int64 = row["id"]
        let tags = try String.fetchAll(db.cachedStatement(sql: "SELECT tag FROM candidate_tag WHERE candidate_id = ? ORDER BY position"),
                                       arguments: [id])
        let candidate = try ExportRows.candidate(row, tags: tags)
        let role = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT \(Rows.futureRoleColumns) FROM future_role WHERE candidate_id = ? ORDER BY asked_at DESC, id DESC LIMIT 1
            """), arguments: [id]).map(Rows.futureRole)
        let last = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT \(Rows.touchColumns) FROM touchpoint WHERE candidate_id = ? ORDER BY at DESC, id DESC LIMIT 1
            """), arguments: [id]).map(ExportRows.touch)
        var log: [ExportedTouch]?
        if touches {
            log = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT \(Rows.touchColumns) FROM touchpoint WHERE candidate_id = ? ORDER BY at, id
                """), arguments: [id]).map { ExportedTouch(try ExportRows.touch($0)) }
        }
        return ExportedCandidate(candidate: candidate, futureRole: role.map(ExportedFutureRole.init),
                                 lastTouch: last.map(ExportedTouch.init), touches: log)
    }

    /// Everything the store holds on one person, for a data-subject access request: the profile,
    /// every touch (template sends included, and listed apart), the stage history and every
    /// future-role answer. Other people appear only as ids (who referred them, whom they referred).
    public func subjectAccessRecord(_ id: Int64, at now: Date) throws -> SubjectAccessRecord {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT \(Rows.candidateColumns) FROM candidate WHERE id = ?", arguments: [id]) else {
                throw FunnelError.notFound("no candidate with id \(id)")
            }
            let base = try Store.exported(db, row, touches: true)
            let roles = try Store.futureRoles(db, id).map(ExportedFutureRole.init)
            let history = try Row.fetchAll(db, sql: """
                SELECT id, candidate_id, from_stage, to_stage, at FROM stage_change WHERE candidate_id = ? ORDER BY at, id
                """, arguments: [id]).map { ExportedStageChange(try Rows.stageChange($0)) }
            let referred = try Int64.fetchAll(db, sql: "SELECT id FROM candidate WHERE referred_by = ? ORDER BY id", arguments: [id])
            let touches = base.touches ?? []
            return SubjectAccessRecord(
                exportedAt: Instant.format(now), candidate: ExportedCandidate(candidate: base.candidate, futureRole: base.futureRole,
                                                                               lastTouch: base.lastTouch, touches: nil),
                touches: touches, templateSends: touches.filter { $0.template != nil }, stageHistory: history,
                futureRoles: roles, referredCandidateIDs: referred)
        }
    }

    /// The encoder for export JSON: sorted keys, slashes unescaped; keys are spelled by the types.
    public static func exportEncoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Rows as CSV text, each ending in a line feed, in exactly the form CSV.swift's `CSVWriter`
    /// writes (a field holding a comma, a quote, CR or LF is quoted and its quotes doubled; a test
    /// compares the two). Not the writer itself: it writes one byte per call through Foundation's
    /// OutputStream and searches every field five times through NSString, which made a 100,000-
    /// candidate export take 11 s of CPU; this takes well under one.
    static func csvLines(_ rows: [[String]]) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(rows.count * 256)
        for row in rows {
            for (index, field) in row.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                appendCSVField(field, to: &out)
            }
            out.append(0x0A)
        }
        return Data(out)
    }

    static func appendCSVField(_ field: String, to out: inout [UInt8]) {
        let needsQuotes = field.utf8.contains { (byte: UInt8) -> Bool in
            switch byte {
            case 0x22, 0x2C, 0x0D, 0x0A: true
            default: false
            }
        }
        guard needsQuotes else {
            out.append(contentsOf: field.utf8)
            return
        }
        out.append(0x22)
        for byte in field.utf8 {
            if byte == 0x22 { out.append(0x22) }
            out.append(byte)
        }
        out.append(0x22)
    }

    /// The same rows through CSV.swift's writer: the reference `csvLines` is tested against.
    static func csvLinesWithLibrary(_ rows: [[String]]) throws -> Data {
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream)
        for row in rows { try writer.write(row: row) }
        stream.close()
        var data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        data.append(0x0A)
        return data
    }
}

/// A candidate as exported: the profile, the current future role and the last touch.
public struct ExportedCandidate: Encodable, Sendable {
    public var candidate: Candidate
    public var futureRole: ExportedFutureRole?
    public var lastTouch: ExportedTouch?
    /// The whole touch log, oldest first (JSON export with `--touches`).
    public var touches: [ExportedTouch]?

    enum Key: String, CodingKey {
        case id, first_name, last_name, email, phone, location, linkedin_url, title, company, source, owner, tags
        case interests, preferred_channel, referred_by, stage, status, created_at, updated_at, stage_entered_at
        case last_touch_at, next_follow_up, future_role, last_touch, touches
    }

    public func encode(to encoder: Encoder) throws {
        let c = candidate
        var out = encoder.container(keyedBy: Key.self)
        try out.encode(c.id, forKey: .id)
        try out.encode(c.firstName, forKey: .first_name)
        try out.encode(c.lastName, forKey: .last_name)
        try out.encode(c.email, forKey: .email)
        try out.encode(c.phone, forKey: .phone)
        try out.encode(c.location, forKey: .location)
        try out.encode(c.linkedinURL, forKey: .linkedin_url)
        try out.encode(c.title, forKey: .title)
        try out.encode(c.company, forKey: .company)
        try out.encode(c.source, forKey: .source)
        try out.encode(c.owner, forKey: .owner)
        try out.encode(c.tags, forKey: .tags)
        try out.encode(c.interests, forKey: .interests)
        try out.encode(c.preferredChannel?.rawValue, forKey: .preferred_channel)
        try out.encode(c.referredBy, forKey: .referred_by)
        try out.encode(c.stage.rawValue, forKey: .stage)
        try out.encode(c.status.rawValue, forKey: .status)
        try out.encode(Instant.format(c.createdAt), forKey: .created_at)
        try out.encode(Instant.format(c.updatedAt), forKey: .updated_at)
        try out.encode(Instant.format(c.stageEnteredAt), forKey: .stage_entered_at)
        try out.encode(c.lastTouchAt.map(Instant.format), forKey: .last_touch_at)
        try out.encode(c.nextFollowUp?.iso, forKey: .next_follow_up)
        try out.encode(futureRole, forKey: .future_role)
        try out.encode(lastTouch, forKey: .last_touch)
        if let touches { try out.encode(touches, forKey: .touches) }
    }

    /// The CSV row, in `ImportField.exportColumns` order.
    var csvRow: [String] {
        let c = candidate
        return ImportField.exportColumns.map { field -> String in
            switch field {
            case .id: String(c.id)
            case .firstName: c.firstName
            case .lastName: c.lastName
            case .email: c.email ?? ""
            case .phone: c.phone ?? ""
            case .location: c.location ?? ""
            case .linkedinURL: c.linkedinURL ?? ""
            case .title: c.title ?? ""
            case .company: c.company ?? ""
            case .source: c.source ?? ""
            case .owner: c.owner ?? ""
            case .tags: c.tags.joined(separator: "; ")
            case .interests: c.interests ?? ""
            case .preferredChannel: c.preferredChannel?.rawValue ?? ""
            case .referredBy: c.referredBy.map(String.init) ?? ""
            case .stage: c.stage.rawValue
            case .status: c.status.rawValue
            case .nextFollowUp: c.nextFollowUp?.iso ?? ""
            case .createdAt: Instant.format(c.createdAt)
            case .stageEnteredAt: Instant.format(c.stageEnteredAt)
            case .futureRoleTitle: futureRole?.title ?? ""
            case .futureRoleLocation: futureRole?.location ?? ""
            case .futureRoleRemote: futureRole.map { $0.remote ? "yes" : "no" } ?? ""
            case .futureRoleAskedAt: futureRole?.askedAt ?? ""
            case .lastTouchAt: lastTouch?.at ?? ""
            case .lastTouchChannel: lastTouch?.channel ?? ""
            case .lastTouchDirection: lastTouch?.direction ?? ""
            case .lastTouchOutcome: lastTouch?.outcome ?? ""
            case .lastTouchNote: lastTouch?.note ?? ""
            case .lastTouchTemplate: lastTouch?.template ?? ""
            case .fullName, .notes: ""
            }
        }
    }
}

/// A future-role answer as exported.
public struct ExportedFutureRole: Encodable, Sendable, Equatable {
    public var title: String
    public var location: String
    public var remote: Bool
    public var askedAt: String

    init(_ role: FutureRole) {
        title = role.title
        location = role.location
        remote = role.remote
        askedAt = Instant.format(role.askedAt)
    }

    enum CodingKeys: String, CodingKey {
        case title, location, remote, askedAt = "asked_at"
    }
}

/// A touch as exported (`template` is set for a message built from a template).
public struct ExportedTouch: Encodable, Sendable, Equatable {
    public var id: Int64
    public var candidateID: Int64
    public var at: String
    public var channel: String
    public var direction: String
    public var outcome: String?
    public var note: String
    public var template: String?

    init(_ touch: Touchpoint) {
        id = touch.id
        candidateID = touch.candidateID
        at = Instant.format(touch.at)
        channel = touch.channel.rawValue
        direction = touch.direction.rawValue
        outcome = touch.outcome?.rawValue
        note = touch.note
        template = touch.template
    }

    enum CodingKeys: String, CodingKey {
        case id, candidateID = "candidate_id", at, channel, direction, outcome, note, template
    }

    public func encode(to encoder: Encoder) throws {
        var out = encoder.container(keyedBy: CodingKeys.self)
        try out.encode(id, forKey: .id)
        try out.encode(candidateID, forKey: .candidateID)
        try out.encode(at, forKey: .at)
        try out.encode(channel, forKey: .channel)
        try out.encode(direction, forKey: .direction)
        try out.encode(outcome, forKey: .outcome)
        try out.encode(note, forKey: .note)
        try out.encode(template, forKey: .template)
    }

    static let csvHeader = ["candidate_id", "at", "channel", "direction", "outcome", "note", "template"]
    var csvRow: [String] { [String(candidateID), at, channel, direction, outcome ?? "", note, template ?? ""] }
}

/// A move between stages as exported.
public struct ExportedStageChange: Encodable, Sendable, Equatable {
    public var from: String?
    public var to: String
    public var at: String

    init(_ change: StageChange) {
        from = change.from?.rawValue
        to = change.to.rawValue
        at = Instant.format(change.at)
    }

    public func encode(to encoder: Encoder) throws {
        var out = encoder.container(keyedBy: CodingKeys.self)
        try out.encode(from, forKey: .from)
        try out.encode(to, forKey: .to)
        try out.encode(at, forKey: .at)
    }

    enum CodingKeys: String, CodingKey { case from, to, at }
}

/// The answer to "send me everything you hold on me".
public struct SubjectAccessRecord: Encodable, Sendable {
    public var exportedAt: String
    public var candidate: ExportedCandidate
    /// Every touch, oldest first.
    public var touches: [ExportedTouch]
    /// The touches that were messages built from a template.
    public var templateSends: [ExportedTouch]
    public var stageHistory: [ExportedStageChange]
    /// Every future-role answer, newest (current) first.
    public var futureRoles: [ExportedFutureRole]
    /// Candidates this person referred (ids only: they are other people).
    public var referredCandidateIDs: [Int64]

    enum CodingKeys: String, CodingKey {
        case exportedAt = "exported_at", candidate, touches, templateSends = "template_sends"
        case stageHistory = "stage_history", futureRoles = "future_roles", referredCandidateIDs = "referred_candidate_ids"
    }
}

/// `Rows.candidate` and `Rows.touch` for the export's loop: the store holds canonical names, so
/// each is looked up by raw value first and only parsed leniently if that fails. The lenient
/// parsers trim and rewrite the text through Foundation, which was a third of an export's time.
enum ExportRows {
    static func candidate(_ row: Row, tags: [String]) throws -> Candidate {
        let stage: String = row["stage"], status: String = row["status"], channel: String? = row["preferred_channel"]
        return Candidate(
            id: row["id"], firstName: row["first_name"], lastName: row["last_name"], email: row["email"],
            phone: row["phone"], location: row["location"], linkedinURL: row["linkedin_url"], title: row["title"],
            company: row["company"], source: row["source"], owner: row["owner"], tags: tags, interests: row["interests"],
            preferredChannel: try channel.map { try Channel(rawValue: $0) ?? Channel.parse($0) },
            referredBy: row["referred_by"],
            stage: try Stage(rawValue: stage) ?? Stage.parse(stage),
            status: try Status(rawValue: status) ?? Status.parse(status),
            createdAt: Rows.date(row["created_at"] as Int64), updatedAt: Rows.date(row["updated_at"] as Int64),
            stageEnteredAt: Rows.date(row["stage_entered_at"] as Int64),
            lastTouchAt: Rows.optionalDate(row["last_touch_at"] as Int64?),
            nextFollowUp: (row["next_follow_up"] as String?).flatMap { Day(iso: $0) })
    }

    static func touch(_ row: Row) throws -> Touchpoint {
        let channel: String = row["channel"], direction: String = row["direction"], outcome: String? = row["outcome"]
        return Touchpoint(
            id: row["id"], candidateID: row["candidate_id"], at: Rows.date(row["at"] as Int64),
            channel: try Channel(rawValue: channel) ?? Channel.parse(channel),
            direction: try Direction(rawValue: direction) ?? Direction.parse(direction),
            outcome: try outcome.map { try Outcome(rawValue: $0) ?? Outcome.parse($0) },
            note: row["note"], template: row["template"])
    }
}
