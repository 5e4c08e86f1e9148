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
    }

    /// Entries per transaction: a 100,000-message mailbox is a hundred commits, and Ctrl-C
    /// stops within a moment.
    public static let batchSize = 1_000

    public let format: Format
    public let path: String
    /// The name the store keeps the seen keys under: the format and the real path.
    public let mailbox: String

    public init(format: Format, path: String) {
        self.format = format
        self.path = path
        mailbox = "\(format.rawValue):\(URL(fileURLWithPath: path).resolvingSymlinksInPath().path)"
    }

    /// `commit: false` is a dry run: everything is read and weighed in one transaction that is
    /// rolled back. `stop`: asked between batches.
    public func run(store: Store, rules: Rules, moment: Moment, commit: Bool = true,
                    stop: () -> Bool = { false }) throws -> Result {
        let (seenKeys, lastKey) = try store.inboxSeen(mailbox: mailbox)
        let entries: AnySequence<MailboxEntry> = switch format {
        case .maildir: AnySequence(try MailboxReader.open(maildir: path))
        case .mbox: AnySequence(try MailboxReader.open(mbox: path, after: lastKey))
        }
        var result = Result()
        var batch: [InboxEntry] = []
        var batchLastKey: String?
        func flush() throws {
            guard !batch.isEmpty || batchLastKey != nil else { return }
            result.tally.add(try store.recordInbox(batch, mailbox: mailbox, lastKey: format == .mbox ? batchLastKey : nil,
                                                   rules: rules, moment: moment, commit: commit))
            batch.removeAll(keepingCapacity: true)
            batchLastKey = nil
        }
        for entry in entries {
            batchLastKey = entry.key
            if seenKeys.contains(entry.key) {
                result.skipped += 1
                continue
            }
            guard let message = try? entry.message() else {
                // Gone since the folder was listed: not marked seen, so the next run reads it.
                result.unreadable += 1
                continue
            }
            batch.append(InboxEntry(key: entry.key, message: message))
            if commit, batch.count >= Self.batchSize {
                try flush()
                if stop() {
                    result.stopped = true
                    return result
                }
            }
        }
        try flush()
        return result
    }
}
