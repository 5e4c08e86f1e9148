import FunnelCore

extension App {
    /// Opens the form for an action on the current candidate.
    static func openForm(_ state: inout AppState, _ action: Action) -> [Effect] {
        guard let card = currentCard(state) else {
            state.message = .info("No candidate selected")
            return []
        }
        let detail: CandidateDetail? = switch state.page {
        case let .candidate(page): page.detail
        case let .today(page): page.selectedItem.map {
            CandidateDetail(candidate: $0.candidate, touches: [], futureRoles: [], stages: [])
        }
        default: nil
        }
        let outreach = action == .logTouch || action == .compose
        if outreach, card.status == .doNotContact {
            // Never offer outreach to someone who asked not to be contacted; a note is fine.
            state.message = .error("\(card.name) is marked do not contact: only notes (N) can be logged")
            return []
        }
        defer { markAboutOpening(&state) }
        switch action {
        case .logTouch:
            // From a row of "Fits an open role", the touch is about that opening.
            var fit: OpeningFit?
            if case let .today(page) = state.page, case let .fitsOpening(rowFit)? = page.selectedItem?.reason { fit = rowFit }
            state.overlay = .form(Forms.logTouch(candidateID: card.id, name: card.name,
                                                 preferred: detail?.candidate.preferredChannel,
                                                 nextFollowUp: detail?.candidate.nextFollowUp ?? boardCard(state)?.nextFollowUp,
                                                 about: fit))
        case .note:
            state.overlay = .form(Forms.note(candidateID: card.id, name: card.name))
        case .compose:
            guard !state.emailTemplates.isEmpty else {
                state.message = .error("No email templates yet: add one with funnel template add NAME --channel email")
                return []
            }
            state.overlay = .form(Forms.compose(candidateID: card.id, name: card.name, templates: state.emailTemplates))
        case .futureRole:
            state.overlay = .form(Forms.futureRole(candidateID: card.id, name: card.name, current: detail?.futureRoles.first))
        case .status:
            state.overlay = .form(Forms.status(candidateID: card.id, name: card.name, current: card.status))
        case .edit:
            guard let candidate = detail?.candidate else {
                // The board card lacks the full record: open the candidate, then edit there.
                state.pages.append(.candidate(CandidatePage(id: card.id)))
                state.pendingEdit = card.id
                return [.loadCandidate(card.id)]
            }
            state.overlay = .form(Forms.editCandidate(candidate))
        default:
            break
        }
        return []
    }

    /// A touch logged or an email composed from an opening's matches is about that opening
    /// (a note is not contact, so it stays a plain note).
    static func markAboutOpening(_ state: inout AppState) {
        guard case let .opening(page) = state.page, let opening = page.detail?.opening,
              case var .form(form) = state.overlay else { return }
        switch form.purpose {
        case .logTouch where form.text("channel") != Channel.note.title, .compose:
            form.aboutOpening = opening.id
            form.title += " · about #\(opening.id) \(opening.title)"
            state.overlay = .form(form)
        default:
            break
        }
    }

    static func boardCard(_ state: AppState) -> Card? {
        state.page == .board ? state.focusedColumn.selectedCard : nil
    }

