import Foundation
import FunnelCore
import FunnelStore
import Testing

/// `funnel due`, `funnel template …` and `funnel compose` run as a user runs them: the built
/// binary in a separate process, with a pinned clock, private XDG folders and a scripted $EDITOR.
@Suite struct FollowUpCLITests {
    static let now = "2026-11-22T09:30:00Z"
    let today = Day(year: 2026, month: 11, day: 22)!

    /// A private desk: a store file, config and data folders, and helper scripts.
    struct Desk {
        let folder: URL
        var storePath: String { folder.appendingPathComponent("desk.sqlite").path }
        var configFile: URL { folder.appendingPathComponent("config/funnel/config.toml") }
        var outbox: String { folder.appendingPathComponent("data/funnel/outbox").path }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-followup-cli-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("config/funnel"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }

        func config(_ text: String) throws { try text.write(to: configFile, atomically: true, encoding: .utf8) }

        func script(_ name: String, _ body: String) throws -> String {
            let url = folder.appendingPathComponent(name)
            try ("#!/bin/sh\n" + body + "\n").write(to: url, atomically: true, encoding: .utf8)
            // Run through sh, never exec'd: a child spawned by a parallel test may have inherited
            // the file's write descriptor, and exec would then fail with ETXTBSY (status 126).
            return "/bin/sh " + url.path
        }

        func store() throws -> Store { try Store.open(at: storePath) }

        func run(_ arguments: [String], editor: String? = nil) throws -> FollowUpRun {
            var environment = [
                "HOME": folder.path, "XDG_CONFIG_HOME": folder.appendingPathComponent("config").path,
                "XDG_DATA_HOME": folder.appendingPathComponent("data").path, "FUNNEL_DB": storePath,
                "FUNNEL_NOW": FollowUpCLITests.now, "FUNNEL_TZ": "UTC", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
            ]
            if let editor { environment["EDITOR"] = editor }
            return try FollowUpBinary.run(arguments, environment: environment, in: folder)
        }
    }

    /// Days before the pinned now, at the same time of day.
    func ago(_ days: Int) -> Date { ISO8601DateFormatter().date(from: Self.now)!.addingTimeInterval(-Double(days) * 86_400) }

    /// A small desk with one row per group, a "do not contact" and a template.
    func seed(_ desk: Desk) throws -> (overdue: Int64, today: Int64, dormant: Int64, dnc: Int64, zoe: Int64) {
        let store = try desk.store()
        let ola = try store.add(CandidateDraft(firstName: "Ola", lastName: "Nordmann", email: "ola@example.no", title: "SRE"), at: ago(60))
        try store.logTouch(ola.id, TouchDraft(at: ago(10), channel: .phone, outcome: .noAnswer), followUp: .set(today.adding(days: -4)))
        let zoe = try store.add(CandidateDraft(firstName: "Zoë", lastName: "Müller", email: "zoe@example.com", company: "Acme"), at: ago(40))
        try store.logTouch(zoe.id, TouchDraft(at: ago(3), channel: .phone, outcome: .leftVoicemail), followUp: .set(today))
        let yamada = try store.add(CandidateDraft(firstName: "太郎", lastName: "山田", email: "taro@example.jp"), at: ago(500))
        try store.logTouch(yamada.id, TouchDraft(at: ago(200), channel: .email, direction: .inbound, outcome: .replied))
        let kim = try store.add(CandidateDraft(firstName: "Kim", email: "kim@example.com"), at: ago(500))
        try store.setStatus(kim.id, to: .doNotContact, at: ago(400))
        try store.saveTemplate(validated: TemplateDraft(name: "checkin", channel: .email, subject: "Olá {{first_name}}",
                                                        body: "Hi {{first_name}},\nhow is {{company|work}}?\n{{recruiter.name}}\n"))
        return (ola.id, zoe.id, yamada.id, kim.id, zoe.id)
    }

    // MARK: due

