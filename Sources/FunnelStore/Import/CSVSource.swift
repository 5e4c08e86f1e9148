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

/// Which delimiter a file is read with, and how it was chosen.
struct DelimiterChoice: Sendable, Equatable {
    var delimiter: CSVDelimiter
    /// False when several delimiters occur in the header and none splits it into known column
    /// names: the import then says so, suggesting `--delimiter`.
    var decided: Bool
    /// How many of each the header line holds outside quotes.
    var counts: [CSVDelimiter: Int]

    /// "2 ',' and 3 ';'".
    var countsText: String {
        CSVDelimiter.allCases.compactMap { d in counts[d].flatMap { $0 > 0 ? "\($0) \(d.label)" : nil } }
            .joined(separator: " and ")
    }
}

/// The text encoding a file turned out to have (a byte-order mark wins over `--encoding`).
enum DecodedAs: Sendable {
    case utf8, utf8BOM, latin1, utf16LE, utf16BE
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
    let decodedAs: DecodedAs
    /// The delimiter records are split at: given, or detected from the header line.
    let choice: DelimiterChoice
    var delimiter: CSVDelimiter { choice.delimiter }

    /// Decodes the bytes, refusing an empty file, invalid UTF-8 or UTF-16 and broken quoting.
    /// - Parameters:
    ///   - delimiter: `--delimiter`; nil detects it from the header line.
    ///   - isKnownColumn: whether a header cell names a column the import reads (detection).
    init(data: Data, name: String, encoding: TextEncoding, delimiter: CSVDelimiter? = nil,
         isKnownColumn: (String) -> Bool = { ImportField.recognise($0) != nil }) throws {
        self.name = name
        let (decoded, decodedAs) = try CSVSource.decode(data, name: name, encoding: encoding)
        if decoded.allSatisfy({ $0.isWhitespace }) {
            throw FunnelError.invalid("\(name): the file is empty")
        }
        let choice = delimiter.map { DelimiterChoice(delimiter: $0, decided: true, counts: [:]) }
            ?? CSVSource.detectDelimiter(decoded, isKnownColumn: isKnownColumn)
        try CSVSource.checkQuotes(decoded, name: name, delimiter: choice.delimiter)
        text = decoded
        self.decodedAs = decodedAs
        self.choice = choice
    }

    /// Reads the file at `path`.
    init(path: String, encoding: TextEncoding, delimiter: CSVDelimiter? = nil,
         isKnownColumn: (String) -> Bool = { ImportField.recognise($0) != nil }) throws {
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
        try self.init(data: data, name: path, encoding: encoding, delimiter: delimiter, isKnownColumn: isKnownColumn)
    }

    // MARK: Encodings

