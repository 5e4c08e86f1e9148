import FunnelUI
import Testing

@Suite("DisplayWidth")
struct DisplayWidthTests {
    @Test("width of single graphemes", arguments: [
        // ASCII
        ("a", 1), ("~", 1), (" ", 1),
        // accented: precomposed, and base + combining mark (one Character)
        ("é", 1), ("ñ", 1), ("e\u{301}", 1), ("a\u{308}\u{304}", 1),
        // a combining mark on its own is a zero-width grapheme
        ("\u{301}", 0),
        // CJK, fullwidth, ideographic space
        ("中", 2), ("山", 2), ("Ａ", 2), ("\u{3000}", 2), ("。", 2),
        // Hangul: syllable, conjoining jamo (one grapheme), a lone medial vowel (zero width)
        ("가", 2), ("\u{1100}\u{1161}", 2), ("\u{1161}", 0),
        // emoji with emoji presentation
        ("😀", 2), ("🚀", 2), ("⌚", 2),
        // ZWJ sequences count as their base
        ("👨\u{200D}👩\u{200D}👧", 2), ("👩\u{200D}💻", 2),
        // skin tone modifier
        ("👍🏽", 2),
        // flags are a pair of regional indicators; a lone indicator is 1
        ("🇯🇵", 2), ("🇫🇷", 2), ("🇯", 1),
        // variation selectors: the base decides (as wcwidth does for U+2764)
        ("❤\u{FE0F}", 1), ("❤", 1), ("☺\u{FE0F}", 1), ("⌚\u{FE0E}", 2),
        // keycap
        ("1\u{FE0F}\u{20E3}", 1),
        // control characters are never shown
        ("\u{7}", 0), ("\t", 0), ("\n", 0), ("\r\n", 0), ("\u{7F}", 0), ("\u{85}", 0), ("\u{1B}", 0),
        // other zero width, and the soft hyphen which wcwidth counts as 1
        ("\u{200B}", 0), ("\u{200D}", 0), ("\u{FE0F}", 0), ("\u{AD}", 1),
        // emoji newer than the table: wide by emoji presentation
        ("\u{1FAE8}", 2),
        // box drawing and ellipsis (ambiguous width: narrow)
        ("─", 1), ("…", 1),
    ] as [(String, Int)])
    func graphemeWidth(text: String, expected: Int) {
        #expect(text.count == 1, "test data must be one grapheme: \(text.unicodeScalars.map { String($0.value, radix: 16) })")
        #expect(DisplayWidth.width(of: Character(text)) == expected)
        #expect(DisplayWidth.width(of: text) == expected)
    }

    @Test("width of strings is the sum of their graphemes")
    func stringWidth() {
        #expect(DisplayWidth.width(of: "") == 0)
        #expect(DisplayWidth.width(of: "Hello") == 5)
        #expect(DisplayWidth.width(of: "Zoë") == 3)
        #expect(DisplayWidth.width(of: "山田太郎") == 8)
        #expect(DisplayWidth.width(of: "김민준") == 6)
        #expect(DisplayWidth.width(of: "Zoë 山田太郎 Kai 🚀|") == 20)
        #expect(DisplayWidth.width(of: "🇯🇵🇫🇷") == 4)
        #expect(DisplayWidth.width(of: "👨\u{200D}👩\u{200D}👧 family") == 9)
        #expect(DisplayWidth.width(of: "a\tb\nc") == 3)
        #expect(DisplayWidth.width(of: "e\u{301}cole") == 5)
        #expect(DisplayWidth.width(of: Substring("山田")) == 4)
    }

    @Test("scalar widths")
    func scalarWidths() {
        #expect(DisplayWidth.width(of: Unicode.Scalar(0x41)!) == 1)
        #expect(DisplayWidth.width(of: Unicode.Scalar(0x0301)!) == 0)
        #expect(DisplayWidth.width(of: Unicode.Scalar(0x4E2D)!) == 2)
        #expect(DisplayWidth.width(of: Unicode.Scalar(0x1F600)!) == 2)
        #expect(DisplayWidth.width(of: Unicode.Scalar(0x0000)!) == 0)
        #expect(DisplayWidth.width(of: Unicode.Scalar(0x009F)!) == 0)
        #expect(DisplayWidth.width(of: Unicode.Scalar(0x00A0)!) == 1)
        #expect(DisplayWidth.width(of: Unicode.Scalar(0x1160)!) == 0)
        #expect(DisplayWidth.width(of: Unicode.Scalar(0x20000)!) == 2)   // CJK extension B
        #expect(DisplayWidth.width(of: Unicode.Scalar(0xE000)!) == 1)    // private use
    }

