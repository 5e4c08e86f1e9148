import Foundation
import Testing

/// `move`, `log`, `note`, `future-role` and `status`: the writes.
@Suite struct MoveLogNoteTests {
    let sandbox: Sandbox

    init() throws { sandbox = try Sandbox() }

    func record(_ id: Int64) throws -> [String: Any] {
        try #require(try sandbox.run("show", "\(id)", "--json").json() as? [String: Any])
    }

    func candidate(_ id: Int64) throws -> [String: Any] {
        try #require(try record(id)["candidate"] as? [String: Any])
    }

    @Test func moveByNameNextAndPrev() throws {
        let id = try sandbox.add("--first", "Zoë")
        let named = try sandbox.run("move", "\(id)", "conversion")
        #expect(named.code == 0, "\(named)")
        #expect(named.stdout == "#\(id) Zoë: Awareness → Conversion\n")
        #expect(try sandbox.run("move", "\(id)", "next").stdout == "#\(id) Zoë: Conversion → Loyalty\n")
        let back = try sandbox.run("move", "\(id)", "prev", "--json")
        #expect(try #require(try back.json() as? [String: Any])["stage"] as? String == "conversion")
        let history = try #require(try record(id)["stage_history"] as? [[String: Any]])
        #expect(history.map { $0["to"] as? String } == ["awareness", "conversion", "loyalty", "conversion"])
        #expect(history.last?["from"] as? String == "loyalty")
    }

    @Test func logSetsLastTouchAndNextFollowUp() throws {
        let id = try sandbox.add("--first", "Zoë", "--next", "2026-12-24")
        try sandbox.run("add", "--first", "Template", "--last", "Holder") // another candidate, untouched
        let logged = try sandbox.run("log", "\(id)", "--channel", "call", "--outcome", "left_voicemail", "--note", "Called", "--next", "mon",
                                     env: ["FUNNEL_NOW": "2026-11-22T15:45:00Z"])
        #expect(logged.code == 0, "\(logged)")
        #expect(logged.stdout == "Logged phone (left voicemail) for #\(id) Zoë; next follow-up: 2026-11-23 (tomorrow)\n")
        var c = try candidate(id)
        #expect(c["last_touch_at"] as? String == "2026-11-22T15:45:00Z")
        #expect(c["next_follow_up"] as? String == "2026-11-23")

        // Without --next the follow-up stays; --no-next clears it.
        try sandbox.run("log", "\(id)", "--channel", "email", "--direction", "in", "--outcome", "replied")
        #expect(try candidate(id)["next_follow_up"] as? String == "2026-11-23")
        let cleared = try sandbox.run("log", "\(id)", "--channel", "sms", "--no-next", "--json")
        let touch = try #require(try cleared.json() as? [String: Any])
        #expect(touch["channel"] as? String == "sms")
        #expect(touch["candidate_id"] as? Int == Int(id))
        c = try candidate(id)
        #expect(c["next_follow_up"] is NSNull)
        // The last touch is the latest one, whatever order they were logged in.
        #expect(c["last_touch_at"] as? String == "2026-11-22T15:45:00Z")
    }

    @Test func logRecordsTheTemplateByItsStoredName() throws {
        let desk = sandbox.path("desk.sqlite")
        let built = try sandbox.run("demo", "--from", FunnelBinary.fixtures.path, "--db", desk, "--no-open")
        #expect(built.code == 0, "\(built)")
        let logged = try sandbox.run("log", "2", "--db", desk, "--channel", "email", "--template", "CHECK-IN", "--json")
        #expect(logged.code == 0, "\(logged)")
        #expect(try #require(try logged.json() as? [String: Any])["template"] as? String == "check-in")
    }

    @Test func noteFromArgumentsAndFromStdin() throws {
        let id = try sandbox.add("--first", "Zoë", "--next", "3d")
        let first = try sandbox.run("note", "\(id)", "Two", "kids,", "loves", "climbing")
        #expect(first.code == 0, "\(first)")
        #expect(first.stdout == "Noted on #\(id) Zoë.\n")
        let second = try sandbox.run("note", "\(id)", "--json", stdin: "Line one\nLine two\n")
        #expect(second.code == 0, "\(second)")
        let touch = try #require(try second.json() as? [String: Any])
        #expect(touch["note"] as? String == "Line one\nLine two")
        #expect(touch["channel"] as? String == "note")
        let touches = try #require(try record(id)["touches"] as? [[String: Any]])
        #expect(Set(touches.compactMap { $0["note"] as? String }) == ["Two kids, loves climbing", "Line one\nLine two"])
        #expect(try candidate(id)["next_follow_up"] as? String == "2026-11-25") // a note leaves the follow-up alone
    }

