import FunnelCore

/// The Today queue: grouped (overdue follow-ups, due today, fits an open role, re-engagement), most urgent first,
/// each row saying why the person is due; the outcome keys along the bottom.
enum TodayView {
    static let hints = "1 no answer · 2 voicemail · 3 replied · 4 interested · 5 not now · 6 declined · n log · Enter open · Esc back"
    /// Below 110 columns: the six outcomes and where the other keys are.
    static let narrowHints = "1 no answer 2 voicemail 3 replied 4 interested 5 not now 6 declined · ? help"

    static func hints(width: Int) -> String {
        DisplayWidth.width(of: hints) < width ? hints : narrowHints
    }

    /// One screen row: a group heading or a person.
    enum Row: Equatable {
        case heading(String)
        case item(Int)
    }

    /// Why a row is due, without what its group heading already says ("Overdue follow-ups",
    /// "Re-engagement"), so the dates fit at 80 columns. `funnel due` prints `DueReason.text`.
    static func reason(_ reason: DueReason) -> String {
        func days(_ n: Int) -> String { n == 1 ? "1 day" : "\(n) days" }
        return switch reason {
        case let .followUpOverdue(late, dueOn): "\(days(late)) overdue (due \(dueOn.iso))"
        case .followUpToday: "due today"
        case let .reengagement(silent, neverTouched):
            neverTouched ? "never contacted, added \(days(silent)) ago" : "no touch for \(days(silent))"
        // "22d" as the board's cards count days since the last touch.
        case let .cadence(silent, startedOn): "no answer since \(startedOn.iso), last touch \(silent)d"
        // The opening first: at 80 columns the match reason is what gets cut.
        case let .fitsOpening(fit): "\(fit.label) — \(fit.reason)"
        }
    }

    /// The rows with a heading before each group.
    static func rows(_ page: TodayPage) -> [Row] {
        var rows: [Row] = []
        var group: DueGroup?
        for (index, item) in page.items.enumerated() {
            if item.group != group {
                group = item.group
                let lowerBound = item.group == .reengagement && page.reengagementIsLowerBound
                rows.append(.heading("\(item.group.title) (\(grouped(page.counts.count(of: item.group)))\(lowerBound ? "+" : ""))"))
            }
            rows.append(.item(index))
        }
        return rows
    }

    static func draw(_ page: TodayPage, state: AppState, into screen: inout Screen) {
        let width = state.size.width
        screen.fill(Rect(x: 0, y: 0, width: width, height: 1), style: Theme.title)
        let counts = page.counts
        // The counts arrive with the first page: until then they are unknown, not zero.
        let title = page.loaded
            ? " Today \(state.moment.today.iso) · \(grouped(counts.overdue)) overdue · \(grouped(counts.today)) due today"
                // Only when there are some: the header is nearly full at 80 columns.
                + (counts.fits > 0 ? " · \(grouped(counts.fits)) fit a role" : "")
                + " · \(grouped(counts.reengagement))\(page.reengagementIsLowerBound ? "+" : "") to re-engage"
            : " Today \(state.moment.today.iso)"
        screen.put(DisplayWidth.truncate(title, to: width), x: 0, y: 0, style: Theme.title)
        guard page.loaded else {
            screen.put("Loading…", x: 1, y: 2, style: Theme.dim)
            Render.statusLine(state, hints: hints(width: width), into: &screen)
            return
        }
        if page.items.isEmpty {
            screen.put("Nobody is due. The desk is clear.", x: 1, y: 2, style: Theme.info)
            Render.statusLine(state, hints: "Esc back · ? help", into: &screen)
            return
        }
        let rows = rows(page)
        let visible = state.size.height - 3
        let selectedRow = rows.firstIndex(of: .item(page.selected)) ?? 0
        // Keep the selected row (and its heading, when it is the first of a group) in view.
        var first = max(0, min(selectedRow - visible / 3, rows.count - visible))
        if selectedRow > 0, rows[selectedRow - 1] != .item(page.selected - 1), first == selectedRow { first -= 1 }
        first = max(0, first)
        // Names give way first: at 80 columns the reason keeps its dates.
        let nameWidth = min(28, max(20, width / 4))
        let stageWidth = 14
        for (offset, row) in rows.dropFirst(first).prefix(visible).enumerated() {
            let y = 2 + offset
            switch row {
            case let .heading(text):
                screen.put(DisplayWidth.truncate(text, to: width - 2), x: 1, y: y, style: Theme.header)
            case let .item(index):
                let item = page.items[index]
                let c = item.candidate
                let selected = index == page.selected
                let style: Style = selected ? Theme.selected : .plain
                if selected { screen.fill(Rect(x: 0, y: y, width: width, height: 1), style: style) }
                var x = 2
                screen.put(DisplayWidth.truncate(DisplayWidth.sanitize(c.fullName), to: nameWidth - 1), x: x, y: y, style: style)
                x += nameWidth
                screen.put(DisplayWidth.truncate(c.stage.title, to: stageWidth - 1), x: x, y: y, style: selected ? style : Theme.dim)
                x += stageWidth
                var reasonStyle = item.group == .overdue ? Theme.due : Theme.stale
                if item.group == .today { reasonStyle = Theme.info }
                if item.group == .fits { reasonStyle = Theme.futureRole }
                if selected { reasonStyle = Theme.selected }
                // A fit names the opening and the answer: stored text, shown with controls escaped.
                x += screen.put(DisplayWidth.truncate(DisplayWidth.sanitize(reason(item.reason)), to: max(0, width - x - 1)),
                                x: x, y: y, style: reasonStyle)
                let contact = c.preferredChannel.map { "prefers \($0.title)" } ?? c.email ?? c.phone ?? ""
                // Only where it can be read: a contact cut to a few letters says nothing.
                if !contact.isEmpty, x + 2 + min(DisplayWidth.width(of: contact), 12) < width {
                    screen.put(DisplayWidth.truncate("  \(contact)", to: width - x - 1), x: x, y: y, style: selected ? style : Theme.dim)
                }
            }
        }
        if page.moreAfter || first + visible < rows.count {
            screen.put(Theme.glyphs(state.settings).more, x: width - 1, y: 1 + visible, style: Theme.dim)
        }
        Render.statusLine(state, hints: hints(width: width), into: &screen)
    }
}