    /// The text of the file. A byte-order mark names the encoding (UTF-8, UTF-16LE: what Excel
    /// saves as "Unicode text", UTF-16BE) whatever `--encoding` says; without one, `encoding`.
    static func decode(_ data: Data, name: String, encoding: TextEncoding) throws -> (String, DecodedAs) {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE]) { return (try decodeUTF16(bytes.dropFirst(2), littleEndian: true, name: name), .utf16LE) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (try decodeUTF16(bytes.dropFirst(2), littleEndian: false, name: name), .utf16BE) }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = bytes.dropFirst(3)
            guard let valid = String(validating: body, as: UTF8.self) else {
                throw invalidUTF8(body, name: name, byteOrderMark: true)
            }
            return (valid, .utf8BOM)
        }
        switch encoding {
        case .utf8:
            guard let valid = String(validating: bytes, as: UTF8.self) else {
                throw invalidUTF8(bytes[...], name: name, byteOrderMark: false)
            }
            return (valid, .utf8)
        case .latin1:
            return (String(data: data, encoding: .windowsCP1252) ?? String(data: data, encoding: .isoLatin1) ?? "", .latin1)
        }
    }

    /// UTF-16 after its byte-order mark; a lone surrogate or a last half character is refused.
    static func decodeUTF16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool, name: String) throws -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let a = UInt16(bytes[index]), b = UInt16(bytes[index + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            index += 2
        }
        let form = littleEndian ? "UTF-16LE" : "UTF-16BE"
        if let valid = String(validating: units, as: UTF16.self) {
            if bytes.count % 2 == 1 {
                let line = 1 + CSVSource.lineBreaks(in: valid)
                throw FunnelError.invalid("\(name):\(line): the file is \(form) (it starts with a byte-order mark) but ends in half a character: re-save it as UTF-8 CSV")
            }
            return valid
        }
        let place = firstInvalid(units, parser: Unicode.UTF16.ForwardParser())
        let unit = place.offset < units.count ? String(format: "0x%04X", units[place.offset]) : "end"
        throw FunnelError.invalid(
            "\(name):\(place.line): the file is \(form) (it starts with a byte-order mark) but is not valid text (a lone surrogate \(unit) at character \(place.column) of the line): re-save it as UTF-8 CSV")
    }

    /// Where the first code unit that does not decode is: its line (CR, LF and CRLF each end
    /// one), its character within the line (1-based) and its offset in code units.
    static func firstInvalid<P: Unicode.Parser, S: Sequence>(_ units: S, parser: P) -> (line: Int, column: Int, offset: Int)
    where S.Element == P.Encoding.CodeUnit, P.Encoding.CodeUnit: FixedWidthInteger {
        var parser = parser
        var iterator = units.makeIterator()
        var line = 1, column = 1, offset = 0
        var previousCR = false
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case let .valid(encoded):
                let unit = encoded.count == 1 ? encoded.first : nil
                if unit == 0x0A {
                    if !previousCR { line += 1 }
                    column = 1
                    previousCR = false
                } else if unit == 0x0D {
                    line += 1
                    column = 1
                    previousCR = true
                } else {
                    column += 1
                    previousCR = false
                }
                offset += encoded.count
            case .error, .emptyInput:
                break loop
            }
        }
        return (line, column, offset)
    }

    /// Finds the first byte that is not UTF-8 and says where it is, and what to do: bytes that
    /// look like a legacy 8-bit file are plausibly Windows-1252 (`--encoding latin1`); bytes
    /// shaped like UTF-8 that UTF-8 forbids (an overlong form, an encoded surrogate, a scalar
    /// past U+10FFFF) come from a broken UTF-8 writer, and a file with a UTF-8 byte-order mark
    /// says it is UTF-8: for those only re-saving helps.
    static func invalidUTF8(_ bytes: ArraySlice<UInt8>, name: String, byteOrderMark: Bool) -> FunnelError {
        let place = firstInvalid(bytes, parser: Unicode.UTF8.ForwardParser())
        let at = bytes.startIndex + place.offset
        guard at < bytes.endIndex else {
            return FunnelError.invalid("\(name):\(place.line): the file is not valid UTF-8 (it ends in the middle of a character): re-save it as UTF-8 CSV")
        }
        if let shaped = utf8Shaped(bytes[at...]) {
            let hex = shaped.bytes.map { String(format: "0x%02X", $0) }.joined(separator: " ")
            return FunnelError.invalid(
                "\(name):\(place.line): the file is not valid UTF-8 (\(shaped.kind), bytes \(hex), at character \(place.column) of the line): re-save it as UTF-8 CSV")
        }
        let byte = String(format: "0x%02X", bytes[at])
        let fix = byteOrderMark ? "re-save it as UTF-8 CSV" : "save it as UTF-8, or read it with --encoding latin1"
        return FunnelError.invalid(
            "\(name):\(place.line): the file is not valid UTF-8 (byte \(byte) at character \(place.column) of the line): \(fix)")
    }

    /// A lead byte followed by as many continuation bytes as it announces, decoding to something
    /// UTF-8 forbids; nil when the bytes do not have UTF-8's shape.
    static func utf8Shaped(_ bytes: ArraySlice<UInt8>) -> (kind: String, bytes: ArraySlice<UInt8>)? {
        guard let lead = bytes.first else { return nil }
        let length: Int
        switch lead {
        case 0xC0...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF7: length = 4
        default: return nil
        }
        let sequence = bytes.prefix(length)
        guard sequence.count == length, sequence.dropFirst().allSatisfy({ $0 & 0xC0 == 0x80 }) else { return nil }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for byte in sequence.dropFirst() { value = value << 6 | UInt32(byte & 0x3F) }
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        if value < minimum { return ("an overlong encoding", sequence) }
        if (0xD800...0xDFFF).contains(value) { return ("an encoded surrogate", sequence) }
        if value > 0x10FFFF { return ("a character past U+10FFFF", sequence) }
        return nil
    }

    // MARK: Delimiter

    /// Chooses the delimiter from the header (the first record that is not blank): each of
    /// `,` `;` tab is counted outside quotes (the reader splits there), and the one that splits the
    /// header into known column names wins, a comma on a tie. With one or none in the header it
    /// is that one (or a comma). When several occur and none splits it into known names, the one
    /// that finds most known names is used (a comma on a tie) and the choice is undecided.
    static func detectDelimiter(_ text: String, isKnownColumn: (String) -> Bool) -> DelimiterChoice {
        var counts: [CSVDelimiter: Int] = [:]
        var known: [CSVDelimiter: Int] = [:]
        var complete: [CSVDelimiter] = []
        for delimiter in CSVDelimiter.allCases {
            let header = firstRecord(text, delimiter: delimiter)
            counts[delimiter] = max(0, header.count - 1)
            let named = header.map(\.trimmed).filter { !$0.isEmpty }
            let found = named.filter(isKnownColumn).count
            known[delimiter] = found
            if !named.isEmpty && found == named.count { complete.append(delimiter) }
        }
        let present = CSVDelimiter.allCases.filter { counts[$0, default: 0] > 0 }
        if present.count <= 1 {
            return DelimiterChoice(delimiter: present.first ?? .comma, decided: true, counts: counts)
        }
        let winners = complete.filter(present.contains)
        if let first = winners.first {
            return DelimiterChoice(delimiter: first, decided: true, counts: counts)
        }
        // allCases starts with the comma: max keeps the first of equals only when searched in order.
        var best = CSVDelimiter.comma
        for delimiter in present where known[delimiter, default: 0] > known[best, default: 0] { best = delimiter }
        return DelimiterChoice(delimiter: best, decided: false, counts: counts)
    }

    /// The cells of the first record that is not blank, split at `delimiter`.
    static func firstRecord(_ text: String, delimiter: CSVDelimiter) -> [String] {
        guard let reader = try? CSVReader(string: text, hasHeaderRow: false, delimiter: delimiter.scalar) else { return [] }
        while let cells = reader.next() {
            if !ImportRecord.isBlank(cells) { return cells }
        }
        return []
    }

    /// Calls `body` with each record and the line it starts on, blank lines included (their
    /// cells are all empty); stops early when `body` returns false.
    func forEachRecord(_ body: (_ line: Int, _ cells: [String]) throws -> Bool) throws {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, delimiter: delimiter.scalar)
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

    /// Checks quoting the way RFC 4180 writes it: a field that starts with `"` ends at a `"`
    /// followed by the delimiter, a line break or the end of the file (`""` is a quote inside).
    /// A `"` inside an unquoted field is taken literally, as the reader does.
    static func checkQuotes(_ text: String, name: String, delimiter: CSVDelimiter = .comma) throws {
        let comma = delimiter.byte, quote = UInt8(ascii: "\""), lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
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
