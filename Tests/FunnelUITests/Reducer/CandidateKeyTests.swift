import FunnelCore
@testable import FunnelUI
import Testing

/// Every key of the candidate screen, and how the screen follows loads and changes.
@Suite struct CandidateKeyTests {
    static let candidateKeys: [(Key, Action)] = Keymap.help(for: .candidate).flatMap { b in b.keys.map { ($0, b.action) } }

    /// With a loaded record of 40 touches scrolled to line 5, each key does what the table says.
    @Test(arguments: candidateKeys)
    func everyCandidateKey(key: Key, action: Action) throws {
        let opened = Fixture.candidatePage(touchCount: 40)
        var state = opened.0
        let detail = opened.1
        let id = detail.candidate.id
        let total = CandidateView.lines(detail, state: state).count
        let visible = Layout.candidateBodyRows(state.size)
        let maxScroll = total - visible
        try #require(maxScroll > 30, "the record must be long enough to scroll")
        state.pages[state.pages.count - 1] = .candidate(CandidatePage(id: id, detail: detail))
        setScroll(&state, 5)
        #expect(App.context(state) == .candidate)

        let effects = App.update(&state, .key(key))
        let scroll = state.candidatePage?.scroll
        let name = detail.candidate.fullName

        switch action {
        case .up: #expect(scroll == 4); #expect(effects.isEmpty)
        case .down: #expect(scroll == 6); #expect(effects.isEmpty)
        case .pageUp: #expect(scroll == 0); #expect(effects.isEmpty)
        case .pageDown: #expect(scroll == 5 + visible); #expect(effects.isEmpty)
        case .first: #expect(scroll == 0); #expect(effects.isEmpty)
        case .last: #expect(scroll == maxScroll); #expect(effects.isEmpty)
        case .stageNext: #expect(effects == [.move(id, to: .conversion)])
        case .stagePrevious: #expect(effects == [.move(id, to: .awareness)])
        case .logTouch:
            let form = try #require(state.form)
            #expect(form.purpose == .logTouch(candidateID: id, name: name))
        case .note:
            #expect(state.form?.title == "Note on \(name)")
        case .futureRole:
            // Pre-filled with the current answer, so a small change is a small edit.
            let form = try #require(state.form)
            #expect(form.text("title") == "Staff Engineer")
            #expect(form.text("location") == "Lisbon")
            #expect(form.isOn("remote"))
        case .status:
            #expect(state.form?.purpose == .status(candidateID: id, current: .active))
        case .edit:
            let form = try #require(state.form)
            #expect(form.purpose == .editCandidate(detail.candidate))
            #expect(form.text("email") == detail.candidate.email ?? "")
            #expect(effects.isEmpty)
        case .add:
            #expect(state.form?.purpose == .addCandidate)
        case .undo:
            #expect(state.message == .info("Nothing to undo"))
        case .search:
            #expect(state.searchPage != nil)
        case .refresh:
            #expect(effects.first == .loadCounts)
            #expect(effects.last == .loadCandidate(id))
        case .palette:
            #expect(state.palette != nil)
        case .help:
            #expect(state.helpScroll == 0)
        case .back:
            #expect(state.page == .board)
            #expect(state.focusedColumn.selectedCard?.id == id)  // where it was
        case .quit:
            #expect(state.isFinished)
        case .today:
            #expect(state.page == .today(TodayPage()))
            #expect(state.pages.count == 3)  // board, candidate, today: Esc comes back here
            #expect(effects == [.loadToday(after: nil, limit: Layout.pageSize(state.size))])
        case .report:
            #expect(state.page == .report(ReportPage()))
            #expect(state.pages.count == 3)
            #expect(effects == [.loadReport])
        case .compose:
            // No email templates loaded: an error, and no form.
            #expect(state.overlay == nil)
            #expect(state.message == .error("No email templates yet: add one with funnel template add NAME --channel email"))
            #expect(effects.isEmpty)
        case .erase:
            // Asks first, naming the person; nothing is erased yet.
            guard case let .confirm(confirm) = state.overlay else {
                Issue.record("E did not ask for confirmation")
                return
            }
            #expect(confirm.action == .erase(candidateID: id, name: detail.candidate.fullName))
            #expect(confirm.question.contains(detail.candidate.fullName) && confirm.question.contains("cannot be undone"))
            #expect(effects.isEmpty)
            // `y` confirms: the erase effect; any other key leaves the candidate alone.
            var declined = state
            #expect(App.update(&declined, .key(.char("n"))).isEmpty)
            #expect(declined.overlay == nil)
            #expect(App.update(&state, .key(.char("y"))) == [.erase(id)])
        case .openings:
            // The Openings screen on top of this one, asking for the open and on-hold openings.
            #expect(state.pages.last == .openings(OpeningsPage()))
            #expect(effects == [.loadOpenings(includeClosed: false)])
        case .campaignTag:
            // No templates loaded in this fixture: the reason, and no form (CampaignSourceKeyTests has the rest).
            #expect(effects.isEmpty && state.overlay == nil)
            #expect(state.message == .error("No email templates yet: add one with funnel template add NAME --channel email"))
        default:
            Issue.record("no expectation for \(action) on \(key): write one")
        }
    }

