import Foundation
import FunnelCore
import FunnelStore
import GRDB
import Testing

/// `funnel compose --send` on a store holding a name written before names were checked (raw SQL,
/// as an old store would hold it): a name with a line break is refused with one clear error,
/// nothing reaches the fake `sendmail -t`, and no touch is logged; a name with quotes, commas and
/// angle brackets is safe once quoted, and the message goes to the candidate alone.
@Suite struct ComposeHeaderCLITests {
    struct Desk {
        let home: URL
        var storePath: String { home.appendingPathComponent("desk.sqlite").path }
        var captured: URL { home.appendingPathComponent("sent.eml") }

        static func make(firstName: String) throws -> (Desk, Int64) {
            let home = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-compose-headers-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: home.appendingPathComponent("config/funnel"), withIntermediateDirectories: true)
            let desk = Desk(home: home)
            let store = try Store.open(at: desk.storePath)
            let zoe = try store.add(CandidateDraft(firstName: "Zoë", lastName: "Müller", email: "zoe@example.com"),
                                    at: Date(timeIntervalSince1970: 1_790_000_000))
            try store.saveTemplate(validated: TemplateDraft(name: "checkin", channel: .email, subject: "Hello",
                                                            body: "Hi {{first_name}},\nhow are you?\n"))
            // Bypass validation, as a store written by an older version would hold the name.
            let queue = try DatabaseQueue(path: desk.storePath)
            try queue.write { db in try db.execute(sql: "UPDATE candidate SET first_name = ? WHERE id = ?", arguments: [firstName, zoe.id]) }
            try queue.close()
            // Run through sh, never exec'd (ETXTBSY under parallel tests).
            let script = home.appendingPathComponent("fake-sendmail")
            try "#!/bin/sh\ncat > '\(desk.captured.path)'\n".write(to: script, atomically: true, encoding: .utf8)
            try """
                [recruiter]
                name = "Rita Recruiter"
                email = "rita@agency.example"
                [mail]
                sendmail = "/bin/sh \(script.path) -t"
                """.write(to: home.appendingPathComponent("config/funnel/config.toml"), atomically: true, encoding: .utf8)
            return (desk, zoe.id)
        }

        func compose(_ id: Int64) throws -> RunResult {
            try FunnelBinary.run(["compose", String(id), "--template", "checkin", "--send", "--no-edit"],
                                 env: ["FUNNEL_DB": storePath], home: home)
        }

        func touches(_ id: Int64) throws -> Int {
            try StoreFile.count(storePath, "SELECT count(*) FROM touchpoint WHERE candidate_id = ?", [id])
        }
    }

    @Test func aStoredNameWithALineBreakIsRefusedAndNothingIsSent() throws {
        let (desk, id) = try Desk.make(firstName: "Eve\nBcc: attacker@x.com")
        defer { try? FileManager.default.removeItem(at: desk.home) }
        let run = try desk.compose(id)
        #expect(run.code == 5, "\(run)")
        #expect(run.stderr == "funnel: the name of candidate #\(id) holds a line break (U+000A), which cannot go in the To header of an email: "
            + "edit the name (e on the candidate in the board), then compose again; nothing was sent or logged\n")
        #expect(!run.stderr.contains("attacker"))
        #expect(!FileManager.default.fileExists(atPath: desk.captured.path))
        #expect(try desk.touches(id) == 0)
    }

    @Test func aStoredNameLookingLikeAddressesGoesToTheCandidateAlone() throws {
        let (desk, id) = try Desk.make(firstName: "a@b.com>, c@d.com")
        defer { try? FileManager.default.removeItem(at: desk.home) }
        let run = try desk.compose(id)
        #expect(run.code == 0, "\(run)")
        let sent = try String(contentsOf: desk.captured, encoding: .utf8)
        let header = sent.components(separatedBy: "\n\n")[0].replacingOccurrences(of: "\n ", with: " ")
        let lines = header.components(separatedBy: "\n")
        #expect(lines.filter { $0.lowercased().hasPrefix("to:") }.count == 1)
        #expect(!lines.contains { ["cc:", "bcc:"].contains(where: $0.lowercased().hasPrefix) })
        // Non-ASCII ("Müller"): the whole display name is one encoded word, the address the only one.
        #expect(lines.contains("To: =?UTF-8?B?YUBiLmNvbT4sIGNAZC5jb20gTcO8bGxlcg==?= <zoe@example.com>"), "\(header)")
        #expect(try desk.touches(id) == 1)
    }
}
