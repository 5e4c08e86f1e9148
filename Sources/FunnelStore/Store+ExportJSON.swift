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
        var out = ExportJSONWriter(capacity: exportChunkBytes + 64 * 1024)
        var written = 0
        while let c = try candidates.next() {
            let id: Int64 = c[0]
            out.raw(written == 0 ? "\n" : ",\n")
            out.raw("{\"company\":"); out.string(c[8] as String?)
            out.raw(",\"created_at\":"); out.instant(c[16])
            out.raw(",\"email\":"); out.string(c[3] as String?)
            out.raw(",\"first_name\":"); out.string(c[1] as String)
            out.raw(",\"future_role\":")
            var hasRole = false
            try roles.forEach(of: id) { role in
                if !hasRole {
                    out.futureRole(title: role[1], location: role[2], remote: role[3], askedAt: role[4])
                    hasRole = true
                }
            }
            if !hasRole { out.null() }
            out.raw(",\"id\":"); out.int(id)
            out.raw(",\"interests\":"); out.string(c[11] as String?)
            out.raw(",\"last_name\":"); out.string(c[2] as String)
            out.raw(",\"last_touch\":")
            if let touchID = c[21] as Int64? {
                out.touch(id: touchID, candidateID: id, at: c[22], channel: c[23], direction: c[24], outcome: c[25],
                          note: c[26], template: c[27])
            } else {
                out.null()
            }
            out.raw(",\"last_touch_at\":")
            if let at = c[19] as Int64? { out.instant(at) } else { out.null() }
            out.raw(",\"linkedin_url\":"); out.string(c[6] as String?)
            out.raw(",\"location\":"); out.string(c[5] as String?)
            out.raw(",\"next_follow_up\":"); out.string((c[20] as String?).flatMap { Day(iso: $0) }?.iso)
            out.raw(",\"owner\":"); out.string(c[10] as String?)
            out.raw(",\"phone\":"); out.string(c[4] as String?)
            out.raw(",\"preferred_channel\":"); out.string(c[12] as String?)
            out.raw(",\"referred_by\":")
            if let referrer = c[13] as Int64? { out.int(referrer) } else { out.null() }
            out.raw(",\"source\":"); out.string(c[9] as String?)
            out.raw(",\"stage\":"); out.string(c[14] as String)
            out.raw(",\"stage_entered_at\":"); out.instant(c[18])
            out.raw(",\"status\":"); out.string(c[15] as String)
            out.raw(",\"tags\":[")
            var first = true
            try tags.forEach(of: id) { tag in
                if !first { out.raw(",") }
                out.string(tag[1] as String)
                first = false
            }
            out.raw("],\"title\":"); out.string(c[7] as String?)
            if log != nil {
                out.raw(",\"touches\":[")
                var first = true
                try log!.forEach(of: id) { t in
                    if !first { out.raw(",") }
                    out.touch(id: t[1], candidateID: id, at: t[2], channel: t[3], direction: t[4], outcome: t[5],
                              note: t[6], template: t[7])
                    first = false
                }
                out.raw("]")
            }
            out.raw(",\"updated_at\":"); out.instant(c[17])
            out.raw("}")
            written += 1
            if out.bytes.count >= exportChunkBytes {
                try sink(Data(out.bytes))
                out.removeAll()
            }
        }
        if !out.bytes.isEmpty { try sink(Data(out.bytes)) }
        return written
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
