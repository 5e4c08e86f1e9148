import Foundation

/// The character that separates the fields of an imported CSV file: `funnel import --delimiter`,
/// else detected from the header line (docs/import-export.md, "Delimiters").
public enum CSVDelimiter: String, CaseIterable, Sendable {
    case comma = ","
    case semicolon = ";"
    case tab = "\t"

    /// The scalar the CSV reader splits at.
    public var scalar: Unicode.Scalar { rawValue.unicodeScalars.first! }

    /// The byte the quote check splits at (all three are ASCII).
    public var byte: UInt8 { UInt8(ascii: scalar) }

    /// How messages name it: `','`, `';'`, `tab`.
    public var label: String {
        switch self {
        case .comma: "','"
        case .semicolon: "';'"
        case .tab: "tab"
        }
    }

    /// `,` `;` `tab` (also `\t` as typed, a real tab, and the names comma and semicolon).
    public static func parse(_ text: String) throws -> CSVDelimiter {
        switch text {
        case ",", "comma": return .comma
        case ";", "semicolon": return .semicolon
        case "\t", "\\t", "tab", "TAB", "Tab": return .tab
        default: break
        }
        switch text.trimmed.lowercased() {
        case ",", "comma": return .comma
        case ";", "semicolon": return .semicolon
        case "tab", "\\t": return .tab
        default: throw FunnelError.invalid("unknown delimiter '\(text)': expected ',', ';' or tab")
        }
    }
}
