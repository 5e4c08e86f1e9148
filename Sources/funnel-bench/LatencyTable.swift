import Foundation

/// What the latency benchmark measured, path by path and size by size, and the table it prints:
/// one row per path, one column per desk size, so a cost that grows with N stands out.
final class LatencyResults {
    enum Kind {
        /// A key (or the start): p50 / p99 of many presses.
        case key
        /// A whole process: median / slowest of a few runs.
        case command
        /// The harness itself: what a measurement costs with nothing of funnel in it.
        case floor
    }

    struct Row {
        let name: String
        let kind: Kind
        var samples: [Int: [UInt64]] = [:]
    }

    private(set) var rows: [Row] = []
    private(set) var sizes: [Int] = []

    /// A column, in the order sizes are measured (also when a size records nothing).
    func add(size: Int) {
        if !sizes.contains(size) { sizes.append(size) }
    }

    func record(_ name: String, _ kind: Kind, size: Int, _ nanoseconds: UInt64) {
        add(size: size)
        if let index = rows.firstIndex(where: { $0.name == name }) {
            rows[index].samples[size, default: []].append(nanoseconds)
        } else {
            var row = Row(name: name, kind: kind)
            row.samples[size] = [nanoseconds]
            rows.append(row)
        }
    }

    func samples(_ name: String, size: Int) -> [UInt64] {
        rows.first { $0.name == name }?.samples[size] ?? []
    }

    /// The nearest-rank percentile (as funnel-bench's other table): p99 of 30 samples is the slowest.
    static func percentile(_ samples: [UInt64], _ p: Double) -> UInt64 {
        guard !samples.isEmpty else { return 0 }
        let sorted = samples.sorted()
        return sorted[min(sorted.count - 1, max(0, Int((Double(sorted.count) * p).rounded(.up)) - 1))]
    }

    static func ms(_ nanoseconds: UInt64) -> String {
        let value = Double(nanoseconds) / 1e6
        switch value {
        case ..<10: return String(format: "%.2f", value)
        case ..<10_000: return String(format: "%.1f", value)
        default: return String(format: "%.0f", value)
        }
    }

    /// "p50 / p99" for keys and floors, "median / max" for commands, and the sample count.
    func cell(_ row: Row, size: Int) -> String {
        guard let samples = row.samples[size], !samples.isEmpty else { return "–" }
        let high = row.kind == .command ? Self.percentile(samples, 1) : Self.percentile(samples, 0.99)
        return "\(Self.ms(Self.percentile(samples, 0.5))) / \(Self.ms(high)) (\(samples.count))"
    }

    /// 1000000 as "1,000,000".
    static func grouped(_ n: Int) -> String {
        var digits = String(n)
        var out = ""
        while digits.count > 3 {
            out = "," + digits.suffix(3) + out
            digits.removeLast(3)
        }
        return digits + out
    }

    func table(_ kinds: [Kind], header: String) -> String {
        var lines = ["| \(header) | " + sizes.map { "N = \(Self.grouped($0))" }.joined(separator: " | ") + " |",
                     "| --- |" + String(repeating: " ---: |", count: sizes.count)]
        for row in rows where kinds.contains(row.kind) {
            lines.append("| \(row.name) | " + sizes.map { cell(row, size: $0) }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }
}
