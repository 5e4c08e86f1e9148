// fuzz-import: bytes → the real CSV import pipeline (docs/fuzzing.md).
//
// The first byte of an input chooses the options (encoding, delimiter, duplicate policy,
// --skip-invalid, dry run or a real import); the rest is the file. Every input goes through
// `Store.importCSV(data:…)`: decoding (UTF-8, BOM, UTF-16, Windows-1252), delimiter detection,
// the quote check, CSV.swift's reader, header mapping, `ImportRecord.read` for every row on the
// pipeline thread, duplicate matching and the batched writes inside the import's transaction.
//
// Invariants (a failed one traps, which libFuzzer reports as a crash with the input saved):
// - the import either returns a report or throws `FunnelError.invalid` (a file-level refusal);
//   `.store` means the store refused a row the import had checked: a bug;
// - a dry run commits nothing: the persistent desk keeps its candidates and checks clean;
// - a report is committed exactly when it is a real run and acceptable; outcomes are in file
//   order, on lines after the header and inside the file;
// - after a committed import into a fresh store, `Store.check()` finds no problem and the store
//   holds exactly the candidates the report added.
import Foundation
import FunnelCore
import FunnelStore
import FuzzDriver
import GRDB

func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() {
        FileHandle.standardError.write(Data("fuzz-import invariant failed: \(message())\n".utf8))
        fatalError(message())
    }
}

/// A fixed "now" so every run of an input sees the same dates.
let now = Date(timeIntervalSince1970: 1_795_000_000)  // November 2026

/// The desk dry runs read: a real file store (WAL, the pool) in a temporary folder, with a few
/// candidates that rows of the seed corpus match by email and LinkedIn profile.
let deskFolder = NSTemporaryDirectory() + "funnel-fuzz-import-\(getpid())"
let desk: Store = {
    try? FileManager.default.removeItem(atPath: deskFolder)
    do {
        let store = try Store.open(at: deskFolder + "/desk.sqlite")
        // Nothing here needs to survive a power cut; FULL would fsync every commit.
        try store.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = OFF") }
        let seed = """
            first_name,last_name,email,linkedin,stage,status,tags,notes,next_follow_up,id,referred_by
            Ada,Lovelace,ada@example.com,https://www.linkedin.com/in/ada,consideration,active,"go;rust",met at a meetup,2026-12-01,1,
            Grace,Hopper,grace@example.com,,awareness,active,,,,2,1
            Zoë,Ünal,zoe@example.com,https://linkedin.com/in/zoe-unal,loyalty,placed,,"two notes",,3,
            """
        let report = try store.importCSV(data: Data(seed.utf8), name: "seed.csv", options: ImportOptions(), at: now)
        require(report.committed, "the seed desk did not import: \(report.lines(includeAdds: true))")
        return store
    } catch {
        fatalError("cannot make the desk: \(error)")
    }
}()

func candidateCount(_ store: Store) -> Int {
    (try? store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM candidate") ?? -1 }) ?? -1
}

let deskCandidates = candidateCount(desk)

func physicalLines(_ data: Data) -> Int {
    // Generous: CR, LF and CRLF each end a line in the importer; UTF-16 halves the byte count.
    data.reduce(1) { $0 + ($1 == 0x0A || $1 == 0x0D ? 1 : 0) }
}

var runs = 0

/// The store real imports write to.
let scratch: Store = {
    guard let store = try? Store.inMemory() else { fatalError("cannot make an in-memory store") }
    return store
}()

/// Deletes every candidate and what hangs off them, the way `Store.erase` does for one (the
/// count triggers follow the deletes); `Store.check` after the next committed import would
/// report any tally this left wrong.
func empty(_ store: Store) {
    do {
        try store.writer.write { db in
            for table in ["touchpoint", "stage_change", "future_role", "candidate_tag", "candidate_search"] {
                try db.execute(sql: "DELETE FROM \(table)")
            }
            try db.execute(sql: "UPDATE candidate SET referred_by = NULL")
            try db.execute(sql: "DELETE FROM candidate")
        }
    } catch {
        fatalError("cannot empty the scratch store: \(error)")
    }
    require(candidateCount(store) == 0, "the scratch store is not empty")
}

func testOne(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let bytes, size >= 1 else { return 0 }
    runs += 1
    let control = bytes[0]
    let data = Data(bytes: bytes + 1, count: size - 1)
    let delimiters: [CSVDelimiter?] = [nil, .comma, .semicolon, .tab]
    let policies: [DuplicatePolicy] = [.merge, .skip, .error, .merge]
    let real = control & 0x80 != 0
    var options = ImportOptions(dryRun: !real, skipInvalid: control & 0x40 != 0, onDuplicate: policies[Int(control >> 4) & 3],
                                encoding: control & 0x08 != 0 ? .latin1 : .utf8, delimiter: delimiters[Int(control >> 1) & 3])
    if control & 0x01 != 0 { options.ignored = ["notes"] }

    // A real import goes to an empty in-memory store, emptied again afterwards (`empty`), so one
    // input cannot change how the next behaves. (A fresh store per input spent most of the time
    // in migrations.)
    let store = real ? scratch : desk
    defer { if real { empty(scratch) } }
    let report: ImportReport
    do {
        report = try store.importCSV(data: data, name: "fuzz.csv", options: options, at: now)
    } catch let error as FunnelError {
        require(error.kind == .invalid, "the import failed with \(error.kind): \(error.message)")
        require(!error.message.isEmpty, "an empty error message")
        if !real { require(candidateCount(desk) == deskCandidates, "a refused dry run changed the desk") }
        return 0
    } catch {
        fatalError("the import threw something that is not a FunnelError: \(error)")
    }

    require(report.committed == (real && report.acceptable),
            "committed \(report.committed), real \(real), acceptable \(report.acceptable)")
    require(report.headerLine >= 1, "header line \(report.headerLine)")
    let lastLine = physicalLines(data)
    var previous = report.headerLine
    for outcome in report.outcomes {
        require(outcome.line > previous, "outcome on line \(outcome.line) after line \(previous)")
        require(outcome.line <= lastLine, "outcome on line \(outcome.line) of a file of \(lastLine) lines")
        require(outcome.action != .error || !outcome.detail.isEmpty, "an error without a message on line \(outcome.line)")
        previous = outcome.line
    }
    _ = report.lines(includeAdds: true)
    _ = report.summary

    if real {
        let count = candidateCount(store)
        if report.committed {
            require(count == report.count(.add), "\(count) candidates in the store, \(report.count(.add)) added")
            do {
                let check = try store.check()
                require(check.ok, "store check after a committed import: \(check.problems)")
            } catch {
                fatalError("store check threw: \(error)")
            }
        } else {
            require(count == 0, "a refused import left \(count) candidates")
        }
    } else {
        require(candidateCount(desk) == deskCandidates, "a dry run changed the desk")
        // Every so often, check the desk is still sound (the dry runs roll back inside it).
        if runs % 500 == 0 {
            let check = try? desk.check()
            require(check?.ok == true, "desk check: \(check?.problems ?? ["threw"])")
        }
    }
    return 0
}

/// libFuzzer's runtime (linked by `-sanitize=fuzzer`) refers to this symbol even when the
/// program keeps its own main and hands the callback to `LLVMFuzzerRunDriver`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 { testOne(data, size) }

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in testOne(data, size) }
try? FileManager.default.removeItem(atPath: deskFolder)
exit(status)
