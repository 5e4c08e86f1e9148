import Foundation
import FunnelCore

// Every line the command line writes for people goes through these, so a value stored before
// validation (or written into the file by another tool) cannot clear the screen, retitle the
// window or fake a line of output: control characters, separators and bidi overrides are shown
// as visible escapes (`VisibleText`). JSON and exported files have their own encoders.

/// `Swift.print` with every control character but line breaks and tabs made visible. Shadows the
/// standard `print` inside this module on purpose: no human output can forget it.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator)
    Swift.print(VisibleText.escaped(text, keepingLineBreaks: true), terminator: terminator)
}

/// Writes to standard error with the same neutralisation (error messages quote what was typed
/// or stored).
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(VisibleText.escaped(text, keepingLineBreaks: true).utf8))
    }

    /// Carriage return and erase-line: the one control sequence written as such, ours, to
    /// redraw a progress line on a terminal.
    static let eraseLine = "\r\u{1B}[K"

    /// Replaces the line a progress line is on with `text` (neutralised like everything else).
    static func rewriteLine(_ text: String) {
        FileHandle.standardError.write(Data((eraseLine + VisibleText.escaped(text)).utf8))
    }

    /// Blanks the progress line, leaving the cursor at its start.
    static func clearLine() {
        FileHandle.standardError.write(Data(eraseLine.utf8))
    }
}

extension String {
    /// A single-line value as printed: line breaks and tabs made visible too, so a stored name
    /// holding a line break cannot pass for a second line of output.
    var shown: String { VisibleText.escaped(self) }
}
