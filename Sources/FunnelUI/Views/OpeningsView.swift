import FunnelCore

/// The Openings screen: one row per opening with how many people fit it and how many were
/// reached about it; the selected opening's owner, dates and notes along the bottom.
enum OpeningsView {
    static let hints = "Enter who fits · a add · e edit · s status · x show closed · Esc back · ? help"

    static func draw(_ page: OpeningsPage, state: AppState, into screen: inout Screen) {
        let width = state.size.width
        screen.fill(Rect(x: 0, y: 0, width: width, height: 1), style: Theme.title)
        let open = page.summaries.filter { $0.opening.status == .open }.count
        let onHold = page.summaries.filter { $0.opening.status == .onHold }.count
        var title = " Openings"
        if page.loaded {
            title += " · \(open) open"
            if onHold > 0 { title += " · \(onHold) on hold" }
            if page.includeClosed { title += " · with filled and closed" }
        }
        screen.put(DisplayWidth.truncate(title, to: width), x: 0, y: 0, style: Theme.title)
        guard page.loaded else {
            screen.put("Loading…", x: 1, y: 2, style: Theme.dim)
            Render.statusLine(state, hints: hints, into: &screen)
            return
        }
        guard !page.summaries.isEmpty else {
            screen.put("No openings yet.", x: 1, y: 2, style: Theme.info)
            screen.put(DisplayWidth.truncate("a adds one: its title and place are matched against every future-role answer.", to: width - 2),
                       x: 1, y: 3, style: Theme.dim)
            Render.statusLine(state, hints: hints, into: &screen)
            return
        }
        let columns = Columns(width: width)
        columns.draw(["#", "Title", "Company", "Place", "Status", "Fit", "Reached"], y: 1, style: Theme.label, into: &screen)
        let visible = App.openingsVisibleRows(state.size)
        for (offset, summary) in page.summaries.dropFirst(page.top).prefix(visible).enumerated() {
            let index = page.top + offset
            let y = 2 + offset
            let selected = index == page.selected
            let o = summary.opening
            if selected { screen.fill(Rect(x: 0, y: y, width: width, height: 1), style: Theme.selected) }
            let closed = o.status.isClosed
            let style: Style = selected ? Theme.selected : closed ? Theme.dim : .plain
            columns.draw(["\(o.id)", o.title, o.company ?? "", o.place, o.status.title,
                          closed ? "—" : grouped(summary.matches), grouped(summary.contacted)],
                         y: y, style: style, into: &screen)
        }
        if page.top + visible < page.summaries.count {
            screen.put(Theme.glyphs(state.settings).more, x: width - 1, y: 1 + visible, style: Theme.dim)
        }
        if let selected = page.selectedSummary {
            screen.put(DisplayWidth.truncate(details(selected.opening, state: state), to: width - 2), x: 1, y: state.size.height - 2,
                       style: Theme.dim)
        }
        Render.statusLine(state, hints: hints, into: &screen)
    }

    /// The line under the list: who owns the selected opening, since when, and its notes.
    static func details(_ o: Opening, state: AppState) -> String {
        let zone = state.moment.timeZone
        var parts = ["#\(o.id)", "opened \(Day(o.createdAt, in: zone).iso)"]
        if o.updatedAt > o.createdAt, !o.status.isClosed { parts.append("edited \(Day(o.updatedAt, in: zone).iso)") }
        if let closed = o.closedAt { parts.append("\(o.status.title) \(Day(closed, in: zone).iso)") }
        if let placed = o.placedCandidateID { parts.append("placed #\(placed)") }
        if let owner = o.owner { parts.append("owner \(DisplayWidth.sanitize(owner))") }
        let notes = o.notes.split(whereSeparator: \.isNewline).joined(separator: " ")
        if !notes.isEmpty { parts.append(DisplayWidth.sanitize(notes)) }
        return parts.joined(separator: " · ")
    }

    /// The list's columns: the title takes what the others leave.
    struct Columns {
        var widths: [Int]
        var alignments: [DisplayWidth.Alignment]

        init(width: Int) {
            let wide = width >= 120
            let company = wide ? 22 : 13
            let place = wide ? 24 : 15
            let fixed = 2 + 5 + company + place + 9 + 7 + 8
            widths = [5, max(10, width - fixed - 1), company, place, 9, 7, 8]
            alignments = [.right, .left, .left, .left, .left, .right, .right]
        }

        func draw(_ cells: [String], y: Int, style: Style, into screen: inout Screen) {
            var x = 1
            for (i, cell) in cells.enumerated() {
                let text = DisplayWidth.fit(DisplayWidth.sanitize(cell), to: widths[i] - 1, alignment: alignments[i])
                _ = screen.put(text, x: x, y: y, style: style, maxWidth: max(0, screen.width - x - 1))
                x += widths[i]
            }
        }
    }
}
