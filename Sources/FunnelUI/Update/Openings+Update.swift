import FunnelCore

/// The Openings screen and one opening's matches: moving, opening, and the forms.
extension App {
    static func openOpenings(_ state: inout AppState) -> [Effect] {
        if case let .openings(page) = state.page { return [.loadOpenings(includeClosed: page.includeClosed)] }
        state.pages.append(.openings(OpeningsPage()))
        return [.loadOpenings(includeClosed: false)]
    }

    /// Rows of the Openings list on screen: below the title and the headings, above the detail
    /// line and the status line.
    static func openingsVisibleRows(_ size: Size) -> Int { max(1, size.height - 5) }

    /// Matches of an opening on screen: two lines each, below a four-line header.
    static func matchesVisible(_ size: Size) -> Int { max(1, (size.height - 6) / 2) }

    static func openingsAction(_ state: inout AppState, _ action: Action) -> [Effect] {
        guard case var .openings(page) = state.page else { return [] }
        let visible = openingsVisibleRows(state.size)
        switch action {
        case .openOpening:
            guard let summary = page.selectedSummary else {
                state.message = .info("No openings yet: a adds one")
                return []
            }
            state.pages.append(.opening(OpeningPage(id: summary.opening.id)))
            return [.loadOpening(summary.opening.id)]
        case .addOpening:
            state.overlay = .form(Forms.addOpening())
            return []
        case .editOpening, .openingStatus:
            guard let opening = page.selectedSummary?.opening else {
                state.message = .info("No opening selected")
                return []
            }
            return openOpeningForm(&state, action, opening, placed: nil)
        case .showClosedOpenings:
            page.includeClosed.toggle()
            page.loaded = false
            state.pages[state.pages.count - 1] = .openings(page)
            state.message = .info(page.includeClosed ? "Showing filled and closed openings too" : "Showing open and on-hold openings")
            return [.loadOpenings(includeClosed: page.includeClosed)]
        default:
            guard let selected = moved(page.selected, by: action, visible: visible, count: page.summaries.count) else { return [] }
            page.selected = selected
            page.top = keptInView(top: page.top, selected: selected, visible: visible)
            state.pages[state.pages.count - 1] = .openings(page)
            return []
        }
    }

    static func openingAction(_ state: inout AppState, _ action: Action) -> [Effect] {
        guard case var .opening(page) = state.page else { return [] }
        let visible = matchesVisible(state.size)
        switch action {
        case .open:
            guard let match = page.selectedMatch else {
                state.message = .info("Nobody fits this opening yet")
                return []
            }
            state.pages.append(.candidate(CandidatePage(id: match.candidateID)))
            return [.loadCandidate(match.candidateID)]
        case .editOpening, .openingStatus:
            guard let opening = page.detail?.opening else { return [] }
            let placed = page.selectedMatch.map { (id: $0.candidateID, name: $0.fullName) }
            return openOpeningForm(&state, action, opening, placed: placed)
        default:
            if let quick = action.quickOutcome { return openMatchQuickLog(&state, quick) }
            let count = page.detail?.matches.count ?? 0
            guard let selected = moved(page.selected, by: action, visible: visible, count: count) else { return [] }
            page.selected = selected
            page.top = keptInView(top: page.top, selected: selected, visible: visible)
            state.pages[state.pages.count - 1] = .opening(page)
            return []
        }
    }

    static func openOpeningForm(_ state: inout AppState, _ action: Action, _ opening: Opening,
                                placed: (id: Int64, name: String)?) -> [Effect] {
        guard !opening.status.isClosed else {
            state.message = .error("Opening #\(opening.id) is \(opening.status.title): it can no longer be changed")
            return []
        }
        state.overlay = .form(action == .editOpening ? Forms.editOpening(opening) : Forms.openingStatus(opening, placed: placed))
        return []
    }

