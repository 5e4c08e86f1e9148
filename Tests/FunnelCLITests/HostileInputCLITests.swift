import Foundation
import GRDB
import HostileCorpus
import Testing

extension HostileCorpus.Entry: CustomTestStringConvertible {
    public var testDescription: String { id }
}

/// The hostile corpus through the real binary (issue 9): every way in refuses with one sentence
/// and leaves the store as it was; every way out shows what an old store holds as visible text.
@Suite struct HostileInputCLITests {
    /// An argument vector cannot hold NUL: those entries go in through standard input or files.
    static let arguable = HostileCorpus.refused.filter { !$0.text.contains("\u{0}") }
    static let arguableMultiline = HostileCorpus.multilineRefused.filter { !$0.text.contains("\u{0}") }

    static func code(_ text: String, multiLine: Bool = false) -> (String, Int) {
        let found = HostileCorpus.firstForbidden(text.trimmingCharacters(in: .whitespacesAndNewlines), multiLine: multiLine)!
        return (found.code, found.position)
    }

    func sandboxWithOne() throws -> Sandbox {
        let sandbox = try Sandbox()
        _ = try sandbox.add("--first", "Zoë", "--last", "Müller", "--email", "zoe@example.com")
        return sandbox
    }

    func expectRefused(_ sandbox: Sandbox, _ args: [String], field: String, text: String, multiLine: Bool = false,
                       stdin: String? = nil) throws {
        let before = try StoreFile.dump(sandbox.store)
        let result = try sandbox.run(args, stdin: stdin)
        let (code, position) = Self.code(text, multiLine: multiLine)
        #expect(result.code == 2, "\(result)")
        #expect(result.stderr.hasPrefix("funnel: the \(field) holds "), "\(result)")
        #expect(result.stderr.contains("(\(code)) at character \(position): "), "\(result)")
        #expect(result.stderr.hasSuffix(multiLine ? "only line breaks and tabs are allowed\n" : "it must be one line of plain text\n"))
        #expect(HostileCorpus.rawControls(in: result.stderr).isEmpty, "the error itself must not carry the control")
        #expect(result.stdout.isEmpty)
        #expect(try StoreFile.dump(sandbox.store) == before)
    }

    @Test(arguments: arguable)
    func addRefusesEverySingleLineField(_ entry: HostileCorpus.Entry) throws {
        let sandbox = try sandboxWithOne()
        try expectRefused(sandbox, ["add", "--first", entry.text, "--last", "X", "--email", "eve2@example.com"], field: "first name", text: entry.text)
        try expectRefused(sandbox, ["add", "--first", "Eve", "--last", entry.text], field: "last name", text: entry.text)
        try expectRefused(sandbox, ["add", "--first", "Eve", "--title", entry.text], field: "title", text: entry.text)
        try expectRefused(sandbox, ["add", "--first", "Eve", "--company", entry.text], field: "company", text: entry.text)
        try expectRefused(sandbox, ["add", "--first", "Eve", "--email", entry.text], field: "email", text: entry.text)
        try expectRefused(sandbox, ["future-role", "1", "--title", entry.text, "--location", "Lisbon"], field: "future role title", text: entry.text)
        try expectRefused(sandbox, ["log", "1", "--channel", "email", "--template", entry.text], field: "template name", text: entry.text)
    }

    @Test(arguments: arguableMultiline)
    func notesRefuseControls(_ entry: HostileCorpus.Entry) throws {
        let sandbox = try sandboxWithOne()
        try expectRefused(sandbox, ["note", "1", entry.text], field: "note", text: entry.text, multiLine: true)
        try expectRefused(sandbox, ["log", "1", "--channel", "phone", "--note", entry.text], field: "note", text: entry.text, multiLine: true)
        try expectRefused(sandbox, ["add", "--first", "Eve", "--interests", entry.text], field: "interests", text: entry.text, multiLine: true)
    }

    @Test func nulThroughStandardInputIsRefused() throws {
        let sandbox = try sandboxWithOne()
        try expectRefused(sandbox, ["note", "1"], field: "note", text: "Eve\u{0}Smith", multiLine: true, stdin: "Eve\u{0}Smith\n")
    }

