import Foundation
import FunnelCore
@testable import FunnelStore
import GRDB
import HostileCorpus
import Testing

/// The streaming JSON export (merged cursors, `ExportJSONWriter`) writes exactly the bytes the
/// first exporter wrote: a query per candidate, Foundation's `JSONEncoder`, then `JSONInvisibles`.
/// That exporter is kept here, as the reference.
@Suite struct ExportJSONTests {
    /// The first exporter's JSON, as it was before the streaming one replaced it.
    static func referenceJSON(_ store: Store, touches: Bool) throws -> Data {
        try store.read { db in
            var out = Data("[".utf8)
            let encoder = Store.exportEncoder(pretty: false)
            var written = 0
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(Rows.candidateColumns) FROM candidate ORDER BY id")
            while let row = try cursor.next() {
                let exported = try Store.exported(db, row, touches: touches)
                out.append(contentsOf: (written == 0 ? "\n" : ",\n").utf8)
                out.append(JSONInvisibles.escaped(try encoder.encode(exported)))
                written += 1
            }
            out.append(contentsOf: "\n]\n".utf8)
            return out
        }
    }

    static func streamedJSON(_ store: Store, touches: Bool) throws -> (Data, Int, Int) {
        var out = Data()
        var chunks = 0
        let count = try store.exportCandidates(format: .json, touches: touches, to: { out.append($0); chunks += 1 })
        return (out, count, chunks)
    }

    /// Text no validation would let in, written straight into the file: every C0 control, DEL,
    /// C1 controls, line and paragraph separators, direction overrides, zero-width characters,
    /// quotes, backslashes, slashes, a decomposed accent, emoji, CJK, a NUL.
    static let hostile: [String] = {
        var texts = HostileCorpus.accepted.map(\.text) + HostileCorpus.refused.map(\.text)
        texts.append(String(String.UnicodeScalarView((0..<0x20).map { Unicode.Scalar(UInt8($0)) })))
        texts.append("a\u{7F}b\u{80}c\u{85}d\u{9F}e\u{A0}f\u{2028}g\u{2029}h\u{202E}i\u{200B}j\u{2060}k\u{FEFF}l\u{2FFF}m")
        texts.append("\"quoted\" \\back\\slash/ and / slashes </script>")
        texts.append("Zoe\u{0308} 山田 🎉👩‍👩‍👧 =HYPERLINK(\"x\") +cmd @sum -1")
        texts.append("nul\u{0}inside")
        return texts
    }()

    /// A generated desk (real file), then hostile text put into every kind of exported field.
    static func hostileDesk(_ folder: TemporaryFolder) throws -> Store {
        let store = try Store.open(at: folder.path("desk.sqlite"))
        try SyntheticDesk.generate(into: store, candidates: 600, touchesPerCandidate: 4, seed: 11,
                                   now: Date(timeIntervalSince1970: 1_790_000_000), progress: nil)
        try store.writer.write { db in
            for (index, text) in hostile.enumerated() {
                let id = Int64(index * 7 + 1)
                try db.execute(sql: """
                    UPDATE candidate SET first_name = ?, last_name = ?, title = ?, company = ?, location = ?, interests = ?,
                        owner = ?, source = ?, phone = ? WHERE id = ?
                    """, arguments: ["x" + text, text, text, text, text, text, text, text, text, id])
                try db.execute(sql: "DELETE FROM candidate_tag WHERE candidate_id = ?", arguments: [id])
                try db.execute(sql: "INSERT INTO candidate_tag (candidate_id, tag, position) VALUES (?, ?, 0), (?, 'zz', 1)",
                               arguments: [id, "t" + text.lowercased(), id])
                try db.execute(sql: "UPDATE touchpoint SET note = ?, template = ? WHERE candidate_id = ?",
                               arguments: [text, text, id + 1])
                try db.execute(sql: "INSERT INTO future_role (candidate_id, title, location, remote, asked_at) VALUES (?, ?, ?, 1, ?)",
                               arguments: [id + 2, "r" + text, text, 1_789_000_000 + index])
            }
            // Ties that only the order (at DESC, id DESC) or (asked_at DESC, id DESC) settles.
            try db.execute(sql: """
                INSERT INTO touchpoint (candidate_id, at, channel, direction, note)
                SELECT candidate_id, at, 'note', 'out', 'tie' FROM touchpoint WHERE candidate_id IN (3, 4) AND at = (
                    SELECT max(at) FROM touchpoint t WHERE t.candidate_id = touchpoint.candidate_id)
                """)
            try db.execute(sql: "INSERT INTO future_role (candidate_id, title, location, remote, asked_at) VALUES (5, 'A', 'B', 0, 1789000000), (5, 'C', 'D', 0, 1789000000)")
            // A gap in the ids, a candidate with no touches, tags out of position order.
            try db.execute(sql: "DELETE FROM candidate WHERE id = 10")
            try db.execute(sql: "DELETE FROM touchpoint WHERE candidate_id = 12")
            try db.execute(sql: "UPDATE candidate SET last_touch_at = NULL WHERE id = 12")
            try db.execute(sql: "INSERT INTO candidate_tag (candidate_id, tag, position) VALUES (13, 'aaa', 9), (13, 'zzz', -1)")
        }
        return store
    }

