import Foundation

/// Batches made on a background thread and taken, in order, on the caller's: an import parses
/// CSV rows and `funnel inbox` reads and parses mail while the store writes what came before
/// (two cores; parsing is a third of an import and a fifth of an inbox run). At most `depth`
/// batches wait, so memory stays flat whatever the size of the input.
///
/// The producer is handed a `put` that returns false once the consumer has cancelled: it stops
/// there. A producer's error reaches the consumer after the batches made before it.
public final class BatchHandoff<Batch>: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: [Batch] = []
    private var finished = false
    private var cancelled = false
    private var failure: Error?
    private let depth: Int

    /// Starts `produce` on its own thread (8 MiB of stack: MIME and CSV readers recurse a little).
    public init(depth: Int, produce: @escaping (_ put: (Batch) -> Bool) throws -> Void) {
        precondition(depth > 0)
        self.depth = depth
        let producer = UncheckedProducer(run: produce)
        let thread = Thread { [self] in
            do {
                try producer.run { self.put($0) }
                finish(nil)
            } catch {
                finish(error)
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The next batch, waiting for it; nil at the end. Rethrows the producer's failure once the
    /// batches made before it are taken.
    public func next() throws -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty && !finished { condition.wait() }
        if !waiting.isEmpty {
            let batch = waiting.removeFirst()
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    /// Takes no more: waiting batches are dropped, the producer stops at its next `put`, and this
    /// returns once it has (nothing it holds outlives the caller's use of it).
    public func cancel() {
        condition.lock()
        cancelled = true
        waiting.removeAll()
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }

    private func put(_ batch: Batch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while waiting.count >= depth && !cancelled { condition.wait() }
        if cancelled { return false }
        waiting.append(batch)
        condition.broadcast()
        return true
    }

    private func finish(_ error: Error?) {
        condition.lock()
        failure = error
        finished = true
        condition.broadcast()
        condition.unlock()
    }
}

/// The producer closure, moved to the producer's thread: it is only ever run there, once.
private struct UncheckedProducer<Batch>: @unchecked Sendable {
    let run: (_ put: (Batch) -> Bool) throws -> Void
}
