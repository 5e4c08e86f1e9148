import Foundation
import Testing

/// `add` and `show`, through the built binary on a temporary store.
@Suite struct AddShowTests {
    let sandbox: Sandbox

    init() throws { sandbox = try Sandbox() }

    @Test func addPrintsTheNewIdAndNormalisesFields() throws {
        let result = try sandbox.run("add", "--first", " Zoë ", "--last", "Müller", "--email", "Zoe@Example.COM",
                                     "--linkedin", "https://de.linkedin.com/in/Zoe-Muller/?trk=x", "--tag", "Go, backend",
                                     "--tag", "Remote work", "--title", "Staff Engineer", "--company", "Kiez",
                                     "--channel", "email", "--owner", "ana", "--next", "2w")
        #expect(result.code == 0, "\(result)")
        #expect(result.stdout == "1\n")
        #expect(result.stderr.isEmpty)
        let second = try sandbox.run("add", "--first", "Ana", "--referred-by", "1", "--stage", "cons", "--status", "not looking",
                                     "--json")
        #expect(second.code == 0, "\(second)")
        let json = try #require(try second.json() as? [String: Any])
        #expect(json["id"] as? Int == 2)
        #expect(json["referred_by"] as? Int == 1)
        #expect(json["stage"] as? String == "consideration")
        #expect(json["status"] as? String == "not_looking")

        let shown = try sandbox.run("show", "1", "--json")
        let record = try #require(try shown.json() as? [String: Any])
        let candidate = try #require(record["candidate"] as? [String: Any])
        #expect(candidate["first_name"] as? String == "Zoë")
        #expect(candidate["email"] as? String == "zoe@example.com")
        #expect(candidate["linkedin_url"] as? String == "https://www.linkedin.com/in/zoe-muller")
        #expect(candidate["tags"] as? [String] == ["go", "backend", "remote-work"])
        #expect(candidate["preferred_channel"] as? String == "email")
        #expect(candidate["next_follow_up"] as? String == "2026-12-06") // 2 weeks after Sunday 2026-11-22
        #expect(candidate["created_at"] as? String == FunnelBinary.now)
    }

    @Test func todayFollowsTheRecruitersTimeZone() throws {
        // 20:00 UTC on the 22nd is already the 23rd in Tokyo.
        let env = ["FUNNEL_NOW": "2026-11-22T20:00:00Z", "FUNNEL_TZ": "Asia/Tokyo"]
        let result = try sandbox.run("add", "--first", "Kenji", "--next", "today", "--json", env: env)
        let json = try #require(try result.json() as? [String: Any])
        #expect(json["next_follow_up"] as? String == "2026-11-23")
    }

    @Test func showJSONHasTheDocumentedShape() throws {
        let id = try sandbox.add("--first", "Zoë", "--last", "Müller")
        try sandbox.run("move", "\(id)", "next")
        try sandbox.run("log", "\(id)", "--channel", "phone", "--outcome", "left_voicemail", "--note", "first call",
                        env: ["FUNNEL_NOW": "2026-11-22T10:00:00Z"])
        try sandbox.run("log", "\(id)", "--channel", "email", "--direction", "in", "--outcome", "replied", "--note", "second",
                        env: ["FUNNEL_NOW": "2026-11-22T11:00:00Z"])
        try sandbox.run("future-role", "\(id)", "--title", "Staff Engineer", "--location", "Lisbon")
        let result = try sandbox.run("show", "\(id)", "--json")
        #expect(result.code == 0, "\(result)")
        let record = try #require(try result.json() as? [String: Any])
        #expect(Set(record.keys) == ["candidate", "future_roles", "touches", "stage_history"])
        let candidate = try #require(record["candidate"] as? [String: Any])
        #expect(Set(candidate.keys) == [
            "id", "name", "first_name", "last_name", "email", "phone", "location", "linkedin_url", "title", "company",
            "source", "owner", "tags", "interests", "preferred_channel", "referred_by", "stage", "status", "created_at",
            "updated_at", "stage_entered_at", "last_touch_at", "next_follow_up",
        ])
        #expect(candidate["email"] is NSNull) // empty fields are present, as null
        #expect(candidate["name"] as? String == "Zoë Müller")
        #expect(candidate["last_touch_at"] as? String == "2026-11-22T11:00:00Z")
        let touches = try #require(record["touches"] as? [[String: Any]])
        #expect(touches.map { $0["note"] as? String } == ["second", "first call"]) // newest first
        #expect(Set(touches[0].keys) == ["id", "candidate_id", "at", "channel", "direction", "outcome", "note", "template", "opening_id"])
        #expect(touches[0]["direction"] as? String == "in")
        #expect(touches[1]["outcome"] as? String == "left_voicemail")
        #expect(touches[1]["template"] is NSNull)
        let roles = try #require(record["future_roles"] as? [[String: Any]])
        #expect(Set(roles[0].keys) == ["id", "candidate_id", "title", "location", "remote", "asked_at"])
        #expect(roles[0]["remote"] as? Bool == false)
        let history = try #require(record["stage_history"] as? [[String: Any]])
        #expect(history.map { $0["to"] as? String } == ["awareness", "consideration"]) // oldest first
        #expect(history[0]["from"] is NSNull)
        #expect(history[1]["from"] as? String == "awareness")
        #expect(Set(history[0].keys) == ["id", "candidate_id", "from", "to", "at"])
    }

    @Test func showForPeople() throws {
        let referrer = try sandbox.add("--first", "Fatima", "--last", "Zahra")
        let id = try sandbox.add("--first", "Zoë", "--last", "Müller", "--title", "Staff Engineer", "--company", "Kiez",
                                 "--email", "zoe@example.com", "--tag", "go", "--interests", "Climbing", "--referred-by", "#\(referrer)")
        try sandbox.run("log", "\(id)", "--channel", "phone", "--outcome", "vm", "--note", "Left a message", "--next", "2026-11-20")
        try sandbox.run("note", "\(id)", "Loves", "climbing", env: ["FUNNEL_NOW": "2026-11-22T10:00:00Z"])
        let result = try sandbox.run("show", "\(id)")
        #expect(result.code == 0, "\(result)")
        let text = result.stdout
        #expect(text.hasPrefix("#\(id) Zoë Müller — Awareness, active\nStaff Engineer at Kiez\n"))
        #expect(text.contains("Referred by     #\(referrer) Fatima Zahra"))
        #expect(text.contains("Next follow-up  2026-11-20 (overdue 2 days)"))
        #expect(text.contains("Future role\n  not asked yet"))
        let notes = try #require(text.range(of: "note: Loves climbing"))
        let call = try #require(text.range(of: "phone out, left voicemail: Left a message"))
        #expect(notes.lowerBound < call.lowerBound) // newest first
        #expect(text.contains("entered at Awareness"))
    }
}
