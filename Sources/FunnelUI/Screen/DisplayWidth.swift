import FunnelCore

/// Column widths of text as a terminal shows it, and the text-fitting helpers built on them.
///
/// Pure and deterministic (tables, no locale, no libc) so views can be snapshot-tested, yet
/// agreeing with the `wcwidth` that ncurses uses on Debian 12 — a disagreement would shift
/// every column to the right of a name. Rules:
/// - A scalar is 2 columns if East Asian Wide/Fullwidth or an emoji with emoji presentation,
///   0 if a combining mark, ZWJ, variation selector or other zero-width format character,
///   otherwise 1. Control characters (C0, DEL, C1) are 0: they are never displayed.
/// - A grapheme cluster (`Character`) is as wide as its first scalar: "é" (e + U+0301) is 1,
///   "👨‍👩‍👧" (ZWJ family) is 2, "👍🏽" is 2, "❤️" (U+2764 + VS16) is 1 like U+2764 in
///   wcwidth. A pair of regional indicators (a flag, "🇯🇵") is 2.
public enum DisplayWidth {
    /// Horizontal placement for `pad(_:to:alignment:)` and `fit(_:to:alignment:)`.
    public enum Alignment: Sendable, Hashable {
        case left, right, center
    }

    /// Width of one scalar: 0, 1 or 2 (controls are 0).
    public static func width(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x300 { return 1 }  // Latin fast path: nothing below U+0300 is wide or zero-width
        if contains(zeroWidthRanges, v) { return 0 }
        if contains(wideRanges, v) { return 2 }
        // Emoji newer than the table (Unicode 15+): wide by their emoji presentation.
        // Regional indicators stay 1 on their own; a flag pair is handled per grapheme.
        if scalar.properties.isEmojiPresentation && !isRegionalIndicator(scalar) { return 2 }
        return 1
    }

    /// Width of one grapheme cluster: the width of its first scalar (flags: 2).
    public static func width(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let base = scalars.first else { return 0 }
        if isRegionalIndicator(base), scalars.count > 1,
           isRegionalIndicator(scalars[scalars.index(after: scalars.startIndex)]) {
            return 2
        }
        return width(of: base)
    }

    /// Width of a string: the sum of its graphemes' widths.
    public static func width<S: StringProtocol>(of text: S) -> Int {
        var total = 0
        for character in text { total += width(of: character) }
        return total
    }

    /// Whether a grapheme holds a character that must never reach the terminal as-is: a control
    /// character (including "\r\n", tab, newline), a line or paragraph separator, or a bidi
    /// override or isolate (`PlainText`'s rule).
    public static func isControl(_ character: Character) -> Bool {
        character.unicodeScalars.contains(where: PlainText.isForbiddenAnywhere)
    }

    /// Display text from a raw value, on one line: a line break or tab (legitimate in a note)
    /// becomes one space; any other control character, separator or bidi override is shown as
    /// a visible escape (`\x1b`, `\u202e`), so a value stored before validation can neither act
    /// on the terminal nor hide. The stored value stays raw.
    public static func sanitize(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        guard text.contains(where: isControl) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for character in text {
            if !isControl(character) {
                result.append(character)
            } else if character == "\n" || character == "\r\n" || character == "\t" {
                result.append(" ")
            } else {
                result += VisibleText.escaped(String(character))
            }
        }
        return result
    }

    /// Cuts `text` to at most `width` columns at a grapheme boundary. When something was cut the
    /// result ends with `ellipsis` and is exactly `width` columns: if a wide grapheme would
    /// straddle the edge it is dropped and a space pads the gap, so a wide character is never
    /// split. Text that fits is returned unchanged.
    public static func truncate(_ text: String, to width: Int, ellipsis: Character = "…") -> String {
        guard width > 0 else { return "" }
        if Self.width(of: text) <= width { return text }
        let ellipsisWidth = Self.width(of: ellipsis)
        guard width >= ellipsisWidth else { return String(repeating: " ", count: width) }
        let budget = width - ellipsisWidth
        var result = ""
        var used = 0
        for character in text {
            let w = Self.width(of: character)
            if used + w > budget { break }
            result.append(character)
            used += w
        }
        result.append(ellipsis)
        used += ellipsisWidth
        if used < width { result += String(repeating: " ", count: width - used) }
        return result
    }

    /// Pads `text` with spaces to `width` columns. Never shortens: see `fit` for that.
    public static func pad(_ text: String, to width: Int, alignment: Alignment = .left) -> String {
        let missing = width - Self.width(of: text)
        guard missing > 0 else { return text }
        switch alignment {
        case .left:
            return text + String(repeating: " ", count: missing)
        case .right:
            return String(repeating: " ", count: missing) + text
        case .center:
            let left = missing / 2
            return String(repeating: " ", count: left) + text + String(repeating: " ", count: missing - left)
        }
    }

    /// Exactly `width` columns: truncated with an ellipsis if too long, padded if too short.
    public static func fit(_ text: String, to width: Int, alignment: Alignment = .left) -> String {
        pad(truncate(text, to: width), to: width, alignment: alignment)
    }

    static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x1F1E6 && scalar.value <= 0x1F1FF
    }

    /// Binary search over a flat, sorted list of inclusive (first, last) pairs.
    static func contains(_ ranges: [UInt32], _ value: UInt32) -> Bool {
        var low = 0, high = ranges.count / 2 - 1
        while low <= high {
            let mid = (low + high) / 2
            if value < ranges[2 * mid] {
                high = mid - 1
            } else if value > ranges[2 * mid + 1] {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }
}
