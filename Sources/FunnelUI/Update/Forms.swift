import FunnelCore

/// The forms of the app: how each opens (pre-filled) and what its values become on submit.
public enum Forms {
    static let channels: [Channel] = [.phone, .voicemail, .email, .sms, .whatsapp, .linkedin, .inPerson, .other]
    static let outcomes: [Outcome?] = [nil] + Outcome.allCases
    static let noOutcome = "—"

    public static func addCandidate(stage: Stage) -> Form {
        Form(title: "Add a candidate", purpose: .addCandidate, fields: [
            .text("first", "First name", required: true),
            .text("last", "Last name"),
            .text("email", "Email"),
            .text("phone", "Phone"),
            .text("location", "Location"),
            .text("linkedin", "LinkedIn", hint: "linkedin.com/in/…"),
            .text("title", "Title"),
            .text("company", "Company"),
            .text("tags", "Tags", hint: "comma separated"),
            .choice("stage", "Stage", Stage.allCases.map(\.title), selected: stage.index),
            .text("source", "Source"),
            .text("next", "Follow up", hint: DateShortcut.help),
        ])
    }

    public static func editCandidate(_ c: Candidate) -> Form {
        Form(title: "Edit \(c.fullName)", purpose: .editCandidate(c), fields: [
            .text("first", "First name", c.firstName, required: true),
            .text("last", "Last name", c.lastName),
            .text("email", "Email", c.email ?? ""),
            .text("phone", "Phone", c.phone ?? ""),
            .text("location", "Location", c.location ?? ""),
            .text("linkedin", "LinkedIn", c.linkedinURL ?? "", hint: "linkedin.com/in/…"),
            .text("title", "Title", c.title ?? ""),
            .text("company", "Company", c.company ?? ""),
            .text("tags", "Tags", c.tags.joined(separator: ", "), hint: "comma separated"),
            .text("interests", "Interests", c.interests ?? "", hint: "Ctrl-X opens $EDITOR"),
            .text("source", "Source", c.source ?? ""),
            .text("owner", "Owner", c.owner ?? ""),
            .choice("channel", "Prefers", ["—"] + channels.map(\.title),
                    selected: c.preferredChannel.flatMap { channels.firstIndex(of: $0) }.map { $0 + 1 } ?? 0),
            .text("next", "Follow up", c.nextFollowUp?.iso ?? "", hint: "\(DateShortcut.help); empty: none"),
        ])
    }

    public static func logTouch(candidateID: Int64, name: String, preferred: Channel?, nextFollowUp: Day?,
                                about opening: OpeningFit? = nil) -> Form {
        let channel = preferred.flatMap { channels.firstIndex(of: $0) } ?? 0
        var fields: [Form.Field] = [
            .choice("channel", "Channel", channels.map(\.title), selected: channel, hint: "←/→ or first letter"),
            .choice("direction", "Direction", ["out", "in"]),
            .choice("outcome", "Outcome", outcomes.map { $0?.title ?? noOutcome }, hint: "←/→ or first letter"),
        ]
        if let opening { fields.append(about(opening)) }
        fields += [
            .text("note", "Note", hint: "Ctrl-X opens $EDITOR"),
            .text("next", "Follow up", nextFollowUp?.iso ?? "", hint: "\(DateShortcut.help); empty: none"),
        ]
        return Form(title: "Log a touch with \(name)", purpose: .logTouch(candidateID: candidateID, name: name, openingID: opening?.openingID),
                    fields: fields)
    }

    /// What a touch logged from a row of "Fits an open role" is about: the opening, or (←/→)
    /// nothing in particular. A touch about the opening takes the person out of the group.
    static func about(_ opening: OpeningFit) -> Form.Field {
        .choice("about", "About", [DisplayWidth.sanitize(opening.label), notAboutIt], hint: "the opening this touch is about; ←/→ changes")
    }

    static let notAboutIt = "nothing in particular"