    @Test("sanitize turns line breaks and tabs into one space and shows every other control visibly")
    func sanitize() {
        #expect(DisplayWidth.sanitize("plain") == "plain")
        #expect(DisplayWidth.sanitize("a\tb\nc\r\nd\u{7}e\u{1B}[31m") == "a b c d\\x07e\\x1b[31m")
        #expect(DisplayWidth.sanitize("line\u{2028}sep") == "line\\u2028sep")
        #expect(DisplayWidth.sanitize("Zoë 山田\u{0}") == "Zoë 山田\\x00")
        #expect(DisplayWidth.sanitize("Eve\u{202E}gpj.exe") == "Eve\\u202egpj.exe")
        #expect(DisplayWidth.sanitize("Eve\u{9B}2J\u{7F}") == "Eve\\u009b2J\\x7f")
        #expect(DisplayWidth.sanitize("lone\rCR") == "lone\\rCR")
        #expect(DisplayWidth.isControl("\u{2067}"))
        #expect(DisplayWidth.isControl("\r\n"))
        #expect(!DisplayWidth.isControl("é"))
    }
}

@Suite("DisplayWidth truncate, pad, fit")
struct TruncateTests {
    @Test("text that fits is unchanged")
    func fits() {
        #expect(DisplayWidth.truncate("abc", to: 3) == "abc")
        #expect(DisplayWidth.truncate("abc", to: 10) == "abc")
        #expect(DisplayWidth.truncate("山田", to: 4) == "山田")
        #expect(DisplayWidth.truncate("", to: 0) == "")
    }

    @Test("cutting ASCII at every boundary")
    func everyBoundaryASCII() {
        let text = "abcdef"
        #expect(DisplayWidth.truncate(text, to: 0) == "")
        #expect(DisplayWidth.truncate(text, to: -3) == "")
        #expect(DisplayWidth.truncate(text, to: 1) == "…")
        for n in 2..<6 {
            let expected = String(text.prefix(n - 1)) + "…"
            #expect(DisplayWidth.truncate(text, to: n) == expected, "n=\(n)")
        }
        #expect(DisplayWidth.truncate(text, to: 6) == text)
    }

    @Test("wide characters are never split; a straddling one leaves a space")
    func wide() {
        #expect(DisplayWidth.truncate("山田太郎", to: 7) == "山田太…")
        #expect(DisplayWidth.truncate("山田太郎", to: 6) == "山田… ")
        #expect(DisplayWidth.truncate("山田太郎", to: 5) == "山田…")
        #expect(DisplayWidth.truncate("山田太郎", to: 3) == "山…")
        #expect(DisplayWidth.truncate("山田太郎", to: 2) == "… ")
        #expect(DisplayWidth.truncate("山田太郎", to: 1) == "…")
        #expect(DisplayWidth.truncate("a山田", to: 3) == "a… ")
        #expect(DisplayWidth.truncate("👨\u{200D}👩\u{200D}👧x", to: 2) == "… ")
        #expect(DisplayWidth.truncate("🇯🇵🇫🇷", to: 3) == "🇯🇵…")
    }

    @Test("every boundary of mixed text: exact width, a prefix of whole graphemes")
    func everyBoundaryMixed() {
        let samples = ["a山b田c", "Zoë 山田太郎 Kai 🚀", "e\u{301}cole 👍🏽 🇯🇵 김민준", "❤\u{FE0F}x👨\u{200D}👩\u{200D}👧y"]
        for text in samples {
            let full = DisplayWidth.width(of: text)
            for n in 0...(full + 1) {
                let cut = DisplayWidth.truncate(text, to: n)
                #expect(DisplayWidth.width(of: cut) == min(n, full), "\(text) to \(n): \(cut)")
                if n >= full {
                    #expect(cut == text)
                } else if n > 0 {
                    var kept = Array(cut)
                    while kept.last == " " { kept.removeLast() }
                    #expect(kept.last == "…", "\(text) to \(n): \(cut)")
                    kept.removeLast()
                    #expect(Array(text).starts(with: kept), "\(text) to \(n) keeps whole graphemes: \(cut)")
                }
            }
        }
    }

    @Test("combining marks stay with their base")
    func combining() {
        #expect(DisplayWidth.truncate("e\u{301}cole", to: 3) == "e\u{301}c…")
        #expect(DisplayWidth.truncate("e\u{301}cole", to: 3).unicodeScalars.count == 4)
    }

    @Test("pad aligns by display width and never shortens")
    func pad() {
        #expect(DisplayWidth.pad("ab", to: 5) == "ab   ")
        #expect(DisplayWidth.pad("ab", to: 5, alignment: .right) == "   ab")
        #expect(DisplayWidth.pad("ab", to: 5, alignment: .center) == " ab  ")
        #expect(DisplayWidth.pad("山田", to: 6) == "山田  ")
        #expect(DisplayWidth.pad("山田", to: 6, alignment: .right) == "  山田")
        #expect(DisplayWidth.pad("toolong", to: 3) == "toolong")
    }

    @Test("fit is always exactly the requested width")
    func fit() {
        for text in ["", "a", "Zoë", "山田太郎", "👨\u{200D}👩\u{200D}👧 family", "🇯🇵 flag", "tab\there"] {
            for n in 0...12 {
                #expect(DisplayWidth.width(of: DisplayWidth.fit(text, to: n)) == n, "\(text) to \(n)")
            }
        }
        #expect(DisplayWidth.fit("Zoë", to: 6, alignment: .right) == "   Zoë")
        #expect(DisplayWidth.fit("山田太郎", to: 6) == "山田… ")
    }
}
