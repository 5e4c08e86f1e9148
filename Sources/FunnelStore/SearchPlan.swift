import GRDB

/// One search over every partition of the index (`SearchIndex`), in one read transaction.
///
/// A prefix of four letters or more is beyond the prefix indexes (1–3), and for one FTS5 merges
/// the documents of every word the prefix starts into one list before returning a row: for
/// "role", in 77 % of a million documents, that was 25–40 ms a key press, however few rows were
/// wanted. So in each partition such a prefix is first expanded into the words it starts, read
/// from the partition's vocabulary (`…_terms`, one `LIMIT 1` step per word, without reading their
/// documents), and searched as `("role" OR "roles")`, which FTS5 walks lazily: the newest 10,001
/// stop early, and an AND with a rare word skips through the common one. The same documents
/// match: a prefix query is exactly the union of the words it starts. Only prefixes of ASCII
/// letters and digits are expanded (their folding is plain lower-casing; any other text is left
/// to FTS5's own prefix merge, bounded by one partition at a time), and at most
/// `expansionLimit` words.
final class SearchPlan {
    let db: Database
    /// The quoted terms of `SearchText.matchTerms`, all of which must match.
    let terms: [String]
    /// Every partition, highest ids (newest candidates) first.
    let partitions: [SearchIndex.Partition]
    /// Per partition and term: the term with a long prefix expanded, or nil when the term matches
    /// nothing in that partition.
    private var expanded: [Key: String?] = [:]

    /// Words a prefix may expand into in one partition; beyond, FTS5's prefix merge is used there.
    static let expansionLimit = 16

    private struct Key: Hashable {
        var partition: Int64
        var term: Int
    }

    init(_ db: Database, terms: [String]) throws {
        self.db = db
        self.terms = terms
        partitions = try SearchIndex.partitions(db)
    }

    /// The whole query as written, for FTS5 (used for ranking, and where an expansion buys nothing).
    var match: String { terms.joined(separator: " ") }

    // MARK: - Reading

    /// Up to `limit` ids of matching candidates, newest first, reading the partitions from the top
    /// and only as far as needed.
    func newest(_ limit: Int) throws -> [Int64] {
        var ids: [Int64] = []
        for partition in partitions where ids.count < limit {
            guard let expression = try expression(in: partition) else { continue }
            ids += try Int64.fetchAll(db.cachedStatement(sql: """
                SELECT rowid FROM \(partition.table) WHERE \(partition.table) MATCH ? ORDER BY rowid DESC LIMIT ?
                """), arguments: [expression, limit - ids.count])
        }
        return ids
    }

    /// Every match with its bm25 score, best first: each partition's matches, merged by score.
    /// Each partition weighs words by its own statistics (a desk of up to 32,767 candidates has
    /// one partition, so the order is FTS5's own). For selective queries only (at most
    /// `Store.rankingLimit` documents per word): ranking reads every match of every word, and
    /// reading them all gives the exact count in the same pass.
    func ranked() throws -> [Int64] {
        var scored: [(rank: Double, order: Int, id: Int64)] = []
        for partition in partitions where !knownEmpty(partition) {
            for row in try Row.fetchAll(db.cachedStatement(sql: """
                SELECT rowid, rank FROM \(partition.table) WHERE \(partition.table) MATCH ? ORDER BY rank
                """), arguments: [match]) {
                scored.append((row[1], scored.count, row[0]))
            }
        }
        // Stable: within a partition, FTS5's order is kept for equal scores.
        scored.sort { ($0.rank, $0.order) < ($1.rank, $1.order) }
        return scored.map(\.id)
    }

    /// Whether a word of the query is already known to start no word of the partition.
    private func knownEmpty(_ partition: SearchIndex.Partition) -> Bool {
        terms.indices.contains { expanded[Key(partition: partition.number, term: $0)] == .some(nil) }
    }

    /// Matching candidates, counted no further than `cap`.
    func count(atMost cap: Int) throws -> Int {
        try count(atMost: cap) { try self.expression(in: $0) }
    }

