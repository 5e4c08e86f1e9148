import Foundation
import GRDB
import Testing

/// `funnel opening` and `funnel matches` as a script uses them, on the real sample desk, with
/// bad input refused by one error that changes nothing.
@Suite struct OpeningCLITests {
    let sandbox: Sandbox
    init() throws { sandbox = try Sandbox() }

    /// The real demo desk, built from sample-data/ into the sandbox's demo store.
    func demo() throws -> String {
        let sample = FunnelBinary.repositoryRoot.appendingPathComponent("sample-data/desk.json")
        let result = try sandbox.run("demo", "--from", sample.path, "--no-open")
        #expect(result.code == 0, "\(result)")
        return sandbox.demoStore
    }

    @Test func addListShowEditAndClose() throws {
        let added = try sandbox.run("opening", "add", "Staff Engineer", "--location", "Lisboa", "--company", "Blue Harbor", "--json")
        #expect(added.code == 0, "\(added)")
        let opening = try #require(try added.json() as? [String: Any])
        #expect(opening["work_mode"] as? String == "onsite")
        #expect(opening["status"] as? String == "open")
        let id = try #require(opening["id"] as? Int)
        let remote = try sandbox.run("opening", "add", "Data Engineer", "--location", "Remote")
        #expect(remote.stdout.hasPrefix("Added opening #2: Data Engineer, remote\n"))

        let list = try sandbox.run("opening", "list")
        #expect(list.code == 0, "\(list)")
        #expect(list.stdout.contains("Staff Engineer @ Blue Harbor, Lisboa"))
        #expect(list.stdout.contains("Data Engineer, remote"))

        let edited = try sandbox.run("opening", "edit", "\(id)", "--work-mode", "hybrid", "--owner", "Sam", "--json")
        #expect(edited.code == 0, "\(edited)")
        let after = try #require(try edited.json() as? [String: Any])
        #expect(after["work_mode"] as? String == "hybrid")
        #expect(after["owner"] as? String == "Sam")
        #expect(after["location"] as? String == "Lisboa")

        let ana = try sandbox.add("--first", "Ana", "--email", "ana@example.com")
        let closed = try sandbox.run("opening", "close", "\(id)", "--filled", "--placed", "\(ana)")
        #expect(closed.code == 0, "\(closed)")
        #expect(closed.stdout == "Opening #\(id) Staff Engineer is filled; #\(ana) Ana is placed (conversion)\n")
        let show = try #require(try sandbox.run("show", "\(ana)", "--json").json() as? [String: Any])
        let candidate = try #require(show["candidate"] as? [String: Any])
        #expect(candidate["stage"] as? String == "conversion")
        #expect(candidate["status"] as? String == "placed")
        #expect(!(try sandbox.run("opening", "list").stdout.contains("Staff Engineer")))
        #expect(try sandbox.run("opening", "list", "--all").stdout.contains("filled"))
    }

    @Test func matchesOnTheDemoDeskRankWithReasonsAndNeverListDoNotContact() throws {
        let store = try demo()
        let result = try sandbox.run("matches", "1", "--db", store, "--json")
        #expect(result.code == 0, "\(result)")
        let rows = try #require(try result.json() as? [[String: Any]])
        let names = rows.compactMap { $0["name"] as? String }
        #expect(names.prefix(2) == ["נועה כהן", "Emre Aydın"])  // the freshest exact answers
        #expect(names.contains("Zoë Müller"))
        #expect(!names.contains("Oliver Jones"))  // do not contact: never listed
        #expect(!names.contains("Amélie Fontaine"))  // Staff Software Engineer: another family
        #expect(!names.contains("Ulrike Braun"))  // Porto
        #expect(rows.first?["reason"] as? String == "title: Staff Engineer = Staff Engineer · location: Lisbon = Lisboa · asked today")
        #expect(rows[1]["reason"] as? String == "title: Staff Engineer = Staff Engineer · location: Lisbon = Lisbon · asked 4 weeks ago")
        let dnc = try StoreFile.count(store, "SELECT count(*) FROM candidate WHERE status = 'do_not_contact' AND id IN (\(rows.compactMap { $0["candidate_id"] as? Int }.map(String.init).joined(separator: ",")))")
        #expect(dnc == 0)
        // Earlier answers only with the flag: the person whose answer is now Engineering Manager.
        let earlier = try #require(try sandbox.run("matches", "1", "--db", store, "--include-earlier", "--json").json() as? [[String: Any]])
        let superseded = try #require(earlier.first { $0["name"] as? String == "Fernanda Almeida" })
        #expect(superseded["earlier_answer"] as? Bool == true)
        #expect(!names.contains("Fernanda Almeida"))
        let limited = try #require(try sandbox.run("matches", "1", "--db", store, "--limit", "2", "--json").json() as? [[String: Any]])
        #expect(limited.count == 2)
        // A touch about the opening: the match shows who was reached and what they said.
        let emre = try #require(rows.first?["candidate_id"] as? Int)
        let logged = try sandbox.run("log", "\(emre)", "--channel", "phone", "--outcome", "interested", "--opening", "1", "--db", store)
        #expect(logged.code == 0, "\(logged)")
        #expect(logged.stdout.hasPrefix("Logged phone (interested) about opening #1 for #\(emre) נועה כהן"))
        let reached = try #require(try sandbox.run("matches", "1", "--db", store, "--json").json() as? [[String: Any]])
        #expect(reached.first?["contacted"] as? Bool == true)
        #expect(reached.first?["last_outcome"] as? String == "interested")
        let closedAbout = try sandbox.run("log", "\(emre)", "--channel", "phone", "--opening", "6", "--db", store)
        #expect(closedAbout.code == 5)
        #expect(closedAbout.stderr == "funnel: opening #6 Site Reliability Engineer is closed: touches about it are no longer logged\n")
        // The other way round: the openings that fit one person.
        let zoe = try #require(rows.first { $0["name"] as? String == "Zoë Müller" }?["candidate_id"] as? Int)
        let fits = try sandbox.run("matches", "--candidate", "\(zoe)", "--db", store)
        #expect(fits.code == 0, "\(fits)")
        #expect(fits.stdout.contains("#1 Staff Engineer @ Blue Harbor, Lisbon"))
    }