    /// The opening a submitted form's touch is about: the purpose's, unless "About" was changed.
    static func opening(_ form: Form, _ openingID: Int64?) -> Int64? {
        guard let openingID, form.fields.contains(where: { $0.key == "about" }), form.choiceIndex("about") == 0 else { return nil }
        return openingID
    }

    public static func note(candidateID: Int64, name: String) -> Form {
        Form(title: "Note on \(name)", purpose: .logTouch(candidateID: candidateID, name: name), fields: [
            .choice("channel", "Channel", [Channel.note.title]),
            .text("note", "Note", hint: "Ctrl-X opens $EDITOR", required: true),
        ], focus: 1)
    }

    public static func futureRole(candidateID: Int64, name: String, current: FutureRole?) -> Form {
        Form(title: "If you called \(name) about a role one day…", purpose: .futureRole(candidateID: candidateID, name: name), fields: [
            .text("title", "Title", current?.title ?? "", hint: "what would the title be?", required: true),
            .text("location", "Location", current?.location ?? "", hint: "where would it be located?"),
            .toggle("remote", "Remote", current?.remote ?? false),
        ])
    }

    public static func compose(candidateID: Int64, name: String, templates: [String]) -> Form {
        Form(title: "Email \(name)", purpose: .compose(candidateID: candidateID, name: name), fields: [
            .choice("template", "Template", templates, hint: "Enter renders it and opens $EDITOR for the personal touch"),
        ])
    }

    public static func status(candidateID: Int64, name: String, current: Status) -> Form {
        Form(title: "Status of \(name)", purpose: .status(candidateID: candidateID, current: current), fields: [
            .choice("status", "Status", Status.allCases.map(\.title), selected: Status.allCases.firstIndex(of: current) ?? 0,
                    hint: "do not contact: never offered for outreach"),
        ])
    }

    public static func quickLog(candidate: Candidate, entry: QuickLogEntry, about opening: OpeningFit? = nil) -> Form {
        let quick = entry.quick
        var fields: [Form.Field] = []
        if quick.channelIsFixed {
            fields.append(.choice("channel", "Channel", [entry.channel.title]))
        } else {
            fields.append(.choice("channel", "Channel", channels.map(\.title), selected: channels.firstIndex(of: entry.channel) ?? 0,
                                  hint: "←/→ or first letter"))
        }
        if let opening, entry.openingID == opening.openingID { fields.append(about(opening)) }
        fields.append(.text("note", "Note", hint: "optional · Ctrl-X opens $EDITOR"))
        fields.append(.text("next", "Follow up", entry.nextDate, hint: "\(DateShortcut.help); empty: none"))
        if quick.asksFutureRole {
            fields.append(.text("title", "Future role", hint: "if I called you about a role one day, what would the title be?"))
            fields.append(.text("location", "Location", hint: "…and where would it be located?"))
            fields.append(.toggle("remote", "Remote"))
        }
        // Typing goes into text at once: the future-role title after "not now", else the note. (On
        // the channel choice, letters would silently change the channel.) Shift-Tab reaches it.
        let focus = fields.firstIndex { $0.key == (quick.asksFutureRole ? "title" : "note") } ?? 0
        return Form(title: "\(quick.outcome.title.capitalized(first: true)) · \(candidate.fullName)",
                    purpose: .quickLog(candidateID: candidate.id, name: candidate.fullName, quick: quick,
                                       openingID: fields.contains { $0.key == "about" } ? entry.openingID : nil),
                    fields: fields, focus: focus)
    }