    @Test func dueListsTheQueueGroupedWithReasons() throws {
        let desk = try Desk()
        defer { desk.remove() }
        let ids = try seed(desk)
        let run = try desk.run(["due"])
        #expect(run.code == 0, "\(run)")
        #expect(run.stdout == """
            Overdue follow-ups (1)
              #\(ids.overdue)  Ola Nordmann · SRE — follow-up overdue by 4 days (due 2026-11-18)
            Due today (1)
              #\(ids.today)  Zoë Müller · at Acme — follow-up due today
            Re-engagement (1)
              #\(ids.dormant)  太郎 山田 — re-engage: no touch for 200 days

            """)
        #expect(!run.stdout.contains("Kim"))
    }

    @Test func dueJSON() throws {
        let desk = try Desk()
        defer { desk.remove() }
        let ids = try seed(desk)
        let run = try desk.run(["due", "--json"])
        #expect(run.code == 0, "\(run)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["today"] as? String == "2026-11-22")
        let counts = try #require(json["counts"] as? [String: Int])
        #expect(counts == ["overdue": 1, "today": 1, "fits": 0, "reengagement": 1, "cadence": 0])
        let items = try #require(json["items"] as? [[String: Any]])
        #expect(items.map { $0["id"] as? Int64 } == [ids.overdue, ids.today, ids.dormant])
        #expect(items.map { $0["reason"] as? String } == ["follow_up_overdue", "follow_up_today", "reengagement"])
        #expect(items.map { $0["group"] as? String } == ["overdue", "today", "reengagement"])
        #expect(items[0]["days"] as? Int == 4 && items[0]["next_follow_up"] as? String == "2026-11-18")
        #expect(items[2]["reason_text"] as? String == "re-engage: no touch for 200 days")
    }

    /// The seed plus an opening opened 3 days ago that three people fit: one also overdue (listed
    /// there), one re-engagement due (listed under the fit), one fresh.
    func seedFits(_ desk: Desk) throws -> (ids: (overdue: Int64, today: Int64, dormant: Int64, dnc: Int64, zoe: Int64),
                                            noa: Int64, opening: Int64) {
        let ids = try seed(desk)
        let store = try desk.store()
        let noa = try store.add(CandidateDraft(firstName: "נועה", lastName: "כהן", email: "noa@example.org", title: "Frontend Engineer"),
                                at: ago(30))
        try store.recordFutureRole(noa.id, title: "Staff Engineer", location: "Lisboa", remote: false, at: ago(0))
        try store.recordFutureRole(ids.overdue, title: "Staff Engineer", location: "Lisbon", remote: false, at: ago(50))
        try store.recordFutureRole(ids.dormant, title: "Staff Engineer", location: "Lisbon", remote: false, at: ago(100))
        try store.recordFutureRole(ids.dnc, title: "Staff Engineer", location: "Lisbon", remote: false, at: ago(100))
        let opening = try store.addOpening(OpeningDraft(title: "Staff Engineer", location: "Lisbon", company: "Blue Harbor"), at: ago(3))
        return (ids, noa.id, opening.id)
    }

    @Test func dueShowsFitsAnOpenRoleAfterTheFollowUps() throws {
        let desk = try Desk()
        defer { desk.remove() }
        let (ids, noa, opening) = try seedFits(desk)
        let run = try desk.run(["due"])
        #expect(run.code == 0, "\(run)")
        #expect(run.stdout == """
            Overdue follow-ups (1)
              #\(ids.overdue)  Ola Nordmann · SRE — follow-up overdue by 4 days (due 2026-11-18)
            Due today (1)
              #\(ids.today)  Zoë Müller · at Acme — follow-up due today
            Fits an open role (2)
              #\(noa)  נועה כהן · Frontend Engineer — fits #\(opening) Staff Engineer, Lisbon — title: Staff Engineer = Staff Engineer · location: Lisbon = Lisboa · asked today
              #\(ids.dormant)  太郎 山田 — fits #\(opening) Staff Engineer, Lisbon — title: Staff Engineer = Staff Engineer · location: Lisbon = Lisbon · asked 3 months ago

            """)
        #expect(!run.stdout.contains("Kim"))

        let json = try desk.run(["due", "--json"])
        #expect(json.code == 0, "\(json)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["counts"] as? [String: Int] == ["overdue": 1, "today": 1, "fits": 2, "reengagement": 0, "cadence": 0])
        #expect(object["not_shown"] as? Int == 0)
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items.map { $0["group"] as? String } == ["overdue", "today", "fits", "fits"])
        #expect(items.map { $0["reason"] as? String } == ["follow_up_overdue", "follow_up_today", "fits_open_role", "fits_open_role"])
        #expect(items[2]["opening_id"] as? Int64 == opening && items[2]["opening_title"] as? String == "Staff Engineer")
        #expect(items[2]["match_reason"] as? String == "title: Staff Engineer = Staff Engineer · location: Lisbon = Lisboa · asked today")
        #expect(items[2]["days"] as? Int == 3 && items[2]["name"] as? String == "נועה כהן")
        // Only the fits rows name an opening.
        #expect(items[0]["opening_id"] == nil && items[1]["opening_title"] == nil)

        // Contacted about the opening: gone from the group.
        let logged = try desk.run(["log", "\(noa)", "--channel", "phone", "--outcome", "interested", "--opening", "\(opening)"])
        #expect(logged.code == 0, "\(logged)")
        let after = try desk.run(["due", "--json"])
        let counts = try #require(try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [String: Any])["counts"]
        #expect(counts as? [String: Int] == ["overdue": 1, "today": 1, "fits": 1, "reengagement": 0, "cadence": 0])

        // fits_days from config: an opening opened 3 days ago is not recent with fits_days = 2.
        try desk.config("[matching]\nfits_days = 2\n")
        let shorter = try desk.run(["due"])
        #expect(shorter.code == 0, "\(shorter)")
        #expect(!shorter.stdout.contains("Fits an open role"))
        #expect(shorter.stdout.contains("Re-engagement (1)\n  #\(ids.dormant)  太郎 山田 — re-engage: no touch for 200 days"))
    }

    @Test func aStoredControlCharacterInAnOpeningIsShownEscaped() throws {
        let desk = try Desk()
        defer { desk.remove() }
        let (_, _, opening) = try seedFits(desk)
        // Written by another tool, past the plain-text rule.
        try desk.store().writer.write { db in
            try db.execute(sql: "UPDATE opening SET title = ? WHERE id = ?", arguments: ["Staff Engineer\u{1B}\u{202E}", opening])
        }
        let run = try desk.run(["due"])
        #expect(run.code == 0, "\(run)")
        #expect(!run.stdout.contains("\u{1B}") && !run.stdout.contains("\u{202E}"))
        #expect(run.stdout.contains("fits #\(opening) Staff Engineer\\x1b\\u202e, Lisbon"))
        let json = try desk.run(["due", "--json"])
        #expect(!json.stdout.contains("\u{202E}") && json.stdout.contains("\\u202e"))
    }

    @Test func configChangesTheRulesAndABadValueNamesTheKey() throws {
        let desk = try Desk()
        defer { desk.remove() }
        _ = try seed(desk)
        try desk.config("[rules]\nreengage_after_days = 250\n")
        let fewer = try desk.run(["due", "--json"])
        #expect(fewer.code == 0, "\(fewer)")
        #expect(fewer.stdout.contains("\"reengagement\" : 0"))
        try desk.config("[rules]\nstale_after_days = \"abc\"\n")
        let bad = try desk.run(["due"])
        #expect(bad.code == 2)
        #expect(bad.stderr == "funnel: \(desk.configFile.path): rules.stale_after_days must be a whole number of days, got \"abc\"\n")
        #expect(bad.stdout.isEmpty)
    }

    // MARK: template

    @Test func templateAddListShow() throws {
        let desk = try Desk()
        defer { desk.remove() }
        let add = try desk.run(["template", "add", "intro", "--subject", "Hi {{first_name}}", "--body", "Hello {{first_name|there}}, {{recruiter.name}}"])
        #expect(add.code == 0, "\(add)")
        #expect(add.stdout == "Added template 'intro'.\n")
        let again = try desk.run(["template", "add", "Intro", "--body", "x"])
        #expect(again.code == 2 && again.stderr.contains("already exists"))
        let list = try desk.run(["template", "list"])
        #expect(list.stdout == "intro  [email]  Hi {{first_name}}\n")
        let show = try desk.run(["template", "show", "intro"])
        #expect(show.stdout == "Name: intro\nChannel: email\nSubject: Hi {{first_name}}\n\nHello {{first_name|there}}, {{recruiter.name}}\n")
        let missing = try desk.run(["template", "show", "nope"])
        #expect(missing.code == 3 && missing.stderr == "funnel: no template named 'nope'\n")
    }

    @Test func anUnknownFieldIsRejectedAtSave() throws {
        let desk = try Desk()
        defer { desk.remove() }
        let run = try desk.run(["template", "add", "typo", "--body", "Hi {{frist_name}}"])
        #expect(run.code == 2)
        #expect(run.stderr.hasPrefix("funnel: template 'typo' uses an unknown merge field {{frist_name}} (did you mean {{first_name}}?)"))
        #expect(try desk.store().templates().isEmpty)
    }

    @Test func templateEditInTheEditor() throws {
        let desk = try Desk()
        defer { desk.remove() }
        _ = try seed(desk)
        let editor = try desk.script("editor", "sed -i 's/how is/how are things at/' \"$1\"\nls -l \"$1\" | cut -c1-10 > '\(desk.folder.path)/mode'")
        let run = try desk.run(["template", "edit", "checkin"], editor: editor)
        #expect(run.code == 0, "\(run)")
        #expect(try desk.store().template(named: "checkin").body == "Hi {{first_name}},\nhow are things at {{company|work}}?\n{{recruiter.name}}\n")
        // The temporary file was private.
        #expect(try String(contentsOf: desk.folder.appendingPathComponent("mode"), encoding: .utf8) == "-rw-------\n")

        // An invalid edit (not on a terminal, so not re-opened) is refused and nothing is saved.
        let typo = try desk.script("typo-editor", "sed -i 's/{{company|work}}/{{compnay}}/' \"$1\"")
        let refused = try desk.run(["template", "edit", "checkin"], editor: typo)
        #expect(refused.code == 2)
        #expect(refused.stderr.contains("unknown merge field {{compnay}} (did you mean {{company}}?)"))
        #expect(refused.stderr.hasSuffix("; nothing saved\n"))
        #expect(try desk.store().template(named: "checkin").body.contains("{{company|work}}"))
    }

    // MARK: compose

    @Test func composeSendsThroughTheConfiguredCommandAndLogs() throws {
        let desk = try Desk()
        defer { desk.remove() }
        let ids = try seed(desk)
        let captured = desk.folder.appendingPathComponent("sent.eml").path
        let sendmail = try desk.script("fake-sendmail", "cat > '\(captured)'")
        try desk.config("""
            [recruiter]
            name = "Rita Recruiter"
            email = "rita@agency.example"
            [mail]
            sendmail = "\(sendmail) -t"
            """)
        let run = try desk.run(["compose", String(ids.zoe), "--template", "checkin", "--no-edit"])
        #expect(run.code == 0, "\(run)")
        #expect(run.stdout.hasPrefix("Message to Zoë Müller <zoe@example.com> sent with `\(sendmail) -t`."))
        #expect(run.stdout.contains("next follow-up 2026-11-29"))
        let message = try String(contentsOfFile: captured, encoding: .utf8)
        #expect(message.contains("\nSubject: =?UTF-8?B?"))
        #expect(message.contains("\nContent-Type: text/plain; charset=UTF-8\n"))
        #expect(message.hasSuffix("\n\nHi Zoë,\nhow is Acme?\nRita Recruiter\n"))
        let touch = try #require(try desk.store().touches(of: ids.zoe).first)
        #expect(touch.channel == .email && touch.outcome == .sent && touch.template == "checkin" && touch.note == "Olá Zoë")
    }

    @Test func aFailingSendLogsNothingAndShowsTheError() throws {
        let desk = try Desk()
        defer { desk.remove() }
        let ids = try seed(desk)
        let failing = try desk.script("failing-sendmail", "cat > /dev/null\necho 'sendmail: fatal: no route to host' >&2\nexit 1")
        try desk.config("[recruiter]\nemail = \"rita@agency.example\"\nname = \"Rita\"\n[mail]\nsendmail = \"\(failing)\"\n")
        let run = try desk.run(["compose", String(ids.zoe), "--template", "checkin", "--no-edit"])
        #expect(run.code == 5)
        #expect(run.stderr == "funnel: the mail command `\(failing)` exited with status 1: sendmail: fatal: no route to host; nothing was logged\n")
        #expect(try desk.store().touches(of: ids.zoe).count == 1)
    }

    @Test func composeWithoutACommandWritesToTheOutbox() throws {
        let desk = try Desk()
        defer { desk.remove() }
        let ids = try seed(desk)
        try desk.config("[recruiter]\nemail = \"rita@agency.example\"\nname = \"Rita\"\n")
        let run = try desk.run(["compose", String(ids.zoe), "--template", "checkin", "--no-edit"])
        #expect(run.code == 0, "\(run)")
        let files = try FileManager.default.contentsOfDirectory(atPath: desk.outbox)
        #expect(files.count == 1 && files[0].hasSuffix(".eml"))
        #expect(run.stdout.contains("written to \(desk.outbox)/\(files[0])"))
        #expect(try desk.store().touches(of: ids.zoe).first?.outcome == .sent)
        // --send without a command is an error, and logs nothing more.
        let send = try desk.run(["compose", String(ids.zoe), "--template", "checkin", "--no-edit", "--send"])
        #expect(send.code == 2 && send.stderr.contains("--send needs a [mail] sendmail command"))
        #expect(try desk.store().touches(of: ids.zoe).count == 2)  // the voicemail and the one email
    }

    @Test func composeIsRefusedForDoNotContactAndMissingEmail() throws {
        let desk = try Desk()
        defer { desk.remove() }
        let ids = try seed(desk)
        try desk.config("[recruiter]\nemail = \"rita@agency.example\"\n")
        let dnc = try desk.run(["compose", String(ids.dnc), "--template", "checkin", "--no-edit"])
        #expect(dnc.code == 5 && dnc.stderr == "funnel: Kim is marked do not contact: no message is composed for them\n")
        let pat = try desk.store().add(CandidateDraft(firstName: "Pat"), at: ago(1))
        let noEmail = try desk.run(["compose", String(pat.id), "--template", "checkin", "--no-edit"])
        #expect(noEmail.code == 5 && noEmail.stderr == "funnel: Pat has no valid email address: nothing to send to\n")
        #expect(!FileManager.default.fileExists(atPath: desk.outbox))
    }
}

/// What one run of the binary printed and returned.
struct FollowUpRun: CustomStringConvertible {
    var stdout: String
    var stderr: String
    var code: Int32
    var description: String { "exit \(code)\nstdout: \(stdout)\nstderr: \(stderr)" }
}

/// The built `funnel` next to the test bundle (`.build/<triple>/debug/funnel`).
enum FollowUpBinary {
    static let url: URL = {
        var folders = [URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()]
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        folders.append(root.appendingPathComponent(".build/debug"))
        for folder in folders where FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("funnel").path) {
            return folder.appendingPathComponent("funnel")
        }
        fatalError("the funnel binary was not found next to the tests (looked in \(folders.map(\.path)))")
    }()

    /// Runs the binary with no standard input (so never a terminal) and output captured in files.
    static func run(_ arguments: [String], environment: [String: String], in folder: URL) throws -> FollowUpRun {
        let out = folder.appendingPathComponent("stdout-\(UUID().uuidString)")
        let err = folder.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = folder
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return FollowUpRun(stdout: try String(contentsOf: out, encoding: .utf8), stderr: try String(contentsOf: err, encoding: .utf8),
                           code: process.terminationStatus)
    }
}
