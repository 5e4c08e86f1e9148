import Foundation

/// Whole-process wall times of funnel's subcommands on the desk copy: from spawn to reaped, the
/// output thrown away (`/dev/null`), so what is timed is what a script waits for. The reads come
/// first; then the erases (each of another candidate) and last the import, which adds its rows.
/// A command that fails stops the benchmark with its errors: a fast failure is not a figure.
/// Each erase is of another candidate (one run each); the import runs once.
struct LatencyCommands {
    let funnel: String
    let desk: LatencyDesk
    let runs: Int
    /// For `funnel search WORD`.
    let searchWord: String
    let importFile: String
    let importRows: Int
    let environment: [String: String]
    let results: LatencyResults
    let errors: String

    /// A command whose first run took longer than this is run only once (`funnel due` and export
    /// took ~50 s each at 1M before issue 11): a figure that size needs no median to be read.
    static let slow: UInt64 = 10_000_000_000

    private func time(_ name: String, _ arguments: [String], count: Int? = nil) throws {
        for _ in 0..<(count ?? runs) {
            let (status, nanoseconds) = try LatencyProcess.run(funnel, arguments, environment: environment, stderr: .path(errors))
            try check(status, "funnel \(arguments.joined(separator: " "))")
            results.record(name, .command, size: desk.candidates, nanoseconds)
            log("    \(name): \(LatencyResults.ms(nanoseconds)) ms")
            if nanoseconds > Self.slow { break }
        }
    }

    private func check(_ status: Int32, _ what: String) throws {
        guard status == 0 else {
            let text = ((try? String(contentsOfFile: errors, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            throw LatencyProcess.Failure(description: "\(what) exited \(status): \(text)")
        }
    }

    func run() throws {
        let db = ["--db", desk.copy]
        try time("`funnel due` (default --limit 200)", ["due"] + db)
        try time("`funnel report`", ["report"] + db)
        // A pipeline: the time until the shell has both ended (funnel by SIGPIPE or by finishing).
        let pipeline = "\(shellQuoted(funnel)) list --json --db \(shellQuoted(desk.copy)) | head -n 20 > /dev/null"
        for _ in 0..<runs {
            let (status, nanoseconds) = try LatencyProcess.run("/bin/sh", ["-c", pipeline], environment: environment, stderr: .path(errors))
            try check(status, pipeline)
            results.record("`funnel list --json` piped to `head -n 20`", .command, size: desk.candidates, nanoseconds)
            log("    list | head: \(LatencyResults.ms(nanoseconds)) ms")
        }
        try time("`funnel search \(searchWord)`", ["search", searchWord] + db)
        try time("`funnel export --format json` (to /dev/null)", ["export", "--format", "json"] + db)
        for id in try desk.lastIDs(runs) {
            try time("`funnel erase ID --yes`", ["erase", String(id), "--yes"] + db, count: 1)
        }
        try time("`funnel import` of \(LatencyResults.grouped(importRows)) rows (once: a second run would only merge)",
                 ["import", importFile] + db, count: 1)
    }
}

func shellQuoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
