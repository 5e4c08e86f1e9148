import Foundation
@testable import FunnelCore
import Testing

/// RFC 2047 encoded words, charsets and the neutralising of what they decode to.
@Suite struct EncodedWordsTests {
    @Test(arguments: [
        ("=?UTF-8?B?Wm/DqyBNw7xsbGVy?=", "Zoë Müller"),
        ("=?utf-8?b?Wm/DqyBNw7xsbGVy?=", "Zoë Müller"),
        ("=?UTF-8?Q?Zo=C3=AB_M=C3=BCller?=", "Zoë Müller"),
        ("=?utf-8?q?Zo=c3=ab?=", "Zoë"),
        ("=?ISO-8859-1?Q?Andr=E9?= Pirard", "André Pirard"),
        ("=?iso-8859-15?Q?=A4uro?=", "€uro"),
        ("=?iso-8859-1?Q?=A4?=", "¤"),
        ("=?windows-1252?Q?=93quoted=94_=96_dash?=", "“quoted” – dash"),
        ("=?us-ascii?Q?plain_text?=", "plain text"),
        ("=?US-ASCII*EN?Q?Keith_Moore?=", "Keith Moore"),
        ("=?x-unknown?Q?caf=E9?=", "café"),
        ("=?utf-8?B?w6k?=", "é"),
        ("=?utf-8?B?w6k=?=", "é"),
    ])
    func wordsAreDecoded(_ raw: String, _ text: String) {
        #expect(EncodedWords.decode(raw) == text)
    }

    @Test(arguments: [
        // RFC 2047 §8's examples.
        ("(=?ISO-8859-1?Q?a?=)", "(a)"),
        ("(=?ISO-8859-1?Q?a?= b)", "(a b)"),
        ("(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)", "(ab)"),
        ("(=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=)", "(ab)"),
        ("(=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?=)", "(ab)"),
        ("(=?ISO-8859-1?Q?a_b?=)", "(a b)"),
        ("(=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)", "(a b)"),
        ("=?utf-8?q?a?= plain =?utf-8?q?b?=", "a plain b"),
    ])
    func whiteSpaceBetweenAdjacentWordsIsDropped(_ raw: String, _ text: String) {
        #expect(EncodedWords.decode(raw) == text)
    }

    @Test func aCharacterSplitAcrossTwoWordsIsJoined() {
        // "é" is C3 A9: one byte in each word.
        #expect(EncodedWords.decode("=?utf-8?Q?caf=C3?= =?utf-8?Q?=A9?=") == "café")
        #expect(EncodedWords.decode("=?utf-8?B?Y2Fmww==?= =?utf-8?B?qQ==?=") == "café")
    }

    @Test(arguments: [
        "=?utf-8?X?abc?=",  // unknown encoding
        "=?utf-8?Q?a b?=",  // space inside
        "=?utf-8?Q?abc",  // no end
        "=?utf-8?B?###?=",  // not base64
        "=?utf-8?B?Y?=",  // one base64 character cannot be a byte
        "=?utf-8?Q?=ZZ?=",  // bad hex
        "=?utf-8?Q?=A?=",  // short hex
        "=??Q?abc?=",  // no charset
        "=?utf-8?Q?",
        "=?",
        "=?utf-8?Q?é?=",  // non-ASCII inside
    ])
    func malformedWordsAreLeftAsText(_ raw: String) {
        #expect(EncodedWords.decode(raw) == raw)
    }

    @Test func aWordMayStandAgainstOtherText() {
        #expect(EncodedWords.decode("Re:=?utf-8?q?caf=C3=A9?=!") == "Re:café!")
    }

    @Test func textWithoutWordsIsUnchanged() {
        #expect(EncodedWords.decode("Re: plain  subject ") == "Re: plain  subject ")
        #expect(EncodedWords.decode("1 = 2? no") == "1 = 2? no")
    }

    @Test func whatFunnelWritesReadsBack() {
        let subject = "Zoë, a role in Zürich — 陈 👩‍💻 " + String(repeating: "long ", count: 20)
        let words = HeaderWriter.encodedWords(subject, firstLineRoom: 60)
        #expect(words.count > 1)
        #expect(EncodedWords.decode(words.joined(separator: "\r\n ")) == subject)
    }

    // MARK: Neutralising

    @Test(arguments: [
        ("=?UTF-8?Q?Hello=0ABcc:_x@y.example?=", "Hello Bcc: x@y.example"),
        ("=?UTF-8?Q?a=0D=0Ab?=", "a b"),
        ("=?UTF-8?Q?a=09b?=", "a b"),
        ("=?UTF-8?Q?=1B[2Jcleared?=", #"\x1b[2Jcleared"#),
        ("=?UTF-8?B?" + Data("a\u{2028}b\u{85}c".utf8).base64EncodedString() + "?=", "a b c"),
        ("=?UTF-8?B?" + Data("Eve\u{202E}gpj.exe".utf8).base64EncodedString() + "?=", #"Eve\u202egpj.exe"#),
        ("=?UTF-8?Q?=00nul?=", #"\x00nul"#),
        ("  lots   of\t space  ", "lots of space"),
    ])
    func decodedTextIsOneLineOfPlainText(_ raw: String, _ text: String) {
        #expect(HeaderText.unstructured(Array(raw.utf8)) == text)
    }

    @Test func aSubjectIsBounded() {
        let long = String(repeating: "word ", count: 200)
        let subject = HeaderText.unstructured(Array(long.utf8))
        #expect(subject.count == HeaderText.subjectLimit)
        #expect(subject.hasSuffix("…"))
    }

    // MARK: Charsets

    @Test func unknownCharsetsAndInvalidBytesNeverFail() {
        #expect(Charset.decode([0x63, 0x61, 0x66, 0xE9], charset: "x-made-up") == "café")
        #expect(Charset.decode([0xC3, 0x28], charset: "utf-8") == "\u{FFFD}(")
        #expect(Charset.decode([0xC3, 0xA9], charset: "us-ascii") == "é", "mislabelled UTF-8")
        #expect(Charset.decode([0xE9], charset: "us-ascii") == "é", "mislabelled Latin-1")
        #expect(Charset.decode([0x80, 0x81, 0x9F], charset: "windows-1252") == "€\u{81}Ÿ")
        #expect(Charset.decode(Array("abc".utf8), charset: nil) == "abc")
    }
}
