import Foundation
import FunnelCore
import FunnelStore
import Testing

/// Prints how long the Today queue takes on a large store. Runs only when FUNNEL_DUE_BENCH_DB
/// names a store (e.g. one from funnel-bench); it measures, it does not judge:
///
///     FUNNEL_DUE_BENCH_DB=/tmp/big.sqlite swift test --filter DueQueueBenchmark
///
/// FUNNEL_DUE_BENCH_EXACT=1 also times the exact counts (tens of seconds at 1M).
@Suite struct DueQueueBenchmark {
    static let path = ProcessInfo.processInfo.environment["FUNNEL_DUE_BENCH_DB"]

    @Test(.enabled(if: path != nil)) func timings() throws {
        let store = try Store.open(at: Self.path!)
        let moment = Moment(now: ISO8601DateFormatter().date(from: ProcessInfo.processInfo.environment["FUNNEL_NOW"] ?? "2026-11-22T09:30:00Z")!,
                            timeZone: TimeZone(identifier: "UTC")!)
        let rules = Rules.defaults
        func time<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
            let start = Date()
            let value = try body()
            print(String(format: "due-bench %-44@ %8.1f ms", label as NSString, Date().timeIntervalSince(start) * 1000))
            return value
        }
        let first = try time("first page of 50 (cold)") { try store.dueQueue(rules: rules, moment: moment, limit: 50) }
        _ = try time("first page of 50 (warm)") { try store.dueQueue(rules: rules, moment: moment, limit: 50) }
        var cursor = first.last?.cursor
        for n in 2...4 {
            let page = try time("page \(n) by keyset") { try store.dueQueue(rules: rules, moment: moment, after: cursor, limit: 50) }
            cursor = page.last?.cursor
        }
        let segments = try time("first 50 re-engagement rows") {
            try store.dueQueue(rules: rules, moment: moment, after: .today(Int64.max), limit: 50)
        }
        let bounded = try time("bounded page of 50 re-engagement rows") {
            try store.dueQueuePage(rules: rules, moment: moment, after: .today(Int64.max), limit: 50)
        }
        print("due-bench bounded page: \(bounded.items.count) rows, more: \(bounded.next != nil)")
        var sparse = rules
        sparse.reengageAfterDays = 400  // a wide window where running cadences are rare: the scan is long
        let sparsePage = try time("bounded page, sparse cadences") {
            try store.dueQueuePage(rules: sparse, moment: moment, after: .today(Int64.max), limit: 50)
        }
        print("due-bench sparse bounded page: \(sparsePage.items.count) rows, more: \(sparsePage.next != nil)")
        print("due-bench re-engagement page reasons: \(Set(segments.map(\.reason.kind)).sorted())")
        let small = try time("counts, re-engagement capped at 100") { try store.dueCounts(rules: rules, moment: moment, reengagementUpTo: 100) }
        print("due-bench capped counts: \(small)")
        let sparseCounts = try time("counts capped at 100, sparse cadences") {
            try store.dueCounts(rules: sparse, moment: moment, reengagementUpTo: 100)
        }
        print("due-bench sparse capped counts: \(sparseCounts)")
        let capped = try time("counts, re-engagement capped at 1000") { try store.dueCounts(rules: rules, moment: moment, reengagementUpTo: 1000) }
        print("due-bench capped counts: \(capped)")
        guard ProcessInfo.processInfo.environment["FUNNEL_DUE_BENCH_EXACT"] != nil else { return }
        let exact = try time("counts, exact") { try store.dueCounts(rules: rules, moment: moment) }
        print("due-bench exact counts: \(exact)")
    }
}
