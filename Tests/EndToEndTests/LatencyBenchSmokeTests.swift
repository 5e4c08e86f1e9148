import Foundation
import FunnelCore
import FunnelStore
import Testing

/// The end-to-end latency benchmark (`funnel-bench latency`, docs/performance.md) at its smallest:
/// a 2,000-candidate desk, two presses per key, one run per command, against the debug build.
/// It checks that the benchmark ran every path and printed a figure for each, and that every
/// write went to its copy of the desk: never a timing (CI machines are not benchmark machines).
@Suite(.enabled(if: Tmux.isInstalled, "tmux is not installed: end-to-end tests need it (apt-get install tmux)"))
struct LatencyBenchSmokeTests {
    /// The rows the benchmark must print, by how each begins.
    static let keyRows = [
        "floor: a control-mode command round trip", "floor: a key echoed by `cat`",
        "start, the first on this desk copy", "start: process start → first full frame", "`j` (next card)", "`G` (bottom of the column)",
        "`Enter` (open a candidate)", "`Esc` (candidate → board)", "`/` (open the search)",
        "type 'kubernetes' letter by letter", "`t` (open Today)", "`2` on Today", "`Enter` on the form",
        "`Esc` (Today → board)", "`R` (the report)", "`>` (move to the next stage)", "`u` (undo the move)",
    ]
    static let commandRows = [
        "`funnel due`", "`funnel report`", "`funnel list --json` piped to `head", "`funnel search role`",
        "`funnel export --format json`", "`funnel erase ID --yes`", "`funnel import` of 300 rows",
    ]

    @Test func runsEveryKeyAndCommandOnACopyOfTheDesk() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-latency-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("desk-2000.sqlite").path
        let generated = Date(timeIntervalSince1970: 1_793_491_200)
        do {  // closed at the end of the block: SQLite folds the WAL back into the file
            let store = try Store.open(at: source)
            try SyntheticDesk.generate(into: store, candidates: 2_000, touchesPerCandidate: 5, seed: 42, now: generated)
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: source))

        let bench = try BuiltProducts.path(of: "funnel-bench")
        // `--timeout` is the harness's patience for one frame, not a figure: inside the whole
        // `swift test` (every suite at once on two cores) this test takes 200-270 s instead of
        // 6 s, and a single frame has waited more than 60 s (twice, on 2026-12-08, at different
        // keys; never alone or beside the other tmux tests). A hang still ends the run.
        let run = try Spawn.run(bench, [
            "latency", "--sizes", "2000", "--desk", "2000=\(source)", "--work-dir", folder.path, "--funnel", try BuiltProducts.funnel(),
            "--presses", "2", "--runs", "1", "--import-rows", "300", "--keep-copies", "--timeout", "240",
        ])
        try #require(run.code == 0, "funnel-bench latency exited \(run.code):\n\(run.stderr)\n\(run.stdout)")

        // A row per key and per command, each with figures: "p50 / p99 (presses)", "median / max (runs)".
        let rows = run.stdout.split(separator: "\n").filter { $0.hasPrefix("| ") }.map { line in
            line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        let figures = /^\d+(\.\d+)? \/ \d+(\.\d+)? \((\d+)\)$/
        for name in Self.keyRows + Self.commandRows {
            let row = rows.first { $0.first?.hasPrefix(name) == true }
            #expect(row != nil, "no row for \(name) in:\n\(run.stdout)")
            guard let row else { continue }
            #expect(row.count == 2, "one column (N = 2,000) expected: \(row)")
            let cell = row.dropFirst().first ?? ""
            let match = cell.wholeMatch(of: figures)
            #expect(match != nil, "\(name): \(cell) is not 'number / number (count)'")
            if let match {
                let count = Int(match.output.3) ?? 0
                let expected = name.hasPrefix("type '") ? 2 * "kubernetes".count
                    : Self.commandRows.contains(name) || name.hasPrefix("start, the first") ? 1 : 2
                #expect(count == expected, "\(name): \(count) samples, expected \(expected)")
            }
        }
        #expect(run.stdout.contains("| N = 2,000 |"), "the size column:\n\(run.stdout)")

        // The source is as generated, byte for byte, and was never opened (no WAL or shm beside it).
        #expect(try Data(contentsOf: URL(fileURLWithPath: source)) == before, "the source desk changed")
        for suffix in ["-wal", "-shm"] {
            #expect(!FileManager.default.fileExists(atPath: source + suffix), "\(source + suffix) exists: the source was opened")
        }
        // The copy took the writes: one candidate erased, 300 imported.
        let copy = folder.appendingPathComponent("latency-2000-copy.sqlite").path
        let store = try Store.open(at: copy)
        #expect(try store.stageCounts().values.reduce(0, +) == 2_000 - 1 + 300)
        let attributes = try FileManager.default.attributesOfItem(atPath: copy)
        #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o077 } == 0, "the copy is readable by others")
    }
}
