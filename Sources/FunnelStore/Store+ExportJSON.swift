import Foundation
import FunnelCore
import GRDB
import GRDBSQLite

extension Store {
    /// Bytes gathered before each call of the sink: the memory an export holds, whatever its size.
    static let exportChunkBytes = 1 << 20

    /// The JSON export's body: one candidate object per line, in id order, streamed.
    ///
    /// Not a query per candidate (three, plus Foundation's encoder, took 50 s at a million): one
    /// statement reads each candidate with their last touch (a correlated index lookup inside
    /// SQLite), and the tags, current future roles and (with `touches`) touch logs come from one
    /// ordered statement per table, merged by candidate id. Columns are read straight from the
    /// statements into a batch (`ExportTexts`), and written as JSON on another thread. The bytes
    /// are those of `exported(_:_:)` through `exportEncoder(pretty: false)` and `JSONInvisibles`,
    /// which `ExportJSONTests` checks.
    static func exportJSONLines(_ db: Database, touches: Bool, to sink: ExportSink) throws -> Int {
        // Not memory-mapped: at a million candidates `PRAGMA mmap_size` cost more system time in
        // page faults (1.25 s against 0.55 s of `pread`) and showed the file's pages as the
        // process's memory (1.9 GB resident).
        var candidates = try MergedColumns(db, sql: """
            SELECT c.id, c.first_name, c.last_name, c.email, c.phone, c.location, c.linkedin_url, c.title, c.company,
                   c.source, c.owner, c.interests, c.preferred_channel, c.referred_by, c.stage, c.status, c.created_at,
                   c.updated_at, c.stage_entered_at, c.last_touch_at, c.next_follow_up,
                   t.id, t.at, t.channel, t.direction, t.outcome, t.note, t.template
            FROM candidate c
            LEFT JOIN touchpoint t ON t.id = (SELECT id FROM touchpoint WHERE candidate_id = c.id ORDER BY at DESC, id DESC LIMIT 1)
            ORDER BY c.id
            """)
        var tags = try MergedColumns(db, sql: "SELECT candidate_id, tag FROM candidate_tag ORDER BY candidate_id, position")
        // The index future_role_by_candidate's order: each candidate's current role comes first.
        var roles = try MergedColumns(db, sql: """
            SELECT candidate_id, title, location, remote, asked_at FROM future_role ORDER BY candidate_id, asked_at DESC, id DESC
            """)
        var log = touches ? try MergedColumns(db, sql: """
            SELECT candidate_id, id, at, channel, direction, outcome, note, template FROM touchpoint ORDER BY candidate_id, at, id
            """) : nil
        let encoder = ExportJSONEncoderThread()
        var batch = ExportBatch()
        var written = 0
        do {
            let c = candidates.statement
            while candidates.hasRow {
                let id = ExportColumns.int64(c, 0)
                var line = ExportLine(
                    id: id, firstName: batch.texts.column(c, 1), lastName: batch.texts.column(c, 2),
                    email: batch.texts.column(c, 3), phone: batch.texts.column(c, 4), location: batch.texts.column(c, 5),
                    linkedinURL: batch.texts.column(c, 6), title: batch.texts.column(c, 7), company: batch.texts.column(c, 8),
                    source: batch.texts.column(c, 9), owner: batch.texts.column(c, 10), interests: batch.texts.column(c, 11),
                    preferredChannel: batch.texts.column(c, 12), referredBy: ExportColumns.optionalInt64(c, 13),
                    stage: batch.texts.column(c, 14), status: batch.texts.column(c, 15),
                    createdAt: ExportColumns.int64(c, 16), updatedAt: ExportColumns.int64(c, 17),
                    stageEnteredAt: ExportColumns.int64(c, 18), lastTouchAt: ExportColumns.optionalInt64(c, 19),
                    nextFollowUp: batch.texts.day(c, 20))
                if let touchID = ExportColumns.optionalInt64(c, 21) {
                    line.lastTouch = batch.touch(id: touchID, c, from: 22)
                }
                try roles.forEach(of: id) { role in
                    if line.futureRole == nil {
                        line.futureRole = ExportLine.Role(title: batch.texts.column(role, 1), location: batch.texts.column(role, 2),
                                                          remote: ExportColumns.bool(role, 3), askedAt: ExportColumns.int64(role, 4))
                    }
                }
                let firstTag = batch.tags.count
                try tags.forEach(of: id) { tag in
                    let text = batch.texts.column(tag, 1)
                    batch.tags.append(text)
                }
                line.tags = firstTag..<batch.tags.count
                if log != nil {
                    let first = batch.touches.count
                    try log!.forEach(of: id) { t in
                        let touch = batch.touch(id: ExportColumns.int64(t, 1), t, from: 2)
                        batch.touches.append(touch)
                    }
                    line.touches = first..<batch.touches.count
                }
                batch.lines.append(line)
                written += 1
                if batch.lines.count == ExportJSONEncoderThread.batchSize {
                    for chunk in encoder.submit(batch) { try sink(chunk) }
                    batch = ExportBatch()
                }
                try candidates.step()
            }
            if !batch.lines.isEmpty { for chunk in encoder.submit(batch) { try sink(chunk) } }
            for chunk in encoder.finish() { try sink(chunk) }
        } catch {
            _ = encoder.finish()
            throw error
        }
        return written
    }
}

