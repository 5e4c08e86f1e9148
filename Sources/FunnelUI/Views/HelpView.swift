/// The `?` overlay: every key of the screen beneath, drawn from the same table that dispatches
/// keys, so it cannot go stale.
public enum HelpView {
    public static func rows(for context: KeyContext) -> [(keys: String, action: String)] {
        var rows = Keymap.help(for: context).map { ($0.keyLabel, $0.action.title) }
        if context == .form {
            rows += [("type", "Edit the field"), ("← →", "Move the cursor, or change a choice"), ("Space", "Toggle yes/no"),
                     ("Ctrl-A Ctrl-E", "Start / end of field"), ("Ctrl-U Ctrl-K Ctrl-W", "Delete before / after / word")]
        }
        if context == .search {
            rows = [("type", "Search as you type"), ("Up Down Ctrl-P Ctrl-N", "Select"), ("Enter", "Open candidate")]
                + Keymap.help(for: .search).filter { $0.action == .campaignSearch }.map { ($0.keyLabel, $0.action.title) }
                + [("Esc", "Back")]
        }
        return rows
    }

    static func draw(_ context: KeyContext, scroll: Int, state: AppState, into screen: inout Screen) {
        let rows = rows(for: context)
        let keyWidth = min(24, rows.map { DisplayWidth.width(of: $0.keys) }.max() ?? 8)
        // Wide enough for the longest action name, so none is cut where the screen has room.
        let actionWidth = rows.map { DisplayWidth.width(of: $0.action) }.max() ?? 31
        let width = min(state.size.width - 4, max(44, keyWidth + actionWidth + 5))
        let height = min(state.size.height - 2, rows.count + 4)
        let rect = Rect(x: (state.size.width - width) / 2, y: (state.size.height - height) / 2, width: width, height: height)
        screen.fill(rect)
        screen.box(rect, title: "Keys: \(context.rawValue)", style: Theme.header, ascii: !state.settings.unicode)
        let visible = height - 4
        for (row, entry) in rows.dropFirst(scroll).prefix(visible).enumerated() {
            let y = rect.y + 1 + row
            screen.put(DisplayWidth.truncate(entry.keys, to: keyWidth), x: rect.x + 2, y: y, style: Theme.key)
            screen.put(DisplayWidth.truncate(entry.action, to: width - keyWidth - 5), x: rect.x + 3 + keyWidth, y: y)
        }
        let footer = rows.count > visible ? "j/k scroll · Esc close" : "Esc or ? to close"
        screen.put(footer, x: rect.x + 2, y: rect.maxY - 2, style: Theme.dim, maxWidth: width - 4)
    }
}

/// The `:` palette: type to filter the actions of the screen beneath, Enter runs one.
public enum PaletteView {
    public struct Entry: Equatable {
        public var action: Action
        public var keys: String
    }

    public static func entries(for context: KeyContext, query: String) -> [Entry] {
        let words = query.lowercased().split(separator: " ")
        var seen = Set<Action>()
        return Keymap.help(for: context).filter(\.inPalette).compactMap { binding in
            guard seen.insert(binding.action).inserted else { return nil }
            let title = binding.action.title.lowercased()
            guard words.allSatisfy({ title.contains($0) }) else { return nil }
            return Entry(action: binding.action, keys: binding.keyLabel)
        }
    }

    static func draw(_ palette: Palette, context: KeyContext, settings: UISettings, into screen: inout Screen) {
        let entries = entries(for: context, query: palette.query.string)
        let width = min(screen.width - 4, 56)
        // From row 2 down to just above the status line, which stays readable.
        let height = min(screen.height - 3, max(entries.count, 1) + 4)
        let rect = Rect(x: (screen.width - width) / 2, y: 2, width: width, height: height)
        screen.fill(rect)
        screen.box(rect, title: "Commands", style: Theme.header, ascii: !settings.unicode)
        let (text, cursor) = palette.query.visible(width: width - 6)
        screen.put(": " + text, x: rect.x + 2, y: rect.y + 1, style: Theme.field)
        screen.cursor = Screen.Cursor(x: rect.x + 4 + cursor, y: rect.y + 1)
        if entries.isEmpty {
            screen.put("no command matches", x: rect.x + 2, y: rect.y + 2, style: Theme.dim)
        }
        // More commands than rows: scroll so the selection is always in view, and say so.
        let visible = max(1, height - 3)
        let first = max(0, min(palette.selected - visible + 1, entries.count - visible))
        let glyphs = Theme.glyphs(settings)
        if first > 0 { screen.put(glyphs.less, x: rect.maxX - 2, y: rect.y, style: Theme.dim) }
        if first + visible < entries.count { screen.put(glyphs.more, x: rect.maxX - 2, y: rect.maxY - 1, style: Theme.dim) }
        for (offset, entry) in entries.dropFirst(first).prefix(visible).enumerated() {
            let row = first + offset
            let y = rect.y + 2 + offset
            let selected = row == palette.selected
            if selected { screen.fill(Rect(x: rect.x + 1, y: y, width: width - 2, height: 1), style: Theme.selected) }
            screen.put(DisplayWidth.truncate(entry.action.title, to: width - 14), x: rect.x + 2, y: y,
                       style: selected ? Theme.selected : .plain)
            let keys = DisplayWidth.truncate(entry.keys, to: 10)
            screen.put(keys, x: rect.maxX - 2 - DisplayWidth.width(of: keys), y: y, style: selected ? Theme.selected : Theme.key)
        }
    }
}
