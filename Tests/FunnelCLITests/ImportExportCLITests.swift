import Foundation
import FunnelCore
import FunnelStore
import GRDB
import Testing

/// The built `funnel` binary, run as a process: import, export, erase, backup and check, with
/// their output, exit codes, files and the store before and after.
@Suite struct ImportExportCLITests {
    let folder: URL
    let db: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-io-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        db = folder.appendingPathComponent("desk.sqlite").path
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func fingerprint() throws -> String {
        let store = try Store.open(at: db)
        var data = Data()
        try store.exportCandidates(format: .json, touches: true, to: { data.append($0) })
        return String(decoding: data, as: UTF8.self)
    }

    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    // MARK: import

    @Test func dryRunPrintsEveryRowAndWritesNothing() throws {
        let seed = IOBinary.fixture("seed-desk.csv")
        let result = try IOBinary.run(["import", seed, "--dry-run", "--db", db])
        #expect(result.code == 0, "\(result.err)")
        let lines = result.out.split(separator: "\n").map(String.init)
        #expect(lines.first == "\(seed):1: columns: First Name → first_name, Last Name → last_name, Method used to contact → preferred_channel, Location → location, LinkedIn URL → linkedin_url, Notes → notes")
        #expect(lines.contains("\(seed):2: add Ashley Turner"))
        #expect(lines.contains("\(seed):10: merge into Ashley Turner (line 2) (same LinkedIn profile): added 1 note"))
        #expect(lines.last == "10 rows: 9 to add, 1 to merge, 0 to skip, 0 errors, 2 warnings; dry run: nothing written")
        #expect(try Store.open(at: db).totalCount() == 0)
    }

    @Test func aRefusedImportListsTheErrorsAndChangesNothing() throws {
        _ = try IOBinary.run(["import", IOBinary.fixture("bom.csv"), "--db", db])
        let before = try fingerprint()
        let file = IOBinary.fixture("bad-email.csv")
        let result = try IOBinary.run(["import", file, "--db", db])
        #expect(result.code == 2)
        #expect(result.out.contains("\(file):4: error: invalid email address 'bruno@example'"))
        #expect(result.out.contains("3 rows: 2 to add, 0 to merge, 0 to skip, 1 error, 0 warnings; nothing imported"))
        #expect(result.err == "funnel: import refused, nothing imported: 1 row has errors (fix them, or --skip-invalid to import the other rows)\n")
        #expect(try fingerprint() == before)
        let skipped = try IOBinary.run(["import", file, "--skip-invalid", "--db", db])
        #expect(skipped.code == 0 && skipped.out.hasSuffix("the rows with errors were skipped\n"))
        #expect(try Store.open(at: db).totalCount() == 4)
    }

    @Test func fileLevelProblemsAreOneSentenceWithTheLine() throws {
        let file = IOBinary.fixture("invalid-utf8.csv")
        let result = try IOBinary.run(["import", file, "--db", db])
        #expect(result.code == 2 && result.out.isEmpty)
        #expect(result.err == "funnel: \(file):4: the file is not valid UTF-8 (byte 0xE9 at character 4 of the line): save it as UTF-8, or read it with --encoding latin1\n")
        let latin = try IOBinary.run(["import", file, "--encoding", "latin1", "--db", db])
        #expect(latin.code == 0 && latin.out == "4 rows: 4 added, 0 merged, 0 skipped, 0 errors, 0 warnings\n")
        let missing = try IOBinary.run(["import", path("nope.csv"), "--db", db])
        #expect(missing.code == 3 && missing.err == "funnel: no file \(path("nope.csv"))\n")
        let badPolicy = try IOBinary.run(["import", file, "--on-duplicate", "keep", "--db", db])
        #expect(badPolicy.code == 2 && badPolicy.err == "funnel: unknown duplicate policy 'keep': expected merge, skip or error\n")
    }

