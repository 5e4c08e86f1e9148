import FunnelCore
@testable import FunnelUI
import Testing

/// The Today queue: every key of its table, the quick-log forms of 1–6 and what Enter on them
/// logs, loading and paging the queue, and what happens after a write.
@Suite struct TodayKeyTests {
    typealias T = TodayFixture
    typealias F = Fixture

    static let todayKeys: [(Key, Action)] = Keymap.help(for: .today).flatMap { b in b.keys.map { ($0, b.action) } }
    static var limit: Int { Layout.pageSize(F.small) }

    /// With Jonas Becker (second row: overdue, conversion, prefers WhatsApp) selected, each key
    /// does what its row of the key table says. An action the test does not know fails.
    @Test(arguments: todayKeys)
    func everyTodayKey(key: Key, action: Action) throws {
        var state = T.queue(selecting: 1)
        let jonas = T.jonas
        #expect(App.context(state) == .today)
        #expect(state.todayPage?.selectedItem?.candidate == jonas)
        let effects = App.update(&state, .key(key))
        let selected = state.todayPage?.selected
        // Seven rows loaded and more in the store: any move comes near the end and reads the next page.
        let nextPage: [Effect] = [.loadToday(after: T.next, limit: Self.limit)]

        switch action {
        case .up: #expect(selected == 0); #expect(effects == nextPage)
        case .down: #expect(selected == 2); #expect(effects == nextPage)
        case .pageUp: #expect(selected == 0); #expect(effects == nextPage)
        case .pageDown: #expect(selected == 6); #expect(effects == nextPage)  // clamped to the last row loaded
        case .first: #expect(selected == 0); #expect(effects == nextPage)
        case .last: #expect(selected == 6); #expect(effects == nextPage)
        case .open:
            #expect(state.page == .candidate(CandidatePage(id: jonas.id)))
            #expect(state.pages.count == 3)  // board, today, candidate: Esc comes back to the queue
            #expect(effects == [.loadCandidate(jonas.id)])
        case .quickNoAnswer, .quickVoicemail, .quickReplied, .quickInterested, .quickNotNow, .quickDeclined:
            let quick = try #require(action.quickOutcome)
            #expect(state.form?.purpose == .quickLog(candidateID: jonas.id, name: "Jonas Becker", quick: quick))
            #expect(effects.isEmpty)
        case .stageNext: #expect(effects == [.move(jonas.id, to: .loyalty)])
        case .stagePrevious: #expect(effects == [.move(jonas.id, to: .consideration)])
        case .logTouch:
            // The full form, on their preferred channel, with their planned date.
            let form = try #require(state.form)
            #expect(form.purpose == .logTouch(candidateID: jonas.id, name: "Jonas Becker"))
            #expect(form.text("channel") == "WhatsApp")
            #expect(form.text("next") == "2026-11-21")
        case .note:
            #expect(state.form?.title == "Note on Jonas Becker")
            #expect(state.form?.fields.map(\.key) == ["channel", "note"])
        case .futureRole:
            #expect(state.form?.purpose == .futureRole(candidateID: jonas.id, name: "Jonas Becker"))
        case .status:
            #expect(state.form?.purpose == .status(candidateID: jonas.id, current: .active))
        case .edit:
            // The queue holds the whole record: the form opens at once.
            #expect(state.form?.purpose == .editCandidate(jonas))
            #expect(effects.isEmpty)
        case .add:
            #expect(state.form?.purpose == .addCandidate)
        case .undo:
            #expect(state.message == .info("Nothing to undo"))
            #expect(effects.isEmpty)
        case .search:
            #expect(state.searchPage == SearchPage())
        case .refresh:
            // The board below and the queue itself, from its start.
            #expect(effects.first == .loadCounts)
            #expect(effects.last == .loadToday(after: nil, limit: Self.limit))
            #expect(effects.count == 7)
        case .palette:
            #expect(state.palette == Palette())
        case .help:
            #expect(state.helpScroll == 0)
        case .compose:
            #expect(state.overlay == nil)
            #expect(state.message == .error("No email templates yet: add one with funnel template add NAME --channel email"))
        case .campaign:
            // Without email templates there is nothing to send: said, no form.
            #expect(state.overlay == nil)
            #expect(state.message == .error("No email templates yet: add one with funnel template add NAME --channel email"))
            #expect(effects.isEmpty)
        case .report:
            #expect(state.page == .report(ReportPage()))
            #expect(state.pages.count == 3)
            #expect(effects == [.loadReport])
        case .back:
            #expect(state.page == .board)
            #expect(effects.isEmpty)
        case .quit:
            #expect(state.isFinished)
        case .openings:
            // The Openings screen on top of this one, asking for the open and on-hold openings.
            #expect(state.pages.last == .openings(OpeningsPage()))
            #expect(effects == [.loadOpenings(includeClosed: false)])
        default:
            Issue.record("no expectation for \(action) on \(key): write one")
        }
    }

