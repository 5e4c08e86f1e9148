import FunnelCore
@testable import FunnelUI
import Testing

/// What the UI does when the store answers a write: `.changed` (undo record, message, which
/// columns to read again, where the selection goes) and `.failed`.
@Suite struct ChangeTests {
    let limit = Layout.pageSize(Fixture.small)
    let moved = Revert.moved(candidateID: 210, stageChangeID: 77, from: .consideration, to: .conversion,
                             previousEnteredAt: Fixture.daysAgo(40), previousUpdatedAt: Fixture.daysAgo(10))

    func load(_ stage: Stage, _ request: ColumnRequest, sort: BoardSort = .activity) -> Effect {
        .loadColumn(stage, request, sort: sort, anchor: nil, limit: limit)
    }

    /// A touch, a note or an answer leaves everyone in their stage: the column headers (counts
    /// and conversions) are not read again; the card itself is (its last touch changed).
    @Test func aChangeThatMovesNobodyDoesNotReadTheColumnHeadersAgain() {
        var state = Fixture.desk(selecting: 10)
        let logged = App.update(&state, .changed(Change(candidateID: 210, stage: .consideration, revert: nil,
                                                         message: "Logged phone for Consideration 11", mayChangeStages: false)))
        #expect(!logged.contains(.loadCounts))
        #expect(logged.contains(load(.consideration, .around(210))))
        // Unless told otherwise a change may have moved someone.
        let other = App.update(&state, .changed(Change(candidateID: 210, stage: .consideration, revert: nil, message: "Saved")))
        #expect(other.first == .loadCounts)
    }

    /// A log under another screen (Today, a candidate) leaves the board's columns to be read when
    /// the board shows again: the frame after the log does not wait for them.
    @Test func aTouchUnderAnotherScreenReadsTheBoardWhenItShowsAgain() {
        var state = Fixture.desk(selecting: 10)
        Fixture.press(&state, .enter)  // the candidate screen of Consideration 11 (#210)
        let logged = App.update(&state, .changed(Change(candidateID: 210, stage: .consideration, revert: nil,
                                                         message: "Logged phone", mayChangeStages: false)))
        #expect(!logged.contains { if case .loadColumn = $0 { true } else { false } })
        #expect(logged.contains(.loadCandidate(210)))
        #expect(state.staleColumns == [.consideration])
        // Back on the board: that column (around its selection), once.
        #expect(Fixture.press(&state, .escape) == [load(.consideration, .around(210))])
        #expect(state.staleColumns.isEmpty)
        #expect(Fixture.press(&state, .char("t")).allSatisfy { if case .loadColumn = $0 { false } else { true } })
        // A move under another screen is read at once, as before (the selection may follow it).
        Fixture.press(&state, .escape)
        Fixture.press(&state, .enter)
        let moved = App.update(&state, .changed(Change(candidateID: 210, stage: .conversion, revert: moved,
                                                        message: "Moved")))
        #expect(moved.contains(load(.conversion, .around(210))))
    }

    @Test func aMoveIsRememberedForUndoAndTheSelectionFollowsTheCandidate() {
        var state = Fixture.desk(selecting: 10)
        #expect(Fixture.press(&state, .char(">")) == [.move(210, to: .conversion)])
        let effects = App.update(&state, .changed(Change(candidateID: 210, stage: .conversion, revert: moved,
                                                          message: "Moved Consideration 11 to Conversion · u undoes")))
        #expect(state.undoStack == [moved])
        #expect(state.message == .info("Moved Consideration 11 to Conversion · u undoes"))
        #expect(state.focusedStage == .conversion)
        // The column left keeps its place around the next card; the new column centres on the candidate.
        #expect(effects == [.loadCounts, load(.consideration, .around(211)), load(.conversion, .around(210))])

        var arrived = Fixture.consideration[10]
        arrived.stage = .conversion
        _ = App.update(&state, .columnLoaded(.conversion, .around(210), [arrived], moreBefore: false, moreAfter: false))
        let remaining = Fixture.consideration.filter { $0.id != 210 }
        _ = App.update(&state, .columnLoaded(.consideration, .around(211), remaining, moreBefore: false, moreAfter: false))
        #expect(state.focusedColumn.selectedCard == arrived)
        #expect(state.column(.consideration).selectedCard?.id == 211)

        // u asks the store to take it back; the answer brings the selection home.
        #expect(Fixture.press(&state, .char("u")) == [.undo(moved)])
        #expect(state.undoStack.isEmpty)
        let back = App.update(&state, .changed(Change(candidateID: 210, stage: .consideration, revert: nil,
                                                       message: "Undid move Consideration → Conversion")))
        #expect(state.undoStack.isEmpty)  // undo itself is not undoable
        #expect(state.focusedStage == .consideration)
        #expect(back == [.loadCounts, load(.conversion, .top), load(.consideration, .around(210))])
    }