    @Test func anErasedCandidateLeavesTheScreenAndTheUndoStack() throws {
        var (state, detail) = Fixture.candidatePage(touchCount: 3)
        let id = detail.candidate.id
        state.pages[state.pages.count - 1] = .candidate(CandidatePage(id: id, detail: detail))
        state.undoStack = [.futureRoleRecorded(id: 9, candidateID: id), .futureRoleRecorded(id: 10, candidateID: id + 1)]
        let effects = App.update(&state, .erased(id, message: "Erased"))
        #expect(state.page == .board)
        #expect(state.undoStack == [.futureRoleRecorded(id: 10, candidateID: id + 1)])
        #expect(state.message == .info("Erased"))
        #expect(effects.contains(.loadCounts))
    }

    func setScroll(_ state: inout AppState, _ scroll: Int) {
        guard var page = state.candidatePage else { return }
        page.scroll = scroll
        state.pages[state.pages.count - 1] = .candidate(page)
    }

    @Test func scrollingStopsAtBothEnds() {
        let opened = Fixture.candidatePage(touchCount: 40)
        var state = opened.0
        let detail = opened.1
        let maxScroll = CandidateView.lines(detail, state: state).count - Layout.candidateBodyRows(state.size)
        Fixture.press(&state, .char("k"), .pageUp)
        #expect(state.candidatePage?.scroll == 0)
        Fixture.press(&state, .char("G"), .char("j"), .pageDown)
        #expect(state.candidatePage?.scroll == maxScroll)
    }

    @Test func aShortRecordDoesNotScroll() {
        var (state, _) = Fixture.candidatePage(touchCount: 1)
        Fixture.press(&state, .char("j"), .pageDown, .char("G"))
        #expect(state.candidatePage?.scroll == 0)
    }

    @Test func escapeReturnsToTheBoardWithTheSelectionWhereItWas() {
        var state = Fixture.desk(selecting: 13)
        let top = state.focusedColumn.top
        Fixture.press(&state, .enter)
        #expect(state.candidatePage?.id == Fixture.consideration[13].id)
        Fixture.press(&state, .escape)
        #expect(state.page == .board)
        #expect(state.focusedStage == .consideration)
        #expect(state.focusedColumn.selected == 13)
        #expect(state.focusedColumn.top == top)
    }

    @Test func qOnTheCandidateGoesBackNotOut() {
        var (state, _) = Fixture.candidatePage()
        Fixture.press(&state, .char("q"))
        #expect(state.page == .board)
        #expect(!state.isFinished)
    }

