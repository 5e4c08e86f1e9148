import FunnelCore

extension App {
    /// Scrolling the candidate screen (its lines are laid out by `CandidateView`).
    static func candidateAction(_ state: inout AppState, _ action: Action) -> [Effect] {
        guard case var .candidate(page) = state.page else { return [] }
        let visible = Layout.candidateBodyRows(state.size)
        let total = page.detail.map { CandidateView.lines($0, state: state).count } ?? 0
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
        state.pages[state.pages.count - 1] = .candidate(page)
        return []
    }
}