    @Test func theLastCardOfAColumnReloadsAroundThePreviousOne() {
        var state = Fixture.desk(selecting: 19)
        let effects = App.update(&state, .changed(Change(candidateID: 219, stage: .conversion, revert: nil, message: "Moved")))
        #expect(effects == [.loadCounts, load(.consideration, .around(218)), load(.conversion, .around(219))])
    }

    @Test func theOnlyCardOfAColumnReloadsItFromTheTop() {
        var state = Fixture.desk()
        Fixture.press(&state, .char("l"), .char("l"), .char("l"))  // loyalty: one card
        let effects = App.update(&state, .changed(Change(candidateID: 400, stage: .advocacy, revert: nil, message: "Moved")))
        #expect(effects == [.loadCounts, load(.loyalty, .top), load(.advocacy, .around(400))])
        #expect(state.focusedStage == .advocacy)
    }

    @Test func aTouchReloadsOnlyTheCandidatesColumn() {
        var state = Fixture.desk(selecting: 4)
        let revert = Revert.logged(touchID: 1, candidateID: 204, previousLastTouch: nil, previousNextFollowUp: nil,
                                   previousActivity: Fixture.daysAgo(4))
        let effects = App.update(&state, .changed(Change(candidateID: 204, stage: .consideration, revert: revert, message: "Logged phone")))
        #expect(effects == [.loadCounts, load(.consideration, .around(204))])
        #expect(state.undoStack == [revert])
        #expect(state.focusedStage == .consideration)
    }

    @Test func aSuccessfulFormClosesAndTheCandidatePageReloads() {
        var (state, _) = Fixture.candidatePage()
        Fixture.press(&state, .char("f"))
        Fixture.press(&state, .ctrl("u"))
        Fixture.type(&state, "CTO")
        #expect(Fixture.press(&state, .enter) == [.recordFutureRole(210, title: "CTO", location: "Lisbon", remote: true)])
        let revert = Revert.futureRoleRecorded(id: 72, candidateID: 210)
        let effects = App.update(&state, .changed(Change(candidateID: 210, stage: .consideration, revert: revert,
                                                          message: "Future role for Consideration 11: CTO in Lisbon (remote)")))
        #expect(state.overlay == nil)
        #expect(state.undoStack == [revert])
        #expect(effects == [.loadCounts, load(.consideration, .around(210)), .loadCandidate(210)])
    }

    @Test func notNowOpensTheFutureRoleQuestionAtOnce() throws {
        var state = Fixture.desk(selecting: 10)
        Fixture.press(&state, .char("n"), .tab, .tab, .char("n"), .char("n"))
        #expect(state.form?.text("outcome") == "not now")
        let effects = Fixture.press(&state, .enter)
        #expect(effects.count == 1)
        _ = App.update(&state, .changed(Change(candidateID: 210, stage: .consideration, revert: nil, message: "Logged phone")))
        let form = try #require(state.form)
        #expect(form.purpose == .futureRole(candidateID: 210, name: "Consideration 11"))
        #expect(form.text("title") == "")
        #expect(form.title == "If you called Consideration 11 about a role one day…")
    }

