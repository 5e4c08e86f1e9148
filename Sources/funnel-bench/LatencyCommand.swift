import ArgumentParser
import Foundation
import FunnelStore

/// `funnel-bench latency`: the end-to-end latency benchmark (issue 11). It drives the real
/// `funnel` binary in a 160×48 tmux pane through a control-mode client and prints key → screen
/// p50/p99 and whole-process wall times, one column per desk size, as Markdown for
/// docs/performance.md. Everything runs on a copy of each desk.
struct LatencyBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "latency",
        abstract: "Time keys in the real funnel binary (tmux control mode) and funnel's commands, at several desk sizes.")

    @Option(help: "Desk sizes (candidates), comma-separated.")
    var sizes = "10000,100000,1000000"

    @Option(name: .customLong("desk"), help: ArgumentHelp("The desk of one size, as N=PATH (repeatable); other sizes are generated into --work-dir.",
                                                        valueName: "N=path"))
    var desks: [String] = []

    @Option(help: "Where generated desks, their copies and the import CSV go.")
    var workDir = ".bench"

    @Option(help: "The funnel binary (default: the one built next to funnel-bench).")
    var funnel: String?

    // Option names differ from the root command's (--repeat, --seed…): ArgumentParser gives a
    // name both define to the root, even after the subcommand.
    @Option(help: "Presses of each measured key.")
    var presses = 30

    @Option(help: "Runs of each command (erase: that many candidates; import always runs once).")
    var runs = 3

    @Option(help: "Milliseconds without output that end a frame.")
    var quietMs = 50.0

    @Option(help: "Seconds to wait for one frame or answer before giving up.")
    var timeout = 120.0

    @Option(help: "Rows of the import CSV (scripts/generate-import-csv.sh).")
    var importRows = 100_000

    @Option(help: "The CSV generator (default: scripts/generate-import-csv.sh of this checkout).")
    var importScript: String?

    @Option(help: "Typed into the search, letter by letter.")
    var word = SyntheticDesk.SampleQuery.typedWord

    @Option(help: "Searched for by `funnel search`.")
    var searchWord = SyntheticDesk.SampleQuery.commonWord

    @Flag(help: "Keep the desk copies (default: removed at the end).")
    var keepCopies = false

    @Flag(help: "Only the commands, no keys.")
    var noKeys = false

    @Flag(help: "Only the keys, no commands.")
    var noCommands = false

    func validate() throws {
        guard !parsedSizes.isEmpty, parsedSizes.allSatisfy({ $0 > 0 }) else { throw ValidationError("--sizes: positive numbers, comma-separated") }
        guard presses > 0, runs > 0, importRows > 0 else { throw ValidationError("--presses, --runs and --import-rows must be positive") }
        _ = try givenDesks()
    }

    var parsedSizes: [Int] { sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func givenDesks() throws -> [Int: String] {
        var given: [Int: String] = [:]
        for desk in desks {
            let parts = desk.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let size = Int(parts[0]) else { throw ValidationError("--desk \(desk): expected N=PATH") }
            given[size] = parts[1]
        }
        return given
    }

    func run() throws {
        guard let tmux = LatencyProcess.find("tmux") else { throw ValidationError("tmux is not installed") }
        let funnel = URL(fileURLWithPath: self.funnel ?? URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("funnel").path).standardizedFileURL.path
        guard FileManager.default.isExecutableFile(atPath: funnel) else { throw ValidationError("no funnel binary at \(funnel): build it or give --funnel") }
        try FileManager.default.createDirectory(atPath: workDir, withIntermediateDirectories: true)
        let work = URL(fileURLWithPath: workDir).standardizedFileURL.path
        let home = work + "/latency-home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let given = try givenDesks()
        let importFile = noCommands ? "" : try LatencyImportFile.prepare(rows: importRows, folder: work, script: importScript)
        let results = LatencyResults()
        var described: [String] = []

        // A failure still prints what was measured before it (a 1M run takes a quarter of an hour).
        var failure: Error?
        do {
            for size in parsedSizes {
                results.add(size: size)
                let desk = try LatencyDesk.prepare(candidates: size, given: given[size], folder: work)
                defer { if !keepCopies { LatencyDesk.removeStore(desk.copy) } }
                described.append("N = \(LatencyResults.grouped(size)): \(desk.source) (copied to \(desk.copy))")
                let environment = Self.environment(home: home, now: desk.now)
                if !noKeys {
                    log("N = \(size): keys")
                    let client = ControlClient(tmux: tmux, quietMilliseconds: quietMs, timeout: timeout, environment: environment)
                    defer { client.stop() }
                    try client.start(width: 160, height: 48, program: ["cat"])
                    try LatencyKeys(client: client, funnel: funnel, desk: desk, presses: presses, word: word,
                                    results: results).run()
                }
                if !noCommands {
                    log("N = \(size): commands")
                    try LatencyCommands(funnel: funnel, desk: desk, runs: runs, searchWord: searchWord, importFile: importFile,
                                        importRows: importRows, environment: environment, results: results,
                                        errors: home + "/last-command.err").run()
                }
            }
        } catch {
            failure = error
            log("stopped: \(error)")
        }

        say("## funnel-bench latency")
        say("")
        say("- command: `funnel-bench latency \(commandLine())`")
        say("- funnel: \(funnel)")
        say("- machine: \(machine()); load average at the end \(loadAverage()) (shared machine: read figures as orders of magnitude)")
        for line in described { say("- desk \(line)") }
        say("- pane 160×48 on a private tmux server (\(tmuxVersion(tmux))), FUNNEL_NOW pinned to each desk's generated 'now', FUNNEL_TZ=UTC")
        say("- a frame ends after \(LatencyResults.ms(UInt64(quietMs * 1e6))) ms without output; the latency is from sending the key to the last `%output` byte before that quiet period (the quiet period is not counted, and nothing is subtracted)")
        say("- keys: \(presses) presses each; commands: \(runs) runs each (once if the first took over 10 s; import once), output to /dev/null")
        say("")
        say(results.table([.floor, .key], header: "key → screen, ms: p50 / p99 (presses)"))
        say("")
        say(results.table([.command], header: "whole process, ms: median / max (runs)"))
        if let failure {
            say("")
            say("**Stopped early**: \(failure)")
            throw failure
        }
    }

    /// What the pane, the tmux server and the commands see: a private HOME (no user config),
    /// UTF-8, the desk's clock.
    static func environment(home: String, now: Date) -> [String: String] {
        let iso = ISO8601DateFormatter()
        iso.timeZone = TimeZone(identifier: "UTC")
        return [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": home, "XDG_CONFIG_HOME": home + "/config", "XDG_DATA_HOME": home + "/data",
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "screen", "SWIFT_BACKTRACE": "interactive=no",
            "FUNNEL_NOW": iso.string(from: now), "FUNNEL_TZ": "UTC",
        ]
    }

    func tmuxVersion(_ tmux: String) -> String {
        ((try? LatencyProcess.output(tmux, ["-V"], environment: ProcessInfo.processInfo.environment)) ?? "tmux")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func commandLine() -> String {
        var parts = ["--sizes \(sizes)"]
        parts += desks.map { "--desk \($0)" }
        if workDir != ".bench" { parts.append("--work-dir \(workDir)") }
        if let funnel { parts.append("--funnel \(funnel)") }
        if presses != 30 { parts.append("--presses \(presses)") }
        if runs != 3 { parts.append("--runs \(runs)") }
        if timeout != 120 { parts.append("--timeout \(timeout.formatted())") }
        if keepCopies { parts.append("--keep-copies") }
        if quietMs != 50 { parts.append("--quiet-ms \(quietMs.formatted())") }
        if importRows != 100_000 { parts.append("--import-rows \(importRows)") }
        if noKeys { parts.append("--no-keys") }
        if noCommands { parts.append("--no-commands") }
        return parts.joined(separator: " ")
    }
}
