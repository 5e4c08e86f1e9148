import CSV
import Foundation
import FunnelCore

/// How the bytes of an imported file are turned into text.
public enum TextEncoding: String, CaseIterable, Sendable {
    /// UTF-8, with or without a byte-order mark; anything else is refused with its line number.
    case utf8
    /// What spreadsheets on Windows write as "ANSI": Windows-1252 (a superset of ISO 8859-1 for
    /// every printable character, as browsers read "latin1"), falling back to ISO 8859-1.
    case latin1

    public static func parse(_ text: String) throws -> TextEncoding {
        switch text.trimmed.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf8", "utf-8": return .utf8
        case "latin1", "latin-1", "iso-8859-1", "iso8859-1", "cp1252", "windows-1252": return .latin1
        default: throw FunnelError.invalid("unknown encoding '\(text)': expected utf8 or latin1")
        }
    }
}

/// A CSV file read into records, each with the physical line of the file it starts on (a
/// quoted field may span lines, so record numbers and line numbers differ).
///
/// Parsing is yaslab/CSV.swift's `CSVReader`. That reader is lenient where an import must not
/// be: it reads an unclosed quote to the end of the file, and after `"text"x` it drops a
/// character and carries on inside the quotes, silently merging rows. So before parsing, a
/// quote-balance scan (it builds no fields) refuses such files with the line of the problem.
struct CSVSource {
    /// The name used in messages (`people.csv:12: …`).
    let name: String
    let text: String

    /// Decodes the bytes, refusing an empty file, invalid UTF-8 and broken quoting.
    init(data: Data, name: String, encoding: TextEncoding) throws {
        self.name = name
        var body = data
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let decoded: String
        switch encoding {
        case .utf8:
            if let valid = String(validating: body, as: UTF8.self) {
                decoded = valid
            } else {
                throw CSVSource.invalidUTF8(body, name: name)
            }
        case .latin1:
            decoded = String(data: Data(body), encoding: .windowsCP1252) ?? String(data: Data(body), encoding: .isoLatin1) ?? ""
        }
        if decoded.allSatisfy({ $0.isWhitespace }) {
            throw FunnelError.invalid("\(name): the file is empty")
        }
        try CSVSource.checkQuotes(decoded, name: name)
        text = decoded
    }

    /// Reads the file at `path`.
    init(path: String, encoding: TextEncoding) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FunnelError.notFound("no file \(path)")
        }
        if isDirectory.boolValue { throw FunnelError.invalid("\(path) is a folder, not a CSV file") }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw FunnelError.invalid("cannot read \(path): \(error.localizedDescription)")
        }
        try self.init(data: data, name: path, encoding: encoding)
    }

    /// Calls `body` with each record and the line it starts on, blank lines included (their
    /// cells are all empty); stops early when `body` returns false.
    func forEachRecord(_ body: (_ line: Int, _ cells: [String]) throws -> Bool) throws {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false)
        } catch {
            throw FunnelError.invalid("\(name): cannot read the file as CSV (\(error))")
        }
        var line = 1
        while let cells = reader.next() {
            guard try body(line, cells) else { return }
            line += 1 + cells.reduce(0) { $0 + CSVSource.lineBreaks(in: $1) }
        }
        if let error = reader.error {
            throw FunnelError.invalid("\(name):\(line): cannot read the file as CSV (\(error))")
        }
    }

    /// Line breaks inside a field: CRLF, LF and a lone CR each end one physical line.
    static func lineBreaks(in field: String) -> Int {
        var count = 0
        var previousCR = false
        for byte in field.utf8 {
            if byte == 0x0A {
                if !previousCR { count += 1 }
                previousCR = false
            } else if byte == 0x0D {
                count += 1
                previousCR = true
            } else {
                previousCR = false
            }
        }
        return count
    }

    /// Finds the first byte that is not UTF-8 and says where it is.
    static func invalidUTF8(_ data: Data, name: String) -> FunnelError {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = data.makeIterator()
        var line = 1
        var column = 1
        var offset = data.startIndex
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case let .valid(encoded):
                if encoded.count == 1 && encoded.first == 0x0A {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                offset += encoded.count
            case .error:
                break loop
            case .emptyInput:
                break loop
            }
        }
        let byte = offset < data.endIndex ? String(format: "0x%02X", data[offset]) : "end"
        return FunnelError.invalid(
            "\(name):\(line): the file is not valid UTF-8 (byte \(byte) at character \(column) of the line): save it as UTF-8, or read it with --encoding latin1")
    }

    /// Checks quoting the way RFC 4180 writes it: a field that starts with `"` ends at a `"`
    /// followed by a comma, a line break or the end of the file (`""` is a quote inside).
    /// A `"` inside an unquoted field is taken literally, as the reader does.
    static func checkQuotes(_ text: String, name: String) throws {
        let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        var line = 1
        var openedAt = 0
        var inQuotes = false, afterClose = false, atFieldStart = true
        var bytes = text.utf8.makeIterator()
        var pending: UInt8? = nil
        func next() -> UInt8? {
            if let b = pending { pending = nil; return b }
            return bytes.next()
        }
        while let b = next() {
            if inQuotes {
                if b == quote {
                    let following = next()
                    if following == quote { continue }
                    pending = following
                    inQuotes = false
                    afterClose = true
                } else if b == lf {
                    line += 1
                } else if b == cr {
                    let following = next()
                    if following != lf { pending = following }
                    line += 1
                }
                continue
            }
            if afterClose {
                afterClose = false
                if b != comma && b != lf && b != cr {
                    throw FunnelError.invalid(
                        "\(name):\(line): text after the closing quote of a field: a quote inside a quoted field must be doubled (\"\")")
                }
            }
            switch b {
            case quote where atFieldStart:
                inQuotes = true
                openedAt = line
                atFieldStart = false
            case comma:
                atFieldStart = true
            case lf:
                line += 1
                atFieldStart = true
            case cr:
                let following = next()
                if following != lf { pending = following }
                line += 1
                atFieldStart = true
            default:
                atFieldStart = false
            }
        }
        if inQuotes {
            throw FunnelError.invalid("\(name):\(openedAt): a quoted field opened on this line is never closed (unbalanced quote)")
        }
    }
}