    @Test func tOpensTheQueueAndItsFirstPageFillsIt() throws {
        var state = F.desk()
        #expect(F.press(&state, .char("t")) == [.loadToday(after: nil, limit: Self.limit)])
        let empty = try #require(state.todayPage)
        #expect(!empty.loaded)
        #expect(state.currentCandidateID == nil)
        // `t` is a key of the board and the candidate screen, not of the queue itself.
        #expect(App.update(&state, .key(.char("t"))).isEmpty)
        #expect(state.pages.count == 2)
        #expect(state.message == .info("t does nothing here: press ? for the keys"))
        _ = App.update(&state, .todayLoaded(T.items, counts: T.counts, countsAreLowerBound: true, append: false, next: T.next))
        let page = try #require(state.todayPage)
        #expect(page.loaded)
        #expect(page.items == T.items)
        #expect(page.counts == T.counts)
        #expect(page.reengagementIsLowerBound)
        #expect(page.next == T.next)
        #expect(page.moreAfter)
        #expect(page.selected == 0)
        #expect(state.currentCandidateID == T.marta.id)
    }

    // MARK: Quick outcomes

    struct Expected: Sendable, CustomTestStringConvertible {
        var key: Character
        var title: String
        var fields: [String]
        var channels: [String]
        var channel: String
        var next: String
        var focus: Int
        var testDescription: String { "\(key) \(title)" }
    }

    static let allChannels = ["phone", "voicemail", "email", "SMS", "WhatsApp", "LinkedIn", "in person", "other"]

    /// Jonas prefers WhatsApp: no answer and voicemail are phone calls whatever he prefers; the
    /// others are logged on his channel. The next date is the rules' proposal for the outcome.
    /// Typing goes into the note at once (for "not now", into the future-role title).
    static let expected: [Expected] = [
        Expected(key: "1", title: "No answer · Jonas Becker", fields: ["channel", "note", "next"], channels: ["phone"],
                 channel: "phone", next: "2d", focus: 1),
        Expected(key: "2", title: "Left voicemail · Jonas Becker", fields: ["channel", "note", "next"], channels: ["phone"],
                 channel: "phone", next: "3d", focus: 1),
        Expected(key: "3", title: "Replied · Jonas Becker", fields: ["channel", "note", "next"], channels: allChannels,
                 channel: "WhatsApp", next: "2d", focus: 1),
        Expected(key: "4", title: "Interested · Jonas Becker", fields: ["channel", "note", "next"], channels: allChannels,
                 channel: "WhatsApp", next: "1d", focus: 1),
        Expected(key: "5", title: "Not now · Jonas Becker", fields: ["channel", "note", "next", "title", "location", "remote"],
                 channels: allChannels, channel: "WhatsApp", next: "90d", focus: 3),
        Expected(key: "6", title: "Declined · Jonas Becker", fields: ["channel", "note", "next"], channels: allChannels,
                 channel: "WhatsApp", next: "", focus: 1),
    ]

