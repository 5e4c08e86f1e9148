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
/// selective words and counting is capped; a long prefix is expanded into its words so that it
/// stays lazy too (`SearchPlan`; figures in docs/performance.md).
extension Store {
    /// Above this many documents for one of its words, a search is listed newest first, unranked.
    public static let rankingLimit = 2_000

    /// One key press of the search box: up to `limit` cards and the number of matches counted up
    /// to `cap`, in one read. Ranked best first when every word is in at most `rankingLimit`
    /// documents, else newest first.
    public func searchAsYouType(_ text: String, limit: Int = 50, countUpTo cap: Int = 10_000) throws -> SearchResults {
        let terms = SearchText.matchTerms(for: text)
        guard !terms.isEmpty else { return SearchResults(cards: [], count: 0, countIsExact: true, ranked: true) }
        return try read { db in
            let plan = try SearchPlan(db, terms: terms)
            if try Store.isSelective(plan) {
                // Every word is in at most rankingLimit documents: all the matches, ranked, are few.
                let ranked = try plan.ranked()
                let cards = try Store.cards(db, ids: Array(ranked.prefix(limit)))
                let count = cap > 0 ? ranked.count : cards.count
                return SearchResults(cards: cards, count: min(count, cap), countIsExact: count <= cap, ranked: true)
            }
            // The page newest first, from the top partition down, stops after `limit` matches.
            // The capped count walks the partitions in FTS5's natural order (ascending ids),
            // which is cheaper per match than descending: FTS5 reads each page of a word's
            // documents forwards before it can step backwards through it.
            let cards = try Store.cards(db, ids: try plan.newest(limit))
            let count = cap > 0 ? try plan.count(atMost: cap + 1) : cards.count
            return SearchResults(cards: cards, count: min(count, cap), countIsExact: count <= cap, ranked: false)
        }
    }

    /// How many candidates match, counting no further than `cap`: a result equal to `cap` means
    /// "`cap` or more". Costs at most `cap` steps, where `searchCount(_:)` reads every match.
    public func searchCount(_ text: String, atMost cap: Int) throws -> Int {
        let terms = SearchText.matchTerms(for: text)
        guard !terms.isEmpty else { return 0 }
        return try read { db in try SearchPlan(db, terms: terms).count(atMost: cap) }
    }

    /// Whether every term is in at most `rankingLimit` documents, so ranking stays cheap.
    static func isSelective(_ plan: SearchPlan) throws -> Bool {
        // Shortest first: a short word is the likeliest to be common, which settles it at once.
        try plan.terms.indices.sorted { plan.terms[$0].utf8.count < plan.terms[$1].utf8.count }
            .allSatisfy { try isSelective(plan, term: $0) }
    }

    /// A prefix of four letters or more is first bracketed by a lazy count of its first three
    /// letters (a superset, from the prefix index: most names and rare words stop here). Then it
    /// is counted expanded into its words (lazy too), or, where it cannot be expanded, after a
    /// count of the whole word on its own (a subset), which settles a common word without
    /// FTS5's merge of the prefix.
    static func isSelective(_ plan: SearchPlan, term index: Int) throws -> Bool {
        let limit = rankingLimit
        let term = plan.terms[index]
        if term.hasPrefix("\""), term.hasSuffix("\"*") {
            let word = term.dropFirst().dropLast(2)
            if word.count > 3, !word.contains(" "), !word.contains("\"") {
                if try plan.count("\"\(word.prefix(3))\"*", atMost: limit + 1) <= limit { return true }
                if SearchPlan.expandablePrefix(term) == nil, try plan.count("\"\(word)\"", atMost: limit + 1) > limit { return false }
            }
        }
        return try plan.count(term: index, atMost: limit + 1) <= limit
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
