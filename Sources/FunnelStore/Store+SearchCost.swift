import FunnelCore
import GRDB

/// Keeping search-as-you-type within a key press on a large desk. FTS5 finds the documents of a
/// word quickly, but two things read all of them: counting every match, and bm25 ranking (which
/// weighs each word by how many documents hold it). A word like "role" is in most of a million
/// documents, so both are bounded here (figures in docs/performance.md).
extension Store {
    /// Above this many documents for one of its words, a search is not ranked (see `search`).
    public static let rankingLimit = 2_000

    /// How many candidates match, counting no further than `cap`: a result equal to `cap` means
    /// "`cap` or more". Costs at most `cap` steps, where `searchCount(_:)` reads every match.
    public func searchCount(_ text: String, atMost cap: Int) throws -> Int {
        guard let match = SearchText.matchExpression(for: text) else { return 0 }
        return try read { db in try Store.matchCount(db, match, atMost: cap) }
    }

    /// Matches of one MATCH expression, stopping at `cap`.
    static func matchCount(_ db: Database, _ match: String, atMost cap: Int) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT count(*) FROM (SELECT 1 FROM candidate_search WHERE candidate_search MATCH ? LIMIT ?)
            """, arguments: [match, max(0, cap)]) ?? 0
    }

    /// Whether every term is in at most `rankingLimit` documents, so ranking stays cheap.
    static func isSelective(_ db: Database, _ terms: [String]) throws -> Bool {
        try terms.allSatisfy { try matchCount(db, $0, atMost: rankingLimit + 1) <= rankingLimit }
    }
}
