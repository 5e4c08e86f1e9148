import FunnelCore
@testable import FunnelUI
import Testing

/// Every key of the board, from the key table itself, then the edges of each movement.
@Suite struct BoardKeyTests {
    static let boardKeys: [(Key, Action)] = Keymap.help(for: .board).flatMap { b in b.keys.map { ($0, b.action) } }

    /// Given the standard desk with consideration card 10 selected, each key does what its row of
    /// the key table says. An action the test does not know fails: a new key needs a test.
    @Test(arguments: boardKeys)
    func everyBoardKey(key: Key, action: Action) throws {
        var state = Fixture.desk(selecting: 10)
        let column = Fixture.consideration
        let selected = column[10]
        #expect(App.context(state) == .board)
        let effects = App.update(&state, .key(key))
        let limit = Layout.pageSize(state.size)

        switch action {
        case .up:
            #expect(state.focusedColumn.selected == 9)
            #expect(effects.isEmpty)
        case .down:
            #expect(state.focusedColumn.selected == 11)
            #expect(effects.isEmpty)
        case .pageUp:
            #expect(state.focusedColumn.selected == 10 - Layout.visibleCards(state.size))
            #expect(effects.isEmpty)
        case .pageDown:
            #expect(state.focusedColumn.selected == 19)  // 10 + 9, clamped to the last card
            #expect(effects.isEmpty)
        case .first:
            #expect(state.focusedColumn.selected == 0)
            #expect(state.focusedColumn.top == 0)
            #expect(effects.isEmpty)
        case .last:
            #expect(state.focusedColumn.selected == 19)
            #expect(effects.isEmpty)
        case .left:
            #expect(state.focusedStage == .awareness)
            #expect(effects.isEmpty)
        case .right:
            #expect(state.focusedStage == .conversion)
            #expect(effects.isEmpty)
        case .open:
            #expect(state.pages == [.board, .candidate(CandidatePage(id: selected.id))])
            #expect(effects == [.loadCandidate(selected.id)])
        case .stageNext:
            #expect(effects == [.move(selected.id, to: .conversion)])
            #expect(state.page == .board)
        case .stagePrevious:
            #expect(effects == [.move(selected.id, to: .awareness)])
        case .logTouch:
            let form = try #require(state.form)
            #expect(form.purpose == .logTouch(candidateID: selected.id, name: selected.fullName))
            #expect(form.fields.map(\.key) == ["channel", "direction", "outcome", "note", "next"])
            #expect(effects.isEmpty)
        case .note:
            let form = try #require(state.form)
            #expect(form.purpose == .logTouch(candidateID: selected.id, name: selected.fullName))
            #expect(form.fields.map(\.key) == ["channel", "note"])
            #expect(form.focus == 1)
        case .futureRole:
            let form = try #require(state.form)
            #expect(form.purpose == .futureRole(candidateID: selected.id, name: selected.fullName))
        case .status:
            let form = try #require(state.form)
            #expect(form.purpose == .status(candidateID: selected.id, current: .active))
        case .edit:
            // The board card lacks the full record: the candidate opens, the form follows its load.
            #expect(state.candidatePage?.id == selected.id)
            #expect(state.pendingEdit == selected.id)
            #expect(effects == [.loadCandidate(selected.id)])
        case .add:
            let form = try #require(state.form)
            #expect(form.purpose == .addCandidate)
            #expect(form.text("stage") == "Consideration")  // the focused column's stage
        case .undo:
            #expect(state.message == .info("Nothing to undo"))
            #expect(effects.isEmpty)
        case .search:
            #expect(state.searchPage == SearchPage())
            #expect(effects.isEmpty)
        case .sort:
            #expect(state.sort == .name)
            #expect(state.message == .info("Sorted by name"))
            #expect(effects == [.loadCounts] + Stage.allCases.map { stage in
                let request: ColumnRequest = stage == .consideration ? .around(selected.id)
                    : stage == .conversion ? .top : .around(Fixture.desk().column(stage).cards[0].id)
                return .loadColumn(stage, request, sort: .name, anchor: nil, limit: limit)
            })
        case .refresh:
            #expect(effects.first == .loadCounts)
            #expect(effects.count == 6)
            #expect(effects.contains(.loadColumn(.consideration, .around(selected.id), sort: .activity, anchor: nil, limit: limit)))
            #expect(effects.contains(.loadColumn(.conversion, .top, sort: .activity, anchor: nil, limit: limit)))
        case .palette:
            #expect(state.palette == Palette())
        case .help:
            #expect(state.helpScroll == 0)
        case .quit:
            #expect(state.isFinished)
            #expect(effects.isEmpty)
        case .today:
            // The queue opens empty and asks for its first page.
            #expect(state.pages == [.board, .today(TodayPage())])
            #expect(effects == [.loadToday(after: nil, limit: limit)])
        case .report:
            #expect(state.pages == [.board, .report(ReportPage())])
            #expect(effects == [.loadReport])
        case .compose:
            // The standard desk has no email templates: say how to add one, open nothing.
            #expect(state.overlay == nil)
            #expect(state.message == .error("No email templates yet: add one with funnel template add NAME --channel email"))
            #expect(effects.isEmpty)
        case .openings:
            // The Openings screen on top of this one, asking for the open and on-hold openings.
            #expect(state.pages.last == .openings(OpeningsPage()))
            #expect(effects == [.loadOpenings(includeClosed: false)])
        case .campaignColumn:
            // The standard desk has no email templates: said, no form (CampaignSourceKeyTests has the rest).
            #expect(state.overlay == nil)
            #expect(state.message == .error("No email templates yet: add one with funnel template add NAME --channel email"))
            #expect(effects.isEmpty)
        default:
            Issue.record("no expectation for \(action) on \(key): write one")
        }
    }

    @Test func aKeyWithoutMeaningSaysSoAndChangesNothingElse() {
        var state = Fixture.desk(selecting: 10)
        let before = state
        let effects = Fixture.press(&state, .char("x"))
        #expect(effects.isEmpty)
        #expect(state.message == .info("x does nothing here: press ? for the keys"))
        state.message = nil
        #expect(state == before)
        // A non-character key without meaning says nothing.
        #expect(Fixture.press(&state, .function(5)).isEmpty)
        #expect(state == before)
    }

    @Test func aKeyClearsTheLastMessage() {
        var state = Fixture.desk(selecting: 10)
        state.message = .error("Something failed")
        Fixture.press(&state, .char("j"))
        #expect(state.message == nil)
    }

    // MARK: Edges

    @Test func upOnTheFirstCardAndDownOnTheLastStayPut() {
        var state = Fixture.desk(selecting: 0)
        #expect(Fixture.press(&state, .char("k"), .up, .pageUp, .char("g")).isEmpty)
        #expect(state.focusedColumn.selected == 0)
        _ = App.select(&state, 19)
        #expect(Fixture.press(&state, .char("j"), .down, .pageDown, .char("G")).isEmpty)
        #expect(state.focusedColumn.selected == 19)
        #expect(state.focusedColumn.top == 20 - Layout.visibleCards(state.size))
    }

    @Test func scrollingKeepsTheSelectionOnScreen() {
        var state = Fixture.desk(selecting: 0)
        let visible = Layout.visibleCards(state.size)
        for i in 1..<20 {
            Fixture.press(&state, .char("j"))
            let column = state.focusedColumn
            #expect(column.selected == i)
            #expect(column.top <= i && i < column.top + visible, "card \(i) off screen (top \(column.top))")
        }
        Fixture.press(&state, .char("g"))
        #expect(state.focusedColumn.top == 0)
    }

    @Test func leftOfAwarenessAndRightOfAdvocacyGoNowhere() {
        var state = Fixture.desk()
        #expect(state.focusedStage == .awareness)
        #expect(Fixture.press(&state, .char("h"), .left).isEmpty)
        #expect(state.focusedStage == .awareness)
        #expect(state.message == nil)
        Fixture.press(&state, .char("l"), .char("l"), .char("l"), .char("l"))
        #expect(state.focusedStage == .advocacy)
        #expect(Fixture.press(&state, .char("l"), .right).isEmpty)
        #expect(state.focusedStage == .advocacy)
    }

    @Test func movingBeforeAwarenessIsRefusedWithAMessageAndNoEffect() {
        var state = Fixture.desk()
        let first = Fixture.awareness[0]
        for key in [Key.char("<"), .char("H")] {
            let effects = Fixture.press(&state, key)
            #expect(effects.isEmpty)
            #expect(state.message == .error("\(first.fullName) is already in Awareness, the first stage"))
        }
    }

    @Test func movingBeyondAdvocacyIsRefusedWithAMessageAndNoEffect() {
        var state = Fixture.desk()
        Fixture.press(&state, .char("l"), .char("l"), .char("l"), .char("l"))
        for key in [Key.char(">"), .char("L")] {
            let effects = Fixture.press(&state, key)
            #expect(effects.isEmpty)
            #expect(state.message == .error("Ada Advocate is already in Advocacy, the last stage"))
        }
    }

    @Test func theKeysOnAnEmptyColumnDoNothingHarmful() {
        var state = Fixture.desk()
        Fixture.press(&state, .char("l"), .char("l"))
        #expect(state.focusedStage == .conversion)
        #expect(state.focusedColumn.cards.isEmpty)
        #expect(Fixture.press(&state, .char("j"), .char("k"), .char("g"), .char("G"), .pageDown, .pageUp).isEmpty)
        #expect(state.focusedColumn.selected == nil)
        #expect(Fixture.press(&state, .enter).isEmpty)
        #expect(state.message == .info("Conversion is empty"))
        #expect(state.page == .board)
        for key in [Key.char(">"), .char("<"), .char("n"), .char("N"), .char("f"), .char("s"), .char("e")] {
            #expect(Fixture.press(&state, key).isEmpty, "\(key)")
            #expect(state.message == .info("No candidate selected"), "\(key)")
            #expect(state.overlay == nil)
        }
        // Adding works anywhere, and proposes the empty column's stage.
        Fixture.press(&state, .char("a"))
        #expect(state.form?.text("stage") == "Conversion")
    }

    @Test func undoWithNothingToUndoSaysSo() {
        var state = Fixture.desk(selecting: 3)
        #expect(Fixture.press(&state, .char("u")).isEmpty)
        #expect(state.message == .info("Nothing to undo"))
    }

    @Test func undoTakesBackTheLatestChangeFirst() {
        var state = Fixture.desk(selecting: 3)
        let older = Revert.futureRoleRecorded(id: 1, candidateID: 203)
        let newer = Revert.followUpChanged(candidateID: 204, previous: nil)
        state.undoStack = [older, newer]
        #expect(Fixture.press(&state, .char("u")) == [.undo(newer)])
        #expect(Fixture.press(&state, .char("u")) == [.undo(older)])
        #expect(Fixture.press(&state, .char("u")).isEmpty)
        #expect(state.message == .info("Nothing to undo"))
    }

    /// `o` cycles three orders: latest activity → name → engagement → latest activity; each
    /// press reads every column again in the new order from the top of the screen.
    @Test func sortCyclesThroughActivityNameAndEngagement() {
        var state = Fixture.desk(selecting: 3)
        let limit = Layout.pageSize(state.size)
        #expect(state.sort == .activity)
        for (sort, message) in [(BoardSort.name, "Sorted by name"), (.score, "Sorted by engagement"),
                                (.activity, "Sorted by latest activity")] {
            let effects = Fixture.press(&state, .char("o"))
            #expect(state.sort == sort)
            #expect(state.message == .info(message))
            #expect(effects.count == 6)
            #expect(effects.first == .loadCounts)
            #expect(effects.dropFirst().allSatisfy {
                if case let .loadColumn(_, _, sort: s, anchor: nil, limit: l) = $0 { s == sort && l == limit } else { false }
            })
            #expect(state.columns.allSatisfy { $0.top == 0 })
        }
    }

    @Test func qQuitsAndSoDoesCtrlC() {
        var state = Fixture.desk()
        Fixture.press(&state, .char("q"))
        #expect(state.isFinished)
        var other = Fixture.desk()
        Fixture.press(&other, .ctrl("c"))
        #expect(other.isFinished)
    }

    @Test func aSignalEndsTheBoardWhateverIsOpen() {
        var state = Fixture.desk(selecting: 2)
        Fixture.press(&state, .char("n"))
        Fixture.type(&state, "x")
        _ = App.update(&state, .terminate)
        #expect(state.isFinished)
    }
}
