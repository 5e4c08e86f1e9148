import ArgumentParser
import Foundation
import FunnelCore
import FunnelStore

/// `funnel check`: is the store sound? Exit 0 when it is, 1 when problems are found.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the store: integrity, foreign keys, schema version, counts and search index.",
        discussion: "Exit code 0 when the store is sound, 1 when problems are found (each printed on one line).")

    @OptionGroup var store: StoreOptions

    @Flag(name: .long, help: "Print the result as JSON.")
    var json = false

    func run() throws {
        let store = try self.store.open()
        let report = try store.check()
        if json {
            try JSONOutput.print(report)
        } else {
            var lines: [String] = []
            lines.append(report.ok ? "OK: \(self.store.path)" : "PROBLEMS: \(self.store.path)")
            lines.append("schema: version \(report.schemaVersion) of \(report.knownSchemaVersion)")
            lines.append("candidates: \(report.candidates), touches: \(report.touches), stage changes: \(report.stageChanges), future roles: \(report.futureRoles)")
            lines.append("openings: \(report.openings), templates: \(report.templates), audit entries: \(report.auditEntries)")
            lines.append("search documents: \(report.searchDocuments)")
            lines.append("pages: \(report.pages) of \(report.pageSize) bytes, \(report.freePages) free")
            for problem in report.problems { lines.append("problem: \(problem)") }
            print(lines.joined(separator: "\n"))
        }
        if !report.ok { throw ExitCode(1) }
    }
}
