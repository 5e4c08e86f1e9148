import Foundation
@testable import FunnelCore
import Testing

@Suite struct MergeTemplateTests {
    let added = Date(timeIntervalSince1970: 1_790_000_000)

    func zoe(_ change: (inout Candidate) -> Void = { _ in }) -> Candidate {
        var c = Candidate(id: 7, firstName: "Zoë", lastName: "Müller", email: "zoe@example.com", location: "Porto",
                          title: "Platform Engineer", company: "Acme", interests: "bouldering, Deftones", createdAt: added)
        change(&c)
        return c
    }

    func context(_ candidate: Candidate, role: FutureRole? = nil, recruiter: Bool = true, opening: Opening? = nil) -> MergeContext {
        MergeContext(candidate: candidate, futureRole: role,
                     recruiterName: recruiter ? "Rita Recruiter" : nil, recruiterEmail: recruiter ? "rita@agency.example" : nil,
                     opening: opening)
    }

    let harbor = Opening(id: 3, title: "Staff Engineer", location: "Lisbon", company: "Blue Harbor", status: .open,
                         createdAt: Date(timeIntervalSince1970: 1_790_000_000), workMode: .hybrid)

    let lisbon = FutureRole(id: 1, candidateID: 7, title: "Staff Engineer", location: "Lisbon", remote: true,
                            askedAt: Date(timeIntervalSince1970: 1_790_000_000))