    @Test(arguments: expected)
    func eachOutcomeKeyOpensItsFormPrefilled(_ expected: Expected) throws {
        var state = T.queue(selecting: 1)
        #expect(F.press(&state, .char(expected.key)).isEmpty)
        let form = try #require(state.form)
        #expect(form.title == expected.title)
        #expect(form.fields.map(\.key) == expected.fields)
        guard case let .choice(options, _) = form.fields[0].value else {
            Issue.record("the channel is a choice")
            return
        }
        #expect(options == expected.channels)
        #expect(form.text("channel") == expected.channel)
        #expect(form.text("note") == "")
        #expect(form.text("next") == expected.next)
        #expect(form.focus == expected.focus)
        #expect(!form.isDirty)
        if expected.key == "5" {
            #expect(form.fields.first { $0.key == "title" }?.label == "Future role")
            #expect(form.text("title") == "" && form.text("location") == "" && !form.isOn("remote"))
        }
        // Esc on the untouched form closes it and logs nothing.
        #expect(F.press(&state, .escape).isEmpty)
        #expect(state.overlay == nil)
    }

    @Test func whileReengagingAnUnansweredOutcomeProposesNoDate() throws {
        var state = T.queue(selecting: 4)  // Tom Okafor: no touch for 212 days
        #expect(state.todayPage?.selectedItem?.group == .reengagement)
        F.press(&state, .char("1"))
        #expect(state.form?.text("next") == "")
        F.press(&state, .escape)
        F.press(&state, .char("2"))
        #expect(state.form?.text("next") == "")
        F.press(&state, .escape)
        // An answer is worked while it is warm, re-engaging or not.
        F.press(&state, .char("3"))
        #expect(state.form?.text("next") == "2d")
    }

    func touch(_ channel: Channel, _ direction: Direction, _ outcome: Outcome, _ note: String = "") -> TouchDraft {
        TouchDraft(at: F.moment.now, channel: channel, direction: direction, outcome: outcome, note: note, template: nil)
    }

    /// The effects are exactly one `.logQuick` for `id` with this touch, next follow-up and future role.
    func expectLogQuick(_ effects: [Effect], _ id: Int64, _ touch: TouchDraft, next: Day?, role: FutureRoleAnswer?,
                        sourceLocation: SourceLocation = #_sourceLocation) {
        guard effects.count == 1, case let .logQuick(loggedID, resolved) = effects[0] else {
            Issue.record("expected one .logQuick, got \(effects)", sourceLocation: sourceLocation)
            return
        }
        #expect(loggedID == id, sourceLocation: sourceLocation)
        #expect(resolved.touch == touch, sourceLocation: sourceLocation)
        #expect(resolved.touch.at == F.moment.now, sourceLocation: sourceLocation)
        #expect(resolved.touch.template == nil, sourceLocation: sourceLocation)
        #expect(resolved.nextFollowUp == next, sourceLocation: sourceLocation)
        #expect(resolved.futureRole == role, sourceLocation: sourceLocation)
    }

    @Test func enterOnVoicemailLogsAPhoneCallWithTheNextDateInThreeDays() throws {
        var state = T.queue(selecting: 1)
        F.press(&state, .char("2"))
        let effects = F.press(&state, .enter)
        expectLogQuick(effects, T.jonas.id, touch(.phone, .outbound, .leftVoicemail),
                       next: Day(year: 2026, month: 11, day: 25)!, role: nil)
        #expect(state.form != nil, "the form stays until the store has logged it")
    }

    @Test func enterOnNoAnswerKeepsTheTypedNoteTrimmed() throws {
        var state = T.queue()  // Marta Silva, prefers phone
        F.press(&state, .char("1"))
        F.type(&state, "  Rang twice, no pickup  ")
        expectLogQuick(F.press(&state, .enter), T.marta.id, touch(.phone, .outbound, .noAnswer, "Rang twice, no pickup"),
                       next: Day(year: 2026, month: 11, day: 24)!, role: nil)
    }

    @Test func enterOnRepliedLogsAnInboundAnswerOnTheirChannel() throws {
        var state = T.queue(selecting: 6)  // Grace Kim, a running cadence, prefers email
        F.press(&state, .char("3"))
        F.type(&state, "Open to a call next week")
        #expect(state.form?.text("channel") == "email", "typing went into the note, not the channel")
        expectLogQuick(F.press(&state, .enter), T.grace.id, touch(.email, .inbound, .replied, "Open to a call next week"),
                       next: Day(year: 2026, month: 11, day: 24)!, role: nil)
    }

