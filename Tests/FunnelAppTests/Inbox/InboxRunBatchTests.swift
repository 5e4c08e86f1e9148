import Foundation
import FunnelApp
import FunnelCore
import FunnelStore
import GRDB
import Testing

/// `InboxRun` reads the mailbox on a thread of its own and logs it a batch at a time: whatever
/// the batch size, and whether a run is stopped and run again, the desk ends the same as one
/// batch over the whole mailbox would leave it (Tests/MailCorpus, both formats).
@Suite struct InboxRunBatchTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("MailCorpus")
    static let moment = Moment(now: Date(timeIntervalSince1970: 1_796_720_400), timeZone: TimeZone(identifier: "UTC")!)

    /// A desk holding the corpus's senders, one store file in a folder of its own.
    struct Desk {
        let folder: URL
        let store: Store

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-inbox-run-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            store = try Store.open(at: folder.appendingPathComponent("desk.sqlite").path)
            let added = Date(timeIntervalSince1970: 1_760_000_000)
            for (first, email) in [("Zoë", "zoe.mueller@example.com"), ("Ken", "ken.ito@example.jp"), ("Li", "li.wei@example.com"),
                                   ("Ben", "ben.okafor@example.com"), ("Lars", "lars@example.se"), ("Olga", "old.address@example.com"),
                                   ("Ana", "ana.lima@example.org"), ("Eve", "eve@hostile.example")] {
                _ = try store.add(CandidateDraft(firstName: first, lastName: "Corpus", email: email), at: added)
            }
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }

        /// Everything the inbox writes, but when it read the mailbox.
        func dump() throws -> [String] {
            try store.writer.read { db in
                var lines: [String] = []
                for sql in ["SELECT * FROM touchpoint ORDER BY id", "SELECT * FROM candidate ORDER BY id",
                            "SELECT rowid, body FROM candidate_search ORDER BY rowid", "SELECT * FROM inbox_seen ORDER BY mailbox, key",
                            "SELECT mailbox, last_key FROM inbox_mailbox", "SELECT * FROM touch_tally ORDER BY hour, channel, direction, template"] {
                    lines += try Row.fetchAll(db, sql: sql).map { "\(sql.split(separator: " ")[3]) \($0)" }
                }
                return lines
            }
        }
    }

    static func path(_ format: InboxRun.Format) -> String {
        corpus.appendingPathComponent(format == .maildir ? "maildir" : "corpus.mbox").path
    }

    @Test(arguments: [InboxRun.Format.maildir, .mbox])
    func everyBatchSizeLeavesTheDeskAsOneBatchDoes(_ format: InboxRun.Format) throws {
        let whole = try Desk()
        defer { whole.remove() }
        let oneBatch = try InboxRun(format: format, path: Self.path(format))
            .run(store: whole.store, rules: .defaults, moment: Self.moment, batchSize: 1_000)
        #expect(oneBatch.tally.read == 20 && !oneBatch.stopped)
        // Seven replies: without the messages Funnel sent, 02 (another address) is a stranger here.
        #expect(oneBatch.tally.replies == 7 && oneBatch.tally.autoReplies == 2, "\(oneBatch.tally)")
        let expected = try whole.dump()
        #expect(expected.contains { $0.hasPrefix("touchpoint ") })
        for size in [1, 3, 7] {
            let desk = try Desk()
            defer { desk.remove() }
            let result = try InboxRun(format: format, path: Self.path(format))
                .run(store: desk.store, rules: .defaults, moment: Self.moment, batchSize: size)
            #expect(result.tally.read == 20 && result.tally.replies == oneBatch.tally.replies, "batch of \(size)")
            #expect(try desk.dump() == expected, "batch of \(size)")
        }
    }

    /// The progress line follows every part the store takes and every commit: counts only grow,
    /// and the last says everything read was logged.
    @Test func progressIsToldAfterEveryPartAndEveryCommit() throws {
        let desk = try Desk()
        defer { desk.remove() }
        var seen: [InboxRun.Progress] = []
        let result = try InboxRun(format: .maildir, path: Self.path(.maildir))
            .run(store: desk.store, rules: .defaults, moment: Self.moment, batchSize: 7, progress: { seen.append($0) })
        #expect(result.transactions == 3)
        // Parts of 7, 7 and 6, each told when taken and again once committed.
        #expect(seen.map(\.read) == [7, 7, 14, 14, 20, 20])
        #expect(seen.map(\.committed) == [0, 7, 7, 14, 14, 20])
        #expect(seen.last?.line == "20 new messages read, 20 logged so far")
        var again: [InboxRun.Progress] = []
        _ = try InboxRun(format: .maildir, path: Self.path(.maildir))
            .run(store: desk.store, rules: .defaults, moment: Self.moment, progress: { again.append($0) })
        #expect(again.map(\.read) == [0, 0] && again.last?.committed == 0 && again.last?.skipped == 20)
        #expect(again.last?.line == "0 new messages read, 0 logged so far (20 seen before)")
    }

    @Test(arguments: [InboxRun.Format.maildir, .mbox])
    func aStoppedRunLogsWhatItReadAndTheNextRunTheRest(_ format: InboxRun.Format) throws {
        let whole = try Desk()
        defer { whole.remove() }
        _ = try InboxRun(format: format, path: Self.path(format)).run(store: whole.store, rules: .defaults, moment: Self.moment)
        let desk = try Desk()
        defer { desk.remove() }
        // Ctrl-C during the second batch of four: the first two batches are logged, no more.
        var asked = 0
        let stopped = try InboxRun(format: format, path: Self.path(format))
            .run(store: desk.store, rules: .defaults, moment: Self.moment, batchSize: 4, stop: { asked += 1; return asked == 2 })
        #expect(stopped.stopped && stopped.tally.read == 8)
        #expect(try desk.store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM inbox_seen") } == 8)
        let rest = try InboxRun(format: format, path: Self.path(format)).run(store: desk.store, rules: .defaults, moment: Self.moment)
        #expect(!rest.stopped && rest.tally.read == 12)
        #expect(try desk.dump() == whole.dump())
    }
}
