import Foundation
@testable import FunnelCore
import Testing

/// Quoted-printable and base64 bodies, decoded leniently.
@Suite struct TransferEncodingTests {
    static func qp(_ text: String) -> String {
        String(decoding: TransferEncoding.quotedPrintable(Array(text.utf8)[...]), as: UTF8.self)
    }

    @Test(arguments: [
        ("caf=C3=A9", "café"),
        ("caf=c3=a9", "café"),  // lower-case hex, seen in the wild
        ("soft =\nbreak", "soft break"),
        ("soft =\r\nbreak", "soft break"),
        ("soft =  \nbreak", "soft break"),  // white space after the soft break's "="
        ("a=3Db", "a=b"),
        ("a = b", "a = b"),  // a stray "=" is kept
        ("100%=", "100%"),  // "=" at the very end is a soft break
        ("=ZZ", "=ZZ"),
        ("=4", "=4"),
        ("trailing   \nspace", "trailing\nspace"),  // transport padding goes
        ("keep=20\nspace", "keep \nspace"),  // encoded white space stays
        ("line one\r\nline two", "line one\r\nline two"),
    ])
    func quotedPrintable(_ encoded: String, _ decoded: String) {
        #expect(Self.qp(encoded) == decoded)
    }

    @Test func whatFunnelWritesAsQuotedPrintableReadsBack() {
        let body = String(repeating: "Zoë’s long line with = signs and trailing space ", count: 30) + " \nnext"
        #expect(Self.qp(MailMessage.quotedPrintable(body)) == body)
    }

    @Test(arguments: [
        ("Y2Fmw6k=", "café"),
        ("Y2Fmw6k", "café"),  // no padding
        ("Y2Fm\r\nw6k=\r\n", "café"),  // line breaks
        ("Y2 Fm w6k=", "café"),  // spaces
        ("Y2Fm!!w6k=", "café"),  // junk characters are skipped
        ("Y2Fmw6k=garbage after the pad", "café"),
        ("", ""),
    ])
    func base64(_ encoded: String, _ decoded: String) {
        #expect(String(decoding: TransferEncoding.base64(Array(encoded.utf8)[...]), as: UTF8.self) == decoded)
    }

    @Test func base64OfEveryByteReadsBack() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let encoded = Data(bytes).base64EncodedString(options: .lineLength76Characters)
        #expect(TransferEncoding.base64(Array(encoded.utf8)[...]) == bytes)
    }

    @Test(arguments: ["7bit", "8bit", "binary", "x-uuencode", nil])
    func otherEncodingsPassThrough(_ name: String?) {
        #expect(TransferEncoding.decode(Array("a=3Db".utf8)[...], encoding: name) == Array("a=3Db".utf8))
    }

    @Test func encodingNamesAreCaseInsensitive() {
        #expect(TransferEncoding.decode(Array("a=3Db".utf8)[...], encoding: " Quoted-Printable ") == Array("a=b".utf8))
        #expect(TransferEncoding.decode(Array("YQ==".utf8)[...], encoding: "BASE64") == Array("a".utf8))
    }
}
