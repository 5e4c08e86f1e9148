import FunnelCore

extension App {
    /// Movement on the board. Reads more cards from the store when the selection nears the
    /// edge of what is loaded; never more than a page at a time.
    static func boardAction(_ state: inout AppState, _ action: Action) -> [Effect] {
        let visible = Layout.visibleCards(state.size)
        let stage = state.focusedStage
        let column = state.focusedColumn
        switch action {
        case .left, .right:
            let offset = action == .left ? -1 : 1
            let index = stage.index + offset
            guard Stage.allCases.indices.contains(index) else { return [] }
            state.focusedStage = Stage.allCases[index]
            state.choosingInitialFocus = false
            return []
        case .up:
            return select(&state, (column.selected ?? 0) - 1)
        case .down:
            return select(&state, (column.selected ?? -1) + 1)
        case .pageUp:
            return select(&state, (column.selected ?? 0) - visible)
        case .pageDown:
            return select(&state, (column.selected ?? 0) + visible)
        case .first:
            if column.moreBefore { return [load(state, stage, .top)] }
            return select(&state, 0)
        case .last:
            if column.moreAfter { return [load(state, stage, .bottom)] }
            return select(&state, column.cards.count - 1)
        case .open:
            guard let card = column.selectedCard else {
                state.message = .info("\(stage.title) is empty")
                return []
            }
            state.pages.append(.candidate(CandidatePage(id: card.id)))
            return [.loadCandidate(card.id)]
        case .sort:
            let all = BoardSort.allCases
            state.sort = all[(all.firstIndex(of: state.sort)! + 1) % all.count]
            state.message = .info("Sorted by \(state.sort.title)")
            for stage in Stage.allCases { state.withColumn(stage) { $0.top = 0 } }
            return reloadBoard(state)
        default:
            return []
        }
    }

    /// Moves the focused column's selection to `index`, clamped, and asks for the next page when
    /// the selection comes within a screen of the loaded window's edge.
    static func select(_ state: inout AppState, _ index: Int) -> [Effect] {
        let visible = Layout.visibleCards(state.size)
        var effects: [Effect] = []
        let sort = state.sort, pageSize = Layout.pageSize(state.size)
        state.choosingInitialFocus = false
        state.withColumn(state.focusedStage) { column in
            guard !column.cards.isEmpty else { return }
            column.selected = max(0, min(index, column.cards.count - 1))
            column.scrollToSelection(visible: visible)
            let selected = column.selected!
            if column.moreAfter, selected + visible >= column.cards.count - 1, let last = column.cards.last {
                effects.append(.loadColumn(column.stage, .after, sort: sort, anchor: last, limit: pageSize))
            }
            if column.moreBefore, selected - visible <= 0, let first = column.cards.first {
                effects.append(.loadColumn(column.stage, .before, sort: sort, anchor: first, limit: pageSize))
            }
        }
        return effects
    }

    static func load(_ state: AppState, _ stage: Stage, _ request: ColumnRequest) -> Effect {
        .loadColumn(stage, request, sort: state.sort, anchor: nil, limit: Layout.pageSize(state.size))
    }

    static func columnLoaded(_ state: inout AppState, _ stage: Stage, _ request: ColumnRequest, _ cards: [Card],
                             moreBefore: Bool, moreAfter: Bool) -> [Effect] {
        let visible = Layout.visibleCards(state.size)
        let limit = Layout.windowLimit(state.size)
        state.withColumn(stage) { column in
            switch request {
            case .top:
                column.replace(with: cards, moreBefore: false, moreAfter: moreAfter, focusID: nil, visible: visible)
                column.selected = cards.isEmpty ? nil : 0
                column.top = 0
            case .bottom:
                column.replace(with: cards, moreBefore: moreBefore, moreAfter: false, focusID: cards.last?.id, visible: visible)
            case let .around(id):
                column.replace(with: cards, moreBefore: moreBefore, moreAfter: moreAfter, focusID: id, visible: visible)
            case .after:
                column.append(cards, moreAfter: moreAfter, limit: limit)
            case .before:
                column.prepend(cards, moreBefore: moreBefore, limit: limit)
            }
            column.scrollToSelection(visible: visible)
        }
        // Open on the first card of the first non-empty column.
        if state.choosingInitialFocus, state.columns.allSatisfy(\.loaded) {
            state.choosingInitialFocus = false
            if state.focusedColumn.cards.isEmpty, let first = state.columns.first(where: { !$0.cards.isEmpty }) {
                state.focusedStage = first.stage
            }
        }
        return []
    }
}
