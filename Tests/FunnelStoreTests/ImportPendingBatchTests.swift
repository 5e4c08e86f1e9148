import Foundation
import FunnelCore
@testable import FunnelStore
import GRDB
import Testing

/// Added candidates wait in a batch before their rows are written (`Importer.pendingCandidates`):
/// the import must still give them the ids SQLite would have chosen, find duplicates among the
/// rows not yet written, and leave counts and search documents as a recount would.
@Suite struct ImportPendingBatchTests {
    /// An export's `id` column where it is free, the next id after the largest otherwise, as when
    /// each row was inserted on its own: a later row's free id is kept, one already given is not.
    @Test func idsAreThoseSQLiteWouldChoose() throws {
        let folder = try TemporaryFolder()
        let store = try Store.open(at: folder.path("desk.sqlite"))
        for name in ["One", "Two", "Three"] { _ = try store.add(CandidateDraft(firstName: name), at: IO.now) }
        let csv = """
            id,first_name
            ,Auto
            10,Ten
            ,After ten
            4,Four taken
            2,Two taken
            7,Seven
            ,Last

            """
        let report = try store.importCSV(data: Data(csv.utf8), name: "ids.csv", options: ImportOptions(), at: IO.now)
        #expect(report.committed)
        #expect(report.outcomes.map(\.candidateID) == [4, 10, 11, 12, 13, 7, 14])
        let names = try store.read { db in try Row.fetchAll(db, sql: "SELECT id, first_name FROM candidate ORDER BY id") }
            .map { "\($0["id"] as Int64) \($0["first_name"] as String)" }
        #expect(names == ["1 One", "2 Two", "3 Three", "4 Auto", "7 Seven", "10 Ten", "11 After ten", "12 Four taken",
                          "13 Two taken", "14 Last"])
        #expect(try store.check().ok)
    }

    /// A row whose email or profile belongs to a row not yet written is still a duplicate, and is
    /// named by that row's line, under each policy.
    @Test func duplicatesOfRowsNotYetWritten() throws {
        let csv = """
            First Name,Email,LinkedIn URL,Notes
            Ana,ana@example.com,,first note
            Bo,,linkedin.com/in/bo-b,
            Ana,ANA@example.com,,second note
            Bo,,https://www.linkedin.com/in/Bo-B/,

            """
        for policy in [DuplicatePolicy.merge, .skip, .error] {
            let store = try Store.inMemory()
            let report = try store.importCSV(data: Data(csv.utf8), name: "d.csv",
                                             options: ImportOptions(skipInvalid: true, onDuplicate: policy), at: IO.now)
            let lines = report.lines(includeAdds: false)
            switch policy {
            case .merge:
                #expect(lines == ["d.csv:4: merge into Ana (line 2) (same email): added 1 note",
                                  "d.csv:5: merge into Bo (line 3) (same LinkedIn profile): nothing new"])
            case .skip:
                #expect(lines == ["d.csv:4: skip Ana: duplicate of Ana (line 2) (same email)",
                                  "d.csv:5: skip Bo: duplicate of Bo (line 3) (same LinkedIn profile)"])
            case .error:
                #expect(lines == ["d.csv:4: error: Ana is a duplicate of Ana (line 2) (same email); --on-duplicate merge or skip to accept it",
                                  "d.csv:5: error: Bo is a duplicate of Bo (line 3) (same LinkedIn profile); --on-duplicate merge or skip to accept it"])
            }
            #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM candidate") } == 2)
            #expect(try store.check().ok)
        }
    }

    /// More rows than a batch, duplicates inside and across batches: counts, search documents and
    /// every other invariant `check` knows equal a recount, and the documents are `reindex`'s.
    @Test func aLargeImportPassesCheck() throws {
        let folder = try TemporaryFolder()
        let store = try Store.open(at: folder.path("desk.sqlite"))
        var csv = "First Name,Last Name,Email,LinkedIn URL,Tags,Notes,Stage\n"
        let stages = ["awareness", "consideration", "conversion", "loyalty", "advocacy"]
        for i in 0..<12_000 {
            let email = i % 1_000 == 999 ? "p\(i - 3)@example.com" : "p\(i)@example.com"
            csv += "P\(i),Q\(i % 17),\(email),linkedin.com/in/p-\(i),\"go, k8s\",\"note \(i), said \"\"hi\"\"\",\(stages[i % 5])\n"
        }
        let report = try store.importCSV(data: Data(csv.utf8), name: "big.csv", options: ImportOptions(), at: IO.now)
        #expect(report.committed)
        #expect(report.count(.add) == 12_000 - 12 && report.count(.merge) == 12)
        let check = try store.check()
        #expect(check.ok, "\(check.problems)")
        try expectCountsMatchGroupBy(store)
        let documents = try store.read { db in try Row.fetchAll(db, sql: "SELECT rowid, body FROM candidate_search ORDER BY rowid") }
        try store.writer.write { db in for id in [1, 999, 5_000, 5_001, 11_988] as [Int64] { try Store.reindex(db, id) } }
        let reindexed = try store.read { db in try Row.fetchAll(db, sql: "SELECT rowid, body FROM candidate_search ORDER BY rowid") }
        #expect(documents == reindexed)
    }
}
