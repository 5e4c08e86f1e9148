import Foundation

/// Which column of a spreadsheet fills which field, decided from its header line, the synonyms
/// table (`ImportField.synonyms`) and the recruiter's `--map COLUMN=FIELD` / `--ignore COLUMN`.
///
/// Nothing is dropped silently: a column that names no known field is a problem until it is
/// mapped or ignored, and two columns claiming the same field are a problem unless the field
/// combines (`ImportField.isCombinable`).
public struct HeaderMapping: Sendable, Equatable {
    /// One column of the file and what becomes of it.
    public struct Column: Sendable, Equatable {
        /// 0-based position in the row.
        public var index: Int
        /// The header cell as written.
        public var header: String
        /// The field it fills, or nil when it is ignored.
        public var field: ImportField?
    }

    public var columns: [Column]
    /// What is wrong with the header (unknown columns, duplicates, no first name): each one
    /// sentence. The import refuses to write while there are any.
    public var problems: [String]

    /// The columns that fill a field, in file order.
    public func columns(for field: ImportField) -> [Column] { columns.filter { $0.field == field } }

    /// Whether any column fills the field.
    public func has(_ field: ImportField) -> Bool { columns.contains { $0.field == field } }

    /// Resolves a header line.
    /// - Parameters:
    ///   - overrides: `--map` pairs, column (as written, or any spelling with the same key) → field.
    ///   - ignored: `--ignore` columns: accepted and not imported.
    public static func resolve(header: [String], overrides: [(column: String, field: ImportField)] = [],
                               ignored: [String] = []) -> HeaderMapping {
        var problems: [String] = []
        let keys = header.map(ImportField.key)

        func matching(_ name: String) -> [Int] {
            let exact = header.indices.filter { header[$0].trimmed == name.trimmed }
            if !exact.isEmpty { return exact }
            let key = ImportField.key(name)
            return key.isEmpty ? [] : keys.indices.filter { keys[$0] == key }
        }

        var overridden: [Int: ImportField] = [:]
        for (column, field) in overrides {
            let found = matching(column)
            if found.isEmpty {
                problems.append("--map names the column '\(column)', which the header does not have")
            }
            for index in found { overridden[index] = field }
        }
        var skipped = Set<Int>()
        for column in ignored {
            let found = matching(column)
            if found.isEmpty {
                problems.append("--ignore names the column '\(column)', which the header does not have")
            }
            skipped.formUnion(found)
        }

        var columns: [Column] = []
        var seenHeaders: [String: Int] = [:]
        for (index, text) in header.enumerated() {
            let name = text.trimmed
            if !name.isEmpty, !skipped.contains(index) {
                if let first = seenHeaders[name.lowercased()] {
                    problems.append("the header names the column '\(name)' twice (columns \(first + 1) and \(index + 1)): rename one, or --ignore it")
                } else {
                    seenHeaders[name.lowercased()] = index
                }
            }
            if skipped.contains(index) {
                columns.append(Column(index: index, header: text, field: nil))
            } else if let field = overridden[index] ?? ImportField.recognise(text) {
                columns.append(Column(index: index, header: text, field: field))
            } else if name.isEmpty {
                // An unnamed column is accepted while it stays empty; a value in it is a row error.
                columns.append(Column(index: index, header: text, field: nil))
            } else {
                columns.append(Column(index: index, header: text, field: nil))
                problems.append("unknown column '\(name)' (column \(index + 1)): map it with --map '\(name)=FIELD' or skip it with --ignore '\(name)'")
            }
        }

        for field in ImportField.allCases where !field.isCombinable {
            let claiming = columns.filter { $0.field == field }
            if claiming.count > 1, Set(claiming.map { $0.header.trimmed.lowercased() }).count == claiming.count {
                let names = claiming.map { "'\($0.header.trimmed)'" }.joined(separator: " and ")
                problems.append("columns \(names) both fill \(field.rawValue): --ignore one of them or --map it elsewhere")
            }
        }

        let hasFirst = columns.contains { $0.field == .firstName || $0.field == .fullName }
        if !hasFirst && !header.allSatisfy({ $0.trimmed.isEmpty }) {
            problems.append("no column gives the first name: name one 'First Name' or 'Name', or use --map COLUMN=first_name")
        }
        if columns.contains(where: { $0.field == .fullName }) && columns.contains(where: { $0.field == .firstName }) {
            problems.append("the file has both a full-name column and a first-name column: --ignore one of them")
        }
        return HeaderMapping(columns: columns, problems: problems)
    }

    /// Whether a column has no header and no field: its cells must stay empty.
    func isUnnamed(_ column: Column) -> Bool { column.field == nil && column.header.trimmed.isEmpty }
}

/// A `--map COLUMN=FIELD` argument.
public enum ColumnOverride {
    /// Splits at the last `=` (a column name may contain one), validating the field.
    public static func parse(_ text: String) throws -> (column: String, field: ImportField) {
        guard let cut = text.lastIndex(of: "="), cut != text.startIndex else {
            throw FunnelError.invalid("--map expects COLUMN=FIELD, e.g. --map 'Cell=phone', not '\(text)'")
        }
        let column = String(text[..<cut]).trimmed
        let field = String(text[text.index(after: cut)...])
        guard !column.isEmpty else {
            throw FunnelError.invalid("--map expects COLUMN=FIELD, e.g. --map 'Cell=phone', not '\(text)'")
        }
        return (column, try ImportField.parse(field))
    }
}
