import Foundation
import FunnelCore
@testable import FunnelUI
import Testing

/// The Openings screen and one opening's page: what each key asks of the store.
@Suite struct OpeningKeyTests {
    typealias O = OpeningFixture

    func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
        keys.flatMap { App.update(&state, .key($0)) }
    }

    @Test func oOpensTheListAndEnterAnOpening() {
        var state = Fixture.desk()
        #expect(press(&state, .char("O")) == [.loadOpenings(includeClosed: false)])
        _ = App.update(&state, .openingsLoaded(O.summaries(), includeClosed: false))
        // Open first, then on hold: the on-hold opening #4 is last though the store sent it third.
        guard case let .openings(list) = state.page else { Issue.record("not on the openings"); return }
        #expect(list.summaries.map(\.opening.id) == [1, 3, 9, 4])
        #expect(press(&state, .char("j"), .enter) == [.loadOpening(3)])
        #expect(state.pages.last == .opening(OpeningPage(id: 3)))
    }

    @Test func xShowsFilledAndClosedOpeningsAndALateAnswerForTheOtherListIsIgnored() {
        var state = O.listState()
        #expect(press(&state, .char("x")) == [.loadOpenings(includeClosed: true)])
        let filled = Opening(id: 5, title: "Product Designer", location: "Lisbon", company: nil, status: .filled, createdAt: O.now)
        // The answer to the earlier request (closed ones hidden) arrives late: it does not land here.
        _ = App.update(&state, .openingsLoaded(O.summaries(), includeClosed: false))
        guard case let .openings(hidden) = state.page else { return }
        #expect(!hidden.loaded)
        _ = App.update(&state, .openingsLoaded(O.summaries() + [OpeningSummary(opening: filled, matches: 0, contacted: 3)],
                                               includeClosed: true))
        guard case let .openings(all) = state.page else { return }
        #expect(all.summaries.last?.opening.id == 5)
        // A filled opening can no longer be edited.
        _ = press(&state, .char("G"), .char("e"))
        #expect(state.overlay == nil)
        #expect(state.message == .error("Opening #5 is filled: it can no longer be changed"))
    }

    @Test func addingAnOpeningAsksTheStoreAndOpensIt() {
        var state = O.listState()
        _ = press(&state, .char("a"))
        for c in "Staff Engineer" { _ = press(&state, .char(c)) }
        _ = press(&state, .tab, .tab)
        for c in "Lisbon" { _ = press(&state, .char(c)) }
        let effects = press(&state, .enter)
        #expect(effects == [.addOpening(OpeningDraft(title: "Staff Engineer", location: "Lisbon", company: nil, workMode: .onsite,
                                                     owner: nil, notes: ""))])
        let reload = App.update(&state, .openingChanged(12, message: "Added opening #12", placed: nil))
        #expect(state.overlay == nil && state.pages.last == .opening(OpeningPage(id: 12)))
        #expect(reload == [.loadOpenings(includeClosed: false), .loadOpening(12)])
    }

    @Test func anOnsiteOpeningWithoutAPlaceIsRefusedInTheForm() {
        var state = O.listState()
        _ = press(&state, .char("a"))
        for c in "Staff Engineer" { _ = press(&state, .char(c)) }
        _ = press(&state, .tab, .tab, .tab)
        _ = press(&state, .char("o"))  // work mode: onsite
        #expect(press(&state, .enter).isEmpty)
        guard case let .form(form) = state.overlay else { Issue.record("the form closed"); return }
        #expect(form.error == "an onsite opening needs a location (or work mode remote)")
    }

    @Test func aQuickOutcomeOnAMatchIsAboutTheOpening() throws {
        var state = O.openingState()
        _ = press(&state, .char("4"))
        guard case let .form(form) = state.overlay else { Issue.record("no form"); return }
        #expect(form.title == "Interested · נועה כהן · about #1 Staff Engineer")
        let effects = press(&state, .enter)
        guard case let .logQuick(id, entry) = try #require(effects.first) else { Issue.record("\(effects)"); return }
        #expect(id == 183)
        #expect(entry.touch.outcome == .interested && entry.touch.openingID == 1)
    }

    @Test func aLoggedTouchIsAboutTheOpeningButANoteIsNot() throws {
        var state = O.openingState(selecting: 2)
        _ = press(&state, .char("n"))
        guard case let .form(log) = state.overlay else { Issue.record("no form"); return }
        #expect(log.aboutOpening == 1)
        guard case let .logTouch(id, touch, _) = try #require(press(&state, .enter).first) else { return }
        #expect(id == 301 && touch.openingID == 1)
        state.overlay = nil
        _ = press(&state, .char("N"))
        for c in "met at a meetup" { _ = press(&state, .char(c)) }
        guard case let .logTouch(_, note, _) = try #require(press(&state, .enter).first) else { return }
        #expect(note.channel == .note && note.openingID == nil)
    }

    @Test func fillingTheOpeningProposesTheSelectedPersonAsPlaced() throws {
        var state = O.openingState(selecting: 1)
        _ = press(&state, .char("s"))
        guard case let .form(form) = state.overlay else { Issue.record("no form"); return }
        #expect(form.text("placed") == "263")
        _ = press(&state, .char("f"))  // status: filled
        #expect(press(&state, .enter) == [.closeOpening(1, as: .filled, placed: 263)])
        // Placing someone moves them: the board, the candidate pages and Today are read again.
        let effects = App.update(&state, .openingChanged(1, message: "filled", placed: 263))
        #expect(effects.contains(.loadOpening(1)) && effects.contains(.loadCounts))
    }

    @Test func puttingOnHoldKeepsTheFieldsAndRefusesAPlacedPerson() {
        var state = O.openingState()
        _ = press(&state, .char("s"))
        _ = press(&state, .char("o"))  // status: on hold
        // The selected person is proposed as placed; only "filled" has one.
        #expect(press(&state, .enter).isEmpty)
        guard case var .form(form) = state.overlay else { return }
        #expect(form.error == "Only a filled opening has a placed candidate: clear Placed")
        form.setText("placed", "")
        state.overlay = .form(form)
        let opening = O.lisbon
        #expect(press(&state, .enter) == [.editOpening(1, OpeningDraft(title: opening.title, location: opening.location,
                                                                       company: opening.company, workMode: opening.workMode,
                                                                       owner: opening.owner, notes: opening.notes), status: .onHold)])
    }

    @Test func enterOnAMatchOpensTheCandidateAndEscComesBack() {
        var state = O.openingState(selecting: 1)
        #expect(press(&state, .enter) == [.loadCandidate(263)])
        _ = press(&state, .escape)
        guard case let .opening(page) = state.page else { Issue.record("not back on the opening"); return }
        #expect(page.selected == 1)
    }

    @Test func afterALogTheSamePersonStaysSelected() {
        var state = O.openingState(selecting: 2)
        // Their row moved up (the store ranks by answer, but the page reloads in a new order).
        let reordered = [O.lisbonMatches[2], O.lisbonMatches[0], O.lisbonMatches[1], O.lisbonMatches[3]]
        _ = App.update(&state, .openingLoaded(OpeningDetail(summary: OpeningSummary(opening: O.lisbon, matches: 4, contacted: 2),
                                                            matches: reordered)))
        guard case let .opening(page) = state.page else { return }
        #expect(page.selectedMatch?.candidateID == 301)
    }
}