    /// `note ID` with no text on a terminal opens $EDITOR (here a script, under a pseudo-terminal
    /// made by util-linux `script`); comment lines are dropped, and the temporary file is gone.
    @Test func noteOnATerminalUsesTheEditor() throws {
        let id = try sandbox.add("--first", "Zoë")
        let editor = sandbox.path("editor.sh")
        try """
            #!/bin/sh
            cp "$1" "\(sandbox.path("seen.txt"))"
            stat -c %a "$1" > "\(sandbox.path("mode.txt"))"
            printf 'Written in the editor\n# a comment line\nsecond line\n' > "$1"
            """.write(toFile: editor, atomically: true, encoding: .utf8)
        // Run through sh, never exec'd (a parallel test's child may hold its write descriptor: ETXTBSY).
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", "'\(FunnelBinary.url.path)' note \(id)", "/dev/null"]
        process.environment = [
            "PATH": "/usr/bin:/bin", "HOME": sandbox.path("home"), "XDG_DATA_HOME": sandbox.path("data"),
            "FUNNEL_NOW": FunnelBinary.now, "FUNNEL_TZ": FunnelBinary.timeZone, "EDITOR": "/bin/sh " + editor, "TMPDIR": sandbox.root.path,
        ]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let touches = try #require(try record(id)["touches"] as? [[String: Any]])
        #expect(touches.first?["note"] as? String == "Written in the editor\nsecond line")
        #expect(try String(contentsOfFile: sandbox.path("seen.txt"), encoding: .utf8).contains("# Note for #\(id) Zoë."))
        #expect(try String(contentsOfFile: sandbox.path("mode.txt"), encoding: .utf8) == "600\n") // notes are personal data
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: sandbox.root.path).filter { $0.hasPrefix("funnel-note-") }
        #expect(leftovers.isEmpty)
    }

    @Test func futureRoleRecordsAndKeepsHistory() throws {
        let id = try sandbox.add("--first", "Zoë")
        let none = try sandbox.run("future-role", "\(id)")
        #expect(none.stdout == "#\(id) Zoë has not been asked about a future role yet.\n")
        let first = try sandbox.run("future-role", "\(id)", "--title", "Engineering Manager", "--location", "Berlin",
                                    env: ["FUNNEL_NOW": "2026-06-01T09:00:00Z"])
        #expect(first.stdout == "Future role for #\(id) Zoë: Engineering Manager in Berlin\n")
        let second = try sandbox.run("future-role", "\(id)", "--title", "Staff Engineer", "--remote", "--json")
        let role = try #require(try second.json() as? [String: Any])
        #expect(role["remote"] as? Bool == true)
        #expect(role["location"] as? String == "")
        let history = try sandbox.run("future-role", "\(id)")
        #expect(history.stdout == "2026-11-22  Staff Engineer (remote)  (current)\n2026-06-01  Engineering Manager in Berlin\n")
        let json = try #require(try sandbox.run("future-role", "\(id)", "--json").json() as? [[String: Any]])
        #expect(json.map { $0["title"] as? String } == ["Staff Engineer", "Engineering Manager"])
        let found = try #require(try sandbox.run("search", "staff", "--json").json() as? [[String: Any]])
        #expect(found.map { $0["id"] as? Int } == [Int(id)])
    }

    @Test func statusDoNotContactClearsTheFollowUp() throws {
        let id = try sandbox.add("--first", "Zoë", "--next", "2026-12-01")
        let result = try sandbox.run("status", "\(id)", "do not contact")
        #expect(result.code == 0, "\(result)")
        #expect(result.stdout == "#\(id) Zoë is now do not contact (was active); follow-up of 2026-12-01 cleared.\n")
        let c = try candidate(id)
        #expect(c["status"] as? String == "do_not_contact")
        #expect(c["next_follow_up"] is NSNull)
        // They may still call us, and notes are fine.
        #expect(try sandbox.run("log", "\(id)", "--channel", "phone", "--direction", "in").code == 0)
        #expect(try sandbox.run("note", "\(id)", "Asked to be left alone").code == 0)
        let back = try sandbox.run("status", "\(id)", "active", "--json")
        #expect(try #require(try back.json() as? [String: Any])["status"] as? String == "active")
    }
}
