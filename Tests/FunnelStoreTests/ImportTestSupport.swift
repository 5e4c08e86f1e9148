import Foundation
import FunnelCore
@testable import FunnelStore
import GRDB

/// Shared helpers for the import, export, erase and backup tests.
enum IO {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21T...

    /// A file of the import corpus, located next to this source file (no bundle resources).
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/import/\(name)").path
    }

    /// A fresh temporary folder, removed by the caller with `cleanUp`.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-io-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func cleanUp(_ url: URL) { try? FileManager.default.removeItem(at: url) }

    /// Everything a store holds, as text: JSON export with the touch log, stage histories, future
    /// roles, the audit log and the counters. Two stores with the same fingerprint hold the same data.
    static func fingerprint(_ store: Store) throws -> String {
        var data = Data()
        try store.exportCandidates(format: .json, touches: true, to: { data.append($0) })
        let extra = try store.read { db -> String in
            let stages = try Row.fetchAll(db, sql: "SELECT candidate_id, from_stage, to_stage, at FROM stage_change ORDER BY id")
            let roles = try Row.fetchAll(db, sql: "SELECT candidate_id, title, location, remote, asked_at FROM future_role ORDER BY id")
            let audit = try Row.fetchAll(db, sql: "SELECT at, event FROM audit ORDER BY id")
            let counts = try Row.fetchAll(db, sql: "SELECT stage, status, n FROM stage_count ORDER BY stage, status")
            let search = try Row.fetchAll(db, sql: "SELECT rowid, body FROM candidate_search ORDER BY rowid")
            return [stages, roles, audit, counts, search].map { $0.map(\.description).joined(separator: "\n") }.joined(separator: "\n--\n")
        }
        return String(decoding: data, as: UTF8.self) + "\n==\n" + extra
    }

    /// A store with one candidate in it, so "unchanged" means something.
    static func seededStore(at folder: URL) throws -> Store {
        let store = try Store.open(at: folder.appendingPathComponent("desk.sqlite").path)
        let existing = try store.add(CandidateDraft(firstName: "Existing", lastName: "Person", email: "existing@example.com",
                                                    linkedinURL: "linkedin.com/in/existing-person", tags: ["seed"]), at: now)
        _ = try store.logTouch(existing.id, .note("already on the desk", at: now))
        return store
    }

    static func importFixture(_ store: Store, _ name: String, _ options: ImportOptions = ImportOptions()) throws -> ImportReport {
        try store.importCSV(path: fixture(name), options: options, at: now)
    }

    /// The CSV export of a store as text.
    static func csvExport(_ store: Store) throws -> String {
        var data = Data()
        try store.exportCandidates(format: .csv, to: { data.append($0) })
        return String(decoding: data, as: UTF8.self)
    }

    /// Every candidate, in id order (tests only: small stores).
    static func all(_ store: Store) throws -> [Candidate] {
        var out: [Candidate] = []
        try store.forEachCandidate { out.append($0) }
        return out
    }

    /// The message of the FunnelError a body throws, or nil.
    static func errorMessage(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as FunnelError {
            return error.message
        } catch {
            return "\(error)"
        }
    }
}
