import Foundation
import FunnelCore

/// One data row, read and checked off the database thread.
struct ReadRow: Sendable {
    var line: Int
    var record: Result<PreparedRow, FunnelError>
}

/// A row's record with what the database thread would otherwise compute for it (the sort name,
/// the search document): all pure, so done on the reading thread.
struct PreparedRow: Sendable {
    var record: ImportRecord
    /// "Jane Doe", for the report.
    var name: String
    /// The board's alphabetical key (`Rows.sortName`).
    var sortName: String
    /// The touches an added candidate gets: the file's last touch, then one note per notes cell.
    var touches: [TouchDraft]
    /// The search document `Store.reindex` would write for the candidate once added.
    var document: String

    init(_ record: ImportRecord, now: Date) {
        self.record = record
        let d = record.draft
        name = d.lastName.isEmpty ? d.firstName : "\(d.firstName) \(d.lastName)"
        sortName = Rows.sortName(first: d.firstName, last: d.lastName)
        var touches: [TouchDraft] = []
        if let touch = record.lastTouch { touches.append(touch) }
        touches += record.notes.map { TouchDraft.note($0, at: now) }
        self.touches = touches
        // The one document builder `Store.reindex` uses; notes oldest first (by time, then in the
        // order given, as their ids would be).
        let notes = touches.enumerated()
            .sorted { (Rows.seconds($0.element.at), $0.offset) < (Rows.seconds($1.element.at), $1.offset) }
            .map(\.element.note)
        document = SearchDocument.body(firstName: d.firstName, lastName: d.lastName, email: d.email, title: d.title,
                                       company: d.company, location: d.location, interests: d.interests, tags: d.tags,
                                       futureRole: record.futureRole.map { ($0.title, $0.location) }, notes: notes)
    }
}

/// Reads the rows of a file on a background thread (CSV parsing and `ImportRecord.read` are pure)
/// while the import's transaction writes the rows already read: parsing is about a third of an
/// import's time, and a second core can do it. Rows arrive in file order, in batches; at most a
/// few batches wait, so memory stays flat whatever the size of the file.
final class RowPipeline: Sendable {
    private let handoff: BatchHandoff<[ReadRow]>
    static let batchSize = 1_000

    /// Starts reading `source` after the header line.
    init(source: CSVSource, headerLine: Int, mapping: HeaderMapping, defaults: ImportDefaults, now: Date) {
        handoff = BatchHandoff(depth: 8) { put in
            var batch: [ReadRow] = []
            batch.reserveCapacity(RowPipeline.batchSize)
            try source.forEachRecord { line, cells in
                if line <= headerLine || ImportRecord.isBlank(cells) { return true }
                // The export's formula guard comes off: `'=1+1` is read as `=1+1` (FormulaGuard).
                let cells = cells.map(FormulaGuard.unprotect)
                let record: Result<PreparedRow, FunnelError>
                do {
                    record = .success(PreparedRow(try ImportRecord.read(cells, mapping: mapping, defaults: defaults), now: now))
                } catch let error as FunnelError {
                    record = .failure(error)
                } catch {
                    record = .failure(FunnelError.invalid("\(error)"))
                }
                batch.append(ReadRow(line: line, record: record))
                if batch.count == RowPipeline.batchSize {
                    guard put(batch) else { return false }
                    batch.removeAll(keepingCapacity: true)
                }
                return true
            }
            if !batch.isEmpty { _ = put(batch) }
        }
    }

    /// The next batch in file order, or nil at the end; rethrows a failure of the reader.
    func next() throws -> [ReadRow]? { try handoff.next() }

    /// Stops the reader (the import failed): it ends at its next batch. Waits until it has.
    func cancel() { handoff.cancel() }
}
