import Foundation
import FunnelCore
@testable import FunnelStore
import GRDB
import Testing

/// The store holds personal data: owner-only files and folders.
@Suite struct PermissionTests {
    @Test func aNewStoreAndItsFoldersAreOwnerOnly() throws {
        let folder = try TemporaryFolder()
        let parent = folder.path("data")
        let nested = folder.path("data/funnel")
        let path = folder.path("data/funnel/funnel.sqlite")
        let store = try Store.open(at: path)
        #expect(try permissions(parent) == 0o700)
        #expect(try permissions(nested) == 0o700)
        #expect(try permissions(path) == 0o600)
        try store.add(CandidateDraft(firstName: "Ana", email: "ana@example.com"), at: at(0))
        // While the store is open in WAL mode, its companions exist and are owner-only too.
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        for companion in [path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: companion) {
            #expect(try permissions(companion) == 0o600, "\(companion)")
        }
        #expect(try permissions(path) == 0o600)
    }

    @Test func anExistingFolderIsLeftAsItIs() throws {
        let folder = try TemporaryFolder()
        let shared = folder.path("shared")
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        _ = try Store.open(at: folder.path("shared/funnel.sqlite"))
        #expect(try permissions(shared) == 0o755)
        #expect(try permissions(folder.path("shared/funnel.sqlite")) == 0o600)
    }

    @Test func aPathUnderAFileIsRefused() throws {
        let folder = try TemporaryFolder()
        let file = folder.path("plain")
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        expectFunnelError(.store, "is not a folder") { try Store.open(at: folder.path("plain/funnel.sqlite")) }
        #expect(try bytes(file) == Data("x".utf8))
    }
}

/// An acknowledged write is on disk for every other connection.
@Suite struct DurabilityTests {
    @Test func aSecondStoreOnTheSameFileSeesEveryAcknowledgedWrite() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("funnel.sqlite")
        let first = try Store.open(at: path)
        let second = try Store.open(at: path)
        let ana = try first.add(CandidateDraft(firstName: "Ana", email: "ana@example.com"), at: at(0))
        #expect(try second.candidate(ana.id) == ana)
        let (touch, _) = try second.logTouch(ana.id, TouchDraft(at: at(1), channel: .phone, outcome: .interested, note: "Lisbon"))
        #expect(try first.touches(of: ana.id) == [touch])
        #expect(try first.search("lisbon").map(\.id) == [ana.id])
        try first.move(ana.id, to: .conversion, at: at(2))
        #expect(try second.candidate(ana.id).stage == .conversion)
        #expect(try second.stageCounts()[.conversion] == 1)
        // A third, opened after the writes, sees them too.
        let third = try Store.open(at: path)
        #expect(try third.candidate(ana.id).stage == .conversion)
        #expect(try third.touches(of: ana.id) == [touch])
    }

    @Test func everyConnectionIsSetUpForSafety() throws {
        let folder = try TemporaryFolder()
        let store = try Store.open(at: folder.path("funnel.sqlite"))
        // Readers of the pool get the same settings as the writer.
        try store.writer.read { (db: Database) throws in
            #expect(try Int.fetchOne(db, sql: "PRAGMA foreign_keys") == 1)
            #expect(try Int.fetchOne(db, sql: "PRAGMA secure_delete") == 1)
        }
        try store.writer.write { (db: Database) throws in
            #expect(try Int.fetchOne(db, sql: "PRAGMA synchronous") == 2)
            #expect(try Int.fetchOne(db, sql: "PRAGMA secure_delete") == 1)
            #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal")
        }
    }
}
