import Foundation
import FunnelCore
import GRDB
import GRDBSQLite

/// A text of an export batch: where its bytes are in the batch's `ExportTexts`, or null.
struct ExportText: Sendable {
    let start: Int32
    let count: Int32

    static let null = ExportText(start: -1, count: 0)
    var isNull: Bool { start < 0 }
}

/// The texts of one export batch, end to end in one byte buffer, copied from the statement's
/// columns: a `String` per column (twenty per candidate) cost more than reading the row.
///
/// The bytes are the ones GRDB's `String` decoding gives (`String(cString:)`): up to the first
/// NUL, and UTF-8 that is not valid comes out repaired (U+FFFD), so the JSON is unchanged.
struct ExportTexts: Sendable {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// Column `index` of the statement's current row; null for NULL (the one value for which
    /// `sqlite3_column_text` has no text).
    mutating func column(_ statement: SQLiteStatement, _ index: Int32) -> ExportText {
        guard let text = sqlite3_column_text(statement, index) else { return .null }
        var length = Int(sqlite3_column_bytes(statement, index))
        if let nul = memchr(text, 0, length) { length = UnsafeRawPointer(text).distance(to: nul) }
        let utf8 = UnsafeBufferPointer(start: text, count: length)
        let start = bytes.count
        if Self.isASCII(utf8) {
            bytes.append(contentsOf: utf8)
        } else {
            bytes.append(contentsOf: String(decoding: utf8, as: UTF8.self).utf8)
        }
        return ExportText(start: Int32(start), count: Int32(bytes.count - start))
    }

    /// Whether every byte is below 0x80, eight at a time.
    static func isASCII(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = utf8.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        var seen: UInt64 = 0
        while offset + 8 <= utf8.count {
            seen |= raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            offset += 8
        }
        while offset < utf8.count {
            seen |= UInt64(utf8[offset])
            offset += 1
        }
        return seen & 0x8080_8080_8080_8080 == 0
    }

    /// Column `index` as a stored day: its text when `Day(iso:)` reads it (exactly YYYY-MM-DD in
    /// ASCII digits, a real date), which `Day.iso` writes back unchanged; null otherwise. Checked
    /// on the bytes: `Day.iso`'s `String(format:)` was 5 % of the whole export.
    mutating func day(_ statement: SQLiteStatement, _ index: Int32) -> ExportText {
        guard let text = sqlite3_column_text(statement, index) else { return .null }
        var length = Int(sqlite3_column_bytes(statement, index))
        if let nul = memchr(text, 0, length) { length = UnsafeRawPointer(text).distance(to: nul) }
        let iso = UnsafeBufferPointer(start: text, count: length)
        guard iso.count == 10, iso[4] == UInt8(ascii: "-"), iso[7] == UInt8(ascii: "-") else { return .null }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(iso[i]) else { return nil }
                value = value * 10 + Int(iso[i] - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let date = number(8..<10),
              Day(year: year, month: month, day: date) != nil else { return .null }
        let start = bytes.count
        bytes.append(contentsOf: iso)
        return ExportText(start: Int32(start), count: 10)
    }

    /// Calls `body` with the bytes of `text` (not for null).
    func withBytes(of text: ExportText, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        bytes.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[Int(text.start)..<Int(text.start + text.count)]))
        }
    }
}

/// The integer columns of the export's statements, read without GRDB's value decoding.
enum ExportColumns {
    static func int64(_ statement: SQLiteStatement, _ index: Int32) -> Int64 {
        sqlite3_column_int64(statement, index)
    }

    static func optionalInt64(_ statement: SQLiteStatement, _ index: Int32) -> Int64? {
        sqlite3_column_type(statement, index) == SQLITE_NULL ? nil : sqlite3_column_int64(statement, index)
    }

    /// As GRDB decodes a `Bool`: any integer but zero is true.
    static func bool(_ statement: SQLiteStatement, _ index: Int32) -> Bool {
        sqlite3_column_int64(statement, index) != 0
    }
}
