/// The CSV formula guard (CWE-1236, "CSV injection"): a spreadsheet runs a cell that starts with
/// `=`, `+`, `-` or `@` (and some also one that starts with a tab or a carriage return) as a
/// formula. Exported cells that would are written with a leading `'`, which spreadsheets read as
/// "this is text"; the import takes it off again (docs/import-export.md, "The formula guard").
///
/// The two are inverse: `protect` adds one `'` to any cell made of zero or more `'` followed by a
/// trigger, and `unprotect` removes one from any cell made of one or more `'` followed by a
/// trigger. So `unprotect(protect(x)) == x` for every `x`, and a cell that starts with a `'`
/// for another reason (`'plain`, `''`) is left as it is both ways.
public enum FormulaGuard {
    /// `=` `+` `-` `@` tab CR.
    @inline(__always)
    static func isTrigger(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D: true
        default: false
        }
    }

    static let quote = UInt8(ascii: "'")

    /// How many `'` start the cell when a trigger follows them, else nil.
    @inline(__always)
    static func quotesBeforeTrigger(_ cell: String) -> Int? {
        var quotes = 0
        for byte in cell.utf8 {
            if byte == quote {
                quotes += 1
            } else {
                return isTrigger(byte) ? quotes : nil
            }
        }
        return nil
    }

    /// The cell as exported: `=1+1` → `'=1+1`, `'=x` → `''=x`; anything else unchanged.
    public static func protect(_ cell: String) -> String {
        guard let first = cell.utf8.first, first == quote || isTrigger(first) else { return cell }
        return quotesBeforeTrigger(cell) == nil ? cell : "'" + cell
    }

    /// The cell as imported: `'=1+1` → `=1+1`, `''=x` → `'=x`; anything else unchanged.
    public static func unprotect(_ cell: String) -> String {
        guard cell.utf8.first == quote, let quotes = quotesBeforeTrigger(cell), quotes > 0 else { return cell }
        return String(cell.dropFirst())
    }
}

/// A cell as a guarded CSV export writes it: what the plain-text rule forbids (only ever present
/// in a store from before the rule, or written by another tool) shown as visible escapes — line
/// feeds and tabs kept in multi-line columns — then the formula guard. Valid data passes through
/// both unchanged, so export → import stays a bijection; `--raw` writes the stored value as is.
public enum SpreadsheetCell {
    public static func guarded(_ cell: String, _ kind: PlainText.Kind) -> String {
        FormulaGuard.protect(VisibleText.escaped(cell, keepingLineBreaks: kind == .multiLine))
    }
}
