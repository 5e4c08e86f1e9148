import FunnelCore
@testable import FunnelUI
import Testing

/// `c`: a form choosing an email template for the candidate, whose Enter asks the runtime to
/// render it, open $EDITOR and send (`.compose`). Refused without templates and for "do not contact".
@Suite struct ComposeKeyTests {
    typealias F = Fixture

    static let templates = ["checkin", "intro-berlin", "reengage"]

    @Test func theTemplateNamesArriveAtStart() {
        var (state, effects) = App.start(size: F.small, moment: F.moment)
        #expect(effects.last == .loadTemplates)
        #expect(App.update(&state, .templatesLoaded(Self.templates)).isEmpty)
        #expect(state.emailTemplates == Self.templates)
    }

    @Test func withoutTemplatesCSaysHowToAddOne() {
        var state = F.desk(selecting: 10)
        #expect(F.press(&state, .char("c")).isEmpty)
        #expect(state.overlay == nil)
        #expect(state.message == .error("No email templates yet: add one with funnel template add NAME --channel email"))
    }

    @Test func cOpensTheTemplateChoiceAndEnterComposes() throws {
        var state = F.desk(selecting: 10)
        _ = App.update(&state, .templatesLoaded(Self.templates))
        #expect(F.press(&state, .char("c")).isEmpty)
        let form = try #require(state.form)
        #expect(form.title == "Email Consideration 11")
        #expect(form.purpose == .compose(candidateID: 210, name: "Consideration 11"))
        #expect(form.fields.map(\.key) == ["template"])
        guard case let .choice(options, index) = form.fields[0].value else {
            Issue.record("the template is a choice")
            return
        }
        #expect(options == Self.templates)
        #expect(index == 0)
        // The first template starting with r, then Enter.
        F.press(&state, .char("r"))
        #expect(state.form?.text("template") == "reengage")
        #expect(F.press(&state, .enter) == [.compose(210, template: "reengage")])
        // The form closes when the runtime reports the touch logged.
        _ = App.update(&state, .changed(Change(candidateID: 210, stage: .consideration, revert: nil,
                                               message: "Email to Consideration 11 sent; touch logged")))
        #expect(state.overlay == nil)
        #expect(state.message == .info("Email to Consideration 11 sent; touch logged"))
    }

    @Test func enterWithTheFirstTemplateComposesIt() {
        var state = F.desk(selecting: 3)
        _ = App.update(&state, .templatesLoaded(Self.templates))
        #expect(F.press(&state, .char("c"), .enter) == [.compose(203, template: "checkin")])
    }

    @Test func aFailedSendKeepsTheFormWithTheReason() {
        var state = F.desk(selecting: 3)
        _ = App.update(&state, .templatesLoaded(Self.templates))
        F.press(&state, .char("c"), .enter)
        #expect(App.update(&state, .failed("Consideration 4 has no email address")).isEmpty)
        #expect(state.form?.error == "Consideration 4 has no email address")
    }

    @Test func fromTheCandidateScreenAndTheQueue() throws {
        var (candidate, detail) = F.candidatePage(touchCount: 3)
        _ = App.update(&candidate, .templatesLoaded(Self.templates))
        #expect(F.press(&candidate, .char("c"), .right, .enter) == [.compose(detail.candidate.id, template: "intro-berlin")])

        var today = TodayFixture.queue(selecting: 1)
        _ = App.update(&today, .templatesLoaded(Self.templates))
        F.press(&today, .char("c"))
        #expect(today.form?.purpose == .compose(candidateID: TodayFixture.jonas.id, name: "Jonas Becker"))
        #expect(F.press(&today, .enter) == [.compose(TodayFixture.jonas.id, template: "checkin")])
    }

    @Test func doNotContactIsNeverOfferedAnEmail() throws {
        var (state, _) = F.candidatePage(touchCount: 3, status: .doNotContact)
        _ = App.update(&state, .templatesLoaded(Self.templates))
        #expect(F.press(&state, .char("c")).isEmpty)
        #expect(state.overlay == nil)
        #expect(state.message?.kind == .error)
        #expect(state.message?.text.hasSuffix("is marked do not contact: only notes (N) can be logged") == true)

        var board = F.board([.loyalty: [F.card(41, "Zofia", "Černý", stage: .loyalty, status: .doNotContact)]])
        _ = App.update(&board, .templatesLoaded(Self.templates))
        board.focusedStage = .loyalty
        #expect(board.focusedColumn.selectedCard?.id == 41)
        #expect(F.press(&board, .char("c")).isEmpty)
        #expect(board.message == .error("Zofia Černý is marked do not contact: only notes (N) can be logged"))
    }

    @Test func nobodySelectedNothingToCompose() {
        var state = F.board([:])
        _ = App.update(&state, .templatesLoaded(Self.templates))
        #expect(F.press(&state, .char("c")).isEmpty)
        #expect(state.message == .info("No candidate selected"))
    }
}
