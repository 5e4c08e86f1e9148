import Foundation
import FunnelCore
import GRDB

/// `funnel check`'s scan for text stored before validation existed (or written into the file by
/// another tool): every text column against `PlainText`'s rule, through one SQL function so the
/// rule is the very same code the ways in use. Output paths neutralise such values anyway
/// (`VisibleText`); the report says where they are so the recruiter can fix them.
extension Store {
    /// Columns checked: (table, column, label, kind).
    static let textColumns: [(table: String, column: String, label: String, kind: PlainText.Kind)] = [
        ("candidate", "first_name", "first name", .singleLine), ("candidate", "last_name", "last name", .singleLine),
        ("candidate", "email", "email", .singleLine), ("candidate", "phone", "phone", .singleLine),
        ("candidate", "location", "location", .singleLine), ("candidate", "linkedin_url", "LinkedIn URL", .singleLine),
        ("candidate", "title", "title", .singleLine), ("candidate", "company", "company", .singleLine),
        ("candidate", "source", "source", .singleLine), ("candidate", "owner", "owner", .singleLine),
        ("candidate", "interests", "interests", .multiLine),
        ("candidate_tag", "tag", "tag", .singleLine),
        ("touchpoint", "note", "note", .multiLine), ("touchpoint", "template", "template name", .singleLine),
        ("future_role", "title", "future role title", .singleLine),
        ("future_role", "location", "future role location", .singleLine),
        ("opening", "title", "title", .singleLine), ("opening", "location", "location", .singleLine),
        ("opening", "company", "company", .singleLine), ("opening", "owner", "owner", .singleLine),
        ("opening", "notes", "notes", .multiLine),
        ("template", "name", "name", .singleLine), ("template", "subject", "subject", .singleLine),
        ("template", "body", "body", .multiLine),
    ]

    /// At most this many values are named per column; the rest are counted.
    static let namedTextProblems = 10

    /// `funnel_unsafe_text(value, multi_line)`: 1 when the value breaks the rule, else NULL.
    static let unsafeTextFunction = DatabaseFunction("funnel_unsafe_text", argumentCount: 2, pure: true) { values in
        // Passed as a BLOB: a TEXT value is read only up to its first NUL.
        guard let bytes = Data.fromDatabaseValue(values[0]) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        let kind: PlainText.Kind = (Int.fromDatabaseValue(values[1]) ?? 0) == 1 ? .multiLine : .singleLine
        return PlainText.firstForbidden(in: text, kind) == nil ? nil : 1
    }

    /// One sentence per stored value holding a control character, separator or bidi override.
    static func unsafeTextProblems(_ db: Database) throws -> [String] {
        db.add(function: unsafeTextFunction)
        var problems: [String] = []
        for (table, column, label, kind) in textColumns {
            let multi = kind == .multiLine ? 1 : 0
            let owner: String = switch table {
            case "candidate": "id"
            case "candidate_tag": "candidate_id"
            case "touchpoint", "future_role": "candidate_id"
            default: "id"
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(owner) AS owner, \(table == "candidate_tag" ? "0" : "id") AS id, CAST(\(column) AS BLOB) AS value FROM \(table)
                WHERE funnel_unsafe_text(CAST(\(column) AS BLOB), \(multi)) IS NOT NULL ORDER BY \(owner)
                """)
            for row in rows.prefix(namedTextProblems) {
                let value = String(decoding: row["value"] as Data, as: UTF8.self)
                guard let (scalar, position) = PlainText.firstForbidden(in: value, kind) else { continue }
                let ownerID: Int64 = row["owner"], id: Int64 = row["id"]
                let whose: String = switch table {
                case "candidate", "candidate_tag": "candidate #\(ownerID)"
                case "touchpoint": "touch #\(id) of candidate #\(ownerID)"
                case "future_role": "a future role of candidate #\(ownerID)"
                case "opening": "opening #\(id)"
                default: "template #\(id)"
                }
                problems.append("\(whose): " + PlainText.problem(field: label, scalar: scalar, position: position, kind)
                                + " (shown as \(VisibleText.escape(scalar)); edit it to fix)")
            }
            if rows.count > namedTextProblems {
                problems.append("\(rows.count - namedTextProblems) more \(table) values in \(column) hold control characters")
            }
        }
        return problems
    }
}
