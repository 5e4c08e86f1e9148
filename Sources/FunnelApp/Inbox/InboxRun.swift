import Foundation
import FunnelCore
import FunnelStore

/// One run of `funnel inbox` over a mailbox: the reading loop the command and the benchmark
/// share. Entries an earlier run saw are skipped by key before any file is opened; new ones are
/// read and handed to the store a batch at a time, each batch one transaction with the keys it
/// saw (docs/mailbox.md, "What is logged").
public struct InboxRun {
    public enum Format: String, Sendable { case maildir, mbox }

    public struct Result: Sendable {
        public var tally = InboxTally()
        /// Entries seen by an earlier run, skipped unread.
        public var skipped = 0
        /// Entries that could not be read (moved by a mail client while the run read the folder).
        public var unreadable = 0
        /// Stopped by Ctrl-C between two batches: what was read is logged.
        public var stopped = false
        /// Transactions that logged something (one per batch).
        public var transactions = 0
    }

    /// Entries per transaction, at most. A large mailbox is logged in a few transactions, so a
    /// candidate who wrote several messages is settled (their row, score and search document
    /// written) once per transaction, not once per message; docs/performance.md, "Reading the
    /// mailbox", has the figures.
    public static let batchSize = 50_000
    /// How long a transaction keeps taking entries: what a key press that writes may wait for
    /// while a large mailbox is read (Ctrl-C is asked between transactions too).
    public static let batchSeconds = 4.0

    public let format: Format
    public let path: String
    /// The name the store keeps the seen keys under: the format and the real path.
    public let mailbox: String

    public init(format: Format, path: String) {
        self.format = format
        self.path = path
        mailbox = "\(format.rawValue):\(URL(fileURLWithPath: path).resolvingSymlinksInPath().path)"
    }

    /// What the reading thread hands over: the new entries of a stretch of the mailbox, parsed.
    struct ReadBatch {
        var entries: [InboxEntry] = []
        /// The last key of the stretch, seen or not (an mbox resumes after it).
        var lastKey: String?
        var skipped = 0
        var unreadable = 0
    }

    /// How far a run has got, for a progress line: told after every part the store has taken.
    public struct Progress: Sendable, Equatable {
        /// New entries handed to the store so far (the open transaction's included).
        public var read: Int
        /// Of those, in transactions already committed.
        public var committed: Int
        /// Entries seen by an earlier run, skipped unread, so far.
        public var skipped: Int

        /// "12,500 new messages read, 10,000 logged so far".
        public var line: String {
            "\(read.formatted()) new message\(read == 1 ? "" : "s") read, \(committed.formatted()) logged so far"
                + (skipped > 0 ? " (\(skipped.formatted()) seen before)" : "")
        }
    }

    /// Entries the reading thread hands over at a time: the store starts on the first of a
    /// transaction's parts while the reader parses the rest.
    static let partSize = 500

    /// `commit: false` is a dry run: everything is read and weighed in one transaction that is
    /// rolled back. `stop`: asked between batches.
    ///
    /// The mailbox is listed, read and parsed on a thread of its own while this one logs what
    /// came before, in mailbox order: a transaction takes parts until it holds `batchSize`
    /// entries, has taken them for `batchSeconds`, or the mailbox ends.
    public func run(store: Store, rules: Rules, moment: Moment, commit: Bool = true, batchSize: Int = Self.batchSize,
                    batchSeconds: Double = Self.batchSeconds, stop: () -> Bool = { false },
                    progress: (Progress) -> Void = { _ in }) throws -> Result {
        let (seenKeys, lastKey) = try store.inboxSeen(mailbox: mailbox)
        let entries: AnySequence<MailboxEntry> = switch format {
        case .maildir: AnySequence(try MailboxReader.open(maildir: path))
        case .mbox: AnySequence(try MailboxReader.open(mbox: path, after: lastKey))
        }
        // A dry run is one transaction: one batch.
        let size = commit ? max(1, batchSize) : Int.max
        let part = min(size, Self.partSize)
        let reader = BatchHandoff<ReadBatch>(depth: 64) { put in
            var batch = ReadBatch()
            for entry in entries {
                batch.lastKey = entry.key
                if seenKeys.contains(entry.key) {
                    batch.skipped += 1
                    continue
                }
                guard let message = try? entry.message() else {
                    // Gone since the folder was listed: not marked seen, so the next run reads it.
                    batch.unreadable += 1
                    continue
                }
                batch.entries.append(InboxEntry(key: entry.key, message: message))
                if batch.entries.count >= part {
                    guard put(batch) else { return }
                    batch = ReadBatch()
                }
            }
            if !batch.entries.isEmpty || batch.lastKey != nil { _ = put(batch) }
        }
        defer { reader.cancel() }
        var result = Result()
        var ended = false
        let clock = ContinuousClock()
        while !ended {
            var taken = 0
            var tookAny = false
            let began = clock.now
            let tally = try store.recordInbox(mailbox: mailbox, rules: rules, moment: moment, commit: commit) {
                let full = taken >= size || (commit && tookAny && clock.now - began >= .seconds(batchSeconds))
                guard !full, let batch = try reader.next() else {
                    if !full { ended = true }
                    return nil
                }
                tookAny = true
                taken += batch.entries.count
                result.skipped += batch.skipped
                result.unreadable += batch.unreadable
                progress(Progress(read: result.tally.read + taken, committed: result.tally.read, skipped: result.skipped))
                return (batch.entries, format == .mbox ? batch.lastKey : nil)
            }
            guard tookAny else { break }
            result.tally.add(tally)
            result.transactions += 1
            progress(Progress(read: result.tally.read, committed: commit ? result.tally.read : 0, skipped: result.skipped))
            if commit, !ended, stop() {
                result.stopped = true
                return result
            }
        }
        return result
    }
}