    /// 1–6 on a match: the Today queue's quick log, recorded as about this opening, so the list
    /// then shows who was reached and what they said.
    static func openMatchQuickLog(_ state: inout AppState, _ quick: QuickOutcome) -> [Effect] {
        guard case let .opening(page) = state.page, let match = page.selectedMatch, let opening = page.detail?.opening else {
            state.message = .info("Nobody fits this opening yet")
            return []
        }
        guard !opening.status.isClosed else {
            state.message = .error("Opening #\(opening.id) is \(opening.status.title): touches about it are no longer logged")
            return []
        }
        // Matches never list do-not-contact people; the status may have changed since the page loaded.
        guard match.status.allowsOutreach || quick.direction == .inbound else {
            state.message = .error("\(match.fullName) is marked do not contact")
            return []
        }
        let candidate = Candidate(id: match.candidateID, firstName: match.firstName, lastName: match.lastName,
                                  stage: match.stage, status: match.status, createdAt: state.moment.now)
        var form = Forms.quickLog(candidate: candidate, entry: QuickLogEntry(quick, for: candidate, rules: state.settings.rules,
                                                                              reengaging: false))
        form.aboutOpening = opening.id
        form.title += " · about #\(opening.id) \(opening.title)"
        state.overlay = .form(form)
        return []
    }

    /// The selection after a movement key in a list of `count` rows; nil when the action is not one.
    static func moved(_ selected: Int, by action: Action, visible: Int, count: Int) -> Int? {
        let target: Int
        switch action {
        case .up: target = selected - 1
        case .down: target = selected + 1
        case .pageUp: target = selected - visible
        case .pageDown: target = selected + visible
        case .first: target = 0
        case .last: target = count - 1
        default: return nil
        }
        return max(0, min(target, count - 1))
    }

    static func keptInView(top: Int, selected: Int, visible: Int) -> Int {
        if selected < top { return selected }
        if selected >= top + visible { return selected - visible + 1 }
        return top
    }

    static func openingsLoaded(_ state: inout AppState, _ loaded: [OpeningSummary], includeClosed: Bool) {
        // Open first, then on hold, then history; newest first within each (the store's order).
        let rank = Dictionary(uniqueKeysWithValues: Opening.State.allCases.enumerated().map { ($1, $0) })
        let summaries = loaded.enumerated().sorted { a, b in
            let (ra, rb) = (rank[a.element.opening.status] ?? 0, rank[b.element.opening.status] ?? 0)
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element)
        for (index, page) in state.pages.enumerated() {
            guard case var .openings(list) = page, list.includeClosed == includeClosed else { continue }
            // The selection stays on the same opening when the order changes (an edit moves it up).
            let selectedID = list.selectedSummary?.opening.id
            list.summaries = summaries
            list.loaded = true
            list.selected = selectedID.flatMap { id in summaries.firstIndex { $0.opening.id == id } } ?? min(list.selected, max(0, summaries.count - 1))
            list.top = keptInView(top: min(list.top, list.selected), selected: list.selected, visible: openingsVisibleRows(state.size))
            state.pages[index] = .openings(list)
        }
    }

    static func openingLoaded(_ state: inout AppState, _ detail: OpeningDetail) {
        for (index, page) in state.pages.enumerated() {
            guard case var .opening(opening) = page, opening.id == detail.opening.id else { continue }
            // After a log the same person stays selected, though their row moved.
            let selectedID = opening.selectedMatch?.candidateID
            opening.detail = detail
            opening.selected = selectedID.flatMap { id in detail.matches.firstIndex { $0.candidateID == id } }
                ?? min(opening.selected, max(0, detail.matches.count - 1))
            opening.top = keptInView(top: min(opening.top, opening.selected), selected: opening.selected,
                                     visible: matchesVisible(state.size))
            state.pages[index] = .opening(opening)
        }
    }

    /// An opening was written: close the form, say so, read the lists again (and the board when
    /// someone was placed, since they moved to conversion).
    static func openingChanged(_ state: inout AppState, id: Int64, message: String, placed: Int64?) -> [Effect] {
        state.overlay = nil
        state.message = .info(message)
        var effects = reloadOpeningPages(state)
        if !state.pages.contains(where: { if case let .opening(page) = $0 { page.id == id } else { false } }),
           case .openings = state.page {
            // A new opening: open it at once, the recruiter wants to see who fits.
            state.pages.append(.opening(OpeningPage(id: id)))
            effects.append(.loadOpening(id))
        }
        if placed != nil { effects += reloadBoard(state) + reloadCandidatePages(state) + reloadToday(state) }
        return effects
    }

    static func reloadOpeningPages(_ state: AppState) -> [Effect] {
        var effects: [Effect] = []
        var listed = Set<Bool>()
        for page in state.pages {
            switch page {
            case let .openings(list) where !listed.contains(list.includeClosed):
                effects.append(.loadOpenings(includeClosed: list.includeClosed))
                listed.insert(list.includeClosed)
            case let .opening(opening):
                effects.append(.loadOpening(opening.id))
            default:
                continue
            }
        }
        return effects
    }
}