/// Candidates read for export and not yet written: their fixed fields, and their texts, tags
/// and touch logs in buffers of the batch (one allocation per buffer, not one per value).
struct ExportBatch: Sendable {
    var lines: [ExportLine] = []
    var texts = ExportTexts(capacity: 256 * ExportJSONEncoderThread.batchSize)
    var tags: [ExportText] = []
    /// The touch logs of every line (`--touches`), one after another.
    var touches: [ExportLine.Touch] = []

    init() { lines.reserveCapacity(ExportJSONEncoderThread.batchSize) }

    /// The touch whose columns start at `index` (at, channel, direction, outcome, note, template).
    mutating func touch(id: Int64, _ statement: SQLiteStatement, from index: Int32) -> ExportLine.Touch {
        ExportLine.Touch(id: id, at: ExportColumns.int64(statement, index), channel: texts.column(statement, index + 1),
                         direction: texts.column(statement, index + 2), outcome: texts.column(statement, index + 3),
                         note: texts.column(statement, index + 4), template: texts.column(statement, index + 5))
    }
}

/// One candidate's exported values, read on the database thread and written as JSON on another.
/// Texts are in the batch's `ExportTexts`; an absent optional text is `ExportText.null`.
struct ExportLine: Sendable {
    struct Touch: Sendable {
        var id: Int64, at: Int64, channel: ExportText, direction: ExportText, outcome: ExportText, note: ExportText,
            template: ExportText
    }

    struct Role: Sendable {
        var title: ExportText, location: ExportText, remote: Bool, askedAt: Int64
    }

    var id: Int64
    var firstName: ExportText, lastName: ExportText, email: ExportText, phone: ExportText, location: ExportText
    var linkedinURL: ExportText, title: ExportText, company: ExportText, source: ExportText, owner: ExportText
    var interests: ExportText, preferredChannel: ExportText
    var referredBy: Int64?, stage: ExportText, status: ExportText, createdAt: Int64, updatedAt: Int64, stageEnteredAt: Int64
    var lastTouchAt: Int64?, nextFollowUp: ExportText
    var futureRole: Role?
    var lastTouch: Touch?
    /// This line's tags in the batch's `tags`.
    var tags: Range<Int> = 0..<0
    /// The whole touch log, oldest first, in the batch's `touches`, when asked (`--touches`).
    var touches: Range<Int>?

    /// The candidate's JSON object, keys in JSONEncoder's sorted order (`ExportedCandidate.encode`).
    func write(to out: inout ExportJSONWriter, from batch: ExportBatch) {
        let texts = batch.texts
        out.raw("{\"company\":"); out.string(company, in: texts)
        out.raw(",\"created_at\":"); out.instant(createdAt)
        out.raw(",\"email\":"); out.string(email, in: texts)
        out.raw(",\"first_name\":"); out.string(firstName, in: texts)
        out.raw(",\"future_role\":")
        if let r = futureRole {
            out.futureRole(title: r.title, location: r.location, remote: r.remote, askedAt: r.askedAt, in: texts)
        } else {
            out.null()
        }
        out.raw(",\"id\":"); out.int(id)
        out.raw(",\"interests\":"); out.string(interests, in: texts)
        out.raw(",\"last_name\":"); out.string(lastName, in: texts)
        out.raw(",\"last_touch\":")
        if let t = lastTouch { write(t, to: &out, in: texts) } else { out.null() }
        out.raw(",\"last_touch_at\":")
        if let at = lastTouchAt { out.instant(at) } else { out.null() }
        out.raw(",\"linkedin_url\":"); out.string(linkedinURL, in: texts)
        out.raw(",\"location\":"); out.string(location, in: texts)
        out.raw(",\"next_follow_up\":"); out.string(nextFollowUp, in: texts)
        out.raw(",\"owner\":"); out.string(owner, in: texts)
        out.raw(",\"phone\":"); out.string(phone, in: texts)
        out.raw(",\"preferred_channel\":"); out.string(preferredChannel, in: texts)
        out.raw(",\"referred_by\":")
        if let referredBy { out.int(referredBy) } else { out.null() }
        out.raw(",\"source\":"); out.string(source, in: texts)
        out.raw(",\"stage\":"); out.string(stage, in: texts)
        out.raw(",\"stage_entered_at\":"); out.instant(stageEnteredAt)
        out.raw(",\"status\":"); out.string(status, in: texts)
        out.raw(",\"tags\":[")
        for index in tags {
            if index > tags.lowerBound { out.raw(",") }
            out.string(batch.tags[index], in: texts)
        }
        out.raw("],\"title\":"); out.string(title, in: texts)
        if let touches {
            out.raw(",\"touches\":[")
            for index in touches {
                if index > touches.lowerBound { out.raw(",") }
                write(batch.touches[index], to: &out, in: texts)
            }
            out.raw("]")
        }
        out.raw(",\"updated_at\":"); out.instant(updatedAt)
        out.raw("}")
    }

