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

    /// The furthest the candidate screen can scroll: its last line at the bottom of the screen.
    static func maxScroll(_ page: CandidatePage, _ state: AppState) -> Int {
        let total = page.detail.map { CandidateView.lines($0, state: state).count } ?? 0
        return max(0, total - Layout.candidateBodyRows(state.size))
    }

    /// The furthest the report can scroll at the screen's size (its lines depend on the width).
    static func maxScroll(_ page: ReportPage, _ state: AppState) -> Int {
        let total = page.report.map { ReportView.lines($0, state: state).count } ?? 0
        return max(0, total - max(1, state.size.height - 2))
    }

    /// The furthest the `?` help can scroll.
    static func maxHelpScroll(_ state: AppState) -> Int {
        max(0, HelpView.rows(for: helpContext(state)).count - max(1, state.size.height - 6))
    }

    /// Pulls every scrolled page (and the help) back inside what it can show now. Scrolling keys
    /// clamp as they go, but a resize or a reload changes the range under a page that stays put,
    /// and a page scrolled past its end hides its first lines above an empty screen.
    static func keepScrollsInRange(_ state: inout AppState) {
        for (index, page) in state.pages.enumerated() {
            switch page {
            case var .candidate(candidate):
                let scroll = min(candidate.scroll, maxScroll(candidate, state))
                guard scroll != candidate.scroll else { continue }
                candidate.scroll = scroll
                state.pages[index] = .candidate(candidate)
            case var .report(report):
                let scroll = min(report.scroll, maxScroll(report, state))
                guard scroll != report.scroll else { continue }
                report.scroll = scroll
                state.pages[index] = .report(report)
            case var .openings(list):
                let top = keptInView(top: list.top, selected: list.selected, visible: openingsVisibleRows(state.size))
                guard top != list.top else { continue }
                list.top = top
                state.pages[index] = .openings(list)
            case var .opening(opening):
                let top = keptInView(top: opening.top, selected: opening.selected, visible: matchesVisible(state.size))
                guard top != opening.top else { continue }
                opening.top = top
                state.pages[index] = .opening(opening)
            case var .campaign(campaign):
                let top = keptInView(top: campaign.top, selected: campaign.selected, visible: campaignListRows(state.size))
                guard top != campaign.top else { continue }
                campaign.top = top
                state.pages[index] = .campaign(campaign)
            case .board, .search, .today:
                continue
            }
        }
        if case let .help(scroll) = state.overlay, scroll > maxHelpScroll(state) {
            state.overlay = .help(scroll: maxHelpScroll(state))
        }
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