    @Test func mapIgnoreAndDefaults() throws {
        let sheet = path("sheet.csv")
        try "Given,Cell,Colour\nAna,+351 1,blue\n".write(toFile: sheet, atomically: true, encoding: .utf8)
        let refused = try IOBinary.run(["import", sheet, "--db", db])
        #expect(refused.code == 2)
        #expect(refused.out.contains("\(sheet):1: error: unknown column 'Colour' (column 3): map it with --map 'Colour=FIELD' or skip it with --ignore 'Colour'"))
        #expect(refused.err == "funnel: import refused, nothing imported: the header has 3 problems\n")
        let result = try IOBinary.run(["import", sheet, "--map", "Given=first_name", "--ignore", "Colour", "--stage", "conv",
                                       "--status", "not looking", "--owner", "Ashley", "--db", db])
        #expect(result.code == 0, "\(result.out)\(result.err)")
        let ana = try Store.open(at: db).candidate(1)
        #expect(ana.firstName == "Ana" && ana.phone == "+351 1" && ana.stage == .conversion && ana.status == .notLooking && ana.owner == "Ashley")
    }

    // MARK: delimiters, encodings, hostile bytes

    static func hostile(_ name: String) -> String {
        IOBinary.root.appendingPathComponent("Tests/HostileCorpus/bytes/\(name)").path
    }

    @Test func delimiterIsDetectedOrGiven() throws {
        let semi = path("semi.csv")
        try "First Name;Last Name;Email\nAna;Silva;ana@example.com\n".write(toFile: semi, atomically: true, encoding: .utf8)
        let detected = try IOBinary.run(["import", semi, "--dry-run", "--db", db])
        #expect(detected.code == 0, "\(detected.err)")
        #expect(detected.out.hasPrefix("\(semi):1: columns (separated by ';'): First Name → first_name, Last Name → last_name, Email → email\n"))
        // Forced to a comma, the header is one unknown column.
        let comma = try IOBinary.run(["import", semi, "--delimiter", ",", "--db", db])
        #expect(comma.code == 2 && comma.out.contains("\(semi):1: error: unknown column 'First Name;Last Name;Email' (column 1)"))
        #expect(try Store.open(at: db).totalCount() == 0)
        #expect(try IOBinary.run(["import", semi, "--delimiter", ";", "--db", db]).code == 0)
        let ana = try Store.open(at: db).candidate(1)
        #expect(ana.firstName == "Ana" && ana.lastName == "Silva" && ana.email == "ana@example.com")

        let tabbed = path("tabbed.txt")
        try "First Name\tEmail\nBea\tbea@example.com\n".write(toFile: tabbed, atomically: true, encoding: .utf8)
        for spelling in ["tab", "\\t", "\t"] {
            let run = try IOBinary.run(["import", tabbed, "--delimiter", spelling, "--dry-run", "--db", db])
            #expect(run.code == 0 && run.out.contains("\(tabbed):2: add Bea"), "\(spelling): \(run.out)\(run.err)")
        }
        let bad = try IOBinary.run(["import", tabbed, "--delimiter", "|", "--db", db])
        #expect(bad.code == 2 && bad.err == "funnel: unknown delimiter '|': expected ',', ';' or tab\n")

        let odd = path("odd.csv")
        try "First Name,Notes; more;Colour\nAna,x;y\n".write(toFile: odd, atomically: true, encoding: .utf8)
        let undecided = try IOBinary.run(["import", odd, "--db", db])
        #expect(undecided.code == 2)
        #expect(undecided.out.contains("\(odd):1: error: the header line holds 1 ',' and 2 ';' outside quotes and none of them splits it into known column names, so it was read as separated by ',': if that is wrong, give --delimiter ',', --delimiter ';' or --delimiter tab\n"))
    }

