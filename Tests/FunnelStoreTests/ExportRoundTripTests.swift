import Foundation
import FunnelCore
@testable import FunnelStore
import GRDB
import Testing

/// Export → import into an empty store → export gives the same bytes; JSON and the
/// data-subject access record hold everything.
@Suite struct ExportRoundTripTests {
    /// A desk with the awkward cases: commas, quotes, newlines, CJK, emoji, tags, future roles,
    /// template sends, do-not-contact with history, a referral, and a gap in the ids (an erasure).
    static func awkwardDesk() throws -> Store {
        let store = try Store.inMemory()
        let t0 = IO.now
        let zoe = try store.add(CandidateDraft(firstName: "Zoë", lastName: "Müller, Jr.", email: "zoe@example.com",
                                               phone: "+49 30 1234", location: "Berlin, DE",
                                               linkedinURL: "https://www.linkedin.com/in/zoe-muller", title: "Staff \"SRE\"",
                                               company: "Acme", source: "Referral", owner: "Ashley", tags: ["go", "k8s"],
                                               interests: "climbing\nsourdough", preferredChannel: .linkedin,
                                               stage: .consideration, nextFollowUp: Day(year: 2026, month: 10, day: 1)), at: t0)
        _ = try store.logTouch(zoe.id, TouchDraft(at: t0.addingTimeInterval(60), channel: .email, direction: .outbound,
                                                  outcome: .sent, note: "Hi Zoë, \"quick\" one,\r\nsecond line", template: "intro"))
        _ = try store.logTouch(zoe.id, TouchDraft(at: t0.addingTimeInterval(120), channel: .phone, direction: .inbound,
                                                  outcome: .interested, note: " padded note "))
        _ = try store.recordFutureRole(zoe.id, title: "Principal Engineer", location: "Lisbon", remote: true, at: t0.addingTimeInterval(200))
        let gone = try store.add(CandidateDraft(firstName: "Gone", email: "gone@example.com"), at: t0)
        let yamada = try store.add(CandidateDraft(firstName: "山田", lastName: "太郎", title: "データエンジニア 🎉",
                                                  referredBy: zoe.id, stage: .loyalty), at: t0.addingTimeInterval(5))
        _ = try store.recordFutureRole(yamada.id, title: "Data Lead", location: "", remote: true, at: t0.addingTimeInterval(300))
        let dnc = try store.add(CandidateDraft(firstName: "Dee", lastName: "Nc", email: "dee@example.com"), at: t0)
        _ = try store.logTouch(dnc.id, TouchDraft(at: t0.addingTimeInterval(30), channel: .email, outcome: .declined, note: "please stop"))
        _ = try store.setStatus(dnc.id, to: .doNotContact, at: t0.addingTimeInterval(40))
        _ = try store.move(dnc.id, to: .conversion, at: t0.addingTimeInterval(50))
        _ = try store.add(CandidateDraft(firstName: "Plain"), at: t0.addingTimeInterval(-86_400 * 400))
        try store.erase(gone.id, at: t0)
        return store
    }

    @Test func csvExportImportExportIsByteIdentical() throws {
        let source = try Self.awkwardDesk()
        let first = try IO.csvExport(source)
        let target = try Store.inMemory()
        let report = try target.importCSV(data: Data(first.utf8), name: "export.csv", options: ImportOptions(), at: IO.now.addingTimeInterval(9999))
        #expect(report.committed && report.count(.add) == 4 && report.warningCount == 0)
        let second = try IO.csvExport(target)
        #expect(second == first)
        // The same candidates, field by field (only the time of the last edit differs).
        var a = try IO.all(source), b = try IO.all(target)
        for i in a.indices { a[i].updatedAt = .distantPast }
        for i in b.indices { b[i].updatedAt = .distantPast }
        #expect(a == b)
        #expect(b.map(\.id) == [1, 3, 4, 5])
        #expect(b[1].referredBy == 1)
        #expect(try target.check().ok)
        // Importing the same file again: the people with an email or a profile are recognised and
        // nothing is repeated; the others cannot be recognised, so they are added (with new ids).
        let again = try target.importCSV(data: Data(first.utf8), name: "export.csv", options: ImportOptions(), at: IO.now)
        #expect(again.outcomes.map(\.action) == [.merge, .add, .merge, .add])
        #expect(again.outcomes[0].detail == "into #1 Zoë Müller, Jr. (same email): 1 touch already logged")
        #expect(again.outcomes[2].detail == "into #4 Dee Nc (same email): 1 touch already logged")
        #expect(again.outcomes[1].candidateID == 6 && again.warningCount == 0)
        #expect(try target.candidate(6).referredBy == 1)
    }

    @Test func csvExportShape() throws {
        let store = try Self.awkwardDesk()
        let lines = try IO.csvExport(store)
        #expect(lines.hasPrefix("id,first_name,last_name,email,phone,location,linkedin_url,title,company,source,owner,tags,interests,preferred_channel,referred_by,stage,status,next_follow_up,created_at,stage_entered_at,future_role_title,future_role_location,future_role_remote,future_role_asked_at,last_touch_at,last_touch_channel,last_touch_direction,last_touch_outcome,last_touch_note,last_touch_template\n"))
        #expect(lines.contains("1,Zoë,\"Müller, Jr.\",zoe@example.com,'+49 30 1234,\"Berlin, DE\",https://www.linkedin.com/in/zoe-muller,\"Staff \"\"SRE\"\"\",Acme,Referral,Ashley,go; k8s,\"climbing\nsourdough\",linkedin,,consideration,active,2026-10-01,"))
        #expect(lines.contains(",Principal Engineer,Lisbon,yes,"))
        #expect(lines.hasSuffix("\n"))
        #expect(!lines.contains("Gone"))
    }

