import Foundation
import FunnelStore
import Testing

/// The hand-over between a reading thread and the store's: batches in order, at most `depth`
/// made ahead, the producer's error after its batches, and a cancel that stops the producer.
@Suite struct BatchHandoffTests {
    struct Broken: Error {}

    /// Counts how far the producer got, across threads.
    final class Progress: @unchecked Sendable {
        private let lock = NSLock()
        private var made = 0
        func add() { lock.withLock { made += 1 } }
        var count: Int { lock.withLock { made } }
    }

    @Test func batchesArriveInOrderAndThenNil() throws {
        let handoff = BatchHandoff<[Int]>(depth: 2) { put in
            for start in stride(from: 0, to: 100, by: 10) { guard put(Array(start..<start + 10)) else { return } }
        }
        var all: [Int] = []
        while let batch = try handoff.next() { all += batch }
        #expect(all == Array(0..<100))
        #expect(try handoff.next() == nil)
    }

    @Test func theProducersErrorComesAfterTheBatchesItMade() throws {
        let handoff = BatchHandoff<Int>(depth: 4) { put in
            _ = put(1)
            _ = put(2)
            throw Broken()
        }
        #expect(try handoff.next() == 1)
        #expect(try handoff.next() == 2)
        #expect(throws: Broken.self) { try handoff.next() }
    }

    @Test func theProducerWaitsForTheConsumerAndStopsOnCancel() throws {
        let progress = Progress()
        let handoff = BatchHandoff<Int>(depth: 2) { put in
            for i in 0..<1_000 {
                guard put(i) else { return }
                progress.add()
            }
        }
        #expect(try handoff.next() == 0)
        // Give the producer time to run ahead as far as it can: two waiting, one being put.
        Thread.sleep(forTimeInterval: 0.2)
        #expect(progress.count <= 4)
        handoff.cancel()
        let stoppedAt = progress.count
        #expect(stoppedAt < 1_000)
        Thread.sleep(forTimeInterval: 0.05)
        #expect(progress.count == stoppedAt)
    }
}