    @Test func beforeTheRecordLoadsActionsWait() {
        var state = Fixture.desk(selecting: 2)
        Fixture.press(&state, .enter)
        #expect(state.candidatePage?.detail == nil)
        for key in [Key.char(">"), .char("<"), .char("n"), .char("f"), .char("s")] {
            #expect(Fixture.press(&state, key).isEmpty)
            #expect(state.message == .info("No candidate selected"))
            #expect(state.overlay == nil)
        }
        // Scrolling an unloaded page is harmless.
        #expect(Fixture.press(&state, .char("j"), .char("G")).isEmpty)
        #expect(state.candidatePage?.scroll == 0)
    }

    @Test func editFromTheBoardOpensTheFormOnceTheRecordArrives() throws {
        var state = Fixture.desk(selecting: 2)
        let card = Fixture.consideration[2]
        #expect(Fixture.press(&state, .char("e")) == [.loadCandidate(card.id)])
        #expect(state.overlay == nil)
        // Another candidate's record arriving does not open it.
        let other = Fixture.detail(Fixture.candidate(999, "Other", "Person"))
        _ = App.update(&state, .candidateLoaded(other))
        #expect(state.overlay == nil)
        let detail = Fixture.detail(Fixture.candidate(card.id, card.firstName, card.lastName))
        _ = App.update(&state, .candidateLoaded(detail))
        let form = try #require(state.form)
        #expect(form.purpose == .editCandidate(detail.candidate))
        #expect(state.pendingEdit == nil)
        #expect(state.candidatePage?.detail == detail)
    }

    @Test func stageMovesUseTheRecordsStageAndStopAtTheEnds() {
        var (state, _) = Fixture.candidatePage()
        var page = state.candidatePage!
        page.detail!.candidate.stage = .advocacy
        state.pages[1] = .candidate(page)
        #expect(Fixture.press(&state, .char(">")).isEmpty)
        #expect(state.message?.kind == .error)
        #expect(state.message?.text.hasSuffix("is already in Advocacy, the last stage") == true)
        page.detail!.candidate.stage = .awareness
        state.pages[1] = .candidate(page)
        #expect(Fixture.press(&state, .char("<")).isEmpty)
        #expect(state.message?.text.hasSuffix("is already in Awareness, the first stage") == true)
    }

    @Test func doNotContactRefusesOutreachButTakesNotes() throws {
        let opened = Fixture.candidatePage(status: .doNotContact)
        var state = opened.0
        let detail = opened.1
        let name = detail.candidate.fullName
        #expect(Fixture.press(&state, .char("n")).isEmpty)
        #expect(state.overlay == nil)
        #expect(state.message == .error("\(name) is marked do not contact: only notes (N) can be logged"))
        Fixture.press(&state, .char("N"))
        let form = try #require(state.form)
        #expect(form.title == "Note on \(name)")
        #expect(form.fields.map(\.key) == ["channel", "note"])
    }

    @Test func doNotContactOnTheBoardRefusesOutreachToo() {
        var state = Fixture.board([.awareness: [Fixture.card(1, "Dana", "Private", status: .doNotContact)]])
        #expect(Fixture.press(&state, .char("n")).isEmpty)
        #expect(state.message == .error("Dana Private is marked do not contact: only notes (N) can be logged"))
        Fixture.press(&state, .char("N"))
        #expect(state.form?.title == "Note on Dana Private")
    }

    @Test func aReloadedRecordReplacesEveryOpenPageOfThatCandidate() {
        let opened = Fixture.candidatePage()
        var state = opened.0
        let detail = opened.1
        var newer = detail
        newer.touches.insert(Touchpoint(id: 1, candidateID: detail.candidate.id, at: Fixture.moment.now, channel: .email,
                                        direction: .outbound, outcome: .sent, note: "Sent the role", template: nil), at: 0)
        _ = App.update(&state, .candidateLoaded(newer))
        #expect(state.candidatePage?.detail == newer)
    }
}
