import Foundation
import FunnelCore
import GRDB

extension Store {
    /// A page of candidates matching the filter, in id order after `afterID`. Callers that want
    /// everything walk the pages (see `forEachCandidate`): nothing loads a whole table.
    public func list(_ filter: CandidateFilter = CandidateFilter(), afterID: Int64 = 0, limit: Int = 500) throws -> [Candidate] {
        try read { db in
            var sql = "SELECT \(Rows.candidateColumns) FROM candidate WHERE id > ?"
            var arguments: StatementArguments = [afterID]
            if let stage = filter.stage { sql += " AND stage = ?"; arguments += [stage.rawValue] }
            if let status = filter.status { sql += " AND status = ?"; arguments += [status.rawValue] }
            if let owner = filter.owner { sql += " AND owner = ? COLLATE NOCASE"; arguments += [owner] }
            if let tag = filter.tag {
                sql += " AND id IN (SELECT candidate_id FROM candidate_tag WHERE tag = ?)"
                arguments += [tag]
            }
            sql += " ORDER BY id LIMIT ?"
            arguments += [limit]
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            return try rows.map { row in
                let id: Int64 = row["id"]
                let tags = try String.fetchAll(db.cachedStatement(sql: "SELECT tag FROM candidate_tag WHERE candidate_id = ? ORDER BY position"), arguments: [id])
                return try Rows.candidate(row, tags: tags)
            }
        }
    }

    /// Calls `body` for every matching candidate, a page at a time (memory stays flat at any size).
    public func forEachCandidate(_ filter: CandidateFilter = CandidateFilter(), pageSize: Int = 500,
                                 _ body: (Candidate) throws -> Void) throws {
        var after: Int64 = 0
        while true {
            let page = try list(filter, afterID: after, limit: pageSize)
            for candidate in page { try body(candidate) }
            guard let last = page.last, page.count == pageSize else { return }
            after = last.id
        }
    }
}