    /// Documents matching term `index` alone, counted no further than `cap`.
    func count(term index: Int, atMost cap: Int) throws -> Int {
        try count(atMost: cap) { try self.expression(in: $0, term: index) }
    }

    /// Documents matching `expression` (one FTS5 query, unexpanded), counted no further than `cap`.
    func count(_ expression: String, atMost cap: Int) throws -> Int {
        try count(atMost: cap) { _ in expression }
    }

    /// Every match, exactly: reads every document of every word.
    func exactCount() throws -> Int {
        try partitions.reduce(0) { total, partition in
            total + (try Int.fetchOne(db.cachedStatement(sql: """
                SELECT count(*) FROM \(partition.table) WHERE \(partition.table) MATCH ?
                """), arguments: [match]) ?? 0)
        }
    }

    private func count(atMost cap: Int, _ expression: (SearchIndex.Partition) throws -> String?) throws -> Int {
        var total = 0
        for partition in partitions where total < cap {
            guard let expression = try expression(partition) else { continue }
            total += try Int.fetchOne(db.cachedStatement(sql: """
                SELECT count(*) FROM (SELECT 1 FROM \(partition.table) WHERE \(partition.table) MATCH ? LIMIT ?)
                """), arguments: [expression, cap - total]) ?? 0
        }
        return total
    }

    // MARK: - Expanding prefixes

    /// The query for one partition with long prefixes expanded; nil if a word of it is in no
    /// document there.
    func expression(in partition: SearchIndex.Partition) throws -> String? {
        var parts: [Int: String] = [:]
        // Longest first: a long prefix is the likeliest to start no word here, which settles the
        // partition before the others are expanded.
        for index in terms.indices.sorted(by: { terms[$0].utf8.count > terms[$1].utf8.count }) {
            guard let part = try expression(in: partition, term: index) else { return nil }
            parts[index] = part
        }
        return terms.indices.map { parts[$0]! }.joined(separator: " AND ")
    }

    /// Term `index` for one partition: as written, or its prefix expanded into the words it starts
    /// there; nil if it starts none.
    func expression(in partition: SearchIndex.Partition, term index: Int) throws -> String? {
        let key = Key(partition: partition.number, term: index)
        if let known = expanded[key] { return known }
        let term = terms[index]
        var result: String? = term
        if let prefix = Self.expandablePrefix(term) {
            if let words = try words(in: partition, startingWith: prefix) {
                let quoted = words.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
                result = quoted.isEmpty ? nil : quoted.count == 1 ? quoted[0] : "(" + quoted.joined(separator: " OR ") + ")"
            }
        }
        expanded[key] = .some(result)
        return result
    }

    /// The words of the partition that start with `prefix` (byte for byte, as FTS5 compares
    /// them), in order; nil if there are more than `expansionLimit`.
    func words(in partition: SearchIndex.Partition, startingWith prefix: String) throws -> [String]? {
        let next = try db.cachedStatement(sql: "SELECT term FROM \(partition.terms) WHERE term >= ? LIMIT 1")
        var words: [String] = []
        var from = prefix
        while let word = try String.fetchOne(next, arguments: [from]), word.utf8.starts(with: prefix.utf8) {
            if words.count == Self.expansionLimit { return nil }
            words.append(word)
            // The least text above `word`: no word holds U+0001 (a separator to the tokenizer).
            from = word + "\u{1}"
        }
        return words
    }

    /// The prefix to expand, folded as the tokenizer folds it, if `term` is a prefix of four or
    /// more ASCII letters and digits (`"Role"*` → `role`); shorter ones have a prefix index.
    static func expandablePrefix(_ term: String) -> String? {
        guard term.hasPrefix("\""), term.hasSuffix("\"*") else { return nil }
        let word = term.utf8.dropFirst().dropLast(2)
        guard word.count > 3, word.allSatisfy({ (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) })
        else { return nil }
        return String(decoding: word, as: UTF8.self).lowercased()
    }
}
