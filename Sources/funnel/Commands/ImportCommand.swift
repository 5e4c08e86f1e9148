import ArgumentParser
import Foundation
import FunnelApp
import FunnelCore
import FunnelStore

/// `funnel import FILE.csv`: brings a spreadsheet into the store (docs/import-export.md).
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import candidates from a CSV file (all or nothing, duplicates merged).",
        discussion: """
            Columns are recognised by their header (First Name, E-mail, LinkedIn URL, City, Notes, ...; see
            docs/import-export.md). A notes column becomes a note on the candidate. A row with the email or
            LinkedIn profile of an existing candidate (or of an earlier row) is merged, skipped or refused as
            --on-duplicate says. Any error refuses the whole file unless --skip-invalid. The delimiter (',', ';'
            or tab) is detected from the header unless --delimiter; UTF-8, UTF-16 with a byte-order mark (Excel's
            "Unicode text") and, with --encoding latin1, Windows-1252 are read. A leading ' that `funnel export`
            put before a formula-like cell (=, +, -, @) is taken off.
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("The CSV file to import.", valueName: "file"))
    var file: String

    @Flag(name: .long, help: "Print what would happen to each row, and write nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Import the valid rows and report the others (default: any error imports nothing).")
    var skipInvalid = false

    @Option(name: .long, help: ArgumentHelp("What to do with a duplicate: merge (fill empty fields), skip, or error.", valueName: "policy"))
    var onDuplicate = "merge"

    @Option(name: .customLong("map"), help: ArgumentHelp("Read a column as a field, e.g. --map 'Cell=phone'. Repeatable.", valueName: "column=field"))
    var maps: [String] = []

    @Option(name: .customLong("ignore"), help: ArgumentHelp("Accept a column and do not import it. Repeatable.", valueName: "column"))
    var ignored: [String] = []

    @Option(name: .long, help: ArgumentHelp("The file's encoding: utf8 (default) or latin1 (Windows-1252).", valueName: "name"))
    var encoding = "utf8"

    @Option(name: .long, help: ArgumentHelp("The field separator: ',', ';' or tab (also \\t); default: detected from the header line.", valueName: "char"))
    var delimiter: String?

    @Option(name: .long, help: ArgumentHelp("Stage for rows that give none (default awareness).", valueName: "stage"))
    var stage: String?

    @Option(name: .long, help: ArgumentHelp("Status for rows that give none (default active).", valueName: "status"))
    var status: String?

    @Option(name: .long, help: ArgumentHelp("Owner (recruiter) for rows that give none.", valueName: "name"))
    var owner: String?

    func run() throws {
        let moment = try AppClock.moment()
        let options = ImportOptions(
            dryRun: dryRun, skipInvalid: skipInvalid, onDuplicate: try DuplicatePolicy.parse(onDuplicate),
            overrides: try maps.map(ColumnOverride.parse), ignored: ignored, encoding: try TextEncoding.parse(encoding),
            delimiter: try delimiter.map(CSVDelimiter.parse),
            defaults: ImportDefaults(stage: try stage.map(Stage.parse), status: try status.map(Status.parse),
                                     owner: owner, timeZone: moment.timeZone))
        let store = try self.store.open()
        let report = try store.importCSV(path: file, options: options, at: moment.now)
        var text = report.lines(includeAdds: dryRun).joined(separator: "\n")
        if !text.isEmpty { text += "\n" }
        text += report.summary + "\n"
        print(text, terminator: "")
        if !report.acceptable {
            let rows = report.count(.error)
            var reasons: [String] = []
            if !report.headerProblems.isEmpty {
                reasons.append("the header has \(report.headerProblems.count) problem\(report.headerProblems.count == 1 ? "" : "s")")
            }
            if rows > 0 { reasons.append("\(rows) row\(rows == 1 ? " has" : "s have") errors") }
            let hint = report.headerProblems.isEmpty ? " (fix them, or --skip-invalid to import the other rows)" : ""
            throw FunnelError.invalid(dryRun
                ? "the import would be refused: \(reasons.joined(separator: " and "))\(hint)"
                : "import refused, nothing imported: \(reasons.joined(separator: " and "))\(hint)")
        }
    }
}