    @Test func theChannelCanBeChangedBeforeLogging() throws {
        var state = T.queue(selecting: 1)
        F.press(&state, .char("4"), .backTab, .char("p"))  // up to the channel; the first option starting with p: phone
        #expect(state.form?.text("channel") == "phone")
        expectLogQuick(F.press(&state, .enter), T.jonas.id, touch(.phone, .outbound, .interested),
                       next: Day(year: 2026, month: 11, day: 23)!, role: nil)
    }

    @Test func enterOnNotNowLogsTheFutureRoleInTheSameEntry() throws {
        var state = T.queue()  // Marta Silva, prefers phone
        F.press(&state, .char("5"))  // the future-role question first
        F.type(&state, "Staff Engineer")
        F.press(&state, .tab)
        F.type(&state, "Berlin")
        F.press(&state, .tab, .char(" "))
        #expect(state.form?.isOn("remote") == true)
        F.press(&state, .backTab, .backTab, .backTab, .backTab)  // up past the proposed 90d to the note
        F.type(&state, "Happy at Acme for now")
        #expect(state.form?.text("next") == "90d")
        expectLogQuick(F.press(&state, .enter), T.marta.id, touch(.phone, .outbound, .notNow, "Happy at Acme for now"),
                       next: Day(year: 2027, month: 2, day: 20)!, role: FutureRoleAnswer(title: "Staff Engineer", location: "Berlin", remote: true))
    }

    @Test func notNowWithoutAnAnswerLogsNoFutureRole() throws {
        var state = T.queue()
        F.press(&state, .char("5"))
        expectLogQuick(F.press(&state, .enter), T.marta.id, touch(.phone, .outbound, .notNow),
                       next: Day(year: 2027, month: 2, day: 20)!, role: nil)
    }

    @Test func enterOnDeclinedClearsTheFollowUp() throws {
        var state = T.queue(selecting: 1)
        F.press(&state, .char("6"))
        expectLogQuick(F.press(&state, .enter), T.jonas.id, touch(.whatsapp, .outbound, .declined),
                       next: nil, role: nil)
    }

    @Test func aBadOrPastDateKeepsTheFormOpenWithTheProblem() throws {
        var state = T.queue(selecting: 1)
        F.press(&state, .char("2"), .tab, .ctrl("u"))
        F.type(&state, "someday")
        #expect(F.press(&state, .enter).isEmpty)
        #expect(state.form?.error?.isEmpty == false)
        F.press(&state, .ctrl("u"))
        #expect(state.form?.error == nil, "editing clears the problem")
        F.type(&state, "2026-11-01")
        #expect(F.press(&state, .enter).isEmpty)
        #expect(state.form?.error == "the next follow-up 2026-11-01 is in the past")
        // An explicit date that is fine, typed over the proposal.
        F.press(&state, .ctrl("u"))
        F.type(&state, "2026-12-01")
        expectLogQuick(F.press(&state, .enter), T.jonas.id, touch(.phone, .outbound, .leftVoicemail),
                       next: Day(year: 2026, month: 12, day: 1)!, role: nil)
    }

    @Test func aFutureRoleLocationWithoutATitleIsRefused() throws {
        var state = T.queue()
        F.press(&state, .char("5"), .tab)
        F.type(&state, "Berlin")
        #expect(state.form?.text("location") == "Berlin")
        #expect(F.press(&state, .enter).isEmpty)
        #expect(state.form?.error?.isEmpty == false)
    }

    // MARK: Do not contact

    static var withDoNotContact: AppState {
        let zofia = T.person(650, "Zofia", "Černý", status: .doNotContact, email: "zofia@example.cz")
        return T.queue([T.item(zofia, .followUpOverdue(days: 2, dueOn: T.today.adding(days: -2)))] + T.items)
    }

    @Test(arguments: ["1", "2", "4", "5", "6"] as [Character])
    func outreachOutcomesAreRefusedForDoNotContact(key: Character) throws {
        var state = Self.withDoNotContact
        #expect(F.press(&state, .char(key)).isEmpty)
        #expect(state.overlay == nil)
        #expect(state.message == .error("Zofia Černý is marked do not contact"))
    }