    @Test func otherOutcomesCloseTheForm() {
        var state = Fixture.desk(selecting: 10)
        Fixture.press(&state, .char("n"), .tab, .tab, .char("i"), .enter)
        #expect(state.form?.text("outcome") == "interested")
        _ = App.update(&state, .changed(Change(candidateID: 210, stage: .consideration, revert: nil, message: "Logged phone")))
        #expect(state.overlay == nil)
    }

    @Test func theUndoHistoryKeepsTheLatestHundredChanges() {
        var state = Fixture.desk()
        for i in 0..<105 {
            _ = App.update(&state, .changed(Change(candidateID: 100, stage: .awareness,
                                                   revert: .followUpChanged(candidateID: 100, previous: Fixture.today.adding(days: i)),
                                                   message: "Saved")))
        }
        #expect(state.undoStack.count == 100)
        #expect(state.undoStack.first == .followUpChanged(candidateID: 100, previous: Fixture.today.adding(days: 5)))
        #expect(state.undoStack.last == .followUpChanged(candidateID: 100, previous: Fixture.today.adding(days: 104)))
    }

    @Test func aChangeOfAnotherCandidateSeenFromTheCandidatePageKeepsTheBoardFocus() {
        var (state, _) = Fixture.candidatePage()
        // A move of someone else (#100, awareness → loyalty) while #210's page is open.
        let effects = App.update(&state, .changed(Change(candidateID: 100, stage: .loyalty, revert: nil, message: "Moved")))
        #expect(state.focusedStage == .consideration)
        #expect(state.focusedColumn.selectedCard?.id == 210)
        #expect(effects.contains(.loadCandidate(210)))
        #expect(effects.contains(load(.awareness, .around(101))))
    }

    @Test func anAddedCandidateIsSelectedInTheirColumn() {
        var state = Fixture.desk(selecting: 3)
        let effects = App.update(&state, .changed(Change(candidateID: 999, stage: .loyalty, revert: nil, message: "Added Zoë (#999)")))
        #expect(state.undoStack.isEmpty)
        #expect(state.focusedStage == .loyalty)
        #expect(effects == [.loadCounts, load(.loyalty, .around(999))])
    }

    @Test func aChangeWhileSearchingRunsTheSearchAgain() {
        var state = Fixture.desk(selecting: 3)
        Fixture.press(&state, .char("/"))
        Fixture.type(&state, "ana")
        #expect(state.searchPage?.generation == 3)
        let effects = App.update(&state, .changed(Change(candidateID: 203, stage: .consideration, revert: nil, message: "Saved")))
        #expect(effects.last == .search("ana", generation: 4, limit: 100))
        #expect(state.searchPage?.generation == 4)
    }

    // MARK: Failures

    @Test func aFailedWriteShowsTheMessageAndKeepsTheFormOpen() throws {
        var state = Fixture.desk()
        Fixture.press(&state, .char("a"))
        Fixture.type(&state, "Zoë")
        Fixture.press(&state, .tab, .tab)
        Fixture.type(&state, "zoe@example.com")
        #expect(Fixture.press(&state, .enter).count == 1)
        let form = try #require(state.form)
        let effects = App.update(&state, .failed("candidate #12 already has the email zoe@example.com"))
        #expect(effects.isEmpty)
        #expect(state.message == .error("candidate #12 already has the email zoe@example.com"))
        var expected = form
        expected.error = "candidate #12 already has the email zoe@example.com"
        #expect(state.form == expected)  // every value still there to fix and resubmit
        #expect(state.undoStack.isEmpty)
    }

    @Test func aFailureWithoutAFormReloadsWhatIsOnScreen() {
        var (state, _) = Fixture.candidatePage()
        let effects = App.update(&state, .failed("Consideration 11 is already in Conversion"))
        #expect(state.message == .error("Consideration 11 is already in Conversion"))
        #expect(effects.first == .loadCounts)
        #expect(effects.count == 7)
        #expect(effects.last == .loadCandidate(210))
    }
}
