import FunnelCore

/// The report screen: the text of `funnel report` (one implementation, `ReportText`) laid out for
/// the screen's width, scrollable, with the bars coloured.
enum ReportView {
    static let hints = "j/k scroll · g/G top/bottom · Ctrl-R recompute · Esc back · ? help"

    static func lines(_ report: FunnelReport, state: AppState) -> [String] {
        // Block characters only where they render and colour is wanted (NO_COLOR: plain ASCII bars).
        let unicode = state.settings.unicode && state.settings.color
        let text = ReportText(charset: unicode ? .unicode : .ascii, width: max(40, state.size.width - 2))
        return text.render(report).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    static func draw(_ page: ReportPage, state: AppState, into screen: inout Screen) {
        let width = state.size.width
        screen.fill(Rect(x: 0, y: 0, width: width, height: 1), style: Theme.title)
        guard let report = page.report else {
            screen.put(" Report", x: 0, y: 0, style: Theme.title)
            screen.put("Counting…", x: 1, y: 2, style: Theme.dim)
            Render.statusLine(state, hints: hints, into: &screen)
            return
        }
        let title = " Report \(report.period.since.iso) to \(report.period.until.iso) · \(grouped(report.totalCandidates)) candidates"
        screen.put(DisplayWidth.truncate(title, to: width), x: 0, y: 0, style: Theme.title)
        let body = lines(report, state: state)
        let visible = state.size.height - 2
        let bars: Set<Character> = ["█", "▉", "▊", "▋", "▌", "▍", "▎", "▏", "#"]
        for (row, line) in body.dropFirst(page.scroll).prefix(visible).enumerated() {
            let y = row + 1
            // Section titles are the lines that start at the margin and carry no figures.
            let isTitle = !line.isEmpty && !line.hasPrefix(" ") && !line.contains(where: { bars.contains($0) })
                && (line.last.map { !$0.isNumber && $0 != "%" } ?? false)
            var x = 1
            for character in line {
                let style: Style = bars.contains(character) && line.contains("█") || character == "#" && line.contains("##")
                    ? Theme.futureRole : isTitle ? Theme.header : .plain
                x += screen.put(String(character), x: x, y: y, style: style, maxWidth: width - x)
                if x >= width { break }
            }
        }
        if page.scroll > 0 { screen.put(Theme.glyphs(state.settings).less, x: width - 1, y: 1, style: Theme.dim) }
        if page.scroll + visible < body.count {
            screen.put(Theme.glyphs(state.settings).more, x: width - 1, y: visible, style: Theme.dim)
        }
        Render.statusLine(state, hints: hints, into: &screen)
    }
}
