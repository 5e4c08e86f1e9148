import Foundation
import Testing

/// `list` and `search`.
@Suite struct ListSearchTests {
    let sandbox: Sandbox

    init() throws { sandbox = try Sandbox() }

    func names(_ result: RunResult) throws -> [String] {
        let array = try #require(try result.json() as? [[String: Any]], "\(result)")
        return array.compactMap { $0["name"] as? String }
    }

    @Test func filtersCombine() throws {
        _ = try sandbox.add("--first", "Zoë", "--last", "Müller", "--stage", "consideration", "--tag", "go", "--owner", "Ana")
        _ = try sandbox.add("--first", "Léa", "--stage", "consideration", "--status", "not_looking", "--tag", "go")
        _ = try sandbox.add("--first", "山田", "--last", "太郎", "--tag", "data", "--owner", "ana")
        _ = try sandbox.add("--first", "Sam", "--stage", "advocacy", "--status", "placed", "--owner", "bo")
        #expect(try names(sandbox.run("list", "--json")) == ["Zoë Müller", "Léa", "山田 太郎", "Sam"])
        #expect(try names(sandbox.run("list", "--stage", "consideration", "--json")) == ["Zoë Müller", "Léa"])
        #expect(try names(sandbox.run("list", "--stage", "cons", "--status", "active", "--json")) == ["Zoë Müller"])
        #expect(try names(sandbox.run("list", "--tag", "GO", "--json")) == ["Zoë Müller", "Léa"])
        #expect(try names(sandbox.run("list", "--owner", "ana", "--json")) == ["Zoë Müller", "山田 太郎"])
        #expect(try names(sandbox.run("list", "--status", "placed", "--json")) == ["Sam"])
        #expect(try names(sandbox.run("list", "--limit", "2", "--json")) == ["Zoë Müller", "Léa"])
        #expect(try names(sandbox.run("list", "--stage", "loyalty", "--json")) == [])
    }

    @Test func tableForPeopleLinesUpWideNames() throws {
        _ = try sandbox.add("--first", "山田", "--last", "太郎", "--title", "データエンジニア")
        _ = try sandbox.add("--first", "Zoë", "--last", "Müller", "--next", "tomorrow")
        let result = try sandbox.run("list")
        #expect(result.code == 0, "\(result)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("ID      NAME"))
        // The stage column starts at the same terminal column on every row (each CJK character counts two).
        #expect(lines[1].hasPrefix("1       山田 太郎                 awareness"))
        #expect(lines[2].hasPrefix("2       Zoë Müller                awareness"))
        #expect(lines[2].hasSuffix("-           2026-11-23"))
    }

    /// More candidates than one page of the store (500): every one is streamed exactly once.
    @Test func listStreamsEveryPage() throws {
        let desk = try DeskJSON.generated(count: 1_203)
        let file = sandbox.path("big.json")
        try desk.write(to: URL(fileURLWithPath: file))
        let built = try sandbox.run("demo", "--from", file, "--db", sandbox.store, "--no-open")
        #expect(built.code == 0, "\(built)")
        let all = try #require(try sandbox.run("list", "--json").json() as? [[String: Any]])
        let ids = all.compactMap { $0["id"] as? Int }
        #expect(ids == Array(1...1_203))
        let limited = try #require(try sandbox.run("list", "--json", "--limit", "501").json() as? [[String: Any]])
        #expect(limited.count == 501)
        let awareness = try #require(try sandbox.run("list", "--json", "--stage", "awareness").json() as? [[String: Any]])
        #expect(awareness.count == 1_203 / 5 + 1) // every fifth, starting with the first
        let table = try sandbox.run("list", "--stage", "awareness")
        #expect(table.stdout.split(separator: "\n").count == awareness.count + 1)
    }

    @Test func searchFindsByPrefixIgnoringAccents() throws {
        let zoe = try sandbox.add("--first", "Zoë", "--last", "Müller", "--title", "Staff Engineer")
        let yamada = try sandbox.add("--first", "山田", "--last", "太郎")
        try sandbox.run("note", "\(yamada)", "kubernetes in Lisbon")
        let byName = try #require(try sandbox.run("search", "zoe", "mull", "--json").json() as? [[String: Any]])
        #expect(byName.map { $0["id"] as? Int } == [Int(zoe)])
        let byNote = try #require(try sandbox.run("search", "kube", "--json").json() as? [[String: Any]])
        #expect(byNote.map { $0["id"] as? Int } == [Int(yamada)])
        let human = try sandbox.run("search", "田太")
        #expect(human.code == 0)
        #expect(human.stdout.contains("山田 太郎"))
        let none = try sandbox.run("search", "nobody-here")
        #expect(none.stdout == "No candidate matches 'nobody-here'.\n")
        let emptyJSON = try #require(try sandbox.run("search", "nobody-here", "--json").json() as? [Any])
        #expect(emptyJSON.isEmpty)
    }

    @Test func searchLimit() throws {
        for name in ["Ana", "Anabel", "Anaïs"] { _ = try sandbox.add("--first", name) }
        let all = try #require(try sandbox.run("search", "ana", "--json").json() as? [Any])
        #expect(all.count == 3)
        let two = try #require(try sandbox.run("search", "ana", "--limit", "2", "--json").json() as? [Any])
        #expect(two.count == 2)
    }
}
