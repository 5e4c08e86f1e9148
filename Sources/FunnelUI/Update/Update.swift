import FunnelCore

/// The reducer: the only place `AppState` changes. Given a message it updates the state and
/// returns the effects to run. Pure: no store, no terminal, no clock.
public enum App {
    /// The state and effects for a fresh board: counts and the first page of every column.
    public static func start(size: Size, moment: Moment, settings: UISettings = UISettings()) -> (AppState, [Effect]) {
        var state = AppState(size: size, moment: moment, settings: settings)
        state.choosingInitialFocus = true
        return (state, reloadBoard(state) + [.loadTemplates])
    }

    public static func update(_ state: inout AppState, _ msg: Msg) -> [Effect] {
        switch msg {
        case let .key(key):
            return handleKey(&state, key)
        case let .resize(size):
            state.size = size
            for stage in Stage.allCases {
                state.withColumn(stage) { $0.scrollToSelection(visible: Layout.visibleCards(size)) }
            }
            // A taller screen shows more lines: nothing may stay scrolled past its new end.
            keepScrollsInRange(&state)
            return []
        case .terminate:
            state.isFinished = true
            return []
        case .tick:
            return campaignTick(state) + [.checkForOutsideChanges]
        case let .campaignLoaded(tally, messages):
            campaignLoaded(&state, tally, messages)
            return []
        case let .campaignStepped(step):
            return campaignStepped(&state, step)
        case .storeChangedElsewhere:
            return reloadBoard(state) + reloadCandidatePages(state) + rerunSearch(&state) + reloadToday(state)
                + reloadOpeningPages(state)
        case let .countsLoaded(counts, conversions):
            state.counts = counts
            state.conversions = conversions
            return []
        case let .columnLoaded(stage, request, cards, moreBefore, moreAfter):
            return columnLoaded(&state, stage, request, cards, moreBefore: moreBefore, moreAfter: moreAfter)
        case let .erased(id, message):
            state.pages.removeAll { if case let .candidate(page) = $0 { page.id == id } else { false } }
            if state.pages.isEmpty { state.pages = [.board] }
            state.undoStack.removeAll { $0.candidateID == id }
            state.message = .info(message)
            return reloadBoard(state) + reloadToday(state) + rerunSearch(&state) + reloadOpeningPages(state)
        case let .openingsLoaded(summaries, includeClosed):
            openingsLoaded(&state, summaries, includeClosed: includeClosed)
            return []
        case let .openingLoaded(detail):
            openingLoaded(&state, detail)
            return []
        case let .openingChanged(id, message, placed):
            return openingChanged(&state, id: id, message: message, placed: placed)
        case let .reportLoaded(report):
            for (index, page) in state.pages.enumerated() {
                if case var .report(reportPage) = page {
                    reportPage.report = report
                    state.pages[index] = .report(reportPage)
                }
            }
            keepScrollsInRange(&state)
            return []
        case let .templatesLoaded(names):
            state.emailTemplates = names
            return []
        case let .candidateLoaded(detail):
            for (index, page) in state.pages.enumerated() {
                if case var .candidate(candidate) = page, candidate.id == detail.candidate.id {
                    candidate.detail = detail
                    state.pages[index] = .candidate(candidate)
                }
            }
            keepScrollsInRange(&state)  // the record may have fewer lines than before (an undo)
            if state.pendingEdit == detail.candidate.id {
                state.pendingEdit = nil
                if state.overlay == nil { state.overlay = .form(Forms.editCandidate(detail.candidate)) }
            }
            return []
        case let .searchResults(generation, cards, total, exact):
            // The search page may be under a candidate opened from it (a change there reruns the search).
            guard let index = state.pages.lastIndex(where: { if case .search = $0 { true } else { false } }),
                  case var .search(search) = state.pages[index], generation == search.generation else { return [] }
            search.results = cards
            search.total = total
            search.totalIsExact = exact
            search.resultsGeneration = generation
            search.selected = min(search.selected, max(0, cards.count - 1))
            state.pages[index] = .search(search)
            return []
        case let .todayLoaded(items, counts, lowerBound, append, next):
            todayLoaded(&state, items, counts: counts, lowerBound: lowerBound, append: append, next: next)
            return []
        case let .changed(change):
            return changed(&state, change)
        case let .edited(text):
            guard case var .form(form) = state.overlay, form.fields.indices.contains(form.focus),
                  case .text = form.fields[form.focus].value else { return [] }
            form.fields[form.focus].value = .text(LineEditor(text))
            state.overlay = .form(form)
            return []
        case let .failed(message):
            state.message = .error(message)
            if case var .form(form) = state.overlay {
                form.error = message
                state.overlay = .form(form)
                return []
            }
            // The screen may be out of step with the store: read it again.
            return reloadBoard(state) + reloadCandidatePages(state) + reloadToday(state) + reloadOpeningPages(state)
        }
    }

