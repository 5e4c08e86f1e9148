import FunnelCore

extension App {
    /// Scrolling the candidate screen (its lines are laid out by `CandidateView`).
    static func candidateAction(_ state: inout AppState, _ action: Action) -> [Effect] {
        guard case var .candidate(page) = state.page else { return [] }
        let visible = Layout.candidateBodyRows(state.size)
        let total = page.detail.map { CandidateView.lines($0, state: state).count } ?? 0
        guard let scroll = scrolled(page.scroll, by: action, visible: visible, total: total) else { return [] }
        page.scroll = scroll
        state.pages[state.pages.count - 1] = .candidate(page)
        return []
    }

    /// Where a scrollable page's first visible line goes for a movement action, kept in range;
    /// nil when the action does not scroll.
    static func scrolled(_ scroll: Int, by action: Action, visible: Int, total: Int) -> Int? {
        let maxScroll = max(0, total - visible)
        let target: Int
        switch action {
        case .up: target = scroll - 1
        case .down: target = scroll + 1
        case .pageUp: target = scroll - visible
        case .pageDown: target = scroll + visible
        case .first: target = 0
        case .last: target = maxScroll
        default: return nil
        }
        return max(0, min(target, maxScroll))
    }
}
