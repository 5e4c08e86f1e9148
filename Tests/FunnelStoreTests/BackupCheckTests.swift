import Foundation
import FunnelCore
@testable import FunnelStore
import GRDB
import Testing

/// Backup (consistent under a concurrent writer, owner-only, never overwriting by accident) and
/// check (a clear OK or the problems found).
@Suite struct BackupCheckTests {
    @Test func backupWhileAnotherConnectionWritesIsConsistent() throws {
        let folder = try IO.temporaryFolder()
        defer { IO.cleanUp(folder) }
        let path = folder.appendingPathComponent("desk.sqlite").path
        let store = try Store.open(at: path)
        try store.writer.write { db in
            for i in 0..<2_000 {
                _ = try Store.insert(db, try CandidateDraft(firstName: "P\(i)", email: "p\(i)@example.com",
                                                            interests: String(repeating: "padding ", count: 40)).validated(), at: IO.now)
            }
        }
        // The app, in another thread, keeps adding candidates with a touch each (two writes per
        // person: a torn copy would show a candidate without a stage change or a wrong counter).
        let app = try Store.open(at: path)
        let stop = Flag()
        let writer = Thread {
            var i = 0
            while !stop.isSet {
                if let c = try? app.add(CandidateDraft(firstName: "Live\(i)", email: "live\(i)@example.com"), at: IO.now) {
                    _ = try? app.logTouch(c.id, .note("live note \(i)", at: IO.now))
                }
                i += 1
            }
            stop.done()
        }
        writer.start()
        var reports: [BackupReport] = []
        for n in 0..<4 {
            let target = folder.appendingPathComponent("backup-\(n).sqlite").path
            let report = try store.backup(to: target)
            reports.append(report)
            // Let the writer get ahead of this copy before the next one.
            let deadline = Date().addingTimeInterval(20)
            while try store.totalCount() <= report.candidates + 5, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        }
        stop.set()
        stop.waitDone()
        #expect(try store.totalCount() > 2_000)
        for report in reports {
            let mode = try FileManager.default.attributesOfItem(atPath: report.path)[.posixPermissions] as? NSNumber
            #expect(mode?.intValue == 0o600)
            #expect(!FileManager.default.fileExists(atPath: report.path + "-wal"))
            let copy = try Store.open(at: report.path)
            let check = try copy.check()
            #expect(check.ok, "\(check.problems)")
            #expect(check.candidates == report.candidates && check.candidates >= 2_000)
            #expect(try copy.totalCount() == check.candidates)
            #expect(check.stageChanges == check.candidates)
        }
        // The copies were taken at different moments of the live writing.
        #expect(Set(reports.map(\.candidates)).count > 1)
    }

    @Test func backupRefusesToOverwriteWithoutForce() throws {
        let folder = try IO.temporaryFolder()
        defer { IO.cleanUp(folder) }
        let store = try IO.seededStore(at: folder)
        let target = folder.appendingPathComponent("copy.sqlite").path
        try Data("precious".utf8).write(to: URL(fileURLWithPath: target))
        var error: FunnelError?
        do { try store.backup(to: target) } catch let e as FunnelError { error = e }
        #expect(error == FunnelError.refused("\(target) already exists: choose another name, or --force to replace it"))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "precious")
        let report = try store.backup(to: target, overwrite: true)
        #expect(report.candidates == 1)
        #expect(try Store.open(at: target).candidate(1).firstName == "Existing")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().filter { $0.hasPrefix(".") } == [])
        var selfError: FunnelError?
        do { try store.backup(to: store.path!, overwrite: true) } catch let e as FunnelError { selfError = e }
        #expect(selfError?.kind == .refused)
    }

    @Test func checkSaysOKForAHealthyStore() throws {
        let folder = try IO.temporaryFolder()
        defer { IO.cleanUp(folder) }
        let store = try IO.seededStore(at: folder)
        _ = try IO.importFixture(store, "seed-desk.csv")
        let report = try store.check()
        #expect(report.ok && report.problems.isEmpty)
        #expect(report.schemaVersion == Store.knownMigrations.count && report.knownSchemaVersion == Store.knownMigrations.count)
        #expect(report.candidates == 10 && report.searchDocuments == 10)
    }

    @Test func checkFindsBrokenCountersIndexAndInvariants() throws {
        let folder = try IO.temporaryFolder()
        defer { IO.cleanUp(folder) }
        let store = try IO.seededStore(at: folder)
        _ = try IO.importFixture(store, "seed-desk.csv")
        try store.writer.write { db in
            try db.execute(sql: "UPDATE stage_count SET n = n + 2 WHERE stage = 'awareness' AND status = 'active'")
            try db.execute(sql: "DELETE FROM candidate_search WHERE rowid = 2")
            try db.execute(sql: "INSERT INTO candidate_search (rowid, body) VALUES (999, 'ghost')")
            try db.execute(sql: "UPDATE candidate SET stage = 'loyalty' WHERE id = 3")  // without a stage change
            try db.execute(sql: "UPDATE candidate SET last_touch_at = 1 WHERE id = 4")
            try db.execute(sql: "UPDATE candidate SET status = 'do_not_contact', next_follow_up = '2026-01-01' WHERE id = 5")
        }
        let report = try store.check()
        #expect(!report.ok)
        // The triggers still move the counters with each update: only the +2 shows.
        #expect(report.problems == [
            "stage_count says 10 candidates in awareness/active, there are 8",
            "1 candidate has no search document",
            "1 search document belongs to no candidate",
            "1 candidate's stage history does not end in their stage",
            "1 candidate's last touch is not their latest touch",
            "1 candidate marked do not contact has a follow-up date",
        ])
    }

    @Test func checkFindsForeignKeyBreakage() throws {
        let folder = try IO.temporaryFolder()
        defer { IO.cleanUp(folder) }
        let store = try IO.seededStore(at: folder)
        try store.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: "INSERT INTO touchpoint (candidate_id, at, channel, direction, note) VALUES (42, 0, 'note', 'out', 'orphan')")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        let report = try store.check()
        #expect(report.problems.contains("foreign key: touchpoint row 2 points at a missing candidate"))
    }
}

/// A stop flag and a completion signal between the test and its writer thread.
final class Flag: @unchecked Sendable {
    private let lock = NSCondition()
    private var stopped = false
    private var finished = false

    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return stopped }
    func set() { lock.lock(); stopped = true; lock.unlock() }
    func done() { lock.lock(); finished = true; lock.broadcast(); lock.unlock() }
    func waitDone() { lock.lock(); while !finished { lock.wait() }; lock.unlock() }
}
