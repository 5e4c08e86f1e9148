import Foundation
@testable import FunnelCore
import Testing

/// Content-Type parameters (RFC 2045, RFC 2231) and multipart bodies (RFC 2046).
@Suite struct MIMETests {
    static func parameters(_ text: String) -> MIMEParameters { MIMEParameters.parse(text) }
    static func entity(_ text: String) -> MIMEEntity { MIMEEntity(Array(text.utf8)[...]) }

    @Test func parametersAreReadWithQuotesCommentsAndCase() {
        let value = Self.parameters("Text/Plain; CharSet=\"UTF-8\" (a comment); format=flowed; name=\"a \\\"quoted\\\" ; name\"")
        #expect(value.value == "text/plain")
        #expect(value["charset"] == "UTF-8")
        #expect(value["format"] == "flowed")
        #expect(value["name"] == "a \"quoted\" ; name")
    }

    @Test func rfc2231ContinuationsAndCharsetsArePutBackTogether() {
        #expect(Self.parameters("text/plain; charset*=us-ascii'en'utf-8")["charset"] == "utf-8")
        #expect(Self.parameters("application/pdf; name*=UTF-8''Omar%20Haddad%20CV%E2%82%AC.pdf")["name"] == "Omar Haddad CV€.pdf")
        #expect(Self.parameters("multipart/mixed; boundary*0=\"abc\"; boundary*1=def; boundary*2=\"--ghi\"")["boundary"] == "abcdef--ghi")
        #expect(Self.parameters("x/y; title*1*=%20world; title*0*=iso-8859-1''hello%E9")["title"] == "helloé world")
        #expect(Self.parameters("x/y; title*0*=utf-8''caf%C3; title*1*=%A9")["title"] == "café", "bytes split across sections")
        #expect(Self.parameters("x/y; a=1; a=2")["a"] == "1", "the first wins")
        #expect(Self.parameters("x/y; =novalue; noequals; b=2").parameters == ["b": "2"])
    }

    @Test(arguments: ["", "garbage", "text/", "/plain", "text/plain/extra", "te xt/plain"])
    func aMissingOrUnreadableTypeIsTextPlain(_ raw: String) {
        let entity = Self.entity(raw.isEmpty ? "\nbody" : "Content-Type: \(raw)\n\nbody")
        #expect(entity.contentType.mediaType == "text/plain")
        #expect(entity.firstPlainText() != nil)
    }

    static let nested = """
    Content-Type: multipart/mixed; boundary="outer"

    preamble, ignored
    --outer
    Content-Type: multipart/alternative; boundary=inner

    --inner
    Content-Type: text/html

    <p>html first</p>
    --inner
    Content-Type: text/plain; charset=utf-8
    Content-Transfer-Encoding: quoted-printable

    plain =E2=9C=93
    --inner--
    --outer
    Content-Type: text/plain
    Content-Disposition: attachment; filename=notes.txt

    an attached text file
    --outer--
    epilogue, ignored
    --outer
    Content-Type: text/plain

    after the closing delimiter: not a part
    """

    @Test func nestedMultipartsAreWalkedDepthFirstForThePlainText() {
        let entity = Self.entity(Self.nested)
        #expect(entity.parts.count == 2)
        #expect(entity.parts[0].parts.map(\.contentType.mediaType) == ["text/html", "text/plain"])
        #expect(entity.parts[1].isAttachment)
        #expect(entity.firstPlainText()?.text(limit: 1000) == "plain ✓")
    }

    @Test func theLineEndingBeforeADelimiterBelongsToIt() {
        let entity = Self.entity("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nline one\r\n\r\n--b--\r\n")
        #expect(entity.parts.count == 1)
        #expect(entity.parts.first.map { Array($0.body) } == Array("line one\r\n".utf8))
        #expect(entity.firstPlainText()?.text(limit: 100) == "line one\n")
    }

    @Test func aDelimiterMustStartTheLineAndMatchExactly() {
        let entity = Self.entity("Content-Type: multipart/mixed; boundary=b\n\n--b\n\ntext with --b inside\n--bb\nstill text\n--b  \n\nsecond\n")
        #expect(entity.parts.count == 2, "--bb is not the delimiter; trailing white space after --b is allowed")
        #expect(entity.parts.first?.text(limit: 100) == "text with --b inside\n--bb\nstill text")
        #expect(entity.parts.last?.text(limit: 100) == "second\n", "no closing delimiter: the last part runs to the end")
    }

    @Test func aMultipartWithoutABoundaryHasNoParts() {
        #expect(Self.entity("Content-Type: multipart/mixed\n\n--x\n\ntext\n--x--\n").parts.isEmpty)
    }

    @Test func digestPartsDefaultToMessages() {
        let entity = Self.entity("Content-Type: multipart/digest; boundary=d\n\n--d\n\nFrom: a@x.example\n\nhi\n--d--\n")
        #expect(entity.parts.first?.contentType.mediaType == "message/rfc822")
    }

    @Test func aForwardedMessagesTextIsNotTheSenders() {
        let entity = Self.entity("Content-Type: multipart/mixed; boundary=f\n\n--f\nContent-Type: message/rfc822\n\nFrom: inner@x.example\n\ninner text\n--f--\n")
        #expect(entity.firstPlainText() == nil)
    }

    @Test func hostileNestingStopsAtTheDepthLimit() {
        var text = ""
        for level in 0..<50 { text += "Content-Type: multipart/mixed; boundary=b\(level)\n\n--b\(level)\n" }
        text += "Content-Type: text/plain\n\ndeep\n"
        #expect(Self.entity(text).firstPlainText() == nil)
    }

    @Test func textIsBoundedAtACharacterBoundaryAndNeutralised() {
        let entity = Self.entity("Content-Type: text/plain; charset=utf-8\n\n" + String(repeating: "é", count: 100) + "\u{1B}[2J")
        let text = entity.text(limit: 51)
        #expect(text.utf8.count == 50)
        #expect(text == String(repeating: "é", count: 25))
        #expect(Self.entity("\nescape \u{1B}[2J\ttab\r\nline\rcr").text(limit: 100) == #"escape \x1b[2J"# + "\ttab\nline\ncr")
    }

    @Test func aBase64PartWithAnUnknownCharsetReadsAsLatin1() {
        let body = Data([0x63, 0x61, 0x66, 0xE9]).base64EncodedString()
        let entity = Self.entity("Content-Type: text/plain; charset=x-nobody-knows\nContent-Transfer-Encoding: base64\n\n\(body)\n")
        #expect(entity.text(limit: 100) == "café")
    }
}
