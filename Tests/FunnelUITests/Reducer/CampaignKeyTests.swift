import FunnelCore
@testable import FunnelUI
import Testing

/// The campaign screen's keys and messages, without a store: `C` on Today, the review, `e`,
/// `S` and its confirmation, one send step per tick (and the runtime's tick at once while
/// sending), Esc stopping a run, the ending; and the frame at 80×24.
@Suite struct CampaignKeyTests {
    typealias T = TodayFixture
    typealias F = Fixture

    static let moment = F.moment
    static let campaign = Campaign(id: 7, name: "reengage-hello 2026-11-22", template: "reengage-hello", source: .reengagement,
                                   createdAt: moment.now, state: .review, finishedAt: nil)

    static func message(_ position: Int, _ state: CampaignMessageState = .queued, reason: String? = nil) -> CampaignMessage {
        CampaignMessage(id: Int64(100 + position), campaignID: 7, candidateID: Int64(500 + position), position: position, state: state,
                        reason: reason, name: "Person \(position)", address: state == .excluded ? "" : "p\(position)@example.org",
                        subject: state == .excluded ? "" : "It's been a while, Person \(position)",
                        body: state == .excluded ? "" : "Hi Person \(position),\n\nHow are things?\n\nSam", edited: false,
                        messageID: state == .excluded ? nil : "m\(position)@agency.example", error: nil, handedAt: nil, sentAt: nil)
    }

    static let messages = (1...12).map { message($0) } + [message(13, .excluded, reason: "no valid email")]

    static func tally(sent: Int = 0, state: Campaign.State = .review) -> CampaignTally {
        var campaign = campaign
        campaign.state = state
        var byState: [CampaignMessageState: Int] = [.queued: 12 - sent, .excluded: 1]
        if sent > 0 { byState[.sent] = sent }
        return CampaignTally(campaign: campaign, byState: byState, exclusions: [(reason: "no valid email", count: 1)])
    }

    /// Today open with templates known, then the campaign made and shown.
    static func review() -> AppState {
        var state = T.queue()
        _ = App.update(&state, .templatesLoaded(["followup-after-voicemail", "reengage-hello"]))
        _ = App.update(&state, .key(.char("C")))
        _ = App.update(&state, .campaignLoaded(tally(), messages))
        return state
    }

    var page: (AppState) -> CampaignPage? = { state in
        if case let .campaign(page) = state.page { return page }
        return nil
    }

    @Test func cOnTodayAsksForATemplateAndMakesTheCampaign() throws {
        var state = T.queue()
        _ = App.update(&state, .templatesLoaded(["followup-after-voicemail", "reengage-hello"]))
        #expect(F.press(&state, .char("C")).isEmpty)
        let form = try #require(state.form)
        #expect(form.purpose == .campaign(.reengagement))
        #expect(form.title == "Campaign to the re-engagement group (100)")
        // A re-engagement template is chosen first when there is one.
        #expect(form.text("template") == "reengage-hello")
        // Enter renders for review: the key line says so (nothing is saved or sent yet).
        #expect(Render.screen(state).lines().contains { $0.contains("Enter review · Tab") })
        #expect(F.press(&state, .enter) == [.createCampaign(.reengagement, template: "reengage-hello")])
        // The review arrives: the form closes and the campaign screen opens over Today.
        _ = App.update(&state, .campaignLoaded(Self.tally(), Self.messages))
        #expect(state.overlay == nil)
        #expect(App.context(state) == .campaign)
        #expect(page(state)?.messages.count == 13)
        #expect(state.pages.count == 3)
    }

    @Test func nobodyToReengageOrNoTemplateSaysSo() {
        var empty = T.queue(counts: DueCounts(overdue: 2, today: 2, reengagement: 0))
        _ = App.update(&empty, .templatesLoaded(["reengage-hello"]))
        F.press(&empty, .char("C"))
        #expect(empty.overlay == nil)
        #expect(empty.message == .info("Nobody is due for re-engagement: no campaign to make"))
    }

