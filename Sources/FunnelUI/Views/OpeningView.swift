import FunnelCore

/// One opening and the people whose future-role answer fits it, best first: two lines each,
/// the person (stage, their answer, whether they were reached about it) and the reason in words.
enum OpeningView {
    static let hints = "Enter open · 1-6 log outcome · n log · c email · e edit · s status · Esc back · ? help"
    static let narrowHints = "Enter open · 1-6 log · n log · c email · e/s opening · ? help"

    static func hints(width: Int) -> String { DisplayWidth.width(of: hints) < width ? hints : narrowHints }

    static func draw(_ page: OpeningPage, state: AppState, into screen: inout Screen) {
        let width = state.size.width
        screen.fill(Rect(x: 0, y: 0, width: width, height: 1), style: Theme.title)
        guard let detail = page.detail else {
            screen.put(" Opening #\(page.id)…", x: 0, y: 0, style: Theme.title)
            Render.statusLine(state, hints: hints(width: width), into: &screen)
            return
        }
        let o = detail.opening
        let glyphs = Theme.glyphs(state.settings)
        let title = " #\(o.id) \(DisplayWidth.sanitize(o.summary)) \(glyphs.bullet) \(o.status.title)"
        screen.put(DisplayWidth.truncate(title, to: width), x: 0, y: 0, style: Theme.title)
        let shown = detail.matches.count
        var figures = o.status.isClosed
            ? "\(o.status.title.capitalized(first: true)): no matches are offered"
            : "\(grouped(detail.summary.matches)) fit\(detail.summary.matches > shown ? " (best \(shown) listed)" : "")"
        figures += " \(glyphs.bullet) \(grouped(detail.summary.contacted)) reached about it"
        screen.put(DisplayWidth.truncate(figures, to: width - 2), x: 1, y: 1, style: Theme.header)
        screen.put(DisplayWidth.truncate(OpeningsView.details(o, state: state), to: width - 2), x: 1, y: 2, style: Theme.dim)
        guard !detail.matches.isEmpty else {
            if !o.status.isClosed {
                screen.put("Nobody's future-role answer fits this opening yet.", x: 1, y: 4, style: Theme.info)
                screen.put(DisplayWidth.truncate("Ask \"if I called you about a role one day…\" (f on a candidate): the answers that fit appear here.",
                                                 to: width - 2), x: 1, y: 5, style: Theme.dim)
            }
            Render.statusLine(state, hints: hints(width: width), into: &screen)
            return
        }
        let nameWidth = min(26, max(18, width / 5))
        let stageWidth = 14
        let reachedWidth = 14
        let answerWidth = max(10, width - 6 - nameWidth - stageWidth - reachedWidth - 1)
        let visible = App.matchesVisible(state.size)
        for (offset, match) in detail.matches.dropFirst(page.top).prefix(visible).enumerated() {
            let index = page.top + offset
            let y = 4 + offset * 2
            let selected = index == page.selected
            if selected { screen.fill(Rect(x: 0, y: y, width: width, height: 2), style: Theme.selected) }
            let plain: Style = selected ? Theme.selected : .plain
            var x = 1
            x += screen.put(DisplayWidth.fit("\(index + 1)", to: 3, alignment: .right) + " ", x: x, y: y, style: selected ? plain : Theme.dim)
            var name = match.fullName
            if match.status == .placed { name += " (placed)" }
            screen.put(DisplayWidth.fit(DisplayWidth.sanitize(name), to: nameWidth - 1), x: x, y: y, style: selected ? plain : Theme.header)
            x += nameWidth
            screen.put(DisplayWidth.fit(match.stage.title, to: stageWidth - 1), x: x, y: y, style: selected ? plain : Theme.dim)
            x += stageWidth
            screen.put(DisplayWidth.fit("\(glyphs.futureRole) \(DisplayWidth.sanitize(match.answer.summary))", to: answerWidth - 1),
                       x: x, y: y, style: selected ? plain : Theme.futureRole)
            x += answerWidth
            let (reached, reachedStyle) = reachedText(match)
            screen.put(DisplayWidth.fit(reached, to: reachedWidth - 1, alignment: .right), x: x, y: y,
                       style: selected ? plain : reachedStyle)
            screen.put(DisplayWidth.truncate(DisplayWidth.sanitize(reason(match.match, width: width - 6)), to: width - 6), x: 5, y: y + 1,
                       style: selected ? Theme.selectedDim : Theme.dim)
        }
        if page.top + visible < detail.matches.count {
            screen.put(glyphs.more, x: width - 1, y: 3 + visible * 2, style: Theme.dim)
        }
        if page.top > 0 { screen.put(glyphs.less, x: width - 1, y: 4, style: Theme.dim) }
        Render.statusLine(state, hints: hints(width: width), into: &screen)
    }

    /// The reason in words; where it does not fit, without its "title:" and "location:" labels
    /// (the pairs still read "Staff Engineer = Staff Engineer · Lisbon = Lisboa"), so at 80
    /// columns the age is not cut off.
    static func reason(_ match: OpeningMatch, width: Int) -> String {
        let full = (match.title == .exact ? "" : "weaker: ") + match.reason
        guard DisplayWidth.width(of: full) > width else { return full }
        let parts = match.reason.components(separatedBy: " · ").map { part -> String in
            for label in ["title: ", "location: "] where part.hasPrefix(label) { return String(part.dropFirst(label.count)) }
            return part
        }
        return (match.title == .exact ? "" : "weaker: ") + parts.joined(separator: " · ")
    }

    /// "not reached", "reached", or what they said about it ("interested").
    static func reachedText(_ match: OpeningMatchRow) -> (String, Style) {
        guard match.contacted else { return ("not reached", Theme.dim) }
        guard let outcome = match.lastOutcome else { return ("reached", Theme.info) }
        switch outcome {
        case .interested, .replied: return (outcome.title, Theme.info)
        case .declined, .notNow: return (outcome.title, Theme.stale)
        default: return (outcome.title, .plain)
        }
    }
}