    @Test func everyField() throws {
        let text = MergeField.allCases.map { "\($0.rawValue)=[{{\($0.rawValue)}}]" }.joined(separator: "\n")
        let template = Template(id: 1, name: "all", channel: .email, subject: "Hi {{first_name}}", body: text)
        let out = try template.render(context(zoe(), role: lisbon, opening: harbor))
        #expect(out.subject == "Hi Zoë")
        #expect(out.body == """
            first_name=[Zoë]
            last_name=[Müller]
            full_name=[Zoë Müller]
            email=[zoe@example.com]
            current_title=[Platform Engineer]
            company=[Acme]
            location=[Porto]
            interests=[bouldering, Deftones]
            future_role.title=[Staff Engineer]
            future_role.location=[Lisbon]
            future_role=[Staff Engineer in Lisbon (remote)]
            recruiter.name=[Rita Recruiter]
            recruiter.email=[rita@agency.example]
            opening.title=[Staff Engineer]
            opening.company=[Blue Harbor]
            opening.location=[Lisbon]
            """)
    }

    /// Without an opening (composed from the board, not from an opening's matches) the opening
    /// fields have no value: the error says where they do, instead of a message saying "about the  role".
    @Test func openingFieldsNeedAnOpening() throws {
        let template = Template(id: 1, name: "role", channel: .email, subject: "{{opening.title}}", body: "At {{opening.company}}")
        #expect(throws: FunnelError.invalid("cannot render template 'role' for Zoë Müller: {{opening.title}} and {{opening.company}} "
            + "have no value (compose it from an opening's matches (O on the board) or with --opening ID)")) {
            try template.render(context(zoe()))
        }
        let remote = Opening(id: 4, title: "SRE", location: "", company: nil, status: .open, createdAt: added, workMode: .remote)
        #expect(try MergeTemplate(parsing: "{{opening.location}} {{opening.company|a client}}").render(context(zoe(), opening: remote)).get()
            == "remote a client")
    }

    @Test func fallbacksAndSpacing() throws {
        let t = try MergeTemplate(parsing: "Hi {{ first_name | there }}, about {{future_role.title|a role you'd like}} in {{future_role.location|your city}}.")
        let noName = zoe { $0.firstName = " " }
        #expect(try t.render(context(noName)).get() == "Hi there, about a role you'd like in your city.")
        #expect(try t.render(context(zoe(), role: lisbon)).get() == "Hi Zoë, about Staff Engineer in Lisbon.")
        // Remote with no place reads as "remote".
        let remoteOnly = FutureRole(id: 2, candidateID: 7, title: "SRE", location: "", remote: true, askedAt: added)
        #expect(try MergeTemplate(parsing: "{{future_role.location}}").render(context(zoe(), role: remoteOnly)).get() == "remote")
        // Aliases.
        #expect(try MergeTemplate(parsing: "{{title}} / {{name}}").render(context(zoe())).get() == "Platform Engineer / Zoë Müller")
    }

    @Test func missingFieldNamesTheFieldNeverHiComma() {
        let t = Template(id: 1, name: "checkin", channel: .email, subject: "Hello", body: "Hi {{first_name}}, how is {{company}}? {{future_role.title}}")
        let noCompany = zoe { $0.company = nil }
        #expect(throws: FunnelError.invalid(
            "cannot render template 'checkin' for Zoë Müller: {{company}} and {{future_role.title}} have no value (fill it in or give the template a fallback like {{company|…}})")) {
            try t.render(context(noCompany))
        }
        let lastName = Template(id: 2, name: "formal", channel: .email, subject: "Dear {{last_name}}", body: "…")
        #expect(throws: FunnelError.invalid(
            "cannot render template 'formal' for Zoë: {{last_name}} has no value (fill it in or give the template a fallback like {{last_name|…}})")) {
            try lastName.render(context(zoe { $0.lastName = "" }))
        }
        let signed = Template(id: 3, name: "signed", channel: .email, subject: "x", body: "{{recruiter.name}}")
        #expect(throws: FunnelError.invalid(
            "cannot render template 'signed' for Zoë Müller: {{recruiter.name}} has no value (set it in config.toml [recruiter])")) {
            try signed.render(context(zoe(), recruiter: false))
        }
    }

    @Test func unknownAndBrokenFieldsAreErrors() {
        #expect(throws: FunnelError.self) { try Template.validate(name: "t", subject: "", body: "Hi {{frist_name}}") }
        do {
            try Template.validate(name: "t", subject: "", body: "Hi {{frist_name}}")
        } catch let error as FunnelError {
            #expect(error.message.hasPrefix("template 't' uses an unknown merge field {{frist_name}} (did you mean {{first_name}}?)"))
        } catch {}
        #expect(throws: FunnelError.invalid("the subject of template 't' has an empty merge field '{{ }}'")) {
            try Template.validate(name: "t", subject: "{{ }}", body: "x")
        }
        #expect(throws: FunnelError.invalid("template 't' has a '{{' on line 2 that is never closed with '}}'")) {
            try Template.validate(name: "t", subject: "", body: "Hi\n{{first_name")
        }
        #expect(throws: Never.self) { try Template.validate(name: "t", subject: "{{first_name}}", body: "plain } text {") }
    }

    @Test func unicodeNames() throws {
        let t = try MergeTemplate(parsing: "こんにちは {{last_name}}{{first_name}}さん 👋 — {{company|}}")
        let yamada = Candidate(id: 9, firstName: "太郎", lastName: "山田", email: "taro@example.jp", createdAt: added)
        #expect(try t.render(context(yamada)).get() == "こんにちは 山田太郎さん 👋 — ")
        let arabic = Candidate(id: 10, firstName: "ليلى", lastName: "", createdAt: added)
        #expect(try MergeTemplate(parsing: "مرحبا {{first_name}}").render(context(arabic)).get() == "مرحبا ليلى")
    }

    @Test func doNotContactIsRefused() {
        let t = Template(id: 1, name: "hi", channel: .email, subject: "Hi", body: "Hi {{first_name|there}}")
        #expect(throws: FunnelError.refused("Zoë Müller is marked do not contact: no template is rendered for them")) {
            try t.render(context(zoe { $0.status = .doNotContact }))
        }
    }

    @Test func templateFileRoundTrip() throws {
        let text = TemplateFile.text(name: "intro", channel: .email, subject: "Hi {{first_name}}", body: "Line one\n\nLine two\n")
        let parsed = try #require(try TemplateFile.parse(text, defaultChannel: .sms))
        #expect(parsed == TemplateFile.Parsed(channel: .email, subject: "Hi {{first_name}}", body: "Line one\n\nLine two\n"))
        #expect(try TemplateFile.parse("# only help\nSubject: x\n\n   \n", defaultChannel: .email) == nil)
        #expect(throws: FunnelError.self) { try TemplateFile.parse("Channel: pigeon\n\nbody", defaultChannel: .email) }
    }

    @Test func editableMessageRoundTrip() throws {
        let text = EditableMessage.text(RenderedMessage(subject: "Olá Zoë", body: "Body\nmore\n"), to: "zoe@example.com")
        #expect(try EditableMessage.parse(text) == RenderedMessage(subject: "Olá Zoë", body: "Body\nmore\n"))
        #expect(try EditableMessage.parse("# x\n\n") == nil)
        #expect(throws: FunnelError.self) { try EditableMessage.parse("no subject line\n\nbody") }
    }
}