    @Test func sendAsksThenStepsOnePerTickAndEscStops() throws {
        var state = Self.review()
        #expect(F.press(&state, .char("S")).isEmpty)
        guard case let .confirm(confirm) = state.overlay else { Issue.record("no confirmation"); return }
        #expect(confirm.question.hasPrefix("Send 12 messages now, one per person?"))
        #expect(App.tickTimeout(state) == nil)
        #expect(F.press(&state, .char("y")) == [.sendCampaignStep(7)])
        #expect(page(state)?.sending == true)
        // While sending, the runtime ticks at once, and each tick asks for the next message.
        #expect(App.tickTimeout(state) == 0)
        var sent = Self.message(1, .sent)
        sent.sentAt = Self.moment.now
        #expect(App.update(&state, .campaignStepped(CampaignStep(message: sent, progress: "sent 1/12 · 60/min · 0:11 left",
                                                                  ending: nil, tally: Self.tally(sent: 1)))).isEmpty)
        #expect(page(state)?.messages.first?.state == .sent)
        #expect(App.update(&state, .tick) == [.sendCampaignStep(7), .checkForOutsideChanges])
        let frame = Render.screen(state).lines()
        #expect(frame[1].hasPrefix(" Sending: sent 1/12 · 60/min · 0:11 left"))
        #expect(frame.last?.hasPrefix("Sending… Esc stops") == true)
        // Esc: the run is marked stopped; the screen stays.
        #expect(F.press(&state, .escape) == [.finishCampaignRun(7)])
        #expect(page(state)?.sending == false)
        #expect(App.context(state) == .campaign)
        #expect(App.tickTimeout(state) == nil)
        #expect(App.update(&state, .tick) == [.checkForOutsideChanges])
        // The ending: said, and the queue and board under the screen read again.
        let effects = App.update(&state, .campaignStepped(CampaignStep(message: nil, progress: "Stopped: 1 of 12 sent",
                                                                        ending: "Stopped: 1 of 12 sent", tally: Self.tally(sent: 1, state: .stopped))))
        #expect(effects.first == .loadCampaign(7))
        #expect(effects.contains { if case .loadToday = $0 { true } else { false } })
        #expect(state.message == .info("Stopped: 1 of 12 sent"))
        // Esc again leaves for Today.
        F.press(&state, .escape)
        #expect(App.context(state) == .today)
    }

    @Test func aFailureEndsTheRunAsAnError() {
        var state = Self.review()
        F.press(&state, .char("S"))
        F.press(&state, .char("y"))
        _ = App.update(&state, .campaignStepped(CampaignStep(message: Self.message(1, .failed), progress: "sent 0/12",
                                                              ending: "Message 1 to Person 1 was not sent: exit 1", tally: Self.tally(), failed: true)))
        #expect(state.message == .error("Message 1 to Person 1 was not sent: exit 1"))
        #expect(page(state)?.sending == false)
        #expect(App.tickTimeout(state) == nil)
    }

    @Test func editIsForMessagesNotYetSent() {
        var state = Self.review()
        #expect(F.press(&state, .char("e")) == [.editCampaignMessage(7, position: 1)])
        _ = App.update(&state, .campaignLoaded(Self.tally(sent: 1), [Self.message(1, .sent)] + Self.messages.dropFirst()))
        #expect(F.press(&state, .char("e")).isEmpty)
        #expect(state.message == .info("Message 1 is sent: only a message not yet sent can be edited"))
        F.press(&state, .char("G"))
        #expect(page(state)?.selectedMessage?.state == .excluded)
        #expect(F.press(&state, .char("e")).isEmpty)
    }

    @Test func theReviewAt80x24() {
        var state = Self.review()
        F.press(&state, .char("G"))
        let frame = Render.screen(state).lines()
        #expect(frame[0].hasPrefix(" Campaign #7 · 12 messages · 0 sent · 1 left out · Today's re-engagement group"))
        #expect(frame[1] == " Left out: 1 no valid email")
        // The list scrolled to the last row: the one left out, with the reason; below, why.
        #expect(frame.contains { $0.contains("13.") && $0.contains("Person 13") && $0.contains("left out") && $0.contains("no valid email") })
        #expect(frame.contains { $0.hasPrefix(" Person 13 is left out: no valid email") })
        F.press(&state, .char("g"))
        let first = Render.screen(state).lines()
        #expect(first.contains { $0.hasPrefix(" To: Person 1 <p1@example.org> · Subject: It's been a while, Person 1") })
        #expect(first.contains { $0.hasPrefix(" How are things?") })
        #expect(first.last?.hasPrefix("j/k message · e edit · S send · Esc back · ? help") == true)
    }
}
