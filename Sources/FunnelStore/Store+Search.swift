import Foundation
import FunnelCore
import GRDB

extension Store {
    /// Rewrites a candidate's search document from what the store holds now. Called inside every
    /// write that changes searchable text, so the index can never drift from the data.
    static func reindex(_ db: Database, _ id: Int64) throws {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT first_name, last_name, email, location, title, company, interests FROM candidate WHERE id = ?
            """, arguments: [id]) else {
            try db.execute(sql: "DELETE FROM candidate_search WHERE rowid = ?", arguments: [id])
            return
        }
        var parts: [String] = []
        for column in ["first_name", "last_name", "email", "title", "company", "location", "interests"] {
            if let value: String = row[column], !value.isEmpty { parts.append(value) }
        }
        parts += try String.fetchAll(db, sql: "SELECT tag FROM candidate_tag WHERE candidate_id = ? ORDER BY position", arguments: [id])
        if let role = try futureRoles(db, id).first {
            parts.append(role.title)
            if !role.location.isEmpty { parts.append(role.location) }
        }
        parts += try String.fetchAll(db, sql: "SELECT note FROM touchpoint WHERE candidate_id = ? AND note <> '' ORDER BY at, id",
                                     arguments: [id])
        let body = SearchText.indexable(parts.joined(separator: "\n"))
        try db.execute(sql: "DELETE FROM candidate_search WHERE rowid = ?", arguments: [id])
        try db.execute(sql: "INSERT INTO candidate_search (rowid, body) VALUES (?, ?)", arguments: [id, body])
    }

    /// Candidates whose names, title, company, location, tags, interests, current future role or
    /// notes match every word typed (prefixes, accents and case ignored). Best matches first (bm25)
    /// when every word is selective; newest candidates first when a word is in more than
    /// `Store.rankingLimit` documents, because ranking would then read every one of them on each
    /// key press (seconds at a million candidates, see docs/performance.md).
    public func search(_ text: String, limit: Int = 50) throws -> [Card] {
        let terms = SearchText.matchTerms(for: text)
        guard !terms.isEmpty else { return [] }
        let match = terms.joined(separator: " ")
        return try read { db in
            if try Store.isSelective(db, terms) {
                return try Row.fetchAll(db, sql: """
                    SELECT \(Card.columns) FROM candidate c
                    JOIN (SELECT rowid AS rid, rank FROM candidate_search WHERE candidate_search MATCH ? ORDER BY rank LIMIT ?) s
                      ON c.id = s.rid
                    ORDER BY s.rank
                    """, arguments: [match, limit]).map(Card.init(row:))
            }
            return try Row.fetchAll(db, sql: """
                SELECT \(Card.columns) FROM candidate c
                JOIN (SELECT rowid AS rid FROM candidate_search WHERE candidate_search MATCH ? ORDER BY rowid DESC LIMIT ?) s
                  ON c.id = s.rid
                ORDER BY c.id DESC
                """, arguments: [match, limit]).map(Card.init(row:))
        }
    }

    /// How many candidates match (for "1,234 matches" in the search header).
    public func searchCount(_ text: String) throws -> Int {
        guard let match = SearchText.matchExpression(for: text) else { return 0 }
        return try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM candidate_search WHERE candidate_search MATCH ?", arguments: [match]) ?? 0
        }
    }
}
