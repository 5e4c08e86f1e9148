import Foundation
import FunnelCore
@testable import FunnelStore
import GRDB
import Testing

/// Another process on the same file (issue 9), played by a second connection that holds the
/// write lock. The many-process soak test is `ConcurrencySoakTests` (FunnelCLITests).
@Suite struct ConcurrencyTests {
    /// A connection of "another process" that takes the write lock and keeps it until `release`.
    final class LockHolder {
        let queue: DatabaseQueue

        init(_ path: String) throws {
            var config = Configuration()
            config.allowsUnsafeTransactions = true
            queue = try DatabaseQueue(path: path, configuration: config)
            try queue.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        }

        func release() throws {
            try queue.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
            try queue.close()
        }
    }

    /// Opening a store whose schema is current reads, and writes nothing: it does not wait for
    /// another process's write lock. (One exception, GRDB's: the first connection to open the
    /// file after all others closed finds no WAL, and GRDB writes one empty transaction to
    /// create it, under the busy timeout. Here the file is in use, as it is when a lock is held.)
    @Test func openingACurrentStoreTakesNoWriteLock() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("funnel.sqlite")
        let other = try Store.open(at: path)
        let ana = try other.add(CandidateDraft(firstName: "Ana"), at: at(0))
        let holder = try LockHolder(path)
        let started = Date()
        let store = try Store.open(at: path)
        #expect(Date().timeIntervalSince(started) < Store.busyTimeout / 2)
        #expect(try store.candidate(ana.id).firstName == "Ana")
        try holder.release()
        // And once the lock is released, writes go through.
        _ = try store.logTouch(ana.id, .note("after", at: at(1)))
        #expect(try other.candidate(ana.id).lastTouchAt == at(1))
    }

    /// A lock held longer than the busy timeout: the command waits the whole timeout, then
    /// fails with one clear sentence.
    @Test func aLockHeldPastTheTimeoutIsOneClearSentence() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("funnel.sqlite")
        let store = try Store.open(at: path)
        let holder = try LockHolder(path)
        defer { try? holder.release() }
        let started = Date()
        expectFunnelError(.store, "the store is busy (another process has held it for more than 10 seconds); try again") {
            try store.add(CandidateDraft(firstName: "Ana"), at: at(0))
        }
        #expect(Date().timeIntervalSince(started) >= Store.busyTimeout - 1)
    }

    /// Every write transaction begins IMMEDIATE: it takes the write lock before it reads, so it
    /// never has to upgrade a read snapshot another writer has made stale (SQLITE_BUSY_SNAPSHOT,
    /// which no busy timeout waits out).
    @Test func everyWriteTransactionIsImmediate() throws {
        let folder = try TemporaryFolder()
        let store = try Store.open(at: folder.path("funnel.sqlite"))
        final class Seen: @unchecked Sendable {
            let lock = NSLock()
            var begins: [String] = []
        }
        let seen = Seen()
        try store.writer.writeWithoutTransaction { db in
            db.trace(options: .statement) { event in
                let sql = "\(event)"
                if sql.uppercased().hasPrefix("BEGIN") { seen.lock.withLock { seen.begins.append(sql) } }
            }
        }
        let ana = try store.add(CandidateDraft(firstName: "Ana"), at: at(0))
        _ = try store.logTouch(ana.id, .note("hello", at: at(1)))
        _ = try store.move(ana.id, to: .consideration, at: at(2))
        let begins = seen.lock.withLock { seen.begins }
        #expect(begins.count >= 3)
        #expect(begins.allSatisfy { $0 == "BEGIN IMMEDIATE TRANSACTION" }, "\(begins)")
    }
}
