import Foundation
@testable import FunnelApp
import FunnelCore
import FunnelStore
import Testing

/// Compose with a fake sendmail: a shell script that copies its standard input to a file.
@Suite struct ComposeTests {
    let today = Day(year: 2026, month: 11, day: 22)!
    var moment: Moment { Moment(now: Moment.noon(today).now.addingTimeInterval(-2.5 * 3600), timeZone: TimeZone(identifier: "UTC")!) }

    struct Desk {
        let folder: URL
        let store: Store
        let zoe: Int64
        var captured: URL { folder.appendingPathComponent("captured.eml") }

        func script(_ name: String, _ body: String) throws -> String {
            let url = folder.appendingPathComponent(name)
            try ("#!/bin/sh\n" + body + "\n").write(to: url, atomically: true, encoding: .utf8)
            // Run through sh, never exec'd: a child spawned by a parallel test may have inherited
            // the file's write descriptor, and exec would then fail with ETXTBSY (status 126).
            return "/bin/sh " + url.path
        }
    }

    func desk() throws -> Desk {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-compose-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try Store.open(at: folder.appendingPathComponent("desk.sqlite").path)
        let zoe = try store.add(CandidateDraft(firstName: "Zoë", lastName: "Müller", email: "zoe@example.com", company: "Acme"),
                                at: moment.now.addingTimeInterval(-30 * 86_400))
        try store.logTouch(zoe.id, TouchDraft(at: moment.now.addingTimeInterval(-10 * 86_400), channel: .phone, outcome: .noAnswer))
        try store.saveTemplate(validated: TemplateDraft(name: "checkin", channel: .email,
                                                        subject: "Olá {{first_name}} — a role in Lisbon?",
                                                        body: "Hi {{first_name}},\n\nHow is {{company}}? Ça va?\n\n{{recruiter.name}}\n"))
        return Desk(folder: folder, store: store, zoe: zoe.id)
    }

    func config(sendmail: String?, outbox: String) -> Config {
        Config(recruiter: .init(name: "Rita Recruiter", email: "rita@agency.example"), mail: .init(sendmail: sendmail, outbox: outbox))
    }

    /// Splits an RFC 5322 message into unfolded headers and the body.
    func parse(_ text: String) -> (headers: [String: String], body: String) {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        let parts = normalized.components(separatedBy: "\n\n")
        let head = parts[0].replacingOccurrences(of: "\n ", with: " ")
        var headers: [String: String] = [:]
        for line in head.split(separator: "\n") {
            let pair = line.split(separator: ":", maxSplits: 1)
            headers[String(pair[0])] = String(pair[1]).trimmingCharacters(in: .whitespaces)
        }
        return (headers, parts.dropFirst().joined(separator: "\n\n"))
    }

