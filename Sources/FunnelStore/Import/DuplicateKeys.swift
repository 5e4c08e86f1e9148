import GRDB

/// Which candidate holds a normalised email (or a canonical LinkedIn profile), as the import's
/// duplicate check must see it: the store, the rows of this file waiting to be written, and the
/// fields merges filled.
///
/// The store is asked once per batch of rows read (`prefetch`, a hundred keys a statement)
/// instead of once per row: two lookups per row were 0.45 s of a 100,000-row import. That
/// answer stays exact for the batch because only this import writes while its transaction is
/// open, and everything it gives a candidate meanwhile is noted here: a row added (`added`,
/// `written` once its batch is in the store) and a merge filling an empty field (`filled`; a
/// merge never replaces or removes one).
struct DuplicateKeys {
    /// "email" or "linkedin_url".
    let column: String
    /// Rows of this import not written yet.
    private var pending: [String: Int64] = [:]
    /// Written or filled by this import since the last prefetch.
    private var recent: [String: Int64] = [:]
    /// The store's holders of the batch's keys at the last prefetch.
    private var stored: [String: Int64] = [:]
    static let keysPerStatement = 100

    init(column: String) { self.column = column }

    func holder(of key: String) -> Int64? { pending[key] ?? recent[key] ?? stored[key] }

    mutating func added(_ key: String, _ id: Int64) { pending[key] = id }

    /// The waiting rows are in the store now.
    mutating func written() {
        recent.merge(pending) { _, new in new }
        pending.removeAll(keepingCapacity: true)
    }

    mutating func filled(_ key: String, _ id: Int64) { recent[key] = id }

    /// Asks the store who holds each of `keys` (the next batch's).
    mutating func prefetch(_ keys: [String], _ db: Database) throws {
        recent.removeAll(keepingCapacity: true)
        stored.removeAll(keepingCapacity: true)
        let width = Self.keysPerStatement
        // One statement shape whatever the count: unused places are NULL, which matches nothing.
        let statement = try db.cachedStatement(sql: """
            SELECT \(column), id FROM candidate WHERE \(column) IN (\(Array(repeating: "?", count: width).joined(separator: ", ")))
            """)
        var start = 0
        while start < keys.count {
            let chunk = keys[start..<min(start + width, keys.count)]
            var values = chunk.map { $0.databaseValue }
            values += Array(repeating: .null, count: width - chunk.count)
            let rows = try Row.fetchCursor(statement, arguments: StatementArguments(values))
            while let row = try rows.next() { stored[row[0]] = row[1] }
            start += width
        }
    }
}
