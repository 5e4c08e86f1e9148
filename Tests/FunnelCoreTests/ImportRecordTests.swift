import Foundation
@testable import FunnelCore
import Testing

/// Row → validated record: every problem of a row in one message, contact methods, names, dates.
@Suite struct ImportRecordTests {
    let utc = TimeZone(identifier: "UTC")!

    func read(_ header: [String], _ cells: [String], defaults: ImportDefaults = ImportDefaults()) throws -> ImportRecord {
        try ImportRecord.read(cells, mapping: HeaderMapping.resolve(header: header), defaults: defaults)
    }

    func problems(_ header: [String], _ cells: [String]) -> String? {
        do {
            _ = try read(header, cells)
            return nil
        } catch let error as FunnelError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func aGoodRowBecomesANormalisedDraft() throws {
        let record = try read(
            ["First Name", "Last Name", "E-mail", "LinkedIn", "City", "Country", "Tags", "Skills", "Stage", "Status", "Notes", "Comments"],
            [" Zoë ", "Müller", "Zoe@Example.COM ", "linkedin.com/in/Zoe-M", "Berlin", "Germany", "Go, k8s", "go; rust", "cons", "Not Looking", "first", "  "])
        #expect(record.draft.firstName == "Zoë" && record.draft.lastName == "Müller")
        #expect(record.draft.email == "zoe@example.com")
        #expect(record.draft.linkedinURL == "https://www.linkedin.com/in/zoe-m")
        #expect(record.draft.location == "Berlin, Germany")
        #expect(record.draft.tags == ["go", "k8s", "rust"])
        #expect(record.draft.stage == .consideration && record.draft.status == .notLooking)
        #expect(record.notes == ["first"])
        #expect(record.provided == [.firstName, .lastName, .email, .linkedinURL, .location, .tags, .stage, .status, .notes])
    }

    /// The record's draft is what `validated()` would make of it (read() normalises without
    /// calling it, for speed): validating again changes nothing.
    @Test(arguments: [
        ["  Zoë ", " Müller ", " Zoe@Example.COM ", "https://UK.linkedin.com/in/Zoe-M/?x=1", " Berlin ", "Germany ", " Go, k8s ", "GO; Rust", "  +49 1 ", " CTO ", "Acme ", "climbing ", " LinkedIn "],
        ["Ana", "", "", "", "", "", "", "", "", "", "", "", "ana@EXAMPLE.org"],
        ["Li", "Na", "li.na@example.com", "linkedin.com/in/li-na", "", "", "", "", "", "", "", "", "+86 10 5555 0000"],
        ["\u{3000}山田\u{3000}", "太郎", "", "", "東京", "", "データ", "", "", "", "", "", "Coffee"],
    ])
    func theDraftIsAlreadyValidated(_ cells: [String]) throws {
        let header = ["First Name", "Last Name", "Email", "LinkedIn", "City", "Country", "Tags", "Skills", "Phone", "Title",
                      "Company", "Interests", "Contact method"]
        let record = try read(header, cells, defaults: ImportDefaults(owner: " Ashley "))
        #expect(try record.draft.validated() == record.draft)
    }

    @Test func everyProblemOfARowIsReportedAtOnce() {
        #expect(problems(["First Name", "Email", "Stage", "Status", "Next follow-up"], ["", "bob@", "interviewing", "gone", "tomorrow"])
            == "a candidate needs a first name; invalid email address 'bob@'; unknown stage 'interviewing': expected one of awareness, consideration, conversion, loyalty, advocacy; unknown status 'gone': expected one of active, not_looking, placed, do_not_contact; next follow-up 'tomorrow' is not a date: expected YYYY-MM-DD")
    }