    @Test func aReplyFromDoNotContactIsLoggedWithoutAFollowUp() throws {
        var state = Self.withDoNotContact
        F.press(&state, .char("3"))
        #expect(state.form?.text("next") == "", "no follow-up is ever proposed for do not contact")
        expectLogQuick(F.press(&state, .enter), 650, touch(.email, .inbound, .replied),
                       next: nil, role: nil)
    }

    @Test func theFullLogFormAndComposeAreRefusedForDoNotContactToo() throws {
        var state = Self.withDoNotContact
        _ = App.update(&state, .templatesLoaded(["checkin"]))
        F.press(&state, .char("n"))
        #expect(state.overlay == nil)
        #expect(state.message == .error("Zofia Černý is marked do not contact: only notes (N) can be logged"))
        F.press(&state, .char("c"))
        #expect(state.overlay == nil)
        #expect(state.message == .error("Zofia Černý is marked do not contact: only notes (N) can be logged"))
        F.press(&state, .char("N"))
        #expect(state.form?.title == "Note on Zofia Černý")
    }

    // MARK: Loading and paging

    /// `count` people with overdue follow-ups, ids from 700.
    static func overdue(_ count: Int, from first: Int = 0) -> [DueItem] {
        (first..<first + count).map { i in
            T.item(T.person(Int64(700 + i), "Person", "\(i + 1)"), .followUpOverdue(days: 60 - i, dueOn: T.today.adding(days: -(60 - i))))
        }
    }

    @Test func aPageAppendsAfterWhatIsLoadedWithoutDuplicates() throws {
        let first = Self.overdue(30)
        var state = T.queue(first, counts: DueCounts(overdue: 45), lowerBound: false, next: first.last!.cursor)
        // The next page overlaps the last row (a page asked twice): it is kept once.
        let second = Self.overdue(16, from: 29)
        _ = App.update(&state, .todayLoaded(second, counts: DueCounts(overdue: 45), countsAreLowerBound: false, append: true, next: nil))
        let page = try #require(state.todayPage)
        #expect(page.items.map(\.id) == (700..<745).map(Int64.init))
        #expect(page.next == nil)
        #expect(!page.moreAfter)
        #expect(!page.reengagementIsLowerBound)
    }

    @Test func aReplacedQueueKeepsTheSelectionInRange() throws {
        var state = T.queue(selecting: 6)
        _ = App.update(&state, .todayLoaded(Array(T.items.prefix(3)), counts: DueCounts(overdue: 2, today: 1), countsAreLowerBound: false,
                                            append: false, next: nil))
        let page = try #require(state.todayPage)
        #expect(page.items == Array(T.items.prefix(3)))
        #expect(page.selected == 2)
        #expect(page.counts == DueCounts(overdue: 2, today: 1))
        _ = App.update(&state, .todayLoaded([], counts: DueCounts(), countsAreLowerBound: false, append: false, next: nil))
        #expect(state.todayPage?.selected == 0)
        #expect(state.todayPage?.selectedItem == nil)
        // Nothing to log on an empty queue.
        F.press(&state, .char("2"))
        #expect(state.overlay == nil)
        #expect(state.message == .info("Nobody is due"))
        F.press(&state, .enter)
        #expect(state.message == .info("Nobody is due"))
    }

    @Test func theNextPageIsReadOnlyNearTheEndAndOnlyWhileThereIsMore() throws {
        let first = Self.overdue(45)
        var state = T.queue(first, counts: DueCounts(overdue: 80), lowerBound: false, next: first.last!.cursor)
        let visible = App.todayVisibleRows(F.small)
        // Far from the end: nothing to read.
        #expect(F.press(&state, .char("j")) == [])
        // Within a screen of the end: the page after the last row loaded.
        for _ in 0..<(45 - visible - 2) { F.press(&state, .char("j")) }
        #expect(state.todayPage?.selected == 45 - visible - 1)
        #expect(F.press(&state, .char("j")) == [.loadToday(after: first.last!.cursor, limit: Self.limit)])
        // The end of the queue: moving reads nothing.
        _ = App.update(&state, .todayLoaded([], counts: DueCounts(overdue: 45), countsAreLowerBound: false, append: true, next: nil))
        #expect(F.press(&state, .char("G")) == [])
        #expect(state.todayPage?.selected == 44)
        #expect(F.press(&state, .char("j")) == [])
        #expect(state.todayPage?.selected == 44)
    }

