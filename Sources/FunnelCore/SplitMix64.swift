import Foundation

/// A small, fast, seedable generator (Steele, Lea & Flood's SplitMix64): the desk must be the
/// same on every machine and every run, which the system generator does not promise.
public struct SplitMix64: RandomNumberGenerator {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0 ..< n, without modulo bias worth mentioning (Lemire's multiply-shift).
    public mutating func below(_ n: Int) -> Int { Int(next().multipliedFullWidth(by: UInt64(n)).high) }

    /// Uniform in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    public mutating func int(_ range: ClosedRange<Int64>) -> Int64 {
        range.lowerBound + Int64(below(Int(range.upperBound - range.lowerBound) + 1))
    }

    public mutating func element<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// An index drawn with the given (not necessarily normalised) weights.
    public mutating func pick(weights: [Double]) -> Int {
        var x = unit() * weights.reduce(0, +)
        for (i, w) in weights.enumerated() {
            if x < w { return i }
            x -= w
        }
        return weights.count - 1
    }

    /// An index drawn from a running total of weights, by binary search.
    public mutating func pick(cumulative: [Double]) -> Int {
        let x = unit() * cumulative[cumulative.count - 1]
        var low = 0, high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > x { high = mid } else { low = mid + 1 }
        }
        return low
    }

    /// A Poisson-distributed count (Knuth's method; fine for the small means used here).
    public mutating func poisson(_ mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean > 30 { return max(0, Int((mean + mean.squareRoot() * (unit() + unit() + unit() - 1.5) * 2).rounded())) }
        let limit = exp(-mean)
        var k = 0
        var p = unit()
        while p > limit {
            k += 1
            p *= unit()
        }
        return k
    }

    /// `count` instants in the range, oldest first.
    public mutating func sortedTimes(_ count: Int, in range: ClosedRange<Int64>) -> [Int64] {
        guard count > 0 else { return [] }
        let range = range.lowerBound...max(range.lowerBound, range.upperBound)
        return (0..<count).map { _ in int(range) }.sorted()
    }
}
