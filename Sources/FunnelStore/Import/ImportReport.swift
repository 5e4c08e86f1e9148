import Foundation
import FunnelCore

/// How an import is run: `funnel import`'s flags.
public struct ImportOptions: Sendable {
    /// Report what would happen, row by row, and write nothing.
    public var dryRun: Bool
    /// Import the good rows and report the others; by default any error refuses the whole file.
    public var skipInvalid: Bool
    public var onDuplicate: DuplicatePolicy
    /// `--map COLUMN=FIELD`.
    public var overrides: [(column: String, field: ImportField)]
    /// `--ignore COLUMN`.
    public var ignored: [String]
    public var encoding: TextEncoding
    /// `--delimiter`; nil detects it from the header line.
    public var delimiter: CSVDelimiter?
    /// `--stage`, `--status`, `--owner`, and the time zone for dates without a time.
    public var defaults: ImportDefaults

    public init(dryRun: Bool = false, skipInvalid: Bool = false, onDuplicate: DuplicatePolicy = .merge,
                overrides: [(column: String, field: ImportField)] = [], ignored: [String] = [],
                encoding: TextEncoding = .utf8, delimiter: CSVDelimiter? = nil, defaults: ImportDefaults = ImportDefaults()) {
        self.delimiter = delimiter
        self.dryRun = dryRun
        self.skipInvalid = skipInvalid
        self.onDuplicate = onDuplicate
        self.overrides = overrides
        self.ignored = ignored
        self.encoding = encoding
        self.defaults = defaults
    }
}

/// What happened (or, in a dry run, would happen) to one row.
public struct ImportOutcome: Sendable, Equatable {
    public enum Action: String, Sendable {
        case add, merge, skip, error
    }

    /// The physical line of the file the row starts on.
    public var line: Int
    public var action: Action
    /// The candidate added, merged into, or duplicated; nil for errors.
    public var candidateID: Int64?
    /// The row's name as read ("Jane Doe"), or "" when the row could not be read.
    public var name: String
    /// What was done: "filled phone; added 1 note", "duplicate of #12 Jane Doe (same email)", or the error.
    public var detail: String
    /// Values the file gives that the store keeps differently, and other things worth a look.
    public var warnings: [String]

    public init(line: Int, action: Action, candidateID: Int64?, name: String, detail: String, warnings: [String] = []) {
        self.line = line
        self.action = action
        self.candidateID = candidateID
        self.name = name
        self.detail = detail
        self.warnings = warnings
    }
}

/// The result of an import: every row's outcome, header problems, and whether anything was written.
public struct ImportReport: Sendable {
    /// The file as named in messages.
    public var file: String
    /// The line of the header (after any leading blank lines).
    public var headerLine: Int
    public var headerProblems: [String]
    /// How each column was mapped: for the dry run's first lines.
    public var mapping: HeaderMapping
    public var outcomes: [ImportOutcome]
    public var dryRun: Bool
    public var skipInvalid: Bool
    /// Whether the transaction was committed (false for a dry run and a refused import).
    public var committed: Bool
    /// The delimiter the file was read with (given or detected).
    public var delimiter: CSVDelimiter = .comma

    public func count(_ action: ImportOutcome.Action) -> Int { outcomes.reduce(0) { $0 + ($1.action == action ? 1 : 0) } }
    public var warningCount: Int { outcomes.reduce(0) { $0 + $1.warnings.count } }
    public var errorCount: Int { count(.error) + headerProblems.count }

    /// Whether the import, as asked, goes through: no header problem, and no row error unless
    /// they are skipped.
    public var acceptable: Bool { headerProblems.isEmpty && (count(.error) == 0 || skipInvalid) }

    /// The report as `file:line: …` lines, in file order. With `includeAdds` false (a real run),
    /// plain additions are left to the summary.
    public func lines(includeAdds: Bool) -> [String] {
        var out: [String] = []
        if includeAdds {
            let columns = mapping.columns.map { column in
                "\(column.header.trimmed.isEmpty ? "(column \(column.index + 1))" : column.header.trimmed) → \(column.field?.rawValue ?? "ignored")"
            }
            let separated = delimiter == .comma ? "" : " (separated by \(delimiter.label))"
            out.append("\(file):\(headerLine): columns\(separated): \(columns.joined(separator: ", "))")
        }
        for problem in headerProblems { out.append("\(file):\(headerLine): error: \(problem)") }
        for outcome in outcomes {
            let prefix = "\(file):\(outcome.line):"
            switch outcome.action {
            case .add:
                if includeAdds {
                    let id = committed ? outcome.candidateID.map { "#\($0) " } ?? "" : ""
                    out.append("\(prefix) add \(id)\(outcome.name)\(outcome.detail.isEmpty ? "" : ": \(outcome.detail)")")
                }
            case .merge:
                out.append("\(prefix) merge \(outcome.detail)")
            case .skip:
                out.append("\(prefix) skip \(outcome.name): \(outcome.detail)")
            case .error:
                out.append("\(prefix) error: \(outcome.detail)")
            }
            for warning in outcome.warnings { out.append("\(prefix) warning: \(warning)") }
        }
        return out
    }

    /// "12 rows: 9 added, 1 merged, 1 skipped, 1 error, 2 warnings; dry run: nothing written".
    public var summary: String {
        let rows = outcomes.count
        // Nothing written (a dry run, a refused import): say what was found, not what was done.
        let verbs = committed ? ["added", "merged", "skipped"] : ["to add", "to merge", "to skip"]
        var parts = ["\(count(.add)) \(verbs[0])", "\(count(.merge)) \(verbs[1])", "\(count(.skip)) \(verbs[2])"]
        let errors = errorCount
        parts.append("\(errors) error\(errors == 1 ? "" : "s")")
        let warnings = warningCount
        parts.append("\(warnings) warning\(warnings == 1 ? "" : "s")")
        var text = "\(rows) row\(rows == 1 ? "" : "s"): " + parts.joined(separator: ", ")
        if dryRun {
            text += acceptable ? "; dry run: nothing written" : "; dry run: nothing written, and the import would be refused"
        } else if !committed {
            text += "; nothing imported"
        } else if count(.error) > 0 {
            text += "; the rows with errors were skipped"
        }
        return text
    }
}