    static func formKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case var .form(form) = state.overlay else { return [] }
        defer { if case .form = state.overlay { state.overlay = .form(form) } }
        if form.confirmingDiscard {
            switch key {
            case .char("y"), .char("Y"):
                state.overlay = nil
                state.message = .info("Discarded")
                return []
            default:
                form.confirmingDiscard = false
                return []
            }
        }
        switch Keymap.action(for: key, in: .form) {
        case .back:
            if form.isDirty {
                form.confirmingDiscard = true
            } else {
                state.overlay = nil
            }
            return []
        case .nextField:
            form.focus = (form.focus + 1) % form.fields.count
            return []
        case .previousField:
            form.focus = (form.focus - 1 + form.fields.count) % form.fields.count
            return []
        case .editor:
            guard case let .text(editor) = form.fields[form.focus].value else { return [] }
            return [.editText(editor.string)]
        case .submit:
            switch Forms.submit(form, today: state.moment.today, now: state.moment) {
            case let .success(effect):
                form.error = nil
                return [effect]
            case let .failure(error):
                form.error = error.message
                return []
            }
        default:
            let outcomeBefore = form.text("outcome")
            if form.edit(key) {
                form.error = nil
                prefillFollowUp(&form, outcomeBefore: outcomeBefore, defaults: state.settings.nextFollowUpDefaults)
            }
            return []
        }
    }

    /// Choosing an outcome proposes its usual next date ("left voicemail" → 3d), unless the
    /// recruiter already typed one.
    static func prefillFollowUp(_ form: inout Form, outcomeBefore: String, defaults: [Outcome: String]) {
        guard case .logTouch = form.purpose, form.text("outcome") != outcomeBefore,
              let nextIndex = form.fields.firstIndex(where: { $0.key == "next" }) else { return }
        let untouched = form.fields[nextIndex].value == form.initial[nextIndex]
            || defaults.values.contains(form.text("next"))
        guard untouched else { return }
        let outcome = Outcome.allCases.first { $0.title == form.text("outcome") }
        if let outcome, let shortcut = defaults[outcome] {
            form.setText("next", shortcut)
        } else if case let .text(initial) = form.initial[nextIndex] {
            form.setText("next", initial.string)
        }
    }

    static func confirmKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case let .confirm(confirm) = state.overlay else { return [] }
        state.overlay = nil
        guard key == .char("y") || key == .char("Y") else { return [] }
        switch confirm.action {
        case .quitDiscardingForm:
            state.isFinished = true
        case let .erase(id, _):
            return [.erase(id)]
        case let .sendCampaign(id):
            guard case var .campaign(page) = state.page, page.id == id else { return [] }
            page.sending = true
            page.ending = nil
            page.progress = "starting…"
            state.pages[state.pages.count - 1] = .campaign(page)
            return [.sendCampaignStep(id)]
        }
        return []
    }

    static func helpKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case let .help(scroll) = state.overlay else { return [] }
        let rows = HelpView.rows(for: helpContext(state)).count
        let visible = max(1, state.size.height - 6)
        let maxScroll = max(0, rows - visible)
        switch Keymap.action(for: key, in: .help) {
        case .back: state.overlay = nil
        case .up: state.overlay = .help(scroll: max(0, scroll - 1))
        case .down: state.overlay = .help(scroll: min(maxScroll, scroll + 1))
        case .pageUp: state.overlay = .help(scroll: max(0, scroll - visible))
        case .pageDown: state.overlay = .help(scroll: min(maxScroll, scroll + visible))
        case .first: state.overlay = .help(scroll: 0)
        case .last: state.overlay = .help(scroll: maxScroll)
        default:
            if key == .char("?") { state.overlay = nil }
        }
        return []
    }

    /// The screen whose keys the help and the palette list: the page under the overlay.
    static func helpContext(_ state: AppState) -> KeyContext {
        switch state.page {
        case .board: .board
        case .candidate: .candidate
        case .search: .search
        case .today: .today
        case .report: .report
        case .openings: .openings
        case .opening: .opening
        case .campaign: .campaign
        }
    }

    static func paletteKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case var .palette(palette) = state.overlay else { return [] }
        let entries = PaletteView.entries(for: helpContext(state), query: palette.query.string)
        switch key {
        case .escape:
            state.overlay = nil
            return []
        case .up, .ctrl("p"):
            palette.selected = max(0, palette.selected - 1)
        case .down, .ctrl("n"):
            palette.selected = min(max(0, entries.count - 1), palette.selected + 1)
        case .enter:
            state.overlay = nil
            guard entries.indices.contains(palette.selected) else { return [] }
            return perform(&state, entries[palette.selected].action)
        default:
            if palette.query.handle(key) { palette.selected = 0 }
        }
        state.overlay = .palette(palette)
        return []
    }

    static func searchKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case var .search(search) = state.page else { return [] }
        defer { if case .search = state.page { state.pages[state.pages.count - 1] = .search(search) } }
        switch key {
        case .escape:
            state.pages.removeLast()
            return showBoardAgain(&state)
        case .up, .ctrl("p"):
            search.selected = max(0, search.selected - 1)
            return []
        case .down, .ctrl("n"), .tab:
            search.selected = min(max(0, search.results.count - 1), search.selected + 1)
            return []
        case .enter:
            guard let card = search.selectedCard else { return [] }
            state.pages.append(.candidate(CandidatePage(id: card.id)))
            return [.loadCandidate(card.id)]
        case _ where Keymap.action(for: key, in: .search) == .campaignSearch:
            // The form goes over the search; the campaign screen opens on top of it.
            return openCampaignForm(&state)
        default:
            let before = search.query.string
            guard search.query.handle(key), search.query.string != before else { return [] }
            search.generation += 1
            search.selected = 0
            if search.query.string.trimmed.isEmpty {
                search.results = []
                search.total = 0
                search.resultsGeneration = search.generation
                return []
            }
            return [.search(search.query.string, generation: search.generation, limit: 100)]
        }
    }
}
