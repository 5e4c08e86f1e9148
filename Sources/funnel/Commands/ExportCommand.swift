import ArgumentParser
import Foundation
import FunnelApp
import FunnelCore
import FunnelStore

/// `funnel export`: every candidate out as CSV or JSON, or one person's whole record.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export all candidates (CSV or JSON), or everything held on one candidate (--candidate).",
        discussion: """
            The CSV has the columns `funnel import` reads, so it re-imports as it is. --touches adds the touch
            log: a second file <out>-touches.csv next to --out for CSV, or nested in each candidate for JSON.
            Files are created owner-only (0600). Without --out the export goes to standard output.
            A CSV cell that starts with =, +, -, @, a tab or a carriage return (a formula to a spreadsheet:
            CSV injection) is written with a leading ' (and one more ' is added to a cell that already
            starts with ' before such a character); `funnel import` takes it off again. --raw turns this off.
            """)

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: ArgumentHelp("csv (default) or json.", valueName: "format"))
    var format: String?

    @Flag(name: .long, help: "Include the touch log.")
    var touches = false

    @Flag(name: .long, help: "CSV: write cells as stored, without the formula guard. Dangerous: a spreadsheet runs cells starting with =, +, - or @ as formulas.")
    var raw = false

    @Option(name: .long, help: ArgumentHelp("Write to this file (created 0600) instead of standard output.", valueName: "path"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("Everything held on one candidate as JSON (a data-subject access request).", valueName: "id"))
    var candidate: Int64?

    func run() throws {
        let chosen = try format.map { text -> ExportFormat in
            guard let value = ExportFormat(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw FunnelError.invalid("unknown export format '\(text)': expected csv or json")
            }
            return value
        }
        let store = try self.store.open()
        if let candidate {
            if chosen == .csv { throw FunnelError.invalid("--candidate exports JSON only: drop --format csv") }
            let record = try store.subjectAccessRecord(candidate, at: try AppClock.moment().now)
            var data = JSONInvisibles.escaped(try Store.exportEncoder(pretty: true).encode(record))
            data.append(0x0A)
            try write(data, to: out)
            return
        }
        let format = chosen ?? .csv
        if raw && format != .csv { throw FunnelError.invalid("--raw applies to CSV only: JSON is never guarded") }
        if format == .csv, touches, out == nil {
            throw FunnelError.invalid("--touches with CSV writes a second file: give --out PATH (or use --format json)")
        }
        guard let out else {
            let stdout = FileHandle.standardOutput
            try store.exportCandidates(format: format, touches: touches, guardFormulas: !raw, to: { stdout.write($0) })
            return
        }
        let main = try OwnerOnlyFile(path: out)
        var touchFile: OwnerOnlyFile?
        if format == .csv, touches { touchFile = try OwnerOnlyFile(path: ExportCommand.touchesPath(for: out)) }
        let count = try store.exportCandidates(format: format, touches: touches, guardFormulas: !raw, to: main.write,
                                               touchSink: touchFile.map { file in file.write })
        try main.close()
        try touchFile?.close()
        let extra = touchFile.map { " and the touch log to \($0.path)" } ?? ""
        StandardError.write("exported \(count) candidate\(count == 1 ? "" : "s") to \(out)\(extra)\n")
    }

    func write(_ data: Data, to path: String?) throws {
        guard let path else {
            FileHandle.standardOutput.write(data)
            return
        }
        let file = try OwnerOnlyFile(path: path)
        try file.write(data)
        try file.close()
    }

    /// `desk.csv` → `desk-touches.csv`.
    static func touchesPath(for out: String) -> String {
        let url = URL(fileURLWithPath: out)
        let base = url.pathExtension.lowercased() == "csv" ? url.deletingPathExtension().path : url.path
        return base + "-touches.csv"
    }
}

/// A file created (or truncated) with owner-only permissions: exports hold personal data.
final class OwnerOnlyFile {
    let path: String
    let handle: FileHandle

    init(path: String) throws {
        self.path = path
        let fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0o600)
        guard fd >= 0 else {
            throw FunnelError.invalid("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        // An existing file keeps its mode on open(): tighten it.
        fchmod(fd, 0o600)
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    func write(_ data: Data) throws {
        do {
            try handle.write(contentsOf: data)
        } catch {
            throw FunnelError.store("cannot write \(path): \(error.localizedDescription)")
        }
    }

    func close() throws {
        do {
            try handle.synchronize()
        } catch {
            throw FunnelError.store("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
