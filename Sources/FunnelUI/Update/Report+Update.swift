import FunnelCore

extension App {
    /// Scrolling the report (its lines are laid out by `ReportView` for the screen's width).
    static func reportAction(_ state: inout AppState, _ action: Action) -> [Effect] {
        guard case var .report(page) = state.page else { return [] }
        let visible = max(1, state.size.height - 2)
        let total = page.report.map { ReportView.lines($0, state: state).count } ?? 0
        guard let scroll = scrolled(page.scroll, by: action, visible: visible, total: total) else { return [] }
        page.scroll = scroll
        state.pages[state.pages.count - 1] = .report(page)
        return []
    }
}