    /// The context whose keys apply now: the top overlay, else the page.
    public static func context(_ state: AppState) -> KeyContext {
        switch state.overlay {
        case .help: return .help
        case .palette: return .palette
        case .form, .confirm: return .form
        case nil: break
        }
        switch state.page {
        case .board: return .board
        case .candidate: return .candidate
        case .search: return .search
        case .today: return .today
        case .report: return .report
        case .openings: return .openings
        case .opening: return .opening
        case .campaign: return .campaign
        }
    }

    static func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        // The terminal runs raw, so Ctrl-C arrives as a key: it leaves from anywhere, as SIGINT does.
        if key == .ctrl("c") {
            state.isFinished = true
            return []
        }
        if Layout.isTooSmall(state.size) {
            // Only leaving works when nothing can be seen.
            if key == .char("q") { state.isFinished = true }
            return []
        }
        switch state.overlay {
        case .help: return helpKey(&state, key)
        case .palette: return paletteKey(&state, key)
        case .form: return formKey(&state, key)
        case .confirm: return confirmKey(&state, key)
        case nil: break
        }
        if case .search = state.page { return searchKey(&state, key) }
        guard let action = Keymap.action(for: key, in: context(state)) else {
            if case .char = key { state.message = .info("\(key) does nothing here: press ? for the keys") }
            return []
        }
        state.message = nil
        return perform(&state, action)
    }

    /// Runs a named action on the current page (from a key or the palette).
    static func perform(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .help:
            state.overlay = .help(scroll: 0)
            return []
        case .palette:
            state.overlay = .palette(Palette())
            return []
        case .search:
            state.pages.append(.search(SearchPage()))
            return []
        case .today:
            return openToday(&state)
        case .openings:
            return openOpenings(&state)
        case .erase:
            guard let card = currentCard(state) else {
                state.message = .info("No candidate selected")
                return []
            }
            state.overlay = .confirm(Confirm(
                question: "Erase \(card.name) (#\(card.id)) and everything about them? This cannot be undone.",
                action: .erase(candidateID: card.id, name: card.name)))
            return []
        case .report:
            if case .report = state.page { return [.loadReport] }
            state.pages.append(.report(ReportPage()))
            return [.loadReport]
        case .undo:
            guard let revert = state.undoStack.popLast() else {
                state.message = .info("Nothing to undo")
                return []
            }
            return [.undo(revert)]
        case .refresh:
            if case .report = state.page { return [.loadReport] }
            return reloadBoard(state) + reloadCandidatePages(state) + reloadToday(state) + reloadOpeningPages(state)
        case .add:
            state.overlay = .form(Forms.addCandidate(stage: state.focusedStage))
            return []
        case .quit:
            state.isFinished = true
            return []
        case .back:
            if let stopping = campaignBack(&state) { return stopping }
            if state.pages.count > 1 { state.pages.removeLast() }
            return showBoardAgain(&state)
        case .campaign, .campaignColumn, .campaignSearch, .campaignOpening, .campaignTag:
            return openCampaignForm(&state)
        case .logTouch, .note, .futureRole, .status, .edit, .compose:
            return openForm(&state, action)
        case .stageNext, .stagePrevious:
            return step(&state, forward: action == .stageNext)
        default:
            switch state.page {
            case .board: return boardAction(&state, action)
            case .candidate: return candidateAction(&state, action)
            case .today: return todayAction(&state, action)
            case .report: return reportAction(&state, action)
            case .openings: return openingsAction(&state, action)
            case .opening: return openingAction(&state, action)
            case .campaign: return campaignAction(&state, action)
            case .search: return []
            }
        }
    }

    static func step(_ state: inout AppState, forward: Bool) -> [Effect] {
        guard let card = currentCard(state) else {
            state.message = .info("No candidate selected")
            return []
        }
        guard let target = forward ? card.stage.next : card.stage.previous else {
            state.message = .error(forward
                ? "\(card.name) is already in \(card.stage.title), the last stage"
                : "\(card.name) is already in \(card.stage.title), the first stage")
            return []
        }
        return [.move(card.id, to: target)]
    }

    /// Name and stage of the candidate an action applies to.
    static func currentCard(_ state: AppState) -> (id: Int64, name: String, stage: Stage, status: Status)? {
        switch state.page {
        case let .candidate(page):
            guard let c = page.detail?.candidate else { return nil }
            return (c.id, c.fullName, c.stage, c.status)
        case let .today(page):
            guard let c = page.selectedItem?.candidate else { return nil }
            return (c.id, c.fullName, c.stage, c.status)
        case let .opening(page):
            guard let m = page.selectedMatch else { return nil }
            return (m.candidateID, m.fullName, m.stage, m.status)
        case .report, .openings, .campaign:
            return nil
        case .board, .search:
            guard let card = state.page == .board ? state.focusedColumn.selectedCard : nil else { return nil }
            return (card.id, card.fullName, card.stage, card.status)
        }
    }

    /// A write went through: remember how to undo it, say so, and read again what it touched.
    static func changed(_ state: inout AppState, _ change: Change) -> [Effect] {
        var followUp: Form?
        if case let .form(form) = state.overlay {
            if case let .logTouch(id, name, _) = form.purpose, form.text("outcome") == Outcome.notNow.title {
                // "Not now" is the moment the future-role answer is worth most: ask it at once.
                followUp = Forms.futureRole(candidateID: id, name: name, current: nil)
            }
            state.overlay = nil
        }
        state.overlay = followUp.map { .form($0) }
        if let revert = change.revert {
            state.undoStack.append(revert)
            if state.undoStack.count > 100 { state.undoStack.removeFirst() }
        }
        state.message = .info(change.message)

        var effects: [Effect] = change.mayChangeStages ? [.loadCounts] : []
        let limit = Layout.pageSize(state.size)
        // A touch under another screen moves nobody: the card's column is read when the board
        // shows again (`showBoardAgain`), not before this frame.
        if !change.mayChangeStages, state.page != .board {
            for column in state.columns where column.cards.contains(where: { $0.id == change.candidateID }) {
                state.staleColumns.insert(column.stage)
            }
            return effects + reloadCandidatePages(state) + rerunSearch(&state) + reloadToday(state) + reloadOpeningPages(state)
        }
        var reloaded = Set<Stage>()
        // The column the candidate left keeps its place: reload around a neighbour.
        for column in state.columns {
            guard let index = column.cards.firstIndex(where: { $0.id == change.candidateID }),
                  column.stage != change.stage else { continue }
            let neighbour = index + 1 < column.cards.count ? column.cards[index + 1] : index > 0 ? column.cards[index - 1] : nil
            effects.append(.loadColumn(column.stage, neighbour.map { .around($0.id) } ?? .top, sort: state.sort, anchor: nil, limit: limit))
            reloaded.insert(column.stage)
        }
        if let stage = change.stage {
            // The selection follows the candidate into their new column.
            if state.page == .board || state.focusedColumn.selectedCard?.id == change.candidateID {
                state.focusedStage = stage
            }
            effects.append(.loadColumn(stage, .around(change.candidateID), sort: state.sort, anchor: nil, limit: limit))
            reloaded.insert(stage)
        }
        for column in state.columns where !reloaded.contains(column.stage) && column.cards.contains(where: { $0.id == change.candidateID }) {
            effects.append(.loadColumn(column.stage, .around(change.candidateID), sort: state.sort, anchor: nil, limit: limit))
        }
        return effects + reloadCandidatePages(state) + rerunSearch(&state) + reloadToday(state) + reloadOpeningPages(state)
    }

    /// Back on the board: the columns a write changed while it was covered are read now.
    static func showBoardAgain(_ state: inout AppState) -> [Effect] {
        guard state.page == .board, !state.staleColumns.isEmpty else { return [] }
        let limit = Layout.pageSize(state.size)
        let effects: [Effect] = state.columns.filter { state.staleColumns.contains($0.stage) }.map { column in
            .loadColumn(column.stage, column.selectedCard.map { .around($0.id) } ?? .top, sort: state.sort, anchor: nil, limit: limit)
        }
        state.staleColumns = []
        return effects
    }

    static func reloadBoard(_ state: AppState) -> [Effect] {
        let limit = Layout.pageSize(state.size)
        return [.loadCounts] + state.columns.map { column in
            let request: ColumnRequest = column.selectedCard.map { .around($0.id) } ?? .top
            return .loadColumn(column.stage, request, sort: state.sort, anchor: nil, limit: limit)
        }
    }

    static func reloadCandidatePages(_ state: AppState) -> [Effect] {
        state.pages.compactMap { page in
            if case let .candidate(candidate) = page { return .loadCandidate(candidate.id) }
            return nil
        }
    }

    static func rerunSearch(_ state: inout AppState) -> [Effect] {
        guard let index = state.pages.lastIndex(where: { if case .search = $0 { true } else { false } }),
              case var .search(search) = state.pages[index], !search.query.isEmpty else { return [] }
        search.generation += 1
        state.pages[index] = .search(search)
        return [.search(search.query.string, generation: search.generation, limit: 100)]
    }
}

extension Card {
    var name: String { fullName }
}
