import FunnelCore
import GRDB

/// What one key press in the search box shows: a page of cards and how many match.
public struct SearchResults: Sendable, Equatable {
    public var cards: [Card]
    /// Candidates matching, counted no further than the cap asked for.
    public var count: Int
    /// False when counting stopped at the cap: show "10,000+ matches".
    public var countIsExact: Bool
    /// Whether `cards` are best matches first (bm25); otherwise newest candidates first.
    public var ranked: Bool

    public init(cards: [Card], count: Int, countIsExact: Bool, ranked: Bool) {
        self.cards = cards
        self.count = count
        self.countIsExact = countIsExact
        self.ranked = ranked
    }
}

/// Keeping search-as-you-type within a key press on a large desk. FTS5 walks the documents of a
/// word lazily, so "the newest 50" or "count up to 10,000" stop early; but two things read every
/// document of every word: bm25 ranking (it weighs each word by how many documents hold it) and an
/// exact count. A word like "role" is in most of a million documents, so ranking is kept for
/// selective words and counting is capped (figures in docs/performance.md).
extension Store {
    /// Above this many documents for one of its words, a search is listed newest first, unranked.
    public static let rankingLimit = 2_000

    /// One key press of the search box: up to `limit` cards and the number of matches counted up
    /// to `cap`, in one read. Ranked best first when every word is in at most `rankingLimit`
    /// documents, else newest first.
    public func searchAsYouType(_ text: String, limit: Int = 50, countUpTo cap: Int = 10_000) throws -> SearchResults {
        let terms = SearchText.matchTerms(for: text)
        guard !terms.isEmpty else { return SearchResults(cards: [], count: 0, countIsExact: true, ranked: true) }
        let match = terms.joined(separator: " ")
        return try read { db in
            if try Store.isSelective(db, terms) {
                let cards = try Row.fetchAll(db, sql: """
                    SELECT \(Card.columns) FROM candidate c
                    JOIN (SELECT rowid AS rid, rank FROM candidate_search WHERE candidate_search MATCH ? ORDER BY rank LIMIT ?) s
                      ON c.id = s.rid
                    ORDER BY s.rank
                    """, arguments: [match, limit]).map(Card.init(row:))
                let count = cap > 0 ? try Store.matchCount(db, match, atMost: cap + 1) : cards.count
                return SearchResults(cards: cards, count: min(count, cap), countIsExact: count <= cap, ranked: true)
            }
            // One pass over the matches, newest first, gives both the page and the capped count:
            // a prefix of four letters or more is merged from every word it starts, once.
            let ids = try Int64.fetchAll(db, sql: """
                SELECT rowid FROM candidate_search WHERE candidate_search MATCH ? ORDER BY rowid DESC LIMIT ?
                """, arguments: [match, max(limit, cap + 1)])
            let cards = try Store.cards(db, ids: Array(ids.prefix(limit)))
            return SearchResults(cards: cards, count: min(ids.count, cap), countIsExact: ids.count <= cap, ranked: false)
        }
    }

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
        try terms.allSatisfy { try isSelective(db, term: $0) }
    }

    /// Counting a prefix of four letters or more makes FTS5 merge the documents of every word it
    /// starts (the prefix indexes stop at three), which for "role" is most of the desk. Two lazy
    /// counts bracket it first: its first three letters (a superset, from the prefix index) and
    /// the whole word on its own (a subset).
    static func isSelective(_ db: Database, term: String) throws -> Bool {
        let limit = rankingLimit
        if term.hasPrefix("\""), term.hasSuffix("\"*") {
            let word = term.dropFirst().dropLast(2)
            if word.count > 3, !word.contains(" "), !word.contains("\"") {
                if try matchCount(db, "\"\(word.prefix(3))\"*", atMost: limit + 1) <= limit { return true }
                if try matchCount(db, "\"\(word)\"", atMost: limit + 1) > limit { return false }
            }
        }
        return try matchCount(db, term, atMost: limit + 1) <= limit
    }

    /// Cards by id, in the order of `ids`.
    static func cards(_ db: Database, ids: [Int64]) throws -> [Card] {
        guard !ids.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        let cards = try Row.fetchAll(db, sql: "SELECT \(Card.columns) FROM candidate c WHERE c.id IN (\(placeholders))",
                                     arguments: StatementArguments(ids)).map(Card.init(row:))
        let byID = Dictionary(uniqueKeysWithValues: cards.map { ($0.id, $0) })
        return ids.compactMap { byID[$0] }
    }
}