    // MARK: After a write

    @Test func afterALogTheSameRowSelectsTheNextPerson() throws {
        var state = T.queue(selecting: 1)
        F.press(&state, .char("2"))
        #expect(F.press(&state, .enter).count == 1)
        let revert = Revert.batch([.followUpChanged(candidateID: T.jonas.id, previous: T.jonas.nextFollowUp)])
        let effects = App.update(&state, .changed(Change(candidateID: T.jonas.id, stage: .conversion, revert: revert,
                                                         message: "Left voicemail · Jonas Becker, follow up 2026-11-25 · u undoes")))
        #expect(state.overlay == nil)
        #expect(state.message == .info("Left voicemail · Jonas Becker, follow up 2026-11-25 · u undoes"))
        #expect(state.undoStack == [revert])
        #expect(effects.first == .loadCounts)
        #expect(effects.last == .loadToday(after: nil, limit: Self.limit))
        #expect(effects.filter { if case .loadToday = $0 { true } else { false } }.count == 1)
        // The queue comes back without him: the same row now holds the next person.
        let remaining = T.items.filter { $0.id != T.jonas.id }
        _ = App.update(&state, .todayLoaded(remaining, counts: DueCounts(overdue: 1, today: 2, reengagement: 100, cadence: 1),
                                            countsAreLowerBound: true, append: false, next: T.next))
        #expect(state.todayPage?.selected == 1)
        #expect(state.todayPage?.selectedItem?.candidate == T.aiko)
        #expect(state.currentCandidateID == T.aiko.id)
        // And `u` takes the log back.
        #expect(F.press(&state, .char("u")) == [.undo(revert)])
    }

    @Test func afterALogDeepInTheQueueTheReloadCoversWhatWasLoaded() throws {
        let first = Self.overdue(30)
        var state = T.queue(first, counts: DueCounts(overdue: 45), lowerBound: false, next: first.last!.cursor)
        _ = App.update(&state, .todayLoaded(Self.overdue(15, from: 30), counts: DueCounts(overdue: 45), countsAreLowerBound: false,
                                            append: true, next: nil))
        F.press(&state, .char("G"), .char("k"), .char("k"), .char("k"), .char("k"))
        #expect(state.todayPage?.selected == 40)
        F.press(&state, .char("1"))
        F.press(&state, .enter)
        let effects = App.update(&state, .changed(Change(candidateID: 740, stage: .consideration, revert: nil, message: "No answer")))
        // The whole loaded queue is read again, not only its first page.
        #expect(effects.last == .loadToday(after: nil, limit: 45))
        let remaining = Self.overdue(45).filter { $0.id != 740 }
        _ = App.update(&state, .todayLoaded(remaining, counts: DueCounts(overdue: 44), countsAreLowerBound: false, append: false, next: nil))
        #expect(state.todayPage?.selected == 40)
        #expect(state.todayPage?.selectedItem?.id == 741)
    }

    @Test func aChangeElsewhereOrAFailureReloadsTheQueue() throws {
        var state = T.queue(selecting: 2)
        #expect(App.update(&state, .storeChangedElsewhere).contains(.loadToday(after: nil, limit: Self.limit)))
        #expect(App.update(&state, .failed("the store is locked")).contains(.loadToday(after: nil, limit: Self.limit)))
        #expect(state.message == .error("the store is locked"))
        // A board without the queue open does not read it.
        var board = F.desk()
        #expect(!App.update(&board, .storeChangedElsewhere).contains { if case .loadToday = $0 { true } else { false } })
    }