    @Test func excelUnicodeTextImportsThroughTheBinary() throws {
        let file = path("Unicode Text.txt")
        var data = Data([0xFF, 0xFE])
        for unit in "First Name\tLast Name\tE-mail Address\r\nZoë\tMüller\tzoe@example.com\r\n".utf16 {
            data.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)])
        }
        try data.write(to: URL(fileURLWithPath: file))
        let result = try IOBinary.run(["import", file, "--db", db])
        #expect(result.code == 0 && result.out == "1 row: 1 added, 0 merged, 0 skipped, 0 errors, 0 warnings\n", "\(result.err)")
        let zoe = try Store.open(at: db).candidate(1)
        #expect(zoe.firstName == "Zoë" && zoe.lastName == "Müller" && zoe.email == "zoe@example.com")
    }

    static let hostileFiles: [(String, String)] = [
        ("overlong-utf8.csv", ":2: the file is not valid UTF-8 (an overlong encoding, bytes 0xC0 0xAF, at character 5 of the line): re-save it as UTF-8 CSV"),
        ("lone-surrogate-utf16le.csv", ":2: the file is UTF-16LE (it starts with a byte-order mark) but is not valid text (a lone surrogate 0xD800 at character 5 of the line): re-save it as UTF-8 CSV"),
        ("lone-surrogate-utf16be.csv", ":2: the file is UTF-16BE (it starts with a byte-order mark) but is not valid text (a lone surrogate 0xDC00 at character 5 of the line): re-save it as UTF-8 CSV"),
    ]

    @Test(arguments: hostileFiles)
    func hostileBytesAreOneErrorAndTheStoreUnchanged(_ name: String, _ expected: String) throws {
        _ = try IOBinary.run(["import", IOBinary.fixture("seed-desk.csv"), "--db", db])
        let before = try StoreFile.dump(db)
        let file = Self.hostile(name)
        for extra in [[], ["--skip-invalid"], ["--dry-run"]] {
            let result = try IOBinary.run(["import", file] + extra + ["--db", db])
            #expect(result.code == 2 && result.out.isEmpty)
            #expect(result.err == "funnel: \(file)\(expected)\n")
        }
        #expect(try StoreFile.dump(db) == before)
    }

    @Test func exportGuardsFormulasAndRawOptsOut() throws {
        _ = try IOBinary.run(["import", Self.hostile("formula-cells.csv"), "--db", db])
        let guarded = try IOBinary.run(["export", "--db", db])
        #expect(guarded.code == 0)
        #expect(guarded.out.contains("\n1,\"'=HYPERLINK(\"\"http://x\"\")\",'+cmd,f@example.com,'+44 20 7946 0958,,,,'@SUM(A1),"))
        let raw = try IOBinary.run(["export", "--raw", "--db", db])
        #expect(raw.code == 0)
        #expect(raw.out.contains("\n1,\"=HYPERLINK(\"\"http://x\"\")\",+cmd,f@example.com,+44 20 7946 0958,,,,@SUM(A1),"))
        #expect(try IOBinary.run(["export", "--raw", "--format", "json", "--db", db]).err == "funnel: --raw applies to CSV only: JSON is never guarded\n")
        // The guarded export re-imports as the same candidate.
        let out = path("guarded.csv")
        #expect(try IOBinary.run(["export", "--out", out, "--db", db]).code == 0)
        let other = path("other.sqlite")
        #expect(try IOBinary.run(["import", out, "--db", other]).code == 0)
        let a = try Store.open(at: db).candidate(1), b = try Store.open(at: other).candidate(1)
        #expect(b.firstName == a.firstName && b.lastName == "+cmd" && b.phone == "+44 20 7946 0958" && b.company == "@SUM(A1)")
        #expect(try IOBinary.run(["export", "--db", other]).out == guarded.out)
    }

    // MARK: export

    @Test func exportFilesAreOwnerOnlyAndRoundTrip() throws {
        _ = try IOBinary.run(["import", IOBinary.fixture("seed-desk.csv"), "--db", db])
        let out = path("desk.csv")
        let result = try IOBinary.run(["export", "--out", out, "--touches", "--db", db])
        #expect(result.code == 0 && result.err == "exported 9 candidates to \(out) and the touch log to \(path("desk-touches.csv"))\n")
        #expect(try mode(out) == 0o600 && mode(path("desk-touches.csv")) == 0o600)
        let touches = try String(contentsOfFile: path("desk-touches.csv"), encoding: .utf8)
        #expect(touches.hasPrefix("candidate_id,at,channel,direction,outcome,note,template\n1,"))
        #expect(touches.split(separator: "\n").count >= 9)
        let stdout = try IOBinary.run(["export", "--db", db])
        #expect(stdout.out == (try String(contentsOfFile: out, encoding: .utf8)))
        // Round trip through the binary: import into an empty store, export again, same bytes.
        let other = path("other.sqlite")
        let imported = try IOBinary.run(["import", out, "--db", other])
        #expect(imported.code == 0 && imported.out == "9 rows: 9 added, 0 merged, 0 skipped, 0 errors, 0 warnings\n")
        #expect(try IOBinary.run(["export", "--db", other]).out == stdout.out)
        // An existing file is replaced and tightened to 0600.
        try "old".write(toFile: path("loose.json"), atomically: true, encoding: .utf8)
        chmod(path("loose.json"), 0o644)
        #expect(try IOBinary.run(["export", "--format", "json", "--out", path("loose.json"), "--db", db]).code == 0)
        #expect(try mode(path("loose.json")) == 0o600)
    }

    @Test func jsonAndTheSubjectAccessRecord() throws {
        _ = try IOBinary.run(["import", IOBinary.fixture("seed-desk.csv"), "--db", db])
        let store = try Store.open(at: db)
        _ = try store.logTouch(1, TouchDraft(at: Date(timeIntervalSince1970: 1_790_000_000), channel: .email, note: "Hello", template: "intro"))
        let json = try IOBinary.run(["export", "--format", "json", "--touches", "--db", db])
        let all = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]])
        #expect(all.count == 9 && (all[0]["touches"] as? [Any])?.count == 3)
        let record = try IOBinary.run(["export", "--candidate", "1", "--db", db])
        #expect(record.code == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(record.out.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["exported_at", "candidate", "touches", "template_sends", "stage_history", "future_roles", "referred_candidate_ids"])
        #expect((object["template_sends"] as? [[String: Any]])?.first?["template"] as? String == "intro")
        #expect(try IOBinary.run(["export", "--candidate", "99", "--db", db]).code == 3)
        #expect(try IOBinary.run(["export", "--candidate", "1", "--format", "csv", "--db", db]).code == 2)
        #expect(try IOBinary.run(["export", "--format", "xml", "--db", db]).err == "funnel: unknown export format 'xml': expected csv or json\n")
        #expect(try IOBinary.run(["export", "--touches", "--db", db]).code == 2)
    }

    // MARK: erase

    @Test func eraseNeedsConfirmation() throws {
        _ = try IOBinary.run(["import", IOBinary.fixture("seed-desk.csv"), "--db", db])
        let refused = try IOBinary.run(["erase", "2", "--db", db], stdin: "y\n")
        #expect(refused.code == 5)
        #expect(refused.err == "funnel: erase asks for confirmation and standard input is not a terminal: pass --yes to erase #2 without asking\n")
        #expect(try Store.open(at: db).candidateIfExists(2) != nil)
        // On a terminal: the question, then "n" keeps them and "y" erases them.
        let no = try IOBinary.runOnTerminal(["erase", "2", "--db", db], answer: "n")
        #expect(no.code == 5 && no.out.contains("Erase Marcus Reed (#2) and everything about them? This cannot be undone. [y/N]"))
        #expect(try Store.open(at: db).candidateIfExists(2) != nil)
        let yes = try IOBinary.runOnTerminal(["erase", "2", "--db", db], answer: "y")
        #expect(yes.code == 0 && yes.out.contains("erased #2: the candidate, 1 touch, 1 stage change, 0 future roles, 0 tags"))
        #expect(try Store.open(at: db).candidateIfExists(2) == nil)
    }

    @Test func eraseWithYesLeavesNoBytes() throws {
        _ = try IOBinary.run(["import", IOBinary.fixture("seed-desk.csv"), "--db", db])
        let result = try IOBinary.run(["erase", "2", "--yes", "--db", db])
        #expect(result.code == 0 && result.err.isEmpty)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: db))
        if let wal = try? Data(contentsOf: URL(fileURLWithPath: db + "-wal")) { bytes.append(wal) }
        for needle in ["Marcus", "marcus", "Reed", "reed", "marcusreed", "equity", "voicemail twice"] {
            #expect(bytes.range(of: Data(needle.utf8)) == nil, "\(needle)")
        }
        #expect(try IOBinary.run(["erase", "2", "--yes", "--db", db]).err == "funnel: no candidate with id 2\n")
        #expect(try IOBinary.run(["check", "--db", db]).code == 0)
    }

    // MARK: backup and check

    @Test func backupAndCheck() throws {
        _ = try IOBinary.run(["import", IOBinary.fixture("seed-desk.csv"), "--db", db])
        let copy = path("backups/desk-copy.sqlite")
        let first = try IOBinary.run(["backup", copy, "--db", db])
        #expect(first.code == 0 && first.out.hasPrefix("backed up 9 candidates to \(copy) ("))
        #expect(try mode(copy) == 0o600)
        let again = try IOBinary.run(["backup", copy, "--db", db])
        #expect(again.code == 5 && again.err == "funnel: \(copy) already exists: choose another name, or --force to replace it\n")
        #expect(try IOBinary.run(["backup", copy, "--force", "--db", db]).code == 0)

        let ok = try IOBinary.run(["check", "--db", copy])
        #expect(ok.code == 0 && ok.out.hasPrefix("OK: \(copy)\nschema: version \(Store.knownMigrations.count) of \(Store.knownMigrations.count)\ncandidates: 9,"))
        let queue = try DatabaseQueue(path: copy)
        try queue.write { db in try db.execute(sql: "UPDATE stage_count SET n = n + 1") }
        try queue.close()
        let bad = try IOBinary.run(["check", "--db", copy])
        #expect(bad.code == 1)
        #expect(bad.out.hasPrefix("PROBLEMS: \(copy)\n"))
        #expect(bad.out.contains("problem: stage_count says 10 candidates in awareness/active, there are 9\n"))
        let json = try IOBinary.run(["check", "--json", "--db", copy])
        #expect(json.code == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        #expect(object["ok"] as? Bool == false && object["candidates"] as? Int == 9)
    }
}