    func decodeWords(_ value: String) -> String {
        var data = Data()
        for word in value.split(separator: " ") {
            data += Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) ?? Data()
        }
        return String(decoding: data, as: UTF8.self)
    }

    @Test func sendsThroughSendmailAndLogsTheTouch() throws {
        let d = try desk()
        defer { try? FileManager.default.removeItem(at: d.folder) }
        let fake = try d.script("fake-sendmail", "cat > '\(d.captured.path)'")
        let composer = Composer(store: d.store, config: config(sendmail: "\(fake) -t", outbox: d.folder.path + "/outbox"), moment: moment)
        let draft = try composer.prepare(candidateID: d.zoe, templateName: "checkin")
        let result = try composer.deliver(draft, via: composer.defaultDelivery)
        #expect(result.receipt == .sent(command: "\(fake) -t"))

        let sent = String(decoding: try Data(contentsOf: d.captured), as: UTF8.self)
        let (headers, body) = parse(sent)
        #expect(headers["From"] == "Rita Recruiter <rita@agency.example>")
        #expect(headers["To"].map { decodeWords($0.components(separatedBy: " <")[0]) } == "Zoë Müller")
        #expect(headers["To"]?.hasSuffix("<zoe@example.com>") == true)
        #expect(headers["Subject"].map(decodeWords) == "Olá Zoë — a role in Lisbon?")
        #expect(headers["Date"] == "Sun, 22 Nov 2026 09:30:00 +0000")
        #expect(headers["Message-ID"]?.hasSuffix("@agency.example>") == true)
        #expect(headers["MIME-Version"] == "1.0")
        #expect(headers["Content-Type"] == "text/plain; charset=UTF-8")
        #expect(headers["Content-Transfer-Encoding"] == "8bit")
        #expect(body == "Hi Zoë,\n\nHow is Acme? Ça va?\n\nRita Recruiter\n")

        let touch = try #require(try d.store.touches(of: d.zoe).first)
        #expect(touch.channel == .email && touch.direction == .outbound && touch.outcome == .sent)
        #expect(touch.template == "checkin" && touch.note == "Olá Zoë — a role in Lisbon?")
        #expect(try d.store.candidate(d.zoe).nextFollowUp == today.adding(days: 7))
    }

    @Test func aFailingSendmailLogsNothing() throws {
        let d = try desk()
        defer { try? FileManager.default.removeItem(at: d.folder) }
        let failing = try d.script("failing-sendmail", "cat > /dev/null\necho 'msmtp: cannot connect to smtp.example.com' >&2\nexit 75")
        let composer = Composer(store: d.store, config: config(sendmail: failing, outbox: d.folder.path + "/outbox"), moment: moment)
        let draft = try composer.prepare(candidateID: d.zoe, templateName: "checkin")
        let before = try d.store.candidate(d.zoe)
        #expect(throws: FunnelError.refused(
            "the mail command `\(failing)` exited with status 75: msmtp: cannot connect to smtp.example.com; nothing was logged")) {
            try composer.deliver(draft, via: composer.defaultDelivery)
        }
        #expect(try d.store.touches(of: d.zoe).count == 1)
        #expect(try d.store.candidate(d.zoe) == before)
    }

    @Test func withoutACommandTheMessageGoesToTheOutbox() throws {
        let d = try desk()
        defer { try? FileManager.default.removeItem(at: d.folder) }
        let outbox = d.folder.path + "/outbox"
        let composer = Composer(store: d.store, config: config(sendmail: nil, outbox: outbox), moment: moment)
        let draft = try composer.prepare(candidateID: d.zoe, templateName: "checkin")
        let result = try composer.deliver(draft, via: composer.defaultDelivery)
        guard case let .written(path) = result.receipt else { Issue.record("not written"); return }
        #expect(path.hasPrefix(outbox + "/") && path.hasSuffix(".eml"))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect((try FileManager.default.attributesOfItem(atPath: outbox)[.posixPermissions] as? Int) == 0o700)
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        #expect(text.contains("\r\nContent-Type: text/plain; charset=UTF-8\r\n"))
        #expect(parse(text).body == "Hi Zoë,\n\nHow is Acme? Ça va?\n\nRita Recruiter\n")
        #expect(try d.store.touches(of: d.zoe).first?.template == "checkin")
    }

    @Test func editingChangesTheMessage() throws {
        let d = try desk()
        defer { try? FileManager.default.removeItem(at: d.folder) }
        let composer = Composer(store: d.store, config: config(sendmail: nil, outbox: d.folder.path + "/outbox"), moment: moment)
        let draft = try composer.prepare(candidateID: d.zoe, templateName: "checkin")
        let edited = try #require(try composer.applyEdit(draft.editableText.replacingOccurrences(of: "Ça va?", with: "Still bouldering?"), to: draft))
        #expect(edited.message.body.contains("Still bouldering?"))
        #expect(try composer.applyEdit("# nothing\n", to: draft) == nil)
        // The external editor runs a command on a private file.
        let editor = try d.script("editor", "sed -i 's/Hi /Hello /' \"$1\"")
        let text = try ExternalEditor.edit("Hi there\n", environment: ["EDITOR": editor, "PATH": "/usr/bin:/bin"])
        #expect(text == "Hello there\n")
    }

    @Test func refusals() throws {
        let d = try desk()
        defer { try? FileManager.default.removeItem(at: d.folder) }
        let composer = Composer(store: d.store, config: config(sendmail: nil, outbox: d.folder.path + "/outbox"), moment: moment)
        let noEmail = try d.store.add(CandidateDraft(firstName: "Pat"), at: moment.now)
        #expect(throws: FunnelError.refused("Pat has no valid email address: nothing to send to")) {
            try composer.prepare(candidateID: noEmail.id, templateName: "checkin")
        }
        try d.store.setStatus(d.zoe, to: .doNotContact, at: moment.now)
        #expect(throws: FunnelError.refused("Zoë Müller is marked do not contact: no message is composed for them")) {
            try composer.prepare(candidateID: d.zoe, templateName: "checkin")
        }
        var noFrom = composer
        noFrom.config.recruiter = .init()
        try d.store.setStatus(d.zoe, to: .active, at: moment.now)
        #expect(throws: FunnelError.self) { try noFrom.prepare(candidateID: d.zoe, templateName: "checkin") }
        #expect(try d.store.touches(of: d.zoe).count == 1)
    }
}
