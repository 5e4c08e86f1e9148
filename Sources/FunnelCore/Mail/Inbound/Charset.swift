import Foundation

/// Bytes in a named charset to a Swift string. Mail names its charset in a MIME parameter or an
/// encoded word; a name we do not know (or bytes a decoder refuses) is read as Latin-1, which
/// maps every byte to a character: the text may look wrong, but nothing is lost or refused.
public enum Charset {
    /// The decoded text. `name` is matched case-insensitively, with the common aliases.
    public static func decode<Bytes: Collection>(_ bytes: Bytes, charset name: String?) -> String where Bytes.Element == UInt8 {
        let label = (name ?? "us-ascii").trimmingBlanks.lowercased()
        switch label {
        case "utf-8", "utf8", "unicode-1-1-utf-8":
            return String(decoding: bytes, as: UTF8.self)
        case "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "":
            // Mislabelled 8-bit text is common: a valid UTF-8 byte run is read as UTF-8, else Latin-1.
            if bytes.allSatisfy({ $0 < 0x80 }) { return latin1(bytes) }
            return utf8OrLatin1(bytes)
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819", "ibm819":
            return latin1(bytes)
        case "iso-8859-15", "iso8859-15", "iso_8859-15", "latin-9", "latin9", "l9":
            return String(String.UnicodeScalarView(bytes.map { latin9($0) }))
        case "windows-1252", "cp1252", "x-cp1252":
            return String(String.UnicodeScalarView(bytes.map { windows1252($0) }))
        default:
            if let encoding = foundationEncoding(label), let text = String(data: Data(bytes), encoding: encoding) {
                return text
            }
            return latin1(bytes)
        }
    }

    /// Valid UTF-8 as UTF-8, anything else as Latin-1: for raw 8-bit header bytes, which
    /// RFC 6532 allows as UTF-8 and older software sends in a local charset.
    public static func utf8OrLatin1<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return latin1(bytes)
    }

    static func latin1<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    /// ISO-8859-15 differs from Latin-1 in eight places (the euro sign among them).
    static func latin9(_ byte: UInt8) -> Unicode.Scalar {
        switch byte {
        case 0xA4: "\u{20AC}"
        case 0xA6: "\u{0160}"
        case 0xA8: "\u{0161}"
        case 0xB4: "\u{017D}"
        case 0xB8: "\u{017E}"
        case 0xBC: "\u{0152}"
        case 0xBD: "\u{0153}"
        case 0xBE: "\u{0178}"
        default: Unicode.Scalar(byte)
        }
    }

    /// Windows-1252 is Latin-1 with printable characters in 0x80–0x9F (five of them unassigned,
    /// kept as the C1 controls Latin-1 has there, so later neutralising sees them).
    static func windows1252(_ byte: UInt8) -> Unicode.Scalar {
        guard (0x80...0x9F).contains(byte) else { return Unicode.Scalar(byte) }
        let table: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
            0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
        ]
        return Unicode.Scalar(table[Int(byte - 0x80)])!
    }

    /// Other charsets Foundation decodes on every platform Funnel runs on.
    static func foundationEncoding(_ label: String) -> String.Encoding? {
        switch label {
        case "iso-8859-2", "iso8859-2", "latin2", "latin-2": .isoLatin2
        case "windows-1250", "cp1250": .windowsCP1250
        case "windows-1251", "cp1251": .windowsCP1251
        case "windows-1253", "cp1253": .windowsCP1253
        case "windows-1254", "cp1254": .windowsCP1254
        case "utf-16": .utf16
        case "utf-16le": .utf16LittleEndian
        case "utf-16be": .utf16BigEndian
        case "shift_jis", "shift-jis", "sjis": .shiftJIS
        case "euc-jp": .japaneseEUC
        case "iso-2022-jp": .iso2022JP
        default: nil
        }
    }
}
