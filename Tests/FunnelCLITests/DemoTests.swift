import Foundation
import Testing

/// `funnel demo`: the sample desk loaded into a store of its own, never over a real desk.
@Suite struct DemoTests {
    let sandbox: Sandbox

    init() throws { sandbox = try Sandbox() }

    var fixture: URL { FunnelBinary.fixtures.appendingPathComponent("desk.json") }

    @Test func buildsTheFixtureWithRelativeDatesShifted() throws {
        let result = try sandbox.run("demo", "--from", fixture.path)
        #expect(result.code == 0, "\(result)")
        #expect(result.stderr.isEmpty)
        #expect(result.stdout == """
            Demo store: \(sandbox.demoStore)
            Built the demo desk of Ana Recruiter: 5 candidates, 5 touches, 3 future roles, 2 openings, 2 templates; 1 follow-up due today, 1 overdue.
            Open it with: funnel --db \(sandbox.demoStore)

            """)
        let store = sandbox.demoStore
        #expect(try DeskJSON.counts(inStore: store) == DeskJSON.counts(of: fixture))
        #expect(!FileManager.default.fileExists(atPath: sandbox.store)) // the real store is not touched
        #expect(try StoreFile.mode(store) == 0o600)
        #expect(try StoreFile.mode(sandbox.path("data/funnel")) == 0o700)
        // Nothing left beside it: no temporary file, no WAL.
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.path("data/funnel")) == ["demo.sqlite"])
        #expect(try StoreFile.count(store, "SELECT count(*) FROM meta WHERE key = 'demo' AND value = '1'") == 1)
        #expect(try StoreFile.count(store, "SELECT count(*) FROM meta WHERE key = 'recruiter.email' AND value = 'ana@example.org'") == 1)

        let zoe = try #require(try sandbox.run("show", "1", "--db", store, "--json").json() as? [String: Any])
        let candidate = try #require(zoe["candidate"] as? [String: Any])
        // now = 2026-11-22T09:30:00Z; every offset is whole days before it.
        #expect(candidate["created_at"] as? String == "2025-10-18T09:30:00Z") // 400 days
        #expect(candidate["stage_entered_at"] as? String == "2026-08-24T09:30:00Z") // 90 days
        #expect(candidate["last_touch_at"] as? String == "2026-10-23T09:30:00Z") // 30 days
        #expect(candidate["updated_at"] as? String == "2026-10-23T09:30:00Z")
        #expect(candidate["next_follow_up"] as? String == "2026-11-19") // in -3 days
        #expect(candidate["referred_by"] as? Int == 3) // c003, listed after c001
        #expect(candidate["email"] as? String == "zoe.muller@example.com")
        #expect(candidate["tags"] as? [String] == ["go", "backend"])
        let touches = try #require(zoe["touches"] as? [[String: Any]])
        #expect(touches.map { $0["at"] as? String } == ["2026-10-23T09:30:00Z", "2026-01-26T09:30:00Z"])
        #expect(touches[0]["template"] as? String == "check-in")
        let roles = try #require(zoe["future_roles"] as? [[String: Any]])
        #expect(roles.map { $0["title"] as? String } == ["Staff Engineer", "Engineering Manager"])
        let history = try #require(zoe["stage_history"] as? [[String: Any]])
        #expect(history.map { $0["at"] as? String } == ["2025-10-18T09:30:00Z", "2026-08-24T09:30:00Z"])
        // The board's order and the search index were built too.
        let now = Int(try #require(ISO8601DateFormatter().date(from: FunnelBinary.now)).timeIntervalSince1970)
        #expect(try StoreFile.count(store, "SELECT activity_at FROM candidate WHERE id = 1") == now - 30 * 86_400)
        let found = try #require(try sandbox.run("search", "kubernetes", "--db", store, "--json").json() as? [[String: Any]])
        #expect(found.map { $0["id"] as? Int } == [1])
        let counts = try StoreFile.count(store, "SELECT sum(n) FROM stage_count WHERE stage = 'consideration'")
        #expect(counts == 2)
    }

    @Test func demoThenListConsiderationIncludesZoe() throws {
        #expect(try sandbox.run("demo", "--from", fixture.path, "--no-open").code == 0)
        let result = try sandbox.run("list", "--db", sandbox.demoStore, "--stage", "consideration", "--json")
        #expect(result.code == 0, "\(result)")
        let people = try #require(try result.json() as? [[String: Any]])
        #expect(people.contains { $0["name"] as? String == "Zoë Müller" })
        #expect(people.allSatisfy { $0["stage"] as? String == "consideration" })
    }

    @Test func rebuildingReplacesTheOldDemo() throws {
        #expect(try sandbox.run("demo", "--from", fixture.path, "--no-open").code == 0)
        #expect(try sandbox.run("add", "--db", sandbox.demoStore, "--first", "Played", "--last", "With").code == 0)
        let later = try sandbox.run("demo", "--from", fixture.path, "--no-open", env: ["FUNNEL_NOW": "2027-01-10T09:30:00Z"])
        #expect(later.code == 0, "\(later)")
        #expect(try DeskJSON.counts(inStore: sandbox.demoStore) == DeskJSON.counts(of: fixture))
        let zoe = try #require(try sandbox.run("show", "1", "--db", sandbox.demoStore, "--json").json() as? [String: Any])
        #expect((zoe["candidate"] as? [String: Any])?["next_follow_up"] as? String == "2027-01-07")
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.path("data/funnel")) == ["demo.sqlite"])
    }

    @Test func neverOverwritesARealStore() throws {
        let real = sandbox.path("desk/funnel.sqlite")
        #expect(try sandbox.run("add", "--db", real, "--first", "Real", "--last", "Person").code == 0)
        let before = try StoreFile.dump(real)
        let result = try sandbox.run("demo", "--db", real, "--from", fixture.path)
        #expect(result.code == 5, "\(result)")
        #expect(result.stderr == "funnel: \(real) exists and is not a demo store built by funnel demo, so it is left untouched; choose another path with --db\n")
        #expect(result.stdout.isEmpty)
        #expect(try StoreFile.dump(real) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.path("desk")) == ["funnel.sqlite"])
        // $FUNNEL_DB names the real desk; demo never uses it.
        let env = try sandbox.run("demo", "--from", fixture.path, "--no-open", env: ["FUNNEL_DB": real])
        #expect(env.code == 0)
        #expect(try StoreFile.dump(real) == before)
        #expect(FileManager.default.fileExists(atPath: sandbox.demoStore))
    }

    @Test func neverOverwritesOtherFiles() throws {
        let text = sandbox.path("notes.txt")
        try Data("mine\n".utf8).write(to: URL(fileURLWithPath: text))
        let onText = try sandbox.run("demo", "--db", text, "--from", fixture.path)
        #expect(onText.code == 5)
        #expect(try String(contentsOfFile: text, encoding: .utf8) == "mine\n")
        let folder = sandbox.path("folder")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let onFolder = try sandbox.run("demo", "--db", folder, "--from", fixture.path)
        #expect(onFolder.code == 5)
        #expect(onFolder.stderr == "funnel: \(folder) is a folder; give the demo store a file path with --db\n")
    }

    @Test func badDemoDataIsOneSentenceAndWritesNothing() throws {
        let broken = sandbox.path("broken.json")
        var desk = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: fixture)) as? [String: Any])
        var people = try #require(desk["candidates"] as? [[String: Any]])
        people[4]["referred_by"] = "c999"
        desk["candidates"] = people
        try JSONSerialization.data(withJSONObject: desk).write(to: URL(fileURLWithPath: broken))
        let result = try sandbox.run("demo", "--from", broken)
        #expect(result.code == 2)
        #expect(result.stderr == "funnel: demo candidate c005 is referred by c999, which is not in the file\n")
        #expect(!FileManager.default.fileExists(atPath: sandbox.path("data/funnel/demo.sqlite")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.path("data/funnel")).isEmpty)

        try Data(#"{"format": 1, "candidates": [{"key": "x", "first_name": "A", "stage": "awareness", "status": "active"}]}"#.utf8)
            .write(to: URL(fileURLWithPath: broken))
        let missing = try sandbox.run("demo", "--from", broken)
        #expect(missing.code == 2)
        #expect(missing.stderr == "funnel: the demo data is not valid: candidates[0]: missing \"created_days_ago\"\n")

        let nowhere = try sandbox.run("demo", "--from", sandbox.path("nope.json"))
        #expect(nowhere.code == 2)
        #expect(nowhere.stderr == "funnel: no demo data at \(sandbox.path("nope.json")) (from --from)\n")
    }

    @Test func findsTheDataThroughTheEnvironment() throws {
        let result = try sandbox.run("demo", "--no-open", env: ["FUNNEL_SAMPLE_DATA": FunnelBinary.fixtures.path])
        #expect(result.code == 0, "\(result)")
        #expect(try DeskJSON.counts(inStore: sandbox.demoStore) == DeskJSON.counts(of: fixture))
    }
}