    /// The demo desk's openings each have matches, one only through an abbreviation, one through
    /// a remote answer (sample-data/README.md, "Answers added for the openings' matches").
    @Test func theDemoOpeningsMatchThroughAbbreviationsAndRemoteAnswers() throws {
        let store = try demo()
        func matches(_ id: Int) throws -> [[String: Any]] {
            try #require(try sandbox.run("matches", "\(id)", "--db", store, "--json").json() as? [[String: Any]])
        }
        for id in [1, 2, 3, 4, 7] { #expect(try matches(id).count >= 2, "opening \(id)") }
        let backend = try matches(2)
        #expect(backend.first?["name"] as? String == "Ulrike Krüger")
        #expect(backend.first?["reason"] as? String == "title: Senior Backend Engineer = Sr. Backend Eng · location: Berlin = Berlin · asked 14 months ago")
        let data = try matches(3)
        #expect(data.first?["name"] as? String == "Geneviève Miller")
        #expect(data.first?["place_fit"] as? String == "remote")
        #expect(data.dropFirst().allSatisfy { $0["place_fit"] as? String == "city_for_remote" })
        #expect(try matches(4).contains { $0["name"] as? String == "Théo Moreau" })  // "EM"
        #expect(try matches(7).map { $0["name"] as? String } == ["Léa Perrin", "Margaux Lefèvre"])
    }

    @Test(arguments: [
        (["matches", "99"], Int32(3), "funnel: no opening with id 99\n"),
        (["matches", "6"], Int32(5), "funnel: opening #6 Site Reliability Engineer is closed: no matches are offered for it\n"),
        (["matches", "x1"], Int32(2), "funnel: 'x1' is not an opening id: expected a number like 3 (funnel opening list)\n"),
        (["matches"], Int32(2), "funnel: give an opening id (funnel opening list) or --candidate ID\n"),
        (["matches", "1", "--limit", "0"], Int32(2), "funnel: --limit must be between 1 and 10000, got 0\n"),
        (["opening", "add", "SRE", "--location", "Oslo", "--work-mode", "flexible"], Int32(2),
         "funnel: unknown work mode 'flexible': expected one of onsite, hybrid, remote\n"),
        (["opening", "add", "SRE", "--work-mode", "onsite"], Int32(2), "funnel: an onsite opening needs a location (or work mode remote)\n"),
        (["opening", "add", "  "], Int32(2), "funnel: an opening needs a title\n"),
        (["opening", "edit", "5", "--title", "Designer"], Int32(5), "funnel: opening #5 Product Designer is filled: it can no longer be edited\n"),
        (["opening", "close", "6"], Int32(5), "funnel: opening #6 Site Reliability Engineer is already closed\n"),
        (["opening", "close", "1", "--placed", "3"], Int32(2), "funnel: --placed needs --filled\n"),
        (["opening", "show", "42"], Int32(3), "funnel: no opening with id 42\n"),
    ])
    func badInputGetsOneErrorAndChangesNothing(_ args: [String], _ code: Int32, _ message: String) throws {
        let store = try demo()
        let before = try StoreFile.dump(store)
        let result = try sandbox.run(args + ["--db", store])
        #expect(result.code == code, "\(result)")
        #expect(result.stderr == message)
        #expect(result.stdout.isEmpty)
        #expect(try StoreFile.dump(store) == before)
    }

    @Test func aHostileOpeningIsRefusedAndAStoredOneIsShownAsText() throws {
        let refused = try sandbox.run("opening", "add", "Eve\u{1B}]0;pwned\u{07}", "--location", "Oslo")
        #expect(refused.code == 2)
        #expect(refused.stderr.contains("opening title"))
        let added = try sandbox.run("opening", "add", "SRE", "--location", "Oslo")
        #expect(added.code == 0, "\(added)")
        do {
            let queue = try DatabaseQueue(path: sandbox.store)
            try queue.write { db in try db.execute(sql: "UPDATE opening SET company = 'Acme\u{1B}[2J' WHERE id = 1") }
            try queue.close()
        }
        let list = try sandbox.run("opening", "list")
        #expect(!list.stdout.contains("\u{1B}"))
        #expect(list.stdout.contains("Acme\\x1b[2J"))
    }
}