    @Test func theTouchLogIsASecondCSV() throws {
        let store = try Self.awkwardDesk()
        var main = Data(), touches = Data()
        let count = try store.exportCandidates(format: .csv, touches: true, to: { main.append($0) }, touchSink: { touches.append($0) })
        #expect(count == 4)
        let text = String(decoding: touches, as: UTF8.self)
        let rows = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows.first == "candidate_id,at,channel,direction,outcome,note,template")
        // The note was logged with CRLF; notes are stored with line feeds (PlainText.multiLine).
        #expect(text.contains("1,2026-09-21T14:14:20Z,email,out,sent,\"Hi Zoë, \"\"quick\"\" one,\nsecond line\",intro\n"))
        #expect(text.contains("4,2026-09-21T14:13:50Z,email,out,declined,please stop,\n"))
    }

    @Test func jsonExportIsOneObjectPerLineWithTheTouches() throws {
        let store = try Self.awkwardDesk()
        var data = Data()
        try store.exportCandidates(format: .json, touches: true, to: { data.append($0) })
        let parsed = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(parsed.count == 4)
        #expect(parsed[0]["first_name"] as? String == "Zoë")
        #expect((parsed[0]["touches"] as? [[String: Any]])?.count == 2)
        #expect((parsed[0]["future_role"] as? [String: Any])?["title"] as? String == "Principal Engineer")
        #expect((parsed[0]["last_touch"] as? [String: Any])?["note"] as? String == " padded note ")
        #expect(parsed[1]["referred_by"] as? Int == 1)
        #expect(parsed[3]["email"] is NSNull)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix("[\n{") && text.hasSuffix("}\n]\n"))
        #expect(text.split(separator: "\n").count == 6)
        // Empty store: still valid JSON.
        var empty = Data()
        try Store.inMemory().exportCandidates(format: .json, to: { empty.append($0) })
        #expect(String(decoding: empty, as: UTF8.self) == "[\n]\n")
    }

    @Test func exportStreamsInPagesAndSeesOneSnapshot() throws {
        let store = try Store.inMemory()
        try store.writer.write { db in
            for i in 0..<1_234 {
                _ = try Store.insert(db, CandidateDraft(firstName: "P\(i)", email: "p\(i)@example.com").validated(), at: IO.now)
            }
        }
        var chunks = 0, rows = 0
        try store.exportCandidates(format: .csv, to: { chunk in
            chunks += 1
            rows += String(decoding: chunk, as: UTF8.self).split(separator: "\n").count
        })
        #expect(rows == 1_235)
        #expect(chunks == 1 + 3)  // the header, then pages of 500
    }

    @Test func subjectAccessRecordHoldsEverything() throws {
        let store = try Self.awkwardDesk()
        let record = try store.subjectAccessRecord(1, at: IO.now)
        #expect(record.candidate.candidate.fullName == "Zoë Müller, Jr.")
        #expect(record.touches.count == 2)
        #expect(record.templateSends.map(\.template) == ["intro"])
        #expect(record.stageHistory.map(\.to) == ["consideration"])
        #expect(record.futureRoles.map(\.title) == ["Principal Engineer"])
        #expect(record.referredCandidateIDs == [3])
        let json = String(decoding: try Store.exportEncoder(pretty: true).encode(record), as: UTF8.self)
        for key in ["\"exported_at\"", "\"template_sends\"", "\"stage_history\"", "\"future_roles\"", "\"referred_candidate_ids\"", "\"interests\" : \"climbing\\nsourdough\""] {
            #expect(json.contains(key), "\(key)")
        }
        let dnc = try store.subjectAccessRecord(4, at: IO.now)
        #expect(dnc.stageHistory.map(\.to) == ["awareness", "conversion"])
        #expect(IO.errorMessage { _ = try store.subjectAccessRecord(2, at: IO.now) } == "no candidate with id 2")
    }
}

/// The export's CSV encoder writes exactly what CSV.swift's writer writes.
@Suite struct CSVEncodingTests {
    static let rows: [[String]] = [
        ["plain", "", "with, comma", "with \"quote\"", "\"", "line\nbreak", "crlf\r\nbreak", "lone\rcr"],
        [" leading space", "trailing ", "Zoë 山田 🎉", "a,b,\"c\"\n", ",", "\"\"", "'single'", ";semi"],
        [""],
    ]

    @Test func sameBytesAsTheLibraryWriter() throws {
        #expect(Store.csvLines(Self.rows) == (try Store.csvLinesWithLibrary(Self.rows)))
        #expect(Store.csvLines([]) == Data())
    }

    @Test func readsBackThroughTheImporter() throws {
        let data = Store.csvLines([["first_name", "notes"]] + Self.rows.dropLast().map { [$0[2], $0[3]] })
        var records: [[String]] = []
        try CSVSource(data: data, name: "x.csv", encoding: .utf8).forEachRecord { _, cells in
            records.append(cells)
            return true
        }
        #expect(records == [["first_name", "notes"], ["with, comma", "with \"quote\""], ["Zoë 山田 🎉", "a,b,\"c\"\n"]])
    }
}
