/// One line of editable text with a cursor, as in a shell prompt: the building block of every
/// form field, the search box and the command palette. Positions count graphemes, so a CJK
/// character or an emoji is one step of the cursor.
public struct LineEditor: Equatable, Sendable {
    public private(set) var text: [Character]
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        self.text = Array(text)
        self.cursor = self.text.count
    }

    public var string: String { String(text) }
    public var isEmpty: Bool { text.isEmpty }

    public mutating func set(_ value: String) {
        text = Array(value)
        cursor = text.count
    }

    /// Applies an editing key; returns false when the key is not an editing key.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case let .char(c) where !c.isNewline:
            text.insert(c, at: cursor)
            cursor += 1
        case .backspace, .ctrl("h"):
            guard cursor > 0 else { return true }
            text.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .ctrl("d"):
            guard cursor < text.count else { return true }
            text.remove(at: cursor)
        case .left, .ctrl("b"):
            cursor = max(0, cursor - 1)
        case .right, .ctrl("f"):
            cursor = min(text.count, cursor + 1)
        case .home, .ctrl("a"):
            cursor = 0
        case .end, .ctrl("e"):
            cursor = text.count
        case .ctrl("u"):
            text.removeSubrange(0..<cursor)
            cursor = 0
        case .ctrl("k"):
            text.removeSubrange(cursor..<text.count)
        case .ctrl("w"):
            var start = cursor
            while start > 0, text[start - 1] == " " { start -= 1 }
            while start > 0, text[start - 1] != " " { start -= 1 }
            text.removeSubrange(start..<cursor)
            cursor = start
        default:
            return false
        }
        return true
    }

    /// The visible part of the text for a field `width` columns wide, keeping the cursor in view,
    /// and the cursor's column within it.
    public func visible(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 0 else { return ("", 0) }
        var start = 0
        func columns(_ range: Range<Int>) -> Int { range.reduce(0) { $0 + DisplayWidth.width(of: text[$1]) } }
        while columns(start..<cursor) >= width { start += 1 }
        var out = ""
        var used = 0
        var i = start
        while i < text.count {
            let w = DisplayWidth.width(of: text[i])
            if used + w > width { break }
            out.append(text[i])
            used += w
            i += 1
        }
        return (out, columns(start..<cursor))
    }
}
