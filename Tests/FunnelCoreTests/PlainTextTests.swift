import Foundation
import FunnelCore
import HostileCorpus
import Testing

extension HostileCorpus.Entry: CustomTestStringConvertible {
    public var testDescription: String { id }
}

/// The one rule for text coming in (`PlainText`), driven by the hostile corpus through every
/// validation in the core: candidate drafts, future roles, touches, templates, import rows.
@Suite struct PlainTextTests {
    /// The single-line fields of a candidate draft, by the name the error uses.
    static let draftFields: [(String, @Sendable (inout CandidateDraft, String) -> Void)] = [
        ("first name", { $0.firstName = $1 }), ("last name", { $0.lastName = $1 }),
        ("phone", { $0.phone = $1 }), ("location", { $0.location = $1 }), ("title", { $0.title = $1 }),
        ("company", { $0.company = $1 }), ("source", { $0.source = $1 }), ("owner", { $0.owner = $1 }),
        ("email", { $0.email = $1 }), ("LinkedIn URL", { $0.linkedinURL = $1 }),
    ]

    static func expectedMessage(_ field: String, _ text: String, multiLine: Bool = false) -> String {
        let (code, position) = HostileCorpus.firstForbidden(text.trimmingCharacters(in: .whitespacesAndNewlines), multiLine: multiLine)!
        let what: String = switch code {
        case "U+000A", "U+000D", "U+0085": "a line break"
        case "U+0009": "a tab"
        case "U+2028": "a line separator"
        case "U+2029": "a paragraph separator"
        case "U+202A", "U+202B", "U+202C", "U+202D", "U+202E", "U+2066", "U+2067", "U+2068", "U+2069": "a bidirectional override"
        default: "a control character"
        }
        let rule = multiLine ? "only line breaks and tabs are allowed" : "it must be one line of plain text"
        return "the \(field) holds \(what) (\(code)) at character \(position): \(rule)"
    }

    @Test(arguments: HostileCorpus.refused)
    func everySingleLineFieldOfADraftRefuses(_ entry: HostileCorpus.Entry) {
        for (field, set) in Self.draftFields {
            var draft = CandidateDraft(firstName: "Ana")
            set(&draft, entry.text)
            #expect(throws: FunnelError.invalid(Self.expectedMessage(field, entry.text))) { try draft.validated() }
        }
    }

