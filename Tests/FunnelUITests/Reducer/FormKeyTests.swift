import FunnelCore
@testable import FunnelUI
import Testing

/// The forms: every key of the form context, editing inside fields, validation, and the exact
/// effect each form asks for on Enter.
@Suite struct FormKeyTests {
    static let formKeys: [(Key, Action)] = Keymap.help(for: .form).flatMap { b in b.keys.map { ($0, b.action) } }
    let today = Fixture.today
    let now = Fixture.moment.now

    /// The log-touch form on consideration card 10 ("Consideration 11", id 210), focus on the note.
    func logForm() -> AppState {
        var state = Fixture.desk(selecting: 10)
        Fixture.press(&state, .char("n"))
        state.overlay = state.form.map { form in var f = form; f.focus = 3; return .form(f) }
        return state
    }

    @Test(arguments: formKeys)
    func everyFormKey(key: Key, action: Action) throws {
        var state = logForm()
        Fixture.type(&state, "Left a message")
        #expect(App.context(state) == .form)
        let effects = App.update(&state, .key(key))
        switch action {
        case .nextField:
            #expect(state.form?.focus == 4)
            #expect(effects.isEmpty)
        case .previousField:
            #expect(state.form?.focus == 2)
            #expect(effects.isEmpty)
        case .submit:
            #expect(effects == [.logTouch(210, TouchDraft(at: now, channel: .phone, direction: .outbound, outcome: nil,
                                                          note: "Left a message"), .clear)])
            #expect(state.form != nil)  // open until the store says it worked
        case .editor:
            #expect(effects == [.editText("Left a message")])
        case .back:
            // The note was typed: the form is dirty and asks before discarding.
            #expect(state.form?.confirmingDiscard == true)
            #expect(effects.isEmpty)
        case .quit:
            #expect(state.isFinished)
        default:
            Issue.record("no expectation for \(action) on \(key): write one")
        }
    }

    // MARK: Moving between fields

    @Test func tabAndShiftTabWrapAround() {
        var state = logForm()
        Fixture.press(&state, .tab)
        #expect(state.form?.focus == 4)
        Fixture.press(&state, .tab)
        #expect(state.form?.focus == 0)
        Fixture.press(&state, .backTab)
        #expect(state.form?.focus == 4)
        Fixture.press(&state, .up, .up, .down)
        #expect(state.form?.focus == 3)
    }

    // MARK: Text fields

    @Test func textFieldsEditLikeAShellPrompt() {
        var state = logForm()
        Fixture.type(&state, "call bak")
        Fixture.press(&state, .backspace)
        Fixture.type(&state, "ck Tuesday")
        #expect(state.form?.text("note") == "call back Tuesday")
        Fixture.press(&state, .home)
        Fixture.type(&state, "To ")
        #expect(state.form?.text("note") == "To call back Tuesday")
        Fixture.press(&state, .end, .ctrl("w"))  // deletes the word before the cursor
        #expect(state.form?.text("note") == "To call back ")
        Fixture.press(&state, .ctrl("u"))
        #expect(state.form?.text("note") == "")
        // q and other command letters are text here: they never quit or act.
        Fixture.type(&state, "q?/:nu")
        #expect(state.form?.text("note") == "q?/:nu")
        #expect(!state.isFinished)
        #expect(state.overlay != nil)
    }

    @Test func theEditorRoundTripFillsTheFocusedField() {
        var state = logForm()
        Fixture.type(&state, "draft")
        #expect(Fixture.press(&state, .ctrl("x")) == [.editText("draft")])
        _ = App.update(&state, .edited("A long note\nwritten in the editor"))
        #expect(state.form?.text("note") == "A long note\nwritten in the editor")
        // Ctrl-X on a choice field asks for nothing.
        Fixture.press(&state, .backTab)
        #expect(Fixture.press(&state, .ctrl("x")).isEmpty)
        // Text from the editor with no form open is dropped.
        var board = Fixture.desk()
        _ = App.update(&board, .edited("stray"))
        #expect(board == Fixture.desk())
    }

    // MARK: Choice fields

    @Test func choicesCycleWithArrowsAndSpaceAndWrap() {
        var state = logForm()
        Fixture.press(&state, .backTab, .backTab, .backTab)  // channel
        #expect(state.form?.focus == 0)
        #expect(state.form?.text("channel") == "phone")
        Fixture.press(&state, .right)
        #expect(state.form?.text("channel") == "voicemail")
        Fixture.press(&state, .char(" "))
        #expect(state.form?.text("channel") == "email")
        Fixture.press(&state, .left, .left, .left)
        #expect(state.form?.text("channel") == "other")  // wrapped past the first
    }

    @Test func aLetterJumpsToTheNextOptionStartingWithIt() {
        var state = logForm()
        Fixture.press(&state, .backTab, .backTab, .backTab)  // channel
        let jumps: [(Character, String)] = [("l", "LinkedIn"), ("w", "WhatsApp"), ("e", "email"), ("i", "in person"),
                                            ("o", "other"), ("s", "SMS"), ("v", "voicemail"), ("p", "phone")]
        for (letter, option) in jumps {
            Fixture.press(&state, .char(letter))
            #expect(state.form?.text("channel") == option, "\(letter)")
        }
        // A letter no option starts with changes nothing (h steps back, like ←).
        Fixture.press(&state, .char("z"))
        #expect(state.form?.text("channel") == "phone")
        Fixture.press(&state, .char("h"))
        #expect(state.form?.text("channel") == "other")
        // The outcome: repeated letters walk the options that share it.
        Fixture.press(&state, .tab, .tab)
        Fixture.press(&state, .char("n"))
        #expect(state.form?.text("outcome") == "no answer")
        Fixture.press(&state, .char("n"))
        #expect(state.form?.text("outcome") == "not now")
        Fixture.press(&state, .char("n"))
        #expect(state.form?.text("outcome") == "no answer")
        Fixture.press(&state, .char("l"))
        #expect(state.form?.text("outcome") == "left voicemail")
    }

    @Test func anOutcomePrefillsItsUsualFollowUp() {
        var state = logForm()
        Fixture.press(&state, .backTab)  // outcome
        #expect(state.form?.text("next") == "")
        Fixture.press(&state, .char("l"))
        #expect(state.form?.text("outcome") == "left voicemail")
        #expect(state.form?.text("next") == "3d")
        Fixture.press(&state, .char("s"))
        #expect(state.form?.text("next") == "7d")
        Fixture.press(&state, .char("n"), .char("n"))
        #expect(state.form?.text("outcome") == "not now")
        #expect(state.form?.text("next") == "90d")
        // An outcome without a usual date goes back to what the field held when the form opened.
        Fixture.press(&state, .char("d"))
        #expect(state.form?.text("outcome") == "declined")
        #expect(state.form?.text("next") == "")
        // A date the recruiter typed is never overwritten.
        Fixture.press(&state, .tab, .tab)
        Fixture.type(&state, "2026-12-01")
        Fixture.press(&state, .backTab, .backTab, .char("l"))
        #expect(state.form?.text("next") == "2026-12-01")
    }

    @Test func theFollowUpStartsFromTheCandidatesCurrentDate() {
        let due = Day(year: 2026, month: 12, day: 3)!
        var state = Fixture.board([.awareness: [Fixture.card(1, "Ana", "Alves", followUp: due)]])
        Fixture.press(&state, .char("n"))
        #expect(state.form?.text("next") == "2026-12-03")
        Fixture.press(&state, .tab, .tab, .char("d"))  // declined: no usual date, keeps the current one
        #expect(state.form?.text("next") == "2026-12-03")
        // Submitting it unchanged sets that same day.
        let effects = Fixture.press(&state, .enter)
        #expect(effects == [.logTouch(1, TouchDraft(at: now, channel: .phone, outcome: .declined), .set(due))])
    }

    @Test func thePreferredChannelIsProposed() throws {
        var state = Fixture.candidatePage().0
        var page = try #require(state.candidatePage)
        page.detail?.candidate.preferredChannel = .whatsapp
        state.pages[1] = .candidate(page)
        Fixture.press(&state, .char("n"))
        #expect(state.form?.text("channel") == "WhatsApp")
    }

    // MARK: Toggles

    @Test func togglesFlipWithSpaceArrowsAndYN() {
        var state = Fixture.desk(selecting: 1)
        Fixture.press(&state, .char("f"), .tab, .tab)
        #expect(state.form?.fields[2].key == "remote")
        #expect(state.form?.isOn("remote") == false)
        Fixture.press(&state, .char(" "))
        #expect(state.form?.isOn("remote") == true)
        Fixture.press(&state, .left)
        #expect(state.form?.isOn("remote") == false)
        Fixture.press(&state, .char("y"), .char("y"))
        #expect(state.form?.isOn("remote") == true)
        Fixture.press(&state, .char("n"))
        #expect(state.form?.isOn("remote") == false)
        Fixture.press(&state, .right)
        #expect(state.form?.isOn("remote") == true)
    }

    // MARK: Escape

    @Test func escapeOnACleanFormCloses() {
        for key in [Key.char("n"), .char("N"), .char("f"), .char("s"), .char("a")] {
            var state = Fixture.desk(selecting: 4)
            Fixture.press(&state, key)
            #expect(state.form != nil)
            #expect(state.form?.isDirty == false)
            #expect(Fixture.press(&state, .escape).isEmpty)
            #expect(state.overlay == nil, "\(key)")
        }
    }

    @Test func escapeOnADirtyFormAsksAndYDiscards() {
        var state = logForm()
        Fixture.type(&state, "half a thought")
        Fixture.press(&state, .escape)
        #expect(state.form?.confirmingDiscard == true)
        let effects = Fixture.press(&state, .char("y"))
        #expect(effects.isEmpty)
        #expect(state.overlay == nil)
        #expect(state.message == .info("Discarded"))
    }

    @Test func anyOtherKeyAfterTheQuestionKeepsEditingAndIsNotTyped() {
        var state = logForm()
        Fixture.type(&state, "half")
        Fixture.press(&state, .escape, .char("n"))
        #expect(state.form?.confirmingDiscard == false)
        #expect(state.form?.text("note") == "half")
        Fixture.type(&state, " a thought")
        #expect(state.form?.text("note") == "half a thought")
        // Enter at the question does not submit either.
        #expect(Fixture.press(&state, .escape, .enter).isEmpty)
        #expect(state.form != nil)
    }

    @Test func aFormChangedBackToItsStartIsCleanAgain() {
        var state = logForm()
        Fixture.type(&state, "x")
        Fixture.press(&state, .backspace, .escape)
        #expect(state.overlay == nil)
    }

    // MARK: Submitting: log a touch

    @Test func loggingATouchAsksForExactlyThatTouchAndDate() {
        var state = logForm()
        Fixture.press(&state, .backTab, .char("l"), .tab)  // outcome: left voicemail → follow up 3d
        Fixture.type(&state, "Left a message about the Lisbon role")
        #expect(state.form?.text("next") == "3d")
        let effects = Fixture.press(&state, .enter)
        #expect(effects == [.logTouch(210, TouchDraft(at: now, channel: .phone, direction: .outbound, outcome: .leftVoicemail,
                                                      note: "Left a message about the Lisbon role"),
                                      .set(Day(year: 2026, month: 11, day: 25)!))])
    }

    @Test func anInboundTouchWithAWeekdayDate() {
        var state = logForm()
        Fixture.press(&state, .backTab, .backTab, .char("i"), .tab, .char("r"), .tab)  // in, replied
        Fixture.type(&state, "  Asked for the job spec  ")
        Fixture.press(&state, .tab, .ctrl("u"))
        Fixture.type(&state, "fri")
        let effects = Fixture.press(&state, .enter)
        #expect(effects == [.logTouch(210, TouchDraft(at: now, channel: .phone, direction: .inbound, outcome: .replied,
                                                      note: "Asked for the job spec"),
                                      .set(Day(year: 2026, month: 11, day: 27)!))])
    }

    @Test func aBadFollowUpDateIsAnErrorInTheFormAndNothingIsAsked() {
        var state = logForm()
        Fixture.press(&state, .tab)
        Fixture.type(&state, "someday")
        let effects = Fixture.press(&state, .enter)
        #expect(effects.isEmpty)
        #expect(state.form?.error == "cannot read 'someday' as a date: expected \(DateShortcut.help)")
        // Editing clears the error.
        Fixture.press(&state, .ctrl("u"))
        #expect(state.form?.error == nil)
        Fixture.type(&state, "2026-02-30")
        Fixture.press(&state, .enter)
        #expect(state.form?.error == "'2026-02-30' is not a real date")
    }

    // MARK: Submitting: note

    @Test func aNoteNeedsTextAndIsLoggedAsANoteKeepingTheFollowUp() throws {
        var state = Fixture.desk(selecting: 10)
        Fixture.press(&state, .char("N"))
        #expect(Fixture.press(&state, .enter).isEmpty)
        #expect(state.form?.error == "Note is required")
        Fixture.type(&state, "Prefers calls after 6pm")
        let effects = Fixture.press(&state, .enter)
        #expect(effects == [.logTouch(210, .note("Prefers calls after 6pm", at: now), .keep)])
    }

    // MARK: Submitting: future role

    @Test func aFutureRoleNeedsATitleAndALocationOrRemote() {
        var state = Fixture.desk(selecting: 10)
        Fixture.press(&state, .char("f"))
        #expect(Fixture.press(&state, .enter).isEmpty)
        #expect(state.form?.error == "Title is required")
        Fixture.type(&state, "Staff Engineer")
        #expect(Fixture.press(&state, .enter).isEmpty)
        #expect(state.form?.error == "a future role needs a location (or remote)")
        Fixture.press(&state, .tab)
        Fixture.type(&state, "Lisbon")
        #expect(Fixture.press(&state, .enter) == [.recordFutureRole(210, title: "Staff Engineer", location: "Lisbon", remote: false)])
        Fixture.press(&state, .tab, .char(" "))
        #expect(Fixture.press(&state, .enter) == [.recordFutureRole(210, title: "Staff Engineer", location: "Lisbon", remote: true)])
        // Remote alone is enough.
        Fixture.press(&state, .backTab, .ctrl("u"), .enter)
        #expect(state.form?.error == nil)
    }

    @Test func aRemoteOnlyFutureRole() {
        var state = Fixture.desk(selecting: 10)
        Fixture.press(&state, .char("f"))
        Fixture.type(&state, " Platform Lead ")
        let effects = Fixture.press(&state, .tab, .tab, .char("y"), .enter)
        #expect(effects == [.recordFutureRole(210, title: "Platform Lead", location: "", remote: true)])
    }

    // MARK: Submitting: status

    @Test func statusMustChangeAndDoNotContactCanBeChosen() {
        var state = Fixture.desk(selecting: 10)
        Fixture.press(&state, .char("s"))
        #expect(state.form?.text("status") == "active")
        #expect(Fixture.press(&state, .enter).isEmpty)
        #expect(state.form?.error == "The status is already active")
        Fixture.press(&state, .char("d"))
        #expect(state.form?.text("status") == "do not contact")
        #expect(Fixture.press(&state, .enter) == [.setStatus(210, .doNotContact)])
        Fixture.press(&state, .right, .right)
        #expect(state.form?.text("status") == "not looking")
        #expect(Fixture.press(&state, .enter) == [.setStatus(210, .notLooking)])
    }

    // MARK: Submitting: add

    @Test func addingNeedsAFirstName() {
        var state = Fixture.desk()
        Fixture.press(&state, .char("a"))
        Fixture.type(&state, "   ")
        #expect(Fixture.press(&state, .enter).isEmpty)
        #expect(state.form?.error == "First name is required")
    }

    @Test func addingRejectsABadEmailAndABadDate() throws {
        var state = Fixture.desk()
        Fixture.press(&state, .char("a"))
        Fixture.type(&state, "Zoë")
        Fixture.press(&state, .tab, .tab)
        Fixture.type(&state, "zoe@example")
        #expect(Fixture.press(&state, .enter).isEmpty)
        #expect(state.form?.error == "invalid email address 'zoe@example'")
        Fixture.press(&state, .ctrl("u"))
        Fixture.type(&state, "zoe@example.com")
        state.overlay = state.form.map { var f = $0; f.focus("next"); return .form(f) }
        Fixture.type(&state, "someday")
        #expect(Fixture.press(&state, .enter).isEmpty)
        #expect(state.form?.error == "cannot read 'someday' as a date: expected \(DateShortcut.help)")
    }

    @Test func addingAsksForExactlyTheValidatedDraft() throws {
        var state = Fixture.desk(selecting: 3)
        Fixture.press(&state, .char("a"))
        let fields = try #require(state.form).fields.map(\.key)
        #expect(fields == ["first", "last", "email", "phone", "location", "linkedin", "title", "company", "tags", "stage",
                           "source", "next"])
        let values = ["Zoë", "Müller", "Zoe@Example.COM", "+351 912 000 111", "Lisbon", "linkedin.com/in/zoemuller",
                      "Staff Engineer", "Acme", "Go, Remote work;go"]
        for value in values {
            Fixture.type(&state, value)
            Fixture.press(&state, .tab)
        }
        #expect(state.form?.text("stage") == "Consideration")
        Fixture.press(&state, .char("l"), .tab)  // Loyalty
        Fixture.type(&state, "Meetup")
        Fixture.press(&state, .tab)
        Fixture.type(&state, "2w")
        let effects = Fixture.press(&state, .enter)
        let expected = try CandidateDraft(
            firstName: "Zoë", lastName: "Müller", email: "Zoe@Example.COM", phone: "+351 912 000 111", location: "Lisbon",
            linkedinURL: "linkedin.com/in/zoemuller", title: "Staff Engineer", company: "Acme", source: "Meetup",
            tags: ["go", "remote-work"], stage: .loyalty, nextFollowUp: Day(year: 2026, month: 12, day: 6)!).validated()
        #expect(effects == [.add(expected)])
        #expect(expected.email == "zoe@example.com")
    }

    // MARK: Submitting: edit

    @Test func editingAsksForTheRecordWithTheChangedFieldOnly() throws {
        let opened = Fixture.candidatePage()
        var state = opened.0
        let detail = opened.1
        let c = detail.candidate
        Fixture.press(&state, .char("e"))
        var form = try #require(state.form)
        form.focus("title")
        state.overlay = .form(form)
        Fixture.press(&state, .ctrl("u"))
        Fixture.type(&state, "Principal Engineer")
        let effects = Fixture.press(&state, .enter)
        let expected = try CandidateDraft(
            firstName: c.firstName, lastName: c.lastName, email: c.email, phone: c.phone, location: c.location,
            linkedinURL: c.linkedinURL, title: "Principal Engineer", company: c.company, source: c.source, owner: c.owner,
            tags: c.tags, interests: c.interests, preferredChannel: c.preferredChannel, referredBy: c.referredBy,
            stage: c.stage, status: c.status, nextFollowUp: c.nextFollowUp).validated()
        #expect(effects == [.update(c.id, expected)])
    }

    @Test func editingRejectsABadEmailAndKeepsTheForm() throws {
        var (state, _) = Fixture.candidatePage()
        Fixture.press(&state, .char("e"))
        var form = try #require(state.form)
        form.focus("email")
        state.overlay = .form(form)
        Fixture.press(&state, .ctrl("u"))
        Fixture.type(&state, "not an email")
        #expect(Fixture.press(&state, .enter).isEmpty)
        #expect(state.form?.error == "invalid email address 'not an email'")
        // Clearing the email is allowed: the candidate just has none.
        Fixture.press(&state, .ctrl("u"))
        let effects = Fixture.press(&state, .enter)
        guard case let .update(_, draft)? = effects.first else {
            Issue.record("expected an update, got \(effects)")
            return
        }
        #expect(draft.email == nil)
    }

    @Test func editingClearsTheFollowUpWhenEmptiedAndChangesThePreferredChannel() throws {
        let due = Day(year: 2026, month: 12, day: 1)!
        var state = Fixture.desk(selecting: 10)
        Fixture.press(&state, .enter)
        let c = Fixture.candidate(210, "Consideration", "11", nextFollowUp: due)
        _ = App.update(&state, .candidateLoaded(Fixture.detail(c)))
        Fixture.press(&state, .char("e"))
        var form = try #require(state.form)
        #expect(form.text("next") == "2026-12-01")
        #expect(form.text("channel") == "—")
        form.focus("channel")
        state.overlay = .form(form)
        let effects = Fixture.press(&state, .char("e"), .tab, .ctrl("u"), .enter)
        guard case let .update(id, draft)? = effects.first, effects.count == 1 else {
            Issue.record("expected one update, got \(effects)")
            return
        }
        #expect(id == 210)
        #expect(draft.preferredChannel == .email)
        #expect(draft.nextFollowUp == nil)
    }
}
