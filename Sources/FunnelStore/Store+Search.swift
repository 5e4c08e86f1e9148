import Foundation
import FunnelCore
import GRDB

extension Store {
    /// Rewrites a candidate's search document from what the store holds now. Called inside every
    /// write that changes searchable text, so the index can never drift from the data.
    static func reindex(_ db: Database, _ id: Int64) throws {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT first_name, last_name, email, location, title, company, interests FROM candidate WHERE id = ?
            """), arguments: [id]) else {
            try SearchIndex.delete(db, id: id)
            return
        }
        let tags = try String.fetchAll(db.cachedStatement(sql: "SELECT tag FROM candidate_tag WHERE candidate_id = ? ORDER BY position"),
                                       arguments: [id])
        let notes = try String.fetchAll(db.cachedStatement(sql: "SELECT note FROM touchpoint WHERE candidate_id = ? AND note <> '' ORDER BY at, id"),
                                        arguments: [id])
        let body = SearchDocument.body(
            firstName: row["first_name"], lastName: row["last_name"], email: row["email"], title: row["title"],
            company: row["company"], location: row["location"], interests: row["interests"], tags: tags,
            futureRole: try futureRoles(db, id).first.map { (title: $0.title, location: $0.location) }, notes: notes)
        // Unchanged (a touch whose note the person already has, an edit of a field not indexed):
        // nothing to write, and an FTS5 delete and insert are most of this function's cost.
        if try SearchIndex.body(db, id: id) == body { return }
        try SearchIndex.delete(db, id: id)
        try SearchIndex.insert(db, id: id, body: body)
    }

    /// Candidates whose names, title, company, location, tags, interests, current future role or
    /// notes match every word typed (prefixes, accents and case ignored). Best matches first (bm25)
    /// when every word is selective; newest candidates first when a word is in more than
    /// `Store.rankingLimit` documents (see `searchAsYouType`, which also counts the matches).
    public func search(_ text: String, limit: Int = 50) throws -> [Card] {
        try searchAsYouType(text, limit: limit, countUpTo: 0).cards
    }

    /// How many candidates match, exactly. This reads every match (~50 ms for a word in most of a
    /// million documents): on a key press use `searchAsYouType`, whose count stops at a cap.
    public func searchCount(_ text: String) throws -> Int {
        let terms = SearchText.matchTerms(for: text)
        guard !terms.isEmpty else { return 0 }
        return try read { db in try SearchPlan(db, terms: terms).exactCount() }
    }
}
