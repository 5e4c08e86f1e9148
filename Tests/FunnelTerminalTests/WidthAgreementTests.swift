import CShims
@testable import FunnelTerminal
import FunnelUI
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// DisplayWidth is pure Swift; ncurses measures with the C library's wcwidth. If they disagree,
/// columns shift on screen, so check the two against each other on this machine.
@Suite("DisplayWidth agrees with wcwidth", .serialized)
struct WidthAgreementTests {
    init() {
        // wcwidth answers -1 for all non-ASCII without a UTF-8 LC_CTYPE (LC_CTYPE only, to
        // leave the rest of the test process's locale alone).
        setlocale(LC_CTYPE, "C.UTF-8")
    }

    static let samples: [UInt32] = [
        0x41, 0x7E, 0xE9, 0xF1, 0xEB, 0xAD, 0xA0,          // ASCII, accented, soft hyphen, NBSP
        0x0301, 0x0308, 0x20E3,                            // combining marks
        0x4E2D, 0x5C71, 0x3000, 0x3002, 0xFF21, 0x20000,   // CJK, fullwidth, ideographic space, ext B
        0xAC00, 0xAE40, 0x1100, 0x1161, 0x11A8,            // Hangul syllables and jamo
        0x1F600, 0x1F680, 0x1F468, 0x1F469, 0x1F3FD, 0x231A, 0x2614,  // emoji
        0x2764, 0x263A, 0xFE0F, 0xFE0E, 0x200D, 0x200B,    // text-default emoji, selectors, ZWJ, ZWSP
        0x2500, 0x2502, 0x2026, 0xFFFD, 0xE000,            // box drawing, ellipsis, replacement, PUA
    ]

    @Test("sample scalars")
    func samples() {
        for value in Self.samples {
            let scalar = Unicode.Scalar(value)!
            #expect(DisplayWidth.width(of: scalar) == Int(funnel_wcwidth(Int32(value))),
                    "U+\(String(value, radix: 16, uppercase: true))")
        }
    }

    @Test("control characters: wcwidth says unprintable, DisplayWidth says 0 (never shown)")
    func controls() {
        for value: UInt32 in [0x07, 0x09, 0x0A, 0x0D, 0x1B, 0x7F, 0x85, 0x9F] {
            #expect(funnel_wcwidth(Int32(value)) == -1)
            #expect(DisplayWidth.width(of: Unicode.Scalar(value)!) == 0)
        }
    }

    @Test("every scalar the C library can measure, except lone regional indicators")
    func exhaustive() {
        var mismatches: [String] = []
        for value in UInt32(0x20)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let c = Int(funnel_wcwidth(Int32(value)))
            if c < 0 || (0x1F1E6...0x1F1FF).contains(value) { continue }
            if DisplayWidth.width(of: scalar) != c {
                mismatches.append("U+\(String(value, radix: 16, uppercase: true)): \(DisplayWidth.width(of: scalar)) vs \(c)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches: \(mismatches.prefix(20))")
    }

    /// What the terminal sends for a cell must advance ncurses by exactly the cell's width.
    @Test("glyphs written for a grapheme advance ncurses by its display width", arguments: [
        "a", "é", "e\u{301}", "Zoë", "山", "김", "\u{1100}\u{1161}", "😀", "🚀",
        "👨\u{200D}👩\u{200D}👧", "👩\u{200D}💻", "👍🏽", "🇯🇵", "❤\u{FE0F}", "1\u{FE0F}\u{20E3}",
        "\u{1FAE8}", "a\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}", "…", "─",
    ])
    func glyphWidths(text: String) {
        for character in text {
            let width = DisplayWidth.width(of: character)
            let glyph = NcursesTerminal.glyph(character, width: width) { Int(funnel_wcwidth(Int32(bitPattern: $0))) }
            let advance = glyph.reduce(0) { $0 + max(0, Int(funnel_wcwidth($1))) }
            #expect(advance == width, "\(character): \(glyph.map { String($0, radix: 16) })")
            #expect(glyph.allSatisfy { funnel_wcwidth($0) >= 0 }, "nothing unprintable is sent")
        }
    }

    @Test("glyph choices for sequences ncurses would measure differently")
    func glyphChoices() {
        func glyph(_ c: Character) -> [UInt32] {
            NcursesTerminal.glyph(c, width: DisplayWidth.width(of: c)) { Int(funnel_wcwidth(Int32(bitPattern: $0))) }
                .map { UInt32(bitPattern: $0) }
        }
        #expect(glyph("👨\u{200D}👩\u{200D}👧") == [0x1F468])            // the rest would add 4 columns
        #expect(glyph("👍🏽") == [0x1F44D])                                // the modifier is 2 on its own
        #expect(glyph("🇯🇵") == [0x1F1EF, 0x1F1F5])                       // 1 + 1
        #expect(glyph("e\u{301}") == [0x65, 0x301])                        // marks kept
        #expect(glyph("\u{1FAE8}") == [0xFFFD, 0x20])                      // unknown to this libc
        #expect(glyph("a\u{301}\u{302}\u{303}\u{304}\u{305}").count == 5)  // at most 4 marks per cell
    }
}
