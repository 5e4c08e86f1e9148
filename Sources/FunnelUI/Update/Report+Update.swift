import FunnelCore

extension App {
    /// Scrolling the report (its lines are laid out by `ReportView` for the screen's width).
    static func reportAction(_ state: inout AppState, _ action: Action) -> [Effect] {
        guard case var .report(page) = state.page else { return [] }
        let visible = max(1, state.size.height - 2)
        let total = page.report.map { ReportView.lines($0, state: state).count } ?? 0
        let maxScroll = max(0, total - visible)
        switch action {
        case .up: page.scroll -= 1
        case .down: page.scroll += 1
        case .pageUp: page.scroll -= visible
        case .pageDown: page.scroll += visible
        case .first: page.scroll = 0
        case .last: page.scroll = maxScroll
        default: return []
        }
        page.scroll = max(0, min(page.scroll, maxScroll))
        state.pages[state.pages.count - 1] = .report(page)
        return []
    }
}
