import Foundation
import FunnelCore

/// Writes the export's JSON bytes for its known shapes (a candidate line, a touch, a future role)
/// straight into a byte buffer, exactly as `JSONEncoder` (sorted keys, slashes unescaped) followed
/// by `JSONInvisibles.escaped` wrote them: Foundation's encoder was 46 % of a million-candidate
/// export. A test compares the two byte for byte on hostile text (`ExportJSONTests`).
struct ExportJSONWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func null() { raw("null") }

    mutating func bool(_ value: Bool) { value ? raw("true") : raw("false") }

    mutating func int(_ value: Int64) {
        if value < 0 {
            // The magnitude of Int64.min does not fit an Int64: print it through UInt64.
            bytes.append(UInt8(ascii: "-"))
            unsigned(UInt64(bitPattern: 0 &- value))
        } else {
            unsigned(UInt64(value))
        }
    }

    private mutating func unsigned(_ value: UInt64) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = value, count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
                count += 1
            } while n > 0
            bytes.append(contentsOf: buffer[(20 - count)...])
        }
    }

    mutating func string(_ value: String?) {
        guard let value else { return null() }
        string(value)
    }

    /// A JSON string: `"` and `\` escaped, \b \t \n \f \r by name and the other C0 controls as
    /// `\u00xx` (JSONEncoder's forms); DEL, the C1 controls and the invisible or direction-changing
    /// characters of U+2000–U+2FFF as `\uxxxx` (JSONInvisibles' forms). Everything else as UTF-8.
    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { string(utf8: $0) }
    }

    /// A text of an export batch, as `string(_:)` writes it; `null` for a null one.
    mutating func string(_ text: ExportText, in texts: ExportTexts) {
        guard !text.isNull else { return null() }
        texts.withBytes(of: text) { string(utf8: $0) }
    }

    /// `string(_:)` on the bytes of a valid UTF-8 string.
    private mutating func string(utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var i = 0
        let n = utf8.count
        var plainStart = 0
        while i < n {
            let b = utf8[i]
            if b >= 0x20 && b < 0x7F && b != 0x22 && b != 0x5C {
                i += 1
                continue
            }
            if b >= 0x80 && b != 0xC2 && b != 0xE2 {
                i += 1
                continue
            }
            // Something to look at: first the plain run before it.
            if plainStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart..<i])) }
            switch b {
            case 0x22: raw("\\\""); i += 1
            case 0x5C: raw("\\\\"); i += 1
            case 0x08: raw("\\b"); i += 1
            case 0x09: raw("\\t"); i += 1
            case 0x0A: raw("\\n"); i += 1
            case 0x0C: raw("\\f"); i += 1
            case 0x0D: raw("\\r"); i += 1
            case 0x00..<0x20, 0x7F: unicodeEscape(UInt32(b)); i += 1
            case 0xC2:
                if i + 1 < n, (0x80...0x9F).contains(utf8[i + 1]) {
                    unicodeEscape(UInt32(utf8[i + 1])); i += 2
                } else {
                    bytes.append(b); i += 1
                }
            default: // 0xE2: U+2000–U+2FFF
                if i + 2 < n {
                    let scalar = 0x2000 | (UInt32(utf8[i + 1] & 0x3F) << 6) | UInt32(utf8[i + 2] & 0x3F)
                    if Self.forbidden2000[Int(scalar - 0x2000)] {
                        unicodeEscape(scalar); i += 3
                    } else {
                        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[i..<(i + 3)])); i += 3
                    }
                } else {
                    bytes.append(b); i += 1
                }
            }
            plainStart = i
        }
        if plainStart < n { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart..<n])) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `\u` and four lower-case hex digits.
    private mutating func unicodeEscape(_ value: UInt32) {
        let hex: StaticString = "0123456789abcdef"
        raw("\\u")
        hex.withUTF8Buffer { digits in
            for shift in stride(from: 12, through: 0, by: -4) {
                bytes.append(digits[Int((value >> UInt32(shift)) & 0xF)])
            }
        }
    }

    /// Which of U+2000–U+2FFF `PlainText` forbids (JSONInvisibles escapes those).
    static let forbidden2000: [Bool] = (0x2000...0x2FFF).map { PlainText.isForbiddenAnywhere(Unicode.Scalar($0)!) }

    /// An instant stored as whole seconds, as `Instant.format` writes it (`2026-09-21T14:13:20Z`).
    mutating func instant(_ seconds: Int64) {
        let total = Int(seconds)
        let days = total >= 0 ? total / 86_400 : -((-total + 86_399) / 86_400)
        let rest = total - days * 86_400
        let (y, m, d) = Day(ordinal: days).components
        guard y >= 0 && y < 10_000 else {
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: Instant.format(Date(timeIntervalSince1970: TimeInterval(seconds))).utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        // `"YYYY-MM-DDTHH:MM:SSZ"`, 22 bytes, written in one append: six instants a candidate.
        let (year, month, day) = (Self.twoDigits(y / 100), Self.twoDigits(y % 100), Self.twoDigits(m))
        let (date, hour, minute) = (Self.twoDigits(d), Self.twoDigits(rest / 3600), Self.twoDigits(rest % 3600 / 60))
        let second = Self.twoDigits(rest % 60)
        let text: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                   UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0x22, year.0, year.1, month.0, month.1, 0x2D, day.0, day.1, 0x2D, date.0, date.1,
             0x54, hour.0, hour.1, 0x3A, minute.0, minute.1, 0x3A, second.0, second.1, 0x5A, 0x22)
        withUnsafeBytes(of: text) { bytes.append(contentsOf: $0) }
    }

    /// The two ASCII digits of 0...99.
    private static func twoDigits(_ value: Int) -> (UInt8, UInt8) {
        (UInt8(truncatingIfNeeded: 0x30 + value / 10), UInt8(truncatingIfNeeded: 0x30 + value % 10))
    }

    // MARK: The export's shapes (keys in JSONEncoder's sorted order)

    /// `{"asked_at":…,"location":…,"remote":…,"title":…}`.
    mutating func futureRole(title: ExportText, location: ExportText, remote: Bool, askedAt: Int64, in texts: ExportTexts) {
        raw("{\"asked_at\":"); instant(askedAt)
        raw(",\"location\":"); string(location, in: texts)
        raw(",\"remote\":"); bool(remote)
        raw(",\"title\":"); string(title, in: texts)
        raw("}")
    }

    /// `{"at":…,"candidate_id":…,"channel":…,"direction":…,"id":…,"note":…,"outcome":…,"template":…}`.
    mutating func touch(id: Int64, candidateID: Int64, at: Int64, channel: ExportText, direction: ExportText,
                        outcome: ExportText, note: ExportText, template: ExportText, in texts: ExportTexts) {
        raw("{\"at\":"); instant(at)
        raw(",\"candidate_id\":"); int(candidateID)
        raw(",\"channel\":"); string(channel, in: texts)
        raw(",\"direction\":"); string(direction, in: texts)
        raw(",\"id\":"); int(id)
        raw(",\"note\":"); string(note, in: texts)
        raw(",\"outcome\":"); string(outcome, in: texts)
        raw(",\"template\":"); string(template, in: texts)
        raw("}")
    }
}