    /// The effect a submitted form asks for, or the sentence saying what is wrong (the form stays open).
    public static func submit(_ form: Form, today: Day, now: Moment) -> Result<Effect, FunnelError> {
        do {
            for field in form.fields where field.required && form.text(field.key).trimmed.isEmpty {
                throw FunnelError.invalid("\(field.label) is required")
            }
            if let effect = try submitOpening(form) { return .success(effect) }
            switch form.purpose {
            case .addOpening, .editOpening, .openingStatus:
                throw FunnelError.invalid("not an opening form")
            case .addCandidate:
                var draft = try draft(form, today: today)
                draft.stage = Stage.allCases[form.choiceIndex("stage")]
                return .success(.add(try draft.validated()))
            case let .editCandidate(candidate):
                var draft = try draft(form, today: today)
                draft.stage = candidate.stage
                draft.status = candidate.status
                draft.interests = form.text("interests")
                draft.owner = form.text("owner")
                draft.referredBy = candidate.referredBy
                let channelIndex = form.choiceIndex("channel")
                draft.preferredChannel = channelIndex == 0 ? nil : channels[channelIndex - 1]
                return .success(.update(candidate.id, try draft.validated()))
            case let .logTouch(id, _, openingID):
                let channelText = form.text("channel")
                let channel = channels.first { $0.title == channelText } ?? .note
                let outcome = channel == .note ? nil : outcomes[form.choiceIndex("outcome")]
                let direction: Direction = form.text("direction") == "in" ? .inbound : .outbound
                let note = form.text("note").trimmed
                // A note is not contact: only a real touch counts as reaching them about an opening.
                let touch = TouchDraft(at: now.now, channel: channel, direction: direction, outcome: outcome, note: note,
                                       openingID: channel == .note ? nil : form.aboutOpening ?? opening(form, openingID))
                var followUp: FollowUpUpdate = .keep
                if form.fields.contains(where: { $0.key == "next" }) {
                    let next = form.text("next").trimmed
                    followUp = next.isEmpty ? .clear : .set(try DateShortcut.parse(next, today: today))
                }
                return .success(.logTouch(id, touch, followUp))
            case let .futureRole(id, _):
                let (title, location) = try FutureRole.validate(title: form.text("title"), location: form.text("location"),
                                                                remote: form.isOn("remote"))
                return .success(.recordFutureRole(id, title: title, location: location, remote: form.isOn("remote")))
            case let .quickLog(id, _, quick, openingID):
                var entry = QuickLogEntry(quick, for: Candidate(id: id, firstName: "-", createdAt: now.now), rules: Rules(),
                                          reengaging: false)
                entry.channel = channels.first { $0.title == form.text("channel") } ?? quick.defaultChannel
                entry.note = form.text("note")
                entry.nextDate = form.text("next")
                entry.futureRoleTitle = form.text("title")
                entry.futureRoleLocation = form.text("location")
                entry.futureRoleRemote = form.isOn("remote")
                entry.openingID = form.aboutOpening ?? opening(form, openingID)
                return .success(.logQuick(id, try entry.resolve(at: now)))
            case let .compose(id, _):
                return .success(.compose(id, template: form.text("template"), opening: form.aboutOpening))
            case let .campaign(source):
                return .success(.createCampaign(source, template: form.text("template")))
            case let .campaignTag(tags):
                return .success(.createCampaign(.tag(tags[form.choiceIndex("tag")]), template: form.text("template")))
            case let .status(id, current):
                let status = Status.allCases[form.choiceIndex("status")]
                guard status != current else { throw FunnelError.invalid("The status is already \(status.title)") }
                return .success(.setStatus(id, status))
            }
        } catch let error as FunnelError {
            return .failure(error)
        } catch {
            return .failure(FunnelError.invalid("\(error)"))
        }
    }

    static func draft(_ form: Form, today: Day) throws -> CandidateDraft {
        let next = form.text("next").trimmed
        return CandidateDraft(
            firstName: form.text("first"), lastName: form.text("last"), email: form.text("email"),
            phone: form.text("phone"), location: form.text("location"), linkedinURL: form.text("linkedin"),
            title: form.text("title"), company: form.text("company"), source: form.text("source"),
            tags: Tags.parse(form.text("tags")),
            nextFollowUp: next.isEmpty ? nil : try DateShortcut.parse(next, today: today))
    }
}

extension String {
    /// "left voicemail" → "Left voicemail".
    func capitalized(first: Bool) -> String { prefix(1).uppercased() + dropFirst() }
}
