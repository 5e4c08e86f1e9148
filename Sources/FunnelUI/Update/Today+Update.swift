import FunnelCore

extension App {
    static func openToday(_ state: inout AppState) -> [Effect] {
        if case .today = state.page { return [] }
        state.pages.append(.today(TodayPage()))
        return [.loadToday(after: nil, limit: Layout.pageSize(state.size))]
    }

    /// Rows of the Today list that fit on screen (group headings take rows too).
    static func todayVisibleRows(_ size: Size) -> Int { max(1, size.height - 5) }

    static func todayAction(_ state: inout AppState, _ action: Action) -> [Effect] {
        guard case var .today(page) = state.page else { return [] }
        let visible = todayVisibleRows(state.size)
        var effects: [Effect] = []
        switch action {
        case .up: page.selected -= 1
        case .down: page.selected += 1
        case .pageUp: page.selected -= visible
        case .pageDown: page.selected += visible
        case .first: page.selected = 0
        case .last: page.selected = page.items.count - 1
        case .open:
            guard let item = page.selectedItem else {
                state.message = .info("Nobody is due")
                return []
            }
            state.pages.append(.candidate(CandidatePage(id: item.candidate.id)))
            return [.loadCandidate(item.candidate.id)]
        default:
            if let quick = action.quickOutcome { return openQuickLog(&state, quick) }
            return []
        }
        page.selected = max(0, min(page.selected, page.items.count - 1))
        if page.selected < page.top { page.top = page.selected }
        if page.selected >= page.top + visible { page.top = page.selected - visible + 1 }
        if let next = page.next, page.selected + visible >= page.items.count {
            effects.append(.loadToday(after: next, limit: Layout.pageSize(state.size)))
        }
        state.pages[state.pages.count - 1] = .today(page)
        return effects
    }

    /// One key per outcome: a small form with the note and the proposed next date (and, after
    /// "not now", the future-role question), so Enter logs it and the next person comes up.
    static func openQuickLog(_ state: inout AppState, _ quick: QuickOutcome) -> [Effect] {
        guard case let .today(page) = state.page, let item = page.selectedItem else {
            state.message = .info("Nobody is due")
            return []
        }
        let candidate = item.candidate
        guard candidate.status.allowsOutreach || quick.direction == .inbound else {
            state.message = .error("\(candidate.fullName) is marked do not contact")
            return []
        }
        // A row of "Fits an open role" logs a touch about its opening, so the person leaves the group.
        var fit: OpeningFit?
        if case let .fitsOpening(rowFit) = item.reason { fit = rowFit }
        var entry = QuickLogEntry(quick, for: candidate, rules: state.settings.rules, reengaging: item.group == .reengagement,
                                  openingID: fit?.openingID)
        // Only an answer can be logged for someone marked do not contact, and never a next date.
        if !candidate.status.allowsOutreach { entry.nextDate = "" }
        state.overlay = .form(Forms.quickLog(candidate: candidate, entry: entry, about: fit))
        return []
    }

    static func todayLoaded(_ state: inout AppState, _ items: [DueItem], counts: DueCounts, lowerBound: Bool, append: Bool,
                            next: DueCursor?) {
        guard let index = state.pages.lastIndex(where: { if case .today = $0 { true } else { false } }),
              case var .today(page) = state.pages[index] else { return }
        if append {
            let known = Set(page.items.map(\.id))
            page.items += items.filter { !known.contains($0.id) }
        } else {
            page.items = items
        }
        page.counts = counts
        page.reengagementIsLowerBound = lowerBound
        page.next = next
        page.loaded = true
        page.selected = max(0, min(page.selected, page.items.count - 1))
        page.top = max(0, min(page.top, page.selected))
        state.pages[index] = .today(page)
    }

    /// Reads the queue again from its start, as far as it was loaded: a reload that stopped at
    /// the first page would pull the selection back to that page's end.
    static func reloadToday(_ state: AppState) -> [Effect] {
        let loaded = state.pages.compactMap { page -> Int? in
            if case let .today(today) = page { return today.items.count }
            return nil
        }
        guard let count = loaded.max() else { return [] }
        return [.loadToday(after: nil, limit: max(Layout.pageSize(state.size), count))]
    }
}
