import Foundation

/// A share with the counts behind it. The value is nil when nothing was counted (a zero
/// denominator): a report shows "—", JSON shows null, never a division by zero.
public struct Ratio: Codable, Sendable, Equatable {
    public var numerator: Int
    public var denominator: Int

    public init(_ numerator: Int, of denominator: Int) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// numerator / denominator, or nil when the denominator is zero.
    public var value: Double? { denominator == 0 ? nil : Double(numerator) / Double(denominator) }

    /// "66.7%", or the dash when there is nothing to divide.
    public func percentText(dash: String = "—") -> String {
        guard let value else { return dash }
        return String(format: "%.1f%%", value * 100)
    }
}

/// Percentiles of a list of values sorted in ascending order.
public enum Percentiles {
    /// The median: the middle value, or the mean of the two middle values when the count is even.
    /// nil for an empty list.
    public static func median(sorted values: [Int64]) -> Double? {
        let n = values.count
        guard n > 0 else { return nil }
        if n % 2 == 1 { return Double(values[n / 2]) }
        return (Double(values[n / 2 - 1]) + Double(values[n / 2])) / 2
    }

    /// The nearest-rank percentile: the smallest value such that at least `p`% of all values
    /// are at or below it (p90 of 1…10 is 9). nil for an empty list.
    public static func nearestRank(_ p: Int, sorted values: [Int64]) -> Double? {
        precondition((1...100).contains(p))
        guard !values.isEmpty else { return nil }
        let rank = (p * values.count + 99) / 100  // ceil(p/100 × n), 1-based
        return Double(values[rank - 1])
    }

    /// The median of values in any order, in linear time (no sort): same result as
    /// `median(sorted:)` on the sorted values.
    public static func median(of values: [Int64]) -> Double? {
        let n = values.count
        guard n > 0 else { return nil }
        var work = values
        let upper = select(n / 2, in: &work)
        if n % 2 == 1 { return Double(upper) }
        // After selecting, everything before n/2 is at most `upper`: the lower middle is their maximum.
        let lower = work[..<(n / 2)].max()!
        return (Double(lower) + Double(upper)) / 2
    }

    /// The nearest-rank percentile of values in any order, in linear time.
    public static func nearestRank(_ p: Int, of values: [Int64]) -> Double? {
        precondition((1...100).contains(p))
        guard !values.isEmpty else { return nil }
        var work = values
        return Double(select((p * values.count + 99) / 100 - 1, in: &work))
    }

    /// The `k`-th smallest (0-based) of `values`, which it reorders so that every element before
    /// index k is at most it and every one after at least it (quickselect, median-of-three pivot).
    static func select(_ k: Int, in values: inout [Int64]) -> Int64 {
        var low = 0, high = values.count - 1
        while low < high {
            let mid = low + (high - low) / 2
            let pivot = Swift.max(Swift.min(values[low], values[mid]), Swift.min(Swift.max(values[low], values[mid]), values[high]))
            var i = low, j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { high = j } else if k >= i { low = i } else { return values[k] }
        }
        return values[k]
    }
}

/// The calendar weeks and months a report groups by, in the recruiter's time zone.
/// Weeks start on Monday (ISO 8601).
public enum CalendarBuckets {
    /// The Monday of the week `day` falls in.
    public static func monday(of day: Day) -> Day { day.adding(days: -(day.weekday - 1)) }

    /// The Mondays of the `count` weeks ending with the week that contains `day`, oldest first.
    public static func weekStarts(endingWith day: Day, count: Int) -> [Day] {
        let last = monday(of: day)
        return (0..<count).map { last.adding(days: -7 * (count - 1 - $0)) }
    }

    /// The first day of every calendar month the period touches, oldest first.
    public static func monthStarts(of period: ReportPeriod) -> [Day] {
        var month = Day(year: period.since.year, month: period.since.month, day: 1)!
        var out: [Day] = []
        while month <= period.until {
            out.append(month)
            month = month.adding(months: 1)
        }
        return out
    }
}