    @Test(arguments: [("esc-in-name.csv", "control character (U+001B)"), ("newline-in-name.csv", "line break (U+000A)")])
    func importRefusesHostileCellsNamingFileLineAndColumn(_ file: String, _ what: String) throws {
        let sandbox = try sandboxWithOne()
        let before = try StoreFile.dump(sandbox.store)
        let path = HostileCorpus.bytesFolder.appendingPathComponent(file).path
        let result = try sandbox.run("import", path)
        #expect(result.code == 2, "\(result)")
        #expect(result.stdout.contains("\(path):3: error: the column 'First Name' holds a \(what) at character 4: it must be one line of plain text\n"))
        #expect(result.stdout.contains("nothing imported"))
        #expect(HostileCorpus.rawControls(in: result.stdout + result.stderr).isEmpty)
        #expect(try StoreFile.dump(sandbox.store) == before)
    }

    @Test func theReproductionFromTheIssue() throws {
        let sandbox = try sandboxWithOne()
        let result = try sandbox.run("add", "--first", "Eve\nBcc: attacker@x.com", "--last", "X", "--email", "eve2@example.com")
        #expect(result.code == 2)
        #expect(result.stderr == "funnel: the first name holds a line break (U+000A) at character 4: it must be one line of plain text\n")
        let escape = try sandbox.run("add", "--first", "Eve\u{1B}[2J\u{1B}]0;pwned\u{7}")
        #expect(escape.stderr == "funnel: the first name holds a control character (U+001B) at character 4: it must be one line of plain text\n")
        #expect(try StoreFile.count(sandbox.store, "SELECT count(*) FROM candidate") == 1)
    }

    @Test(arguments: HostileCorpus.accepted)
    func plainTextIsStoredAsTyped(_ entry: HostileCorpus.Entry) throws {
        let sandbox = try Sandbox()
        let id = try sandbox.add("--first=\(entry.text)", "--title=\(entry.text)")
        let stored = try StoreFile.withDatabase(sandbox.store) { db in
            try Row.fetchOne(db, sql: "SELECT first_name, title FROM candidate WHERE id = ?", arguments: [id])!
        }
        #expect(stored["first_name"] as String == entry.text)
        #expect(stored["title"] as String == entry.text)
        let json = try sandbox.run("show", String(id), "--json").json() as? [String: Any]
        let candidate = json?["candidate"] as? [String: Any] ?? json
        #expect(candidate?["first_name"] as? String == entry.text)
    }

    @Test(arguments: HostileCorpus.multilineNormalised)
    func carriageReturnsInNotesBecomeLineFeeds(_ entry: HostileCorpus.Entry) throws {
        let sandbox = try sandboxWithOne()
        #expect(try sandbox.run("note", "1", entry.text).code == 0)
        #expect(try StoreFile.withDatabase(sandbox.store) { db in try String.fetchOne(db, sql: "SELECT note FROM touchpoint") } == entry.stored)
    }

    // MARK: What an old store holds, on the way out

    /// A store whose values were written before validation (raw SQL, as another tool would).
    func legacyStore() throws -> (Sandbox, [String]) {
        let sandbox = try sandboxWithOne()
        #expect(try sandbox.run("note", "1", "first contact").code == 0)
        #expect(try sandbox.run("future-role", "1", "--title", "CTO", "--location", "Porto").code == 0)
        let hostile = HostileCorpus.refused.map(\.text)
        // Plain candidates through the binary, then their text overwritten by raw SQL.
        let csv = "first_name,last_name,notes\n" + hostile.indices.map { "Eve\($0),X,plain note \($0)" }.joined(separator: "\n") + "\n"
        try csv.write(toFile: sandbox.path("legacy.csv"), atomically: true, encoding: .utf8)
        let imported = try sandbox.run("import", sandbox.path("legacy.csv"))
        #expect(imported.code == 0, "\(imported)")
        let queue = try DatabaseQueue(path: sandbox.store)
        try queue.write { db in
            for (index, text) in hostile.enumerated() {
                let id = Int64(index + 2)
                try db.execute(sql: "UPDATE candidate SET first_name = ?, title = ?, company = ? WHERE id = ?", arguments: [text, text, text, id])
                try db.execute(sql: "UPDATE touchpoint SET note = ? WHERE candidate_id = ?", arguments: [text, id])
            }
            try db.execute(sql: "UPDATE future_role SET title = ? WHERE candidate_id = 1", arguments: ["CTO\u{1B}]0;pwned\u{7}"])
            // A bound Swift string stops at NUL; SQL can still store one, as another tool might.
            try db.execute(sql: "UPDATE candidate SET first_name = 'Eve' || char(0) || 'Smith' WHERE first_name = 'Eve'")
        }
        try queue.close()
        return (sandbox, hostile)
    }

