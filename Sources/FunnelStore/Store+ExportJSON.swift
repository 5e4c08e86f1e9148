import Foundation
import FunnelCore
import GRDB

extension Store {
    /// Bytes gathered before each call of the sink: the memory an export holds, whatever its size.
    static let exportChunkBytes = 1 << 20

    /// The JSON export's body: one candidate object per line, in id order, streamed.
    ///
    /// Not a query per candidate (three, plus Foundation's encoder, took 50 s at a million): one
    /// statement reads each candidate with their last touch (a correlated index lookup inside
    /// SQLite), and the tags, current future roles and (with `touches`) touch logs come from one
    /// ordered cursor per table, merged by candidate id. The bytes are those of `exported(_:_:)`
    /// through `exportEncoder(pretty: false)` and `JSONInvisibles`, which `ExportJSONTests` checks.
    static func exportJSONLines(_ db: Database, touches: Bool, to sink: ExportSink) throws -> Int {
        let candidates = try Row.fetchCursor(db, sql: """
            SELECT c.id, c.first_name, c.last_name, c.email, c.phone, c.location, c.linkedin_url, c.title, c.company,
                   c.source, c.owner, c.interests, c.preferred_channel, c.referred_by, c.stage, c.status, c.created_at,
                   c.updated_at, c.stage_entered_at, c.last_touch_at, c.next_follow_up,
                   t.id, t.at, t.channel, t.direction, t.outcome, t.note, t.template
            FROM candidate c
            LEFT JOIN touchpoint t ON t.id = (SELECT id FROM touchpoint WHERE candidate_id = c.id ORDER BY at DESC, id DESC LIMIT 1)
            ORDER BY c.id
            """)
        var tags = try MergedRows(db, sql: "SELECT candidate_id, tag FROM candidate_tag ORDER BY candidate_id, position")
        // The index future_role_by_candidate's order: each candidate's current role comes first.
        var roles = try MergedRows(db, sql: """
            SELECT candidate_id, title, location, remote, asked_at FROM future_role ORDER BY candidate_id, asked_at DESC, id DESC
            """)
        var log = touches ? try MergedRows(db, sql: """
            SELECT candidate_id, id, at, channel, direction, outcome, note, template FROM touchpoint ORDER BY candidate_id, at, id
            """) : nil
        let encoder = ExportJSONEncoderThread()
        var batch: [ExportLine] = []
        batch.reserveCapacity(ExportJSONEncoderThread.batchSize)
        var written = 0
        do {
            while let c = try candidates.next() {
                let id: Int64 = c[0]
                var line = ExportLine(
                    id: id, firstName: c[1], lastName: c[2], email: c[3], phone: c[4], location: c[5], linkedinURL: c[6],
                    title: c[7], company: c[8], source: c[9], owner: c[10], interests: c[11], preferredChannel: c[12],
                    referredBy: c[13], stage: c[14], status: c[15], createdAt: c[16], updatedAt: c[17], stageEnteredAt: c[18],
                    lastTouchAt: c[19], nextFollowUp: (c[20] as String?).flatMap { Day(iso: $0) }?.iso)
                if let touchID = c[21] as Int64? {
                    line.lastTouch = ExportLine.Touch(id: touchID, at: c[22], channel: c[23], direction: c[24], outcome: c[25],
                                                      note: c[26], template: c[27])
                }
                try roles.forEach(of: id) { role in
                    if line.futureRole == nil {
                        line.futureRole = ExportLine.Role(title: role[1], location: role[2], remote: role[3], askedAt: role[4])
                    }
                }
                try tags.forEach(of: id) { tag in line.tags.append(tag[1]) }
                if log != nil {
                    var all: [ExportLine.Touch] = []
                    try log!.forEach(of: id) { t in
                        all.append(ExportLine.Touch(id: t[1], at: t[2], channel: t[3], direction: t[4], outcome: t[5],
                                                    note: t[6], template: t[7]))
                    }
                    line.touches = all
                }
                batch.append(line)
                written += 1
                if batch.count == ExportJSONEncoderThread.batchSize {
                    for chunk in encoder.submit(batch) { try sink(chunk) }
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { for chunk in encoder.submit(batch) { try sink(chunk) } }
            for chunk in encoder.finish() { try sink(chunk) }
        } catch {
            _ = encoder.finish()
            throw error
        }
        return written
    }
}

/// One candidate's exported values, read on the database thread and written as JSON on another.
struct ExportLine: Sendable {
    struct Touch: Sendable {
        var id: Int64, at: Int64, channel: String, direction: String, outcome: String?, note: String, template: String?
    }

    struct Role: Sendable {
        var title: String, location: String, remote: Bool, askedAt: Int64
    }

    var id: Int64
    var firstName: String, lastName: String, email: String?, phone: String?, location: String?, linkedinURL: String?
    var title: String?, company: String?, source: String?, owner: String?, interests: String?, preferredChannel: String?
    var referredBy: Int64?, stage: String, status: String, createdAt: Int64, updatedAt: Int64, stageEnteredAt: Int64
    var lastTouchAt: Int64?, nextFollowUp: String?
    var futureRole: Role?
    var lastTouch: Touch?
    var tags: [String] = []
    /// The whole touch log, oldest first, when asked (`--touches`).
    var touches: [Touch]?

    /// The candidate's JSON object, keys in JSONEncoder's sorted order (`ExportedCandidate.encode`).
    func write(to out: inout ExportJSONWriter) {
        out.raw("{\"company\":"); out.string(company)
        out.raw(",\"created_at\":"); out.instant(createdAt)
        out.raw(",\"email\":"); out.string(email)
        out.raw(",\"first_name\":"); out.string(firstName)
        out.raw(",\"future_role\":")
        if let r = futureRole { out.futureRole(title: r.title, location: r.location, remote: r.remote, askedAt: r.askedAt) } else { out.null() }
        out.raw(",\"id\":"); out.int(id)
        out.raw(",\"interests\":"); out.string(interests)
        out.raw(",\"last_name\":"); out.string(lastName)
        out.raw(",\"last_touch\":")
        if let t = lastTouch { write(t, to: &out) } else { out.null() }
        out.raw(",\"last_touch_at\":")
        if let at = lastTouchAt { out.instant(at) } else { out.null() }
        out.raw(",\"linkedin_url\":"); out.string(linkedinURL)
        out.raw(",\"location\":"); out.string(location)
        out.raw(",\"next_follow_up\":"); out.string(nextFollowUp)
        out.raw(",\"owner\":"); out.string(owner)
        out.raw(",\"phone\":"); out.string(phone)
        out.raw(",\"preferred_channel\":"); out.string(preferredChannel)
        out.raw(",\"referred_by\":")
        if let referredBy { out.int(referredBy) } else { out.null() }
        out.raw(",\"source\":"); out.string(source)
        out.raw(",\"stage\":"); out.string(stage)
        out.raw(",\"stage_entered_at\":"); out.instant(stageEnteredAt)
        out.raw(",\"status\":"); out.string(status)
        out.raw(",\"tags\":[")
        for (index, tag) in tags.enumerated() {
            if index > 0 { out.raw(",") }
            out.string(tag)
        }
        out.raw("],\"title\":"); out.string(title)
        if let touches {
            out.raw(",\"touches\":[")
            for (index, touch) in touches.enumerated() {
                if index > 0 { out.raw(",") }
                write(touch, to: &out)
            }
            out.raw("]")
        }
        out.raw(",\"updated_at\":"); out.instant(updatedAt)
        out.raw("}")
    }

    private func write(_ t: Touch, to out: inout ExportJSONWriter) {
        out.touch(id: t.id, candidateID: id, at: t.at, channel: t.channel, direction: t.direction, outcome: t.outcome,
                  note: t.note, template: t.template)
    }
}

/// Writes batches of `ExportLine` as JSON on a thread of its own while the database thread reads
/// the next ones (reading and writing were about 4 s and 3 s of CPU at a million candidates).
/// Chunks come back in order; at most a few batches are in flight, so memory stays bounded.
final class ExportJSONEncoderThread: @unchecked Sendable {
    static let batchSize = 1_000
    private let condition = NSCondition()
    private var waiting: [[ExportLine]] = []
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
    func submit(_ batch: [ExportLine]) -> [Data] {
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
            for line in batch {
                out.raw(written == 0 ? "\n" : ",\n")
                line.write(to: &out)
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

/// A cursor over rows ordered by candidate id (column 0), read alongside the candidates: each
/// candidate takes the rows of their id; rows of ids never asked for are passed over.
struct MergedRows {
    private let cursor: RowCursor
    private var current: Row?

    init(_ db: Database, sql: String) throws {
        cursor = try Row.fetchCursor(db, sql: sql)
        current = try cursor.next()
    }

    /// Calls `body` with each row of candidate `id`, in the cursor's order.
    mutating func forEach(of id: Int64, _ body: (Row) throws -> Void) throws {
        while let row = current {
            let owner: Int64 = row[0]
            if owner > id { return }
            if owner == id { try body(row) }
            current = try cursor.next()
        }
    }
}
