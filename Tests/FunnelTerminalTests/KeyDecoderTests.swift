@testable import FunnelTerminal
import FunnelUI
import Testing

/// The values are ncurses 6.4's, written out (not imported) so a wrong constant in the decoder
/// would show up here.
@Suite("KeyDecoder")
struct KeyDecoderTests {
    static let ok: Int32 = 0
    static let keyCodeYes: Int32 = 256
    static let err: Int32 = -1

    @Test("status constants are ncurses' OK and KEY_CODE_YES")
    func statuses() {
        #expect(KeyDecoder.statusCharacter == Self.ok)
        #expect(KeyDecoder.statusKeyCode == Self.keyCodeYes)
    }

    @Test("characters from get_wch (OK)", arguments: [
        (UInt32(Character("a").asciiValue!), Key.char("a")),
        (0x51, .char("Q")),
        (0x20, .char(" ")),
        (0xE9, .char("é")),
        (0x5C71, .char("山")),
        (0x1F680, .char("🚀")),
        (9, .tab),
        (10, .enter), (13, .enter),
        (8, .backspace), (127, .backspace),
        (27, .escape),
        (1, .ctrl("a")), (3, .ctrl("c")), (4, .ctrl("d")), (26, .ctrl("z")),
        (7, .ctrl("g")), (11, .ctrl("k")), (12, .ctrl("l")), (14, .ctrl("n")), (21, .ctrl("u")),
        (0, .ctrl("@")), (28, .ctrl("\\")), (29, .ctrl("]")), (30, .ctrl("^")), (31, .ctrl("_")),
    ] as [(UInt32, Key)])
    func characters(value: UInt32, expected: Key) {
        #expect(KeyDecoder.key(status: Self.ok, value: value) == expected)
    }

    @Test("key codes from get_wch (KEY_CODE_YES)", arguments: [
        (259, Key.up), (258, .down), (260, .left), (261, .right),
        (262, .home), (348, .home), (362, .home),
        (360, .end), (351, .end), (385, .end),
        (339, .pageUp), (349, .pageUp),
        (338, .pageDown), (352, .pageDown),
        (343, .enter), (263, .backspace), (330, .delete), (331, .insert), (353, .backTab),
        (265, .function(1)), (269, .function(5)), (276, .function(12)), (264 + 63, .function(63)),
    ] as [(UInt32, Key)])
    func keyCodes(value: UInt32, expected: Key) {
        #expect(KeyDecoder.key(status: Self.keyCodeYes, value: value) == expected)
    }

    @Test("things that are not keys")
    func notKeys() {
        #expect(KeyDecoder.key(status: Self.err, value: 0) == nil)
        #expect(KeyDecoder.key(status: Self.err, value: 97) == nil)
        #expect(KeyDecoder.key(status: Self.keyCodeYes, value: 410) == nil)  // KEY_RESIZE: an event
        #expect(KeyDecoder.key(status: Self.keyCodeYes, value: 409) == nil)  // KEY_MOUSE
        #expect(KeyDecoder.key(status: Self.keyCodeYes, value: 350) == nil)  // KEY_B2 (keypad centre)
        #expect(KeyDecoder.key(status: Self.keyCodeYes, value: 264) == nil)  // KEY_F0
        #expect(KeyDecoder.key(status: Self.ok, value: 0x85) == nil)         // C1 control
        #expect(KeyDecoder.key(status: Self.ok, value: 0xD800) == nil)       // surrogate: no scalar
        #expect(KeyDecoder.key(status: Self.ok, value: 0x110000) == nil)
    }
}
