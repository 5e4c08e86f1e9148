import Foundation
import FunnelCore
@testable import FunnelStore
import GRDB
import Testing

/// A fixed clock: every test writes at known instants, never reads the real time.
let t0 = Date(timeIntervalSince1970: 1_780_000_000)  // 2026-05-28T20:26:40Z

/// `t0` plus some minutes.
func at(_ minutes: Int) -> Date { t0.addingTimeInterval(TimeInterval(minutes * 60)) }

func day(_ year: Int, _ month: Int, _ day: Int) -> Day { Day(year: year, month: month, day: day)! }

/// A fresh folder under the system's temporary directory, removed when the value goes away.
final class TemporaryFolder: @unchecked Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A path inside the folder (nothing is created).
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Runs `body`, expecting a `FunnelError` of `kind` whose message contains `fragment`.
func expectFunnelError<T>(_ kind: FunnelError.Kind, _ fragment: String,
                          sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> T) {
    do {
        let value = try body()
        Issue.record("expected a \(kind) error containing '\(fragment)', got \(value)", sourceLocation: sourceLocation)
    } catch let error as FunnelError {
        #expect(error.kind == kind, "\(error.message)", sourceLocation: sourceLocation)
        #expect(error.message.contains(fragment), "message was: \(error.message)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected a FunnelError, got \(error)", sourceLocation: sourceLocation)
    }
}

/// Everything a candidate is, read straight from SQL, for "nothing changed" comparisons.
struct Snapshot: Equatable {
    var candidates: [[String: String]]
    var tables: [String: [String]]
    var counters: [String]

    init(_ store: Store) throws {
        (candidates, tables, counters) = try store.writer.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM candidate ORDER BY id")
            let candidates = rows.map { row in
                Dictionary(uniqueKeysWithValues: row.columnNames.map { ($0, String(describing: row[$0] as DatabaseValue)) })
            }
            // Every row of the tables a write may touch, in full.
            var tables: [String: [String]] = [:]
            for (table, order) in [("candidate_tag", "candidate_id, tag"), ("touchpoint", "id"), ("future_role", "id"),
                                   ("stage_change", "id"), ("candidate_search", "rowid"), ("audit", "id"), ("meta", "key")] {
                tables[table] = try Row.fetchAll(db, sql: "SELECT \(table == "candidate_search" ? "rowid, *" : "*") FROM \(table) ORDER BY \(order)")
                    .map(\.description)
            }
            // A counter that went back to zero keeps its row: compare the non-zero ones.
            let counters = try Row.fetchAll(db, sql: "SELECT stage, status, n FROM stage_count WHERE n > 0 ORDER BY stage, status")
                .map { "\($0["stage"] as String)/\($0["status"] as String)=\($0["n"] as Int)" }
            return (candidates, tables, counters)
        }
    }

    /// The same snapshot without one candidate column (for changes that legitimately touch it).
    func ignoring(_ column: String) -> Snapshot {
        var copy = self
        copy.candidates = candidates.map { $0.filter { $0.key != column } }
        return copy
    }
}

/// The counts the triggers keep, beside a real `GROUP BY` over the candidate table.
func expectCountsMatchGroupBy(_ store: Store, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let truth = try store.writer.read { db in
        var out: [Stage: [Status: Int]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT stage, status, count(*) AS n FROM candidate GROUP BY stage, status") {
            out[try Stage.parse(row["stage"]), default: [:]][try Status.parse(row["status"])] = row["n"]
        }
        return out
    }
    let kept = try store.counts().mapValues { $0.filter { $0.value != 0 } }.filter { !$0.value.isEmpty }
    #expect(kept == truth, sourceLocation: sourceLocation)
    let stageCounts = try store.stageCounts()
    for stage in Stage.allCases {
        #expect(stageCounts[stage] == truth[stage]?.values.reduce(0, +) ?? 0, "\(stage)", sourceLocation: sourceLocation)
    }
    let statusCounts = try store.statusCounts()
    for status in Status.allCases {
        #expect(statusCounts[status] == truth.values.reduce(0) { $0 + ($1[status] ?? 0) }, "\(status)", sourceLocation: sourceLocation)
    }
    #expect(try store.totalCount() == truth.values.flatMap(\.values).reduce(0, +), sourceLocation: sourceLocation)
}

/// Records which tables each committed transaction changed, to prove writes that belong
/// together land in one transaction.
final class CommitRecorder: TransactionObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var pending: Set<String> = []
    private var _commits: [Set<String>] = []

    var commits: [Set<String>] { lock.withLock { _commits } }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { true }

    func databaseDidChange(with event: DatabaseEvent) {
        let kind = switch event.kind {
        case .insert: "insert"
        case .update: "update"
        case .delete: "delete"
        }
        lock.withLock { _ = pending.insert("\(kind) \(event.tableName)") }
    }

    func databaseDidCommit(_ db: Database) {
        lock.withLock {
            if !pending.isEmpty { _commits.append(pending) }
            pending = []
        }
    }

    func databaseDidRollback(_ db: Database) { lock.withLock { pending = [] } }
}

/// The bytes of a file, to check a refused file was left exactly as it was.
func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

/// The permission bits of a file or folder.
func permissions(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as! NSNumber).intValue & 0o777
}