    @Test func streamedJSONEqualsTheReferenceOnAHostileDesk() throws {
        let folder = try TemporaryFolder()
        let store = try Self.hostileDesk(folder)
        for touches in [false, true] {
            let reference = try Self.referenceJSON(store, touches: touches)
            let (streamed, count, _) = try Self.streamedJSON(store, touches: touches)
            #expect(count == 599)
            #expect(streamed.count == reference.count)
            if streamed != reference {
                let a = [UInt8](streamed), b = [UInt8](reference)
                let at = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
                let context = { (x: [UInt8]) in String(decoding: x[max(0, at - 200)..<min(x.count, at + 100)], as: UTF8.self) }
                Issue.record("touches \(touches): first difference at byte \(at):\nstreamed  \(context(a))\nreference \(context(b))")
            }
        }
    }

    /// Text that is not valid UTF-8 (written as bytes by another program) comes out as GRDB's
    /// `String` decoding reads it, repaired; bytes after a NUL are not read, as before.
    @Test func invalidUTF8IsRepairedAsTheReferenceReadsIt() throws {
        let folder = try TemporaryFolder()
        let store = try Store.open(at: folder.path("desk.sqlite"))
        try SyntheticDesk.generate(into: store, candidates: 40, touchesPerCandidate: 2, seed: 5,
                                   now: Date(timeIntervalSince1970: 1_790_000_000), progress: nil)
        let samples = ["41ff42", "e282", "e2", "c2", "c280", "e280ae", "f09f98", "80", "edbfbf", "610062ff", "c3a9ff"]
        try store.writer.write { db in
            for (index, hex) in samples.enumerated() {
                let text = "CAST(x'\(hex)' AS TEXT)"
                try db.execute(sql: """
                    UPDATE candidate SET first_name = \(text), company = \(text), interests = \(text) WHERE id = ?
                    """, arguments: [index + 1])
                try db.execute(sql: "INSERT INTO candidate_tag (candidate_id, tag, position) VALUES (?, lower(\(text)), 99)",
                               arguments: [index + 1])
                try db.execute(sql: "UPDATE touchpoint SET note = \(text) WHERE candidate_id = ?", arguments: [index + 1])
            }
            // Follow-up days the column's GLOB lets in, real or not: the export writes the real ones.
            for (index, day) in ["2026-02-30", "2026-13-01", "0000-01-01", "9999-12-31", "2024-02-29", "2023-02-29",
                                 "2026-00-10", "2026-04-31"].enumerated() {
                try db.execute(sql: "UPDATE candidate SET next_follow_up = ? WHERE id = ?", arguments: [day, index + 20])
            }
        }
        for touches in [false, true] {
            let reference = try Self.referenceJSON(store, touches: touches)
            let (streamed, count, _) = try Self.streamedJSON(store, touches: touches)
            #expect(count == 40)
            #expect(streamed == reference, "touches \(touches)")
        }
        let first = try Self.streamedJSON(store, touches: false).0
        #expect(String(decoding: first, as: UTF8.self).contains("\"first_name\":\"A\u{FFFD}B\""))
    }

    @Test func anEmptyDeskIsAnEmptyArray() throws {
        let store = try Store.inMemory()
        #expect(try Self.streamedJSON(store, touches: false).0 == Self.referenceJSON(store, touches: false))
        #expect(String(decoding: try Self.streamedJSON(store, touches: true).0, as: UTF8.self) == "[\n]\n")
    }

    /// Every scalar up to U+3000 (and a few beyond), alone and between letters: the same bytes as
    /// JSONEncoder followed by JSONInvisibles.
    @Test func stringsAreEscapedAsTheEncoderAndJSONInvisiblesDid() throws {
        let encoder = Store.exportEncoder(pretty: false)
        var texts = Self.hostile
        for value in Array(0...0x3000) + [0xFEFF, 0xFFFD, 0x1F600, 0x10FFFF] {
            guard let scalar = Unicode.Scalar(value) else { continue }
            texts.append(String(Character(scalar)))
            texts.append("a\(Character(scalar))b")
        }
        for text in texts {
            var writer = ExportJSONWriter(capacity: 64)
            writer.string(text)
            let expected = JSONInvisibles.escaped(try encoder.encode([text]))
            #expect(Data("[".utf8) + Data(writer.bytes) + Data("]".utf8) == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func numbersAndInstantsAreWrittenAsBefore() throws {
        let encoder = Store.exportEncoder(pretty: false)
        for value: Int64 in [0, 1, -1, 9, 10, 99, 1_000_000, .max, .min, -86_400, 253_402_300_799, 253_402_300_800, -62_167_219_201] {
            var writer = ExportJSONWriter(capacity: 64)
            writer.int(value)
            #expect(writer.bytes == [UInt8](try encoder.encode(value)))
            var instant = ExportJSONWriter(capacity: 64)
            instant.instant(value == .max || value == .min ? 0 : value)
            let date = Date(timeIntervalSince1970: TimeInterval(value == .max || value == .min ? 0 : value))
            #expect(instant.bytes == [UInt8](try encoder.encode(Instant.format(date))), "\(value)")
        }
    }

    /// Memory stays bounded: the bytes reach the sink in chunks of about `exportChunkBytes`.
    @Test func aLargeExportIsWrittenInChunks() throws {
        let folder = try TemporaryFolder()
        let store = try Store.open(at: folder.path("desk.sqlite"))
        try SyntheticDesk.generate(into: store, candidates: 5_000, touchesPerCandidate: 2, seed: 3,
                                   now: Date(timeIntervalSince1970: 1_790_000_000), progress: nil)
        var largest = 0, chunks = 0, total = 0
        try store.exportCandidates(format: .json, to: { chunks += 1; total += $0.count; largest = max(largest, $0.count) })
        #expect(total > 3 * Store.exportChunkBytes)
        #expect(chunks > 3)
        #expect(largest < Store.exportChunkBytes + 64 * 1024)
    }
}
