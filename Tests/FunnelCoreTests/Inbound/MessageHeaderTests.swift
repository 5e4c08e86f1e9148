import Foundation
@testable import FunnelCore
import Testing

/// RFC 5322 header blocks from raw bytes.
@Suite struct MessageHeaderTests {
    static func header(_ text: String) -> MessageHeader { MessageHeader.parse(Array(text.utf8)) }

    @Test(arguments: ["\n", "\r\n"])
    func foldedLinesAreUnfoldedKeepingTheirWhiteSpace(_ eol: String) {
        let header = Self.header(["Subject: a long", "\tsubject  line", " continued", "X-Other: 1", "", "body"].joined(separator: eol))
        #expect(header.text("subject") == "a long\tsubject  line continued")
        #expect(header.text("x-other") == "1")
        #expect(header.fields.count == 2)
    }

    @Test func namesAreCaseInsensitiveAndRepeatedFieldsAreKeptInOrder() {
        let header = Self.header("RECEIVED: one\nReceived: two\nreceived:three\nSUBJECT:  x\n\n")
        #expect(header.all("received").map { String(decoding: $0, as: UTF8.self) } == ["one", "two", "three"])
        #expect(header.text("subject") == "x")
        #expect(header.raw("Subject") == nil, "names are looked up lower-cased")
    }

    @Test(arguments: [("A: 1\n\nB: 2\n", 6), ("A: 1\r\n\r\nB: 2\r\n", 8), ("A: 1\n\r\nbody", 7)])
    func parsingStopsAtTheFirstEmptyLine(_ text: String, _ bodyStart: Int) {
        let header = Self.header(text)
        #expect(header.bodyStart == bodyStart)
        #expect(header.fields.map(\.name) == ["a"])
        #expect(MessageHeader.bodyStart(in: Array(text.utf8)[...]) == bodyStart)
    }

    @Test func aBlockWithoutAnEmptyLineHasNoBodyStart() {
        let header = Self.header("A: 1\nB: 2")
        #expect(header.bodyStart == nil)
        #expect(header.fields.map(\.name) == ["a", "b"])
        #expect(header.text("b") == "2")
    }

    @Test func linesThatAreNotFieldsAreSkippedAndNeverGluedToAField() {
        let header = Self.header("From someone@example.com Mon Dec  7 09:00:00 2026\nSubject: s\nno colon here\n continuation of junk\n: empty name\nTo: t\n\n")
        #expect(header.fields.map(\.name) == ["subject", "to"])
        #expect(header.text("subject") == "s")
    }

    @Test func whiteSpaceBeforeTheColonIsObsoleteButRead() {
        #expect(Self.header("Subject : old\n\n").text("subject") == "old")
    }

    @Test func aContinuationBeforeAnyFieldIsIgnored() {
        #expect(Self.header("  stray\nA: 1\n\n").fields.map(\.name) == ["a"])
    }

    @Test func eightBitJunkIsKeptAsBytes() {
        var bytes = Array("Subject: ".utf8) + [0xFF, 0xFE, 0x80, 0xC3]
        bytes += [0x0A, 0xFF, 0xFE] + Array(": junk name\n\n".utf8)
        let header = MessageHeader.parse(bytes)
        #expect(header.raw("subject") == [0xFF, 0xFE, 0x80, 0xC3])
        #expect(header.text("subject") == "\u{FF}\u{FE}\u{80}\u{C3}", "not UTF-8: read as Latin-1")
    }

    @Test func rawUTF8InAHeaderIsReadAsUTF8() {
        #expect(Self.header("Subject: Zoë — 陈\n\n").text("subject") == "Zoë — 陈")
    }

    @Test func fieldsAreBounded() {
        let text = String(repeating: "X-A: 1\n", count: MessageHeader.maxFields + 50) + "\n"
        #expect(Self.header(text).fields.count == MessageHeader.maxFields)
    }
}