/// Runs the built binary. Private to this file (another helper elsewhere runs it too).
private enum IOBinary {
    struct Result {
        var code: Int32
        var out: String
        var err: String
    }

    /// The package root, from this file's place in it.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ name: String) -> String {
        root.appendingPathComponent("Tests/FunnelStoreTests/Fixtures/import/\(name)").path
    }

    /// `funnel` next to the test bundle (`.build/<triple>/debug/`), else `.build/debug/funnel`.
    static let binary: String = {
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent().appendingPathComponent("funnel")) }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("funnel"))
        candidates.append(root.appendingPathComponent(".build/debug/funnel"))
        return (candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!).path
    }()

    static let environment: [String: String] = {
        var env = ProcessInfo.processInfo.environment
        env["FUNNEL_NOW"] = "2026-09-21T14:13:20Z"
        env["FUNNEL_TZ"] = "UTC"
        env["FUNNEL_DB"] = nil
        env["SWIFT_BACKTRACE"] = "enable=no"
        return env
    }()

    static func run(_ arguments: [String], stdin: String = "") throws -> Result {
        try launch(binary, arguments, stdin: stdin)
    }

    /// Runs the binary on a pseudo-terminal (util-linux `script`), typing `answer`.
    static func runOnTerminal(_ arguments: [String], answer: String) throws -> Result {
        let command = ([binary] + arguments).map { "'\($0)'" }.joined(separator: " ")
        return try launch("/usr/bin/script", ["-qec", command, "/dev/null"], stdin: answer + "\n")
    }

    static func launch(_ executable: String, _ arguments: [String], stdin: String) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        // Read both pipes to the end before waiting, so a large output cannot block the child.
        final class Collected: @unchecked Sendable { var data = Data() }
        let err = Collected()
        let group = DispatchGroup()
        let errReader = error.fileHandleForReading
        group.enter()
        DispatchQueue.global().async {
            err.data = errReader.readDataToEndOfFile()
            group.leave()
        }
        let out = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(code: process.terminationStatus, out: String(decoding: out, as: UTF8.self),
                      err: String(decoding: err.data, as: UTF8.self))
    }
}
