import Foundation
import FunnelCore
import GRDB

/// Keeps the board's conversion figures between calls until the stage history changes.
///
/// `Store.stageSummary` reads the counts from counters (well under a millisecond) but computes
/// conversion by reading the period's entries into each stage: ~10–20 ms at a million candidates
/// with ~140,000 stage changes in 90 days. A board that redraws its headers often passes one of
/// these: counts are always read fresh, conversions are recomputed only when a stage change was
/// recorded, undone or erased since (a version the store's triggers bump), or the period or time
/// zone differs. Safe to share between threads.
public final class StageSummaryCache: @unchecked Sendable {
    private struct Entry {
        var period: ReportPeriod
        var timeZone: String
        var version: Int64
        var conversions: [Stage: Conversion]
    }

    private let lock = NSLock()
    private var entry: Entry?

    public init() {}

    func conversions(period: ReportPeriod, timeZone: String, version: Int64) -> [Stage: Conversion]? {
        lock.withLock {
            guard let entry, entry.period == period, entry.timeZone == timeZone, entry.version == version else { return nil }
            return entry.conversions
        }
    }

    func store(_ conversions: [Stage: Conversion], period: ReportPeriod, timeZone: String, version: Int64) {
        lock.withLock { entry = Entry(period: period, timeZone: timeZone, version: version, conversions: conversions) }
    }
}

extension Store {
    /// `stageSummary(period:moment:)` with conversions kept in `cache` while the stage history is
    /// unchanged: the same figures, a counter read and a version read when nothing moved.
    public func stageSummary(period: ReportPeriod, moment: Moment, cache: StageSummaryCache) throws -> [StageSummary] {
        try read { db in
            let version = try Int64.fetchOne(db, sql: "SELECT n FROM stage_change_version WHERE id = 1") ?? 0
            let zone = moment.timeZone.identifier
            let counts = try Store.countsByStageAndStatus(db)
            if let conversions = cache.conversions(period: period, timeZone: zone, version: version) {
                return Stage.allCases.map { stage in
                    StageSummary(stage: stage, count: counts[stage]?.values.reduce(0, +) ?? 0, conversion: conversions[stage])
                }
            }
            let summary = try Store.stageSummary(db, period: period, moment: moment, counts: counts)
            var conversions: [Stage: Conversion] = [:]
            for row in summary { conversions[row.stage] = row.conversion }
            cache.store(conversions, period: period, timeZone: zone, version: version)
            return summary
        }
    }
}
