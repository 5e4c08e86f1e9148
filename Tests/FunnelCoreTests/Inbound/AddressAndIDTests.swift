import Foundation
@testable import FunnelCore
import Testing

/// Address headers and Message-ID lists.
@Suite struct AddressAndIDTests {
    static func addresses(_ text: String) -> [String] { AddressHeader.addresses(Array(text.utf8)) }
    static func ids(_ text: String) -> [String] { MessageIDList.parse(Array(text.utf8)) }

    @Test(arguments: [
        ("zoe@example.com", ["zoe@example.com"]),
        ("Zoe@Example.COM", ["zoe@example.com"]),
        ("<zoe@example.com>", ["zoe@example.com"]),
        ("Zoe Müller <zoe@example.com>", ["zoe@example.com"]),
        ("\"Müller, Zoë\" <zoe@example.com>", ["zoe@example.com"]),
        ("\"Eve <boss@agency.example>\" <eve@x.example>", ["eve@x.example"]),
        ("\"Eve \\\" <boss@agency.example>\" <eve@x.example>", ["eve@x.example"]),
        ("=?UTF-8?B?" + Data("<boss@agency.example>, ".utf8).base64EncodedString() + "?= <eve@x.example>", ["eve@x.example"]),
        ("zoe@example.com (Zoe Müller)", ["zoe@example.com"]),
        ("Zoe (the (nested) one) <zoe@example.com>", ["zoe@example.com"]),
        ("a@x.example, B <b@y.example>,c@z.example", ["a@x.example", "b@y.example", "c@z.example"]),
        ("team: a@x.example, b@y.example;, c@z.example", ["a@x.example", "b@y.example", "c@z.example"]),
        ("undisclosed-recipients:;", []),
        ("<@relay.example,@other.example:zoe@example.com>", ["zoe@example.com"]),
        ("zoe @ example.com", ["zoe@example.com"]),
        ("MAILER-DAEMON", []),
        ("not an address", []),
        ("", []),
        ("<>", []),
        ("Eve <eve\u{1B}[2J@x.example>", []),
        ("Eve <eve\u{85}@x.example>", []),
    ])
    func addressesAreLowerCasedAddrSpecs(_ header: String, _ expected: [String]) {
        #expect(Self.addresses(header) == expected)
    }

    @Test func displayNamesAreDecodedAndNeutralised() {
        #expect(AddressHeader.parse(Array("=?UTF-8?Q?Zo=C3=AB_M=C3=BCller?= <zoe@example.com>".utf8)).first?.name == "Zoë Müller")
        #expect(AddressHeader.parse(Array("\"O'Neil, Pat\" <pat@example.com>".utf8)).first?.name == "O'Neil, Pat")
        #expect(AddressHeader.parse(Array("pat@example.com (Pat O.)".utf8)).first?.name == "Pat O.")
        #expect(AddressHeader.parse(Array("=?UTF-8?Q?Eve=1B[2J=0Aline?= <e@x.example>".utf8)).first?.name == #"Eve\x1b[2J line"#)
        #expect(AddressHeader.parse(Array("<zoe@example.com>".utf8)).first?.name == nil)
    }

    @Test(arguments: [
        ("<1795339800.a1b2c3@agency.example>", ["1795339800.a1b2c3@agency.example"]),
        ("  <a@x>  ", ["a@x"]),
        ("<a@x> <b@y>\r\n <c@z>", ["a@x", "b@y", "c@z"]),
        ("<a@x><b@y>", ["a@x", "b@y"]),
        ("<a@x>,<b@y>", ["a@x", "b@y"]),
        ("<folded\r\n @x>", ["folded@x"]),
        ("Your message of \"Mon, <not@this>\" <real@x>", ["real@x"]),
        ("(comment <not@this>) <real@x>", ["real@x"]),
        ("(nested (comment) <not@this>) <real@x>", ["real@x"]),
        ("bare@id.example", ["bare@id.example"]),
        ("bare@one other@two", ["bare@one", "other@two"]),
        ("no ids here", []),
        ("<>", []),
        ("<bad\u{1B}@x> <good@x>", ["good@x"]),
        ("<CaseKept@X>", ["CaseKept@X"]),
        ("", []),
    ])
    func idsLoseTheirAngleBrackets(_ header: String, _ expected: [String]) {
        #expect(Self.ids(header) == expected)
    }

    @Test func idsAreBounded() {
        let header = (0..<(MessageIDList.maxIDs + 20)).map { "<id\($0)@x>" }.joined(separator: " ")
        #expect(Self.ids(header).count == MessageIDList.maxIDs)
    }

    @Test func theIdFunnelSendsReadsBack() throws {
        let id = MailMessage.messageID(date: Date(timeIntervalSince1970: 1_795_339_800), token: "a1b2c3", from: "rita@agency.example")
        let line = try HeaderWriter.messageID(id)
        let header = MessageHeader.parse(Array((line + "\n\n").utf8))
        #expect(header.raw("message-id").map { MessageIDList.parse($0) } == [id])
    }
}

/// The fast path for ASCII addresses must answer exactly as `Email.isValid`, the rule Funnel stores email by.
@Suite struct AddressFastPathTests {
    @Test(arguments: 0..<4)
    func theFastPathAgreesWithEmailIsValid(_ seed: Int) {
        var random = SplitMix64(seed: UInt64(seed) + 99)
        let alphabet = Array("aZ09.-@_+,;<>\"'!#x.y-@..")
        let known = ["zoe@example.com", "a@b.co", "a@b.c", "a.@b.com", ".a@b.com", "a..b@c.com", "a@-b.com", "a@b-.com", "a@b..com",
                     "a@b", "@b.com", "a@", "a@@b.com", "a@b@c.com", String(repeating: "a", count: 65) + "@b.com",
                     "a@" + String(repeating: "b", count: 64) + ".com", "a@" + String(repeating: "b.", count: 130) + "com",
                     "MAILER-DAEMON@mail.agency.example", "a\"b@c.com", "a@b_c.com", "a@b.c0"]
        for address in known {
            #expect(AddressHeader.isValid(address) == Email.isValid(address), "\(address)")
        }
        for _ in 0..<3000 {
            let address = String((0..<random.below(14)).map { _ in random.element(alphabet) })
            #expect(AddressHeader.isValid(address) == Email.isValid(address), "\(address)")
        }
    }
}