    @Test func escFromACandidateOpenedInTheQueueComesBackToTheSameRow() throws {
        var state = T.queue(selecting: 3)
        F.press(&state, .enter)
        #expect(state.candidatePage?.id == T.priya.id)
        F.press(&state, .escape)
        #expect(state.todayPage?.selected == 3)
        F.press(&state, .char("q"))
        #expect(state.page == .board)
        #expect(!state.isFinished)
    }
}

/// Rows of "Fits an open role": what is logged from them is about the opening.
@Suite struct TodayFitsKeyTests {
    typealias T = TodayFixture
    typealias F = Fixture

    /// Noa, the first fit (row 5 of the fixture).
    func queueOnNoa() -> AppState {
        var state = T.queue(T.fitsItems, counts: T.fitsCounts)
        for _ in 0..<4 { F.press(&state, .char("j")) }
        #expect(state.todayPage?.selectedItem?.candidate == T.noa)
        #expect(state.todayPage?.selectedItem?.group == .fits)
        return state
    }

    @Test(arguments: QuickOutcome.table)
    func eachOutcomeKeyLogsATouchAboutTheOpening(_ quick: QuickOutcome) throws {
        var state = queueOnNoa()
        F.press(&state, .char(quick.key))
        let form = try #require(state.form)
        #expect(form.purpose == .quickLog(candidateID: T.noa.id, name: "נועה כהן", quick: quick, openingID: 1))
        #expect(form.fields.map(\.key).prefix(4) == ["channel", "about", "note", "next"])
        #expect(form.text("about") == "#1 Staff Engineer, Lisbon")
        // A fit is not re-engagement: the outcome's own next date.
        #expect(form.text("next") == Rules.defaults.proposedFollowUpText(after: quick.outcome))
        let effects = F.press(&state, .enter)
        guard effects.count == 1, case let .logQuick(id, resolved) = effects[0] else {
            Issue.record("expected one .logQuick, got \(effects)")
            return
        }
        #expect(id == T.noa.id)
        #expect(resolved.touch.openingID == 1)
        #expect(resolved.touch.outcome == quick.outcome)
    }

    @Test func aboutCanBeChangedToNothingInParticular() throws {
        var state = queueOnNoa()
        F.press(&state, .char("1"), .backTab, .right)  // from the note up to "About", then the other option
        #expect(state.form?.text("about") == "nothing in particular")
        let effects = F.press(&state, .enter)
        guard case let .logQuick(_, resolved)? = effects.first else {
            Issue.record("expected .logQuick, got \(effects)")
            return
        }
        #expect(resolved.touch.openingID == nil)
    }

    @Test func nOnAFitOpensTheFullFormAboutTheOpening() throws {
        var state = queueOnNoa()
        F.press(&state, .char("n"))
        let form = try #require(state.form)
        #expect(form.purpose == .logTouch(candidateID: T.noa.id, name: "נועה כהן", openingID: 1))
        #expect(form.fields.map(\.key) == ["channel", "direction", "outcome", "about", "note", "next"])
        #expect(form.text("channel") == "phone")
        let effects = F.press(&state, .enter)
        guard case let .logTouch(id, touch, _)? = effects.first, effects.count == 1 else {
            Issue.record("expected one .logTouch, got \(effects)")
            return
        }
        #expect(id == T.noa.id && touch.openingID == 1)
        // A note (N) is not a contact: it is about nothing.
        var noting = queueOnNoa()
        F.press(&noting, .char("N"))
        #expect(noting.form?.fields.map(\.key) == ["channel", "note"])
    }

    @Test func otherRowsAreAboutNothing() throws {
        var state = T.queue(T.fitsItems, counts: T.fitsCounts)  // Marta, overdue
        F.press(&state, .char("1"))
        #expect(state.form?.fields.map(\.key) == ["channel", "note", "next"])
        guard case let .logQuick(_, resolved)? = F.press(&state, .enter).first else {
            Issue.record("expected .logQuick")
            return
        }
        #expect(resolved.touch.openingID == nil)
        var full = T.queue(T.fitsItems, counts: T.fitsCounts)
        F.press(&full, .char("n"))
        #expect(full.form?.purpose == .logTouch(candidateID: T.marta.id, name: "Marta Silva"))
    }
}
