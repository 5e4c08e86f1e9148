import FunnelCore
import GRDB

/// Rows for one table, written many at a time (`INSERT … VALUES (…), (…), …`): a candidate's
/// tags, funnel entry, future role and touches wait here and go in with a few hundred others'.
/// Each statement costs SQLite a fixed amount to start and finish (cursors on every index, a
/// statement journal); sharing that among rows took a third off a large import.
struct BatchedInsert {
    let table: String
    let columns: [String]
    private var values: [DatabaseValue] = []
    /// Rows per statement, well under SQLite's limit of 32,766 parameters.
    static let rowsPerStatement = 200

    init(table: String, columns: [String]) {
        self.table = table
        self.columns = columns
    }

    var isEmpty: Bool { values.isEmpty }

    mutating func append(_ row: [DatabaseValueConvertible?]) {
        precondition(row.count == columns.count, "\(table): \(row.count) values for \(columns.count) columns")
        for value in row { values.append(value?.databaseValue ?? .null) }
    }

    /// Writes every waiting row, in the order appended.
    mutating func flush(_ db: Database) throws {
        let width = columns.count
        var start = 0
        while start < values.count {
            let rows = min(Self.rowsPerStatement, (values.count - start) / width)
            let placeholders = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
            let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                + Array(repeating: placeholders, count: rows).joined(separator: ", ")
            let statement = try db.cachedStatement(sql: sql)
            try bind(values[start..<(start + rows * width)], to: statement)
            try statement.execute()
            start += rows * width
        }
        values.removeAll(keepingCapacity: true)
    }

    /// Binds the values straight to the statement (`DatabaseValue.bind(to:at:)`), so that
    /// `execute()` runs with them. Building a `StatementArguments` for them instead copied every
    /// value once more through a key path: 0.7 s of a 100,000-row import's database thread.
    private func bind(_ values: ArraySlice<DatabaseValue>, to statement: Statement) throws {
        // Resets the statement and clears its bindings; `execute()` then keeps the ones below.
        statement.setUncheckedArguments(StatementArguments())
        let handle = statement.sqliteStatement
        var index: CInt = 1
        for value in values {
            let code = value.bind(to: handle, at: index)
            guard code == 0 else { throw FunnelError.store("\(table): SQLite refused value \(index) (code \(code))") }
            index += 1
        }
    }
}
