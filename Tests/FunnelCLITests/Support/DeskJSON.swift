import Foundation
import Testing

/// Demo desks for tests: the fixture, the real sample data, or a generated one of any size.
enum DeskJSON {
    /// A desk of `count` plain candidates, stages in turn (awareness, consideration, …).
    static func generated(count: Int) throws -> Data {
        let stages = ["awareness", "consideration", "conversion", "loyalty", "advocacy"]
        let candidates: [[String: Any]] = (0..<count).map { i in
            ["key": "g\(i)", "first_name": "Person", "last_name": "Number \(i + 1)", "stage": stages[i % 5],
             "status": "active", "created_days_ago": i % 400]
        }
        return try JSONSerialization.data(withJSONObject: ["format": 1, "candidates": candidates])
    }

    /// What a desk file holds, counted independently of the loader.
    struct Counts: Equatable {
        var candidates = 0, touches = 0, futureRoles = 0, stageChanges = 0, openings = 0, templates = 0
    }

    static func counts(of url: URL) throws -> Counts {
        let desk = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let people = desk["candidates"] as? [[String: Any]] ?? []
        var counts = Counts()
        counts.candidates = people.count
        for person in people {
            counts.touches += (person["touches"] as? [Any])?.count ?? 0
            counts.futureRoles += (person["future_roles"] as? [Any])?.count ?? 0
            counts.stageChanges += max(1, (person["stage_history"] as? [Any])?.count ?? 0)
        }
        counts.openings = (desk["openings"] as? [Any])?.count ?? 0
        counts.templates = (desk["templates"] as? [Any])?.count ?? 0
        return counts
    }

    /// The same counts, read from a store file.
    static func counts(inStore path: String) throws -> Counts {
        Counts(candidates: try StoreFile.count(path, "SELECT count(*) FROM candidate"),
               touches: try StoreFile.count(path, "SELECT count(*) FROM touchpoint"),
               futureRoles: try StoreFile.count(path, "SELECT count(*) FROM future_role"),
               stageChanges: try StoreFile.count(path, "SELECT count(*) FROM stage_change"),
               openings: try StoreFile.count(path, "SELECT count(*) FROM opening"),
               templates: try StoreFile.count(path, "SELECT count(*) FROM template"))
    }
}
