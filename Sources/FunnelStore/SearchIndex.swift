import GRDB

/// The full-text index, split by candidate id into partitions of `partitionSize` consecutive ids,
/// each its own FTS5 table: `candidate_search` holds ids 0–32,767, `candidate_search_1` the next
/// 32,768, and so on, created when the first id of the range is written.
///
/// Why: FTS5 (SQLite 3.40) keeps a deleted document's terms in its old index segments until they
/// are merged, so an erasure must rewrite ('optimize') the index that held the person. Split by
/// id, that is one partition of at most 32,768 documents whatever the size of the desk, instead
/// of the whole index (8 s at a million candidates). And newest-first search reads the
/// partitions from the highest ids down, stopping as soon as it has enough.
///
/// Each partition has an `fts5vocab` table beside it (`…_terms`, instance type) through which a
/// long prefix is expanded into the few words it starts, read lazily (`Store+SearchCost.swift`).
enum SearchIndex {
    /// Ids per partition: an erase optimizes at most this many documents (~0.2 s of CPU).
    static let partitionSize: Int64 = 32_768

    /// The tokenizer and prefix indexes of every partition (docs/data-model.md, "Search").
    static let options = "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'"

    /// Where ids of one range live.
    struct Partition: Hashable, Sendable {
        /// `id / partitionSize` (rounded down).
        var number: Int64
        var table: String { number == 0 ? "candidate_search" : "candidate_search_\(number < 0 ? "m\(-number)" : "\(number)")" }
        /// The partition's words, one row per occurrence (`fts5vocab`, instance): read with
        /// `term >= ? LIMIT 1` it gives the next word without reading its documents.
        var terms: String { table + "_terms" }
        var firstID: Int64 { number * SearchIndex.partitionSize }
        var lastID: Int64 { firstID + SearchIndex.partitionSize - 1 }

        init(number: Int64) { self.number = number }
        init(of id: Int64) {
            number = id >= 0 ? id / SearchIndex.partitionSize : -((-id - 1) / SearchIndex.partitionSize) - 1
        }
        /// The partition a table name belongs to, if it is one.
        init?(table: String) {
            if table == "candidate_search" { number = 0; return }
            guard table.hasPrefix("candidate_search_") else { return nil }
            var digits = table.dropFirst("candidate_search_".count)
            let negative = digits.first == "m"
            if negative { digits = digits.dropFirst() }
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let n = Int64(digits), n > 0 else { return nil }
            number = negative ? -n : n
            guard self.table == table else { return nil }
        }
    }

    /// Every partition in the store, highest ids first (newest candidates first).
    static func partitions(_ db: Database) throws -> [Partition] {
        try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master
            WHERE type = 'table' AND name GLOB 'candidate_search*' AND sql LIKE 'CREATE VIRTUAL TABLE % USING fts5(%'
            """)
            .compactMap(Partition.init(table:))
            .sorted { $0.number > $1.number }
    }

    /// Creates a partition and its vocabulary table unless they exist.
    static func create(_ db: Database, _ partition: Partition) throws {
        try db.execute(sql: """
            CREATE VIRTUAL TABLE IF NOT EXISTS \(partition.table) USING fts5(body, \(options));
            CREATE VIRTUAL TABLE IF NOT EXISTS \(partition.terms) USING fts5vocab(\(partition.table), instance);
            """)
    }

    /// Adds the document of `id` (which must have none): the one statement every writer of the
    /// index (the store, the import, the synthetic desk) goes through.
    static func insert(_ db: Database, id: Int64, body: String) throws {
        let partition = Partition(of: id)
        let sql = "INSERT INTO \(partition.table) (rowid, body) VALUES (?, ?)"
        let statement: Statement
        do {
            statement = try db.cachedStatement(sql: sql)
        } catch {
            // The first id of a new range: make its partition (in the caller's transaction).
            guard try !db.tableExists(partition.table) else { throw error }
            try create(db, partition)
            statement = try db.cachedStatement(sql: sql)
        }
        try statement.execute(arguments: [id, body])
    }

    /// Removes the document of `id`, if any. Its terms stay in the partition's old segments until
    /// `scrub` merges them.
    static func delete(_ db: Database, id: Int64) throws {
        let partition = Partition(of: id)
        try statement(db, partition, "DELETE FROM \(partition.table) WHERE rowid = ?")?.execute(arguments: [id])
    }

    /// The cached statement, or nil when the partition it names was never created (no id of its
    /// range has been written): preparing is what finds out, without a schema query each time.
    private static func statement(_ db: Database, _ partition: Partition, _ sql: String) throws -> Statement? {
        do {
            return try db.cachedStatement(sql: sql)
        } catch {
            guard try !db.tableExists(partition.table) else { throw error }
            return nil
        }
    }

    /// Merges every segment of the partition of `id` into one ('optimize'): the old pages, which
    /// hold the terms of deleted documents, are freed (and zeroed by `secure_delete`). Costs one
    /// partition, not the whole index.
    static func scrub(_ db: Database, id: Int64) throws {
        let partition = Partition(of: id)
        guard try db.tableExists(partition.table) else { return }
        try db.execute(sql: "INSERT INTO \(partition.table)(\(partition.table)) VALUES('optimize')")
    }

    /// The document of `id` as stored, or nil when it has none.
    static func body(_ db: Database, id: Int64) throws -> String? {
        let partition = Partition(of: id)
        guard let statement = try statement(db, partition, "SELECT body FROM \(partition.table) WHERE rowid = ?") else { return nil }
        return try String.fetchOne(statement, arguments: [id])
    }

    /// Whether the partition of `id` holds its document.
    static func contains(_ db: Database, id: Int64) throws -> Bool {
        let partition = Partition(of: id)
        guard try db.tableExists(partition.table) else { return false }
        return try Bool.fetchOne(db, sql: "SELECT 1 FROM \(partition.table) WHERE rowid = ?", arguments: [id]) ?? false
    }
}