    @Test func humanOutputShowsControlsVisibly() throws {
        let (sandbox, _) = try legacyStore()
        var outputs: [(String, RunResult)] = []
        for args in [["list"], ["list", "--limit", "100"], ["show", "1"], ["due"], ["check"], ["future-role", "1"]]
            + (2...(HostileCorpus.refused.count + 1)).map({ ["show", String($0)] }) {
            outputs.append((args.joined(separator: " "), try sandbox.run(args)))
        }
        for (name, result) in outputs {
            #expect(HostileCorpus.rawControls(in: result.stdout).isEmpty, "\(name): \(result.stdout.debugDescription)")
            #expect(HostileCorpus.rawControls(in: result.stderr).isEmpty, "\(name)")
        }
        let list = outputs[1].1.stdout
        #expect(list.contains("Eve\\x1b[2J"))
        #expect(list.contains("Eve\\nSmith"), "a line break in a name is shown, not obeyed")
        #expect(list.contains("Eve\\u202egpj.exe"))
        // One line per candidate plus the header: no stored line break split a row.
        #expect(list.split(separator: "\n").count == HostileCorpus.refused.count + 2)
        let show = try sandbox.run("show", "1").stdout
        #expect(show.contains("CTO\\x1b]0;pwned\\x07"))
    }

    @Test func jsonOutputEscapesAndDecodesToTheStoredValue() throws {
        let (sandbox, hostile) = try legacyStore()
        let result = try sandbox.run("list", "--json", "--limit", "100")
        #expect(result.code == 0, "\(result)")
        #expect(HostileCorpus.rawControls(in: result.stdout).isEmpty)
        let rows = try #require(try result.json() as? [[String: Any]])
        let names = Set(rows.compactMap { $0["first_name"] as? String })
        // SQLite hands a TEXT value to Funnel up to its first NUL, so that entry is compared cut there.
        let expected = hostile.map { $0.split(separator: "\u{0}", omittingEmptySubsequences: false)[0] }.map(String.init)
        #expect(names.isSuperset(of: expected), "JSON carries the stored value exactly, only escaped")
    }

    @Test func exportsShowControlsAsTextUnlessRaw() throws {
        let (sandbox, hostile) = try legacyStore()
        let csv = try sandbox.run("export", "--format", "csv")
        #expect(csv.code == 0, "\(csv)")
        #expect(HostileCorpus.rawControls(in: csv.stdout).isEmpty, "\(csv.stdout.debugDescription)")
        #expect(csv.stdout.contains("Eve\\x1b[2J\\x1b]0;pwned\\x07"))
        #expect(csv.stdout.contains("Eve\\nBcc: attacker@x.com"), "a line break in a name is escaped, not a second line")
        let json = try sandbox.run("export", "--format", "json")
        #expect(json.code == 0, "\(json)")
        #expect(HostileCorpus.rawControls(in: json.stdout).isEmpty)
        let rows = try #require(try json.json() as? [[String: Any]])
        let names = Set(rows.compactMap { ($0["candidate"] as? [String: Any] ?? $0)["first_name"] as? String })
        let expected = hostile.map { $0.split(separator: "\u{0}", omittingEmptySubsequences: false)[0] }.map(String.init)
        #expect(names.isSuperset(of: expected), "JSON export keeps the stored values exactly")
        // --raw writes what is stored, for tools that want it; the spreadsheet warning is in the docs.
        let raw = try sandbox.run("export", "--format", "csv", "--raw")
        #expect(raw.stdout.contains("Eve\u{1B}[2J"))
    }

    @Test func checkReportsStoredControlCharacters() throws {
        let (sandbox, _) = try legacyStore()
        let result = try sandbox.run("check")
        #expect(result.code == 1, "\(result)")
        #expect(result.stdout.contains("problem: candidate #2: the first name holds a control character (U+0000) at character 4: it must be one line of plain text (shown as \\x00; edit it to fix)"))
        #expect(result.stdout.contains("problem: a future role of candidate #1: the future role title holds a control character (U+001B) at character 4"))
        #expect(result.stdout.contains("more touchpoint values in note hold control characters"))
    }
}
