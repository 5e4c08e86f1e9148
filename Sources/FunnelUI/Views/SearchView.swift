import FunnelCore

/// Search as you type: the query on top, the matches below, Enter opens one.
enum SearchView {
    /// `?` is typed into the query here, so the line names the one key help would add.
    static let hints = "type to search · ↑/↓ select · Enter open · "
        + Keymap.help(for: .search).filter { $0.action == .campaignSearch }.map { "\($0.keyLabel) campaign · " }.joined() + "Esc back"

    static func draw(_ search: SearchPage, state: AppState, into screen: inout Screen) {
        let width = state.size.width
        screen.fill(Rect(x: 0, y: 0, width: width, height: 1), style: Theme.title)
        let prompt = " Search: "
        screen.put(prompt, x: 0, y: 0, style: Theme.title)
        let x = DisplayWidth.width(of: prompt)
        let (text, cursor) = search.query.visible(width: width - x - 1)
        screen.put(text, x: x, y: 0, style: Theme.title)
        screen.cursor = Screen.Cursor(x: x + cursor, y: 0)

        let summary: String
        if search.query.string.trimmed.isEmpty {
            summary = "Names, titles, companies, locations, tags, future roles and notes; accents and case ignored."
        } else if search.total == 0 {
            summary = "No match for “\(search.query.string.trimmed)”"
        } else {
            summary = "\(grouped(search.total))\(search.totalIsExact ? "" : "+") match\(search.total == 1 ? "" : "es")"
                + (search.total > search.results.count ? ", best \(search.results.count) shown" : "")
        }
        screen.put(DisplayWidth.truncate(summary, to: width - 2), x: 1, y: 1, style: Theme.dim)

        let top = 2
        let visible = state.size.height - top - 1
        let first = max(0, search.selected - visible + 1)
        let nameWidth = min(32, width / 3)
        for (row, index) in (first..<min(search.results.count, first + visible)).enumerated() {
            let card = search.results[index]
            let y = top + row
            let style: Style = index == search.selected ? Theme.selected : .plain
            if index == search.selected { screen.fill(Rect(x: 0, y: y, width: width, height: 1), style: style) }
            screen.put(DisplayWidth.truncate(DisplayWidth.sanitize(card.fullName), to: nameWidth - 1), x: 1, y: y, style: style)
            screen.put(DisplayWidth.truncate(card.stage.title, to: 14), x: nameWidth + 1, y: y, style: style)
            let headline = [card.title, card.company.map { "@ \($0)" }].compactMap { $0 }.joined(separator: " ")
            screen.put(DisplayWidth.truncate(DisplayWidth.sanitize(headline), to: max(0, width - nameWidth - 17)),
                       x: nameWidth + 16, y: y, style: index == search.selected ? style : Theme.dim)
        }
        Render.statusLine(state, hints: hints, into: &screen)
    }
}
