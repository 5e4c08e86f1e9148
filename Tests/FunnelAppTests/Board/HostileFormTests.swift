import Foundation
import FunnelApp
import FunnelCore
import FunnelStore
import FunnelUI
import GRDB
import HostileCorpus
import Testing

/// The forms with hostile text pasted in (issue 9): what a terminal delivers as characters — bidi
/// overrides, C1 controls, separators — is refused on save with the field's sentence, the form
/// keeps what was typed (shown with visible escapes), and the store is unchanged.
@Suite struct HostileFormTests {
    /// Corpus entries a paste can deliver as characters (C0 controls arrive as Ctrl keys or Esc).
    static let pasteable = HostileCorpus.refused.filter { entry in
        !entry.text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }

    /// A line editor takes no line break of any kind (NEL, U+2028, U+2029 included): a pasted one
    /// is dropped as the text arrives, so a single-line field can never hold a second line.
    @Test(arguments: pasteable.filter { $0.text.contains(where: \.isNewline) })
    func lineBreaksNeverEnterALineEditor(_ entry: HostileCorpus.Entry) {
        var editor = LineEditor("")
        for character in entry.text { _ = editor.handle(.char(character)) }
        #expect(editor.string == entry.text.filter { !$0.isNewline })
    }

    @Test(arguments: pasteable.filter { !$0.text.contains(where: \.isNewline) })
    func addFormRefusesAndKeepsTheText(_ entry: HostileCorpus.Entry) throws {
        let desk = try BoardAppTests.Desk()
        defer { desk.remove() }
        let before = try desk.store.list()
        let terminal = FakeTerminal(size: Size(width: 160, height: 30))
        terminal.enqueue(keys: .char("a"))
        for character in entry.text { terminal.enqueue(keys: .char(character)) }
        terminal.enqueue(keys: .enter, .escape, .char("y"), .char("q"))
        try BoardApp.run(store: desk.store, terminal: terminal, environment: BoardAppTests.environment)

        let (code, position) = HostileCorpus.firstForbidden(entry.text)!
        let frames = terminal.presented.map { $0.lines().joined(separator: "\n") }
        let failed = try #require(frames.first { $0.contains("the first name holds") }, "no frame shows the error")
        #expect(failed.contains("(\(code)) at character"), "position \(position), cut by the form width")
        #expect(failed.contains("First name* " + VisibleText.escaped(entry.text)), "the form keeps the text, shown visibly")
        for frame in frames { #expect(HostileCorpus.rawControls(in: frame).isEmpty) }
        #expect(try desk.reopen().list() == before)
    }

    @Test func storedHostileValuesAreShownVisiblyOnEveryScreen() throws {
        let desk = try BoardAppTests.Desk()
        defer { desk.remove() }
        // A value from before validation, written as another tool would.
        let raw = try DatabaseQueue(path: desk.path)
        try raw.write { db in
            try db.execute(sql: "UPDATE candidate SET first_name = ?, title = ? WHERE id = ?",
                           arguments: ["Eve\u{1B}[2J\u{1B}]0;pwned\u{7}", "CTO\u{202E}gpj", desk.zoe.id])
        }
        try raw.close()
        let terminal = FakeTerminal(size: Size(width: 120, height: 30))
        terminal.enqueue(keys: .enter, .escape, .char("/"))
        terminal.type("zoe")
        terminal.enqueue(keys: .escape, .char("t"), .escape, .char("q"))
        try BoardApp.run(store: desk.store, terminal: terminal, environment: BoardAppTests.environment)
        let frames = terminal.presented.map { $0.lines().joined(separator: "\n") }
        #expect(frames.contains { $0.contains("Eve\\x1b[2J\\x1b]0;pwned\\x07") }, "the board and the candidate screen show the escapes")
        #expect(frames.contains { $0.contains("CTO\\u202egpj") })
        for frame in frames { #expect(HostileCorpus.rawControls(in: frame).isEmpty) }
    }
}
