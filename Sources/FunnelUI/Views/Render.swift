import FunnelCore

/// The view: draws the whole state into a screen-sized grid of cells. Pure; the terminal layer
/// diffs the result with the previous frame and writes only what changed.
public enum Render {
    public static func screen(_ state: AppState) -> Screen {
        var screen = Screen(size: state.size)
        draw(state, into: &screen)
        return screen
    }

    public static func draw(_ state: AppState, into screen: inout Screen) {
        if Layout.isTooSmall(state.size) {
            drawTooSmall(state.size, into: &screen)
            return
        }
        switch state.page {
        case .board: BoardView.draw(state, into: &screen)
        case let .candidate(page): CandidateView.draw(page, state: state, into: &screen)
        case let .search(search): SearchView.draw(search, state: state, into: &screen)
        case let .today(today): TodayView.draw(today, state: state, into: &screen)
        case let .report(report): ReportView.draw(report, state: state, into: &screen)
        case let .openings(page): OpeningsView.draw(page, state: state, into: &screen)
        case let .opening(page): OpeningView.draw(page, state: state, into: &screen)
        case let .campaign(page): CampaignView.draw(page, state: state, into: &screen)
        }
        switch state.overlay {
        case let .help(scroll): HelpView.draw(App.helpContext(state), scroll: scroll, state: state, into: &screen)
        case let .palette(palette): PaletteView.draw(palette, context: App.helpContext(state), settings: state.settings, into: &screen)
        case let .form(form): FormView.draw(form, state: state, into: &screen)
        case let .confirm(confirm): FormView.drawConfirm(confirm, into: &screen)
        case nil: break
        }
    }

    static func drawTooSmall(_ size: Size, into screen: inout Screen) {
        let lines = [
            "Terminal too small",
            "need \(Layout.minimum.width)×\(Layout.minimum.height), have \(size.width)×\(size.height)",
            "enlarge the window, or q to quit",
        ]
        let top = max(0, size.height / 2 - 1)
        for (i, line) in lines.enumerated() {
            let text = DisplayWidth.truncate(line, to: size.width)
            let x = max(0, (size.width - DisplayWidth.width(of: text)) / 2)
            screen.put(text, x: x, y: top + i, style: i == 0 ? Theme.error : .plain)
        }
    }

    /// The bottom line: the last message, or the main keys of the screen.
    static func statusLine(_ state: AppState, hints: String, into screen: inout Screen) {
        let y = state.size.height - 1
        screen.fill(Rect(x: 0, y: y, width: state.size.width, height: 1))
        if let message = state.message {
            let style = message.kind == .error ? Theme.error : Theme.info
            screen.put(DisplayWidth.truncate(DisplayWidth.sanitize(message.text), to: state.size.width - 1), x: 0, y: y, style: style)
        } else {
            screen.put(DisplayWidth.truncate(hints, to: state.size.width - 1), x: 0, y: y, style: Theme.dim)
        }
    }

    /// "today", "3d", "2mo", "1y": how long ago, compactly.
    static func ago(_ days: Int) -> String {
        switch days {
        case ..<1: "0d"
        case ..<100: "\(days)d"
        case ..<730: "\(days / 30)mo"
        default: "\(days / 365)y"
        }
    }
}