    @Test func wrongFieldCountAndHugeFields() {
        #expect(problems(["First Name", "Email"], ["Ana"]) == "the row has 1 field; the header has 2")
        #expect(problems(["First Name", "Email"], ["Ana", "a@b.co", "x"]) == "the row has 3 fields; the header has 2")
        #expect(problems(["First Name", "Notes"], ["Ana", String(repeating: "x", count: 100_001)])
            == "the field 'Notes' is 100,001 bytes long; the limit is 100,000")
        #expect(throws: Never.self) { try read(["First Name", "Notes"], ["Ana", String(repeating: "x", count: 100_000)]) }
    }

    @Test func doNotContactCannotHaveAFollowUp() {
        #expect(problems(["First Name", "Status", "Follow up"], ["Ana", "dnc", "2026-05-01"])
            == "a candidate marked do not contact cannot have a follow-up date")
    }

    @Test(arguments: [
        ("Jane Doe", "Jane", "Doe"), ("Jane van der Berg", "Jane", "van der Berg"), ("Doe, Jane", "Jane", "Doe"),
        ("Cher", "Cher", ""), ("  Zoë   Müller ", "Zoë", "Müller"), ("山田 太郎", "山田", "太郎"),
    ])
    func fullNamesAreSplit(_ full: String, _ first: String, _ last: String) {
        #expect(ImportRecord.splitName(full) == (first, last))
    }

    @Test(arguments: [
        ("LinkedIn InMail", ContactMethod.channel(.linkedin)), ("InMail", .channel(.linkedin)), ("Phone", .channel(.phone)),
        ("call", .channel(.phone)), ("E-mail", .channel(.email)), ("Text", .channel(.sms)), ("WhatsApp", .channel(.whatsapp)),
        ("Coffee", .channel(.inPerson)), ("Email / LinkedIn", .channel(.email)), ("jane@example.com", .email("jane@example.com")),
        ("+1 (303) 555-0148", .phone("+1 (303) 555-0148")), ("voicemail", .channel(.voicemail)),
    ])
    func contactMethods(_ text: String, _ expected: ContactMethod) {
        #expect(ContactMethod.read(text) == expected)
    }

    @Test func aContactMethodCanCarryTheContactItself() throws {
        let header = ["First Name", "Email", "Phone", "Contact method"]
        let byEmail = try read(header, ["Ana", "", "", "Ana@Example.com"])
        #expect(byEmail.draft.email == "ana@example.com" && byEmail.draft.preferredChannel == .email)
        let byPhone = try read(header, ["Ana", "", "", "+351 912 345 678"])
        #expect(byPhone.draft.phone == "+351 912 345 678" && byPhone.draft.preferredChannel == .phone)
        #expect(problems(header, ["Ana", "ana@example.com", "", "bob@example.com"])
            == "the contact method holds the email 'bob@example.com' but the email column says 'ana@example.com'")
        #expect(problems(header, ["Ana", "", "", "pigeon"])?.hasPrefix("unknown contact method 'pigeon'") == true)
    }

    @Test func defaultsApplyOnlyWhereTheRowIsSilent() throws {
        let defaults = ImportDefaults(stage: .conversion, status: .placed, owner: "Ashley")
        let silent = try read(["First Name", "Stage", "Owner"], ["Ana", "", ""], defaults: defaults)
        #expect(silent.draft.stage == .conversion && silent.draft.status == .placed && silent.draft.owner == "Ashley")
        #expect(!silent.provided.contains(.stage) && !silent.provided.contains(.owner))
        let stated = try read(["First Name", "Stage", "Owner"], ["Ana", "loyalty", "Sam"], defaults: defaults)
        #expect(stated.draft.stage == .loyalty && stated.draft.owner == "Sam")
    }

    @Test func futureRoleAndLastTouchColumns() throws {
        let header = ["first_name", "future_role_title", "future_role_location", "future_role_remote", "future_role_asked_at",
                      "last_touch_at", "last_touch_channel", "last_touch_direction", "last_touch_outcome", "last_touch_note", "last_touch_template"]
        let record = try read(header, ["Ana", "Staff Engineer", "", "yes", "2026-01-02T03:04:05Z",
                                       "2026-02-01T10:00:00Z", "email", "in", "replied", "  kept as is ", "intro"])
        #expect(record.futureRole == ImportedFutureRole(title: "Staff Engineer", location: "", remote: true,
                                                        askedAt: Date(timeIntervalSince1970: 1_767_323_045)))
        #expect(record.lastTouch == TouchDraft(at: Instant.parse("2026-02-01T10:00:00Z", timeZone: utc)!, channel: .email,
                                               direction: .inbound, outcome: .replied, note: "  kept as is ", template: "intro"))
        #expect(problems(header, ["Ana", "Staff Engineer", "", "", "", "", "carrier pigeon", "", "", "", ""])
            == "a future role needs a location (or remote); a last touch needs last_touch_at; unknown channel 'carrier pigeon': expected one of email, phone, voicemail, sms, whatsapp, linkedin, in_person, other, note")
    }

    @Test func instants() {
        #expect(Instant.format(Date(timeIntervalSince1970: 1_790_000_000)) == "2026-09-21T14:13:20Z")
        #expect(Instant.parse("2026-09-21T14:13:20Z", timeZone: utc) == Date(timeIntervalSince1970: 1_790_000_000))
        #expect(Instant.parse("2026-09-21T16:13:20+02:00", timeZone: utc) == Date(timeIntervalSince1970: 1_790_000_000))
        #expect(Instant.parse("2026-09-21", timeZone: TimeZone(identifier: "Europe/Lisbon")!)
            == Date(timeIntervalSince1970: 1_790_000_000 - 14 * 3600 - 13 * 60 - 20 - 3600))
        #expect(Instant.parse("21/09/2026", timeZone: utc) == nil)
        #expect(Instant.parse("2026-09-21T25:00:00Z", timeZone: utc) == nil)
        for seconds in [0, 86_399, 1_000_000_000, -86_401] {
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            #expect(Instant.parse(Instant.format(date), timeZone: utc) == date)
        }
    }
}
