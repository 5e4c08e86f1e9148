import Foundation
import Testing

/// Every bad input: one sentence on stderr, a meaningful exit code, nothing on stdout, and the
/// store's logical content exactly as before (compared table by table).
@Suite struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var args: [String]
        var code: Int32
        var message: String
        var stdin: String? = nil
        var testDescription: String { args.joined(separator: " ") }
    }

    static let cases: [Case] = [
        // Unknown id (3).
        Case(args: ["show", "99"], code: 3, message: "no candidate with id 99"),
        Case(args: ["move", "99", "next"], code: 3, message: "no candidate with id 99"),
        Case(args: ["log", "99", "--channel", "phone"], code: 3, message: "no candidate with id 99"),
        Case(args: ["note", "99", "hello"], code: 3, message: "no candidate with id 99"),
        Case(args: ["future-role", "99", "--title", "CTO", "--location", "Porto"], code: 3, message: "no candidate with id 99"),
        Case(args: ["future-role", "99"], code: 3, message: "no candidate with id 99"),
        Case(args: ["status", "99", "active"], code: 3, message: "no candidate with id 99"),
        Case(args: ["add", "--first", "Ana", "--referred-by", "99"], code: 3, message: "no candidate with id 99"),
        Case(args: ["log", "1", "--channel", "email", "--template", "nope"], code: 3, message: "no template named 'nope'"),
        Case(args: ["show", "abc"], code: 2, message: "'abc' is not a candidate id: expected a number like 42"),
        // Unknown stage, status, channel, outcome (2).
        Case(args: ["move", "1", "nowhere"], code: 2,
             message: "unknown stage 'nowhere': expected one of awareness, consideration, conversion, loyalty, advocacy"),
        Case(args: ["list", "--stage", "nowhere"], code: 2,
             message: "unknown stage 'nowhere': expected one of awareness, consideration, conversion, loyalty, advocacy"),
        Case(args: ["add", "--first", "Ana", "--stage", "c"], code: 2,
             message: "unknown stage 'c': expected one of awareness, consideration, conversion, loyalty, advocacy"),
        Case(args: ["move", "1", "consideration"], code: 2, message: "Zoë Müller is already in Consideration"),
        Case(args: ["status", "1", "retired"], code: 2,
             message: "unknown status 'retired': expected one of active, not_looking, placed, do_not_contact"),
        Case(args: ["list", "--status", "retired"], code: 2,
             message: "unknown status 'retired': expected one of active, not_looking, placed, do_not_contact"),
        Case(args: ["log", "1", "--channel", "pigeon"], code: 2,
             message: "unknown channel 'pigeon': expected one of email, phone, voicemail, sms, whatsapp, linkedin, in_person, other, note"),
        Case(args: ["log", "1", "--channel", "phone", "--outcome", "maybe"], code: 2,
             message: "unknown outcome 'maybe': expected one of sent, no_answer, left_voicemail, replied, interested, not_now, declined, bounced, auto_reply"),
        Case(args: ["log", "1", "--channel", "phone", "--direction", "sideways"], code: 2,
             message: "unknown direction 'sideways': expected out or in"),
        // Bad dates (2).
        Case(args: ["log", "1", "--channel", "phone", "--next", "2026-02-30"], code: 2, message: "'2026-02-30' is not a real date"),
        Case(args: ["log", "1", "--channel", "phone", "--next", "someday"], code: 2,
             message: "cannot read 'someday' as a date: expected today, tomorrow, 3d, 2w, 1m, mon…sun, or YYYY-MM-DD"),
        Case(args: ["add", "--first", "Ana", "--next", "31/12/2026"], code: 2,
             message: "cannot read '31/12/2026' as a date: expected today, tomorrow, 3d, 2w, 1m, mon…sun, or YYYY-MM-DD"),
        Case(args: ["log", "1", "--channel", "phone", "--next", "3d", "--no-next"], code: 2, message: "give either --next or --no-next, not both"),
        // Invalid email, LinkedIn, duplicates (2).
        Case(args: ["add", "--first", "Ana", "--email", "ana-at-example.com"], code: 2, message: "invalid email address 'ana-at-example.com'"),
        Case(args: ["add", "--first", "Ana", "--email", "ana@example"], code: 2, message: "invalid email address 'ana@example'"),
        Case(args: ["add", "--first", "Zoë", "--email", "ZOE@example.com"], code: 2, message: "candidate #1 already has the email zoe@example.com"),
        Case(args: ["add", "--first", "Ana", "--linkedin", "example.com/in/ana"], code: 2,
             message: "invalid LinkedIn profile URL 'example.com/in/ana': expected linkedin.com/in/NAME"),
        // Missing required fields (2).
        Case(args: ["add", "--last", "Müller"], code: 2, message: "a candidate needs a first name: pass --first NAME"),
        Case(args: ["add", "--first", "   "], code: 2, message: "a candidate needs a first name: pass --first NAME"),
        Case(args: ["future-role", "1", "--location", "Lisbon"], code: 2, message: "a future role needs a title"),
        Case(args: ["future-role", "1", "--title", "CTO"], code: 2, message: "a future role needs a location (or remote)"),
        Case(args: ["note", "1"], code: 2, message: "a note needs some text", stdin: "  \n"),
        Case(args: ["log", "1", "--channel", "note"], code: 2, message: "a note needs some text"),
        Case(args: ["search", " "], code: 2, message: "give some words to search for"),
        // Refused (5): do not contact.
        Case(args: ["log", "2", "--channel", "phone"], code: 5,
             message: "Sam Okafor is marked do not contact: outbound touches are refused (log a note or an inbound touch)"),
        Case(args: ["log", "2", "--channel", "phone", "--direction", "in", "--next", "3d"], code: 5,
             message: "Sam Okafor is marked do not contact: no follow-up can be scheduled"),
        Case(args: ["add", "--first", "Ana", "--status", "dnc", "--next", "3d"], code: 5,
             message: "a candidate marked do not contact cannot have a follow-up date"),
    ]

    @Test(arguments: cases)
    func badInputChangesNothing(_ bad: Case) throws {
        let sandbox = try Sandbox()
        _ = try sandbox.add("--first", "Zoë", "--last", "Müller", "--email", "zoe@example.com", "--stage", "consideration", "--next", "3d")
        _ = try sandbox.add("--first", "Sam", "--last", "Okafor", "--status", "do_not_contact")
        let before = try StoreFile.dump(sandbox.store)
        let result = try sandbox.run(bad.args, stdin: bad.stdin)
        #expect(result.code == bad.code, "\(result)")
        #expect(result.stderr == "funnel: \(bad.message)\n")
        #expect(result.stdout.isEmpty)
        #expect(try StoreFile.dump(sandbox.store) == before)
    }

    /// ArgumentParser's own usage errors (unknown option, a value of the wrong type) keep its exit
    /// code, 64 (EX_USAGE), and print the usage line; nothing is written.
    @Test(arguments: [["list", "--limit", "x"], ["list", "--limit", "0"], ["frobnicate"], ["add", "--first", "A", "--bogus"],
                      ["move", "1"], ["log", "1"]])
    func usageErrorsExit64(_ args: [String]) throws {
        let sandbox = try Sandbox()
        _ = try sandbox.add("--first", "Zoë")
        let before = try StoreFile.dump(sandbox.store)
        let result = try sandbox.run(args)
        #expect(result.code == 64, "\(result)")
        #expect(result.stderr.hasPrefix("Error: "))
        #expect(result.stderr.contains("Usage: funnel"))
        #expect(try StoreFile.dump(sandbox.store) == before)
    }
}