    @Test func theExactSentences() {
        var draft = CandidateDraft(firstName: "Eve\nBcc: attacker@x.com", lastName: "X")
        #expect(throws: FunnelError.invalid("the first name holds a line break (U+000A) at character 4: it must be one line of plain text")) {
            try draft.validated()
        }
        draft = CandidateDraft(firstName: "Eve\u{1B}[2J\u{1B}]0;pwned\u{7}")
        #expect(throws: FunnelError.invalid("the first name holds a control character (U+001B) at character 4: it must be one line of plain text")) {
            try draft.validated()
        }
        draft = CandidateDraft(firstName: "Ana", title: "Eve\u{202E}gpj.exe")
        #expect(throws: FunnelError.invalid("the title holds a bidirectional override (U+202E) at character 4: it must be one line of plain text")) {
            try draft.validated()
        }
        draft = CandidateDraft(firstName: "Ana", tags: ["ok", "go\u{7}"])
        #expect(throws: FunnelError.invalid("the tag 'go\\x07' holds a control character (U+0007) at character 3: it must be one line of plain text")) {
            try draft.validated()
        }
    }

    @Test(arguments: HostileCorpus.accepted)
    func plainTextIsStoredAsTyped(_ entry: HostileCorpus.Entry) throws {
        for (field, set) in Self.draftFields where field != "email" && field != "LinkedIn URL" {
            var draft = CandidateDraft(firstName: "Ana")
            set(&draft, entry.text)
            let valid = try draft.validated()
            var expected = CandidateDraft(firstName: "Ana")
            set(&expected, entry.text.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(valid.firstName == expected.firstName && valid.lastName == expected.lastName && valid.title == expected.title
                    && valid.phone == expected.phone && valid.location == expected.location && valid.company == expected.company
                    && valid.source == expected.source && valid.owner == expected.owner, "\(field)")
        }
    }

    @Test(arguments: HostileCorpus.multilineRefused)
    func multiLineTextRefusesControls(_ entry: HostileCorpus.Entry) {
        let interests = CandidateDraft(firstName: "Ana", interests: entry.text)
        #expect(throws: FunnelError.invalid(Self.expectedMessage("interests", entry.text, multiLine: true))) { try interests.validated() }
        let note = TouchDraft.note(entry.text, at: Date(timeIntervalSince1970: 0))
        #expect(throws: FunnelError.invalid(Self.expectedMessage("note", entry.text, multiLine: true))) { try note.validated() }
        #expect(throws: FunnelError.self) { try Template.validate(name: "t", subject: "Hi", body: entry.text) }
    }

    @Test(arguments: HostileCorpus.multilineAccepted + HostileCorpus.multilineNormalised)
    func multiLineTextKeepsLineBreaksAndTabs(_ entry: HostileCorpus.Entry) throws {
        let stored = entry.stored ?? entry.text
        #expect(try CandidateDraft(firstName: "Ana", interests: entry.text).validated().interests == stored)
        #expect(try TouchDraft.note(entry.text, at: Date(timeIntervalSince1970: 0)).validated().note == stored)
        try Template.validate(name: "t", subject: "Hi", body: entry.text)
    }

    @Test(arguments: HostileCorpus.refused)
    func futureRolesTemplatesAndTouchTemplatesRefuse(_ entry: HostileCorpus.Entry) {
        #expect(throws: FunnelError.invalid(Self.expectedMessage("future role title", entry.text))) {
            try FutureRole.validate(title: entry.text, location: "Lisbon", remote: false)
        }
        #expect(throws: FunnelError.invalid(Self.expectedMessage("future role location", entry.text))) {
            try FutureRole.validate(title: "CTO", location: entry.text, remote: false)
        }
        #expect(throws: FunnelError.invalid(Self.expectedMessage("subject of template 't'", entry.text))) {
            try Template.validate(name: "t", subject: entry.text, body: "Hi")
        }
        #expect(throws: FunnelError.self) { try Template.validate(name: entry.text, subject: "Hi", body: "Hi") }
        let touch = TouchDraft(at: Date(timeIntervalSince1970: 0), channel: .email, note: "hi", template: entry.text)
        #expect(throws: FunnelError.invalid(Self.expectedMessage("template name", entry.text))) { try touch.validated() }
    }

    @Test func importCellsAreCheckedPerColumnNamingTheHeader() throws {
        let mapping = HeaderMapping.resolve(header: ["First Name", "Last Name", "Notes"])
        #expect(throws: FunnelError.invalid("the column 'First Name' holds a control character (U+001B) at character 4: it must be one line of plain text")) {
            try ImportRecord.read(["Eve\u{1B}[2J", "X", ""], mapping: mapping, defaults: ImportDefaults())
        }
        #expect(throws: FunnelError.invalid("the column 'Notes' holds a control character (U+0007) at character 2: only line breaks and tabs are allowed")) {
            try ImportRecord.read(["Eve", "X", "a\u{7}"], mapping: mapping, defaults: ImportDefaults())
        }
        let record = try ImportRecord.read(["Eve", "X", "line one\r\nline two\tend"], mapping: mapping, defaults: ImportDefaults())
        #expect(record.notes == ["line one\nline two\tend"])
    }

    @Test(arguments: HostileCorpus.refused)
    func importRefusesEveryHostileCellInEveryTextColumn(_ entry: HostileCorpus.Entry) throws {
        let header = ["first_name", "last_name", "title", "company", "location", "tags", "future_role_title"]
        let mapping = HeaderMapping.resolve(header: header)
        for index in header.indices {
            var cells = ["Ana", "Lee", "Engineer", "Acme", "Porto", "go", "CTO"]
            cells[index] = entry.text
            #expect(throws: FunnelError.invalid(Self.expectedMessage("column '\(header[index])'", entry.text))) {
                try ImportRecord.read(cells, mapping: mapping, defaults: ImportDefaults())
            }
        }
    }

    @Test func visibleTextEscapes() {
        #expect(VisibleText.escaped("plain Zoë 山田") == "plain Zoë 山田")
        #expect(VisibleText.escaped("Eve\u{1B}[2J\u{1B}]0;pwned\u{7}") == "Eve\\x1b[2J\\x1b]0;pwned\\x07")
        #expect(VisibleText.escaped("a\nb\tc\rd") == "a\\nb\\tc\\rd")
        #expect(VisibleText.escaped("a\nb\tc\rd", keepingLineBreaks: true) == "a\nb\tc\\rd")
        #expect(VisibleText.escaped("x\u{9B}y\u{85}z\u{7F}\u{0}") == "x\\u009by\\u0085z\\x7f\\x00")
        #expect(VisibleText.escaped("Eve\u{202E}gpj\u{2067}a\u{2028}") == "Eve\\u202egpj\\u2067a\\u2028")
    }

    @Test(arguments: HostileCorpus.refused + HostileCorpus.accepted)
    func visibleTextLeavesNoRawControl(_ entry: HostileCorpus.Entry) {
        #expect(HostileCorpus.rawControls(in: VisibleText.escaped(entry.text)).isEmpty)
        #expect(!VisibleText.escaped(entry.text).contains("\n"))
    }

    @Test(arguments: HostileCorpus.refused + HostileCorpus.accepted)
    func jsonEscapesWhatEncodersLeaveRawAndDecodesToTheSameValue(_ entry: HostileCorpus.Entry) throws {
        let data = JSONInvisibles.escaped(try JSONEncoder().encode(["name": entry.text]))
        let text = String(decoding: data, as: UTF8.self)
        #expect(HostileCorpus.rawControls(in: text).isEmpty, "\(text)")
        #expect(try JSONDecoder().decode([String: String].self, from: data) == ["name": entry.text])
    }
}