    private func write(_ t: Touch, to out: inout ExportJSONWriter, in texts: ExportTexts) {
        out.touch(id: t.id, candidateID: id, at: t.at, channel: t.channel, direction: t.direction, outcome: t.outcome,
                  note: t.note, template: t.template, in: texts)
    }
}

/// Writes batches of `ExportLine` as JSON on a thread of its own while the database thread reads
/// the next ones (reading and writing were about 4 s and 3 s of CPU at a million candidates).
/// Chunks come back in order; at most a few batches are in flight, so memory stays bounded.
final class ExportJSONEncoderThread: @unchecked Sendable {
    static let batchSize = 1_000
    private let condition = NSCondition()
    private var waiting: [ExportBatch] = []
    private var encoding = false
    private var finished = false
    private var chunks: [Data] = []
    private var written = 0
    private let capacity = 4

    init() {
        let thread = Thread { [self] in run() }
        thread.start()
    }

    /// Hands over a batch; returns the chunks finished so far (to be written in order). Waits
    /// while too many batches are in flight.
    func submit(_ batch: ExportBatch) -> [Data] {
        condition.lock()
        defer { condition.unlock() }
        while waiting.count + (encoding ? 1 : 0) >= capacity { condition.wait() }
        waiting.append(batch)
        condition.broadcast()
        let done = chunks
        chunks.removeAll()
        return done
    }

    /// Waits for every batch handed over, stops the thread, and returns the last chunks.
    func finish() -> [Data] {
        condition.lock()
        defer { condition.unlock() }
        finished = true
        condition.broadcast()
        while !waiting.isEmpty || encoding { condition.wait() }
        let done = chunks
        chunks.removeAll()
        return done
    }

    private func run() {
        var out = ExportJSONWriter(capacity: Store.exportChunkBytes + 64 * 1024)
        while true {
            condition.lock()
            while waiting.isEmpty && !finished { condition.wait() }
            if waiting.isEmpty {
                condition.unlock()
                return
            }
            let batch = waiting.removeFirst()
            encoding = true
            condition.unlock()
            var done: [Data] = []
            for line in batch.lines {
                out.raw(written == 0 ? "\n" : ",\n")
                line.write(to: &out, from: batch)
                written += 1
                if out.bytes.count >= Store.exportChunkBytes {
                    // Copied out, so the buffer stays this thread's and keeps its capacity.
                    done.append(Data(out.bytes))
                    out.removeAll()
                }
            }
            if !out.bytes.isEmpty {
                done.append(Data(out.bytes))
                out.removeAll()
            }
            condition.lock()
            chunks += done
            encoding = false
            condition.broadcast()
            condition.unlock()
        }
    }
}

/// A statement ordered by candidate id (column 0), stepped alongside the candidates: each
/// candidate takes the rows of their id; rows of ids never asked for are passed over. Its
/// columns are read from `statement` (`ExportTexts`, `ExportColumns`), not decoded into a `Row`.
struct MergedColumns {
    private let prepared: Statement
    private let cursor: RowCursor
    private(set) var hasRow: Bool

    init(_ db: Database, sql: String) throws {
        prepared = try db.makeStatement(sql: sql)
        cursor = try Row.fetchCursor(prepared)
        hasRow = try cursor.next() != nil
    }

    /// The SQLite statement, on the current row.
    var statement: SQLiteStatement { prepared.sqliteStatement }

    /// Moves to the next row.
    mutating func step() throws { hasRow = try cursor.next() != nil }

    /// Calls `body` with the statement on each row of candidate `id`, in the statement's order.
    mutating func forEach(of id: Int64, _ body: (SQLiteStatement) throws -> Void) throws {
        while hasRow {
            let owner = sqlite3_column_int64(statement, 0)
            if owner > id { return }
            if owner == id { try body(statement) }
            try step()
        }
    }
}
