import CNcursesw
import FunnelUI

/// Turns what `get_wch` returned into a `Key`: a pure table, testable without a terminal.
public enum KeyDecoder {
    /// `get_wch` returned `OK`: `value` is a character code.
    public static let statusCharacter: Int32 = OK
    /// `get_wch` returned `KEY_CODE_YES`: `value` is a `KEY_*` code.
    public static let statusKeyCode: Int32 = KEY_CODE_YES

    /// The key for a `get_wch` result, or nil for results that are not keys the app handles
    /// (ERR, KEY_RESIZE — the terminal reports that as an event —, mouse, unknown codes,
    /// invalid scalars, C1 controls).
    public static func key(status: Int32, value: UInt32) -> Key? {
        switch status {
        case statusCharacter: return character(value)
        case statusKeyCode: return keyCode(Int32(bitPattern: value))
        default: return nil
        }
    }

    /// A character code: Ctrl combinations, Enter/Tab/Backspace/Escape, or a printable scalar.
    static func character(_ value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 27: return .escape
        case 0: return .ctrl("@")  // Ctrl-Space / Ctrl-@
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(value) + 0x60)))  // Ctrl-A…Ctrl-Z
        case 28: return .ctrl("\\")
        case 29: return .ctrl("]")
        case 30: return .ctrl("^")
        case 31: return .ctrl("_")
        case 0x80..<0xA0: return nil  // C1 controls: never a key a person meant
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }

    /// A `KEY_*` code from the keypad/terminfo decoder.
    static func keyCode(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME, KEY_A1, KEY_FIND: return .home
        case KEY_END, KEY_C1, KEY_SELECT: return .end
        case KEY_PPAGE, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_C3: return .pageDown
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_BTAB: return .backTab
        case (KEY_F0 + 1)...(KEY_F0 + 63): return .function(Int(code - KEY_F0))
        default: return nil
        }
    }
}
