import Foundation
import Testing

/// The Today queue and the report screen of the real binary in tmux (80×24) on the demo desk,
/// time pinned: five people worked through with five different outcomes, checked afterwards
/// with `funnel show --json`; the report's bars; the board's conversion headers.
@Suite struct TodayAndReportInTmuxTests {
    func demoDesk(_ workspace: Workspace) throws {
        try workspace.buildDemoDesk()
    }

    func json(_ workspace: Workspace, _ args: [String]) throws -> [String: Any] {
        let result = try workspace.funnel(args + ["--db", workspace.db, "--json"])
        guard result.code == 0, let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw Tmux.Failure(description: "funnel \(args.joined(separator: " ")) --json failed: \(result.code)\n\(result.stderr)")
        }
        return object
    }

    /// The queue as `funnel due --json` lists it: (id, name, group), most urgent first.
    func dueQueue(_ workspace: Workspace) throws -> (items: [(id: Int64, name: String, group: String)], overdue: Int) {
        let due = try json(workspace, ["due"])
        let items = try #require(due["items"] as? [[String: Any]]).map { item in
            ((item["id"] as? NSNumber)?.int64Value ?? -1, item["name"] as? String ?? "", item["group"] as? String ?? "")
        }
        let counts = try #require(due["counts"] as? [String: Any])
        return (items, (counts["overdue"] as? NSNumber)?.intValue ?? -1)
    }

    /// The names of the queue's rows on screen, top to bottom (the text before the stage column).
    static func queueNames(_ rows: [String]) -> [String] {
        let stages = ["Awareness", "Consideration", "Conversion", "Loyalty", "Advocacy"]
        return rows.dropFirst(2).dropLast().compactMap { row -> String? in
            guard row.hasPrefix("  "), let stage = stages.compactMap({ row.range(of: " \($0) ") }).min(by: { $0.lowerBound < $1.lowerBound })
            else { return nil }
            return String(row[..<stage.lowerBound]).trimmingCharacters(in: .whitespaces)
        }
    }

    /// What the recruiter does to each of the first five people, and what the store must then hold.
    struct Step {
        var keys: (Tmux) throws -> Void
        var title: String
        var channel: String
        var direction: String
        var outcome: String
        var note: String
        var nextFollowUp: String?
        var futureRole: (title: String, location: String)?
    }

    @Test func workFivePeopleThroughTheTodayQueue() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try demoDesk(workspace)

        // The queue before, as the command line sees it; and each person's record.
        let (queue, overdueBefore) = try dueQueue(workspace)
        try #require(queue.count >= 8 && overdueBefore >= 5)
        let people = Array(queue.prefix(5))
        let before = try people.map { try workspace.show($0.id) }
        let preferred = before.map { ($0["candidate"] as? [String: Any])?["preferred_channel"] as? String }
        /// The channel a quick outcome logs when it is not implied: their preferred one, else the default.
        func channel(_ index: Int, otherwise fallback: String) -> String {
            preferred[index].flatMap { $0 == "note" ? nil : $0 } ?? fallback
        }

        let tmux = try workspace.board()
        try tmux.wait("? help  : commands")
        try tmux.type("t")
        let opened = try tmux.wait(" Today 2026-11-22 · \(overdueBefore) overdue")
        // The screen lists the same people in the same order as `funnel due`.
        let onScreen = Self.queueNames(opened)
        try #require(onScreen.count >= 8, "queue rows on screen:\n\(opened.joined(separator: "\n"))")
        for (shown, listed) in zip(onScreen, queue) {
            let visible = shown.hasSuffix("…") ? String(shown.dropLast()) : shown
            #expect(listed.name.hasPrefix(visible) && !visible.isEmpty, "screen \"\(shown)\" vs funnel due \"\(listed.name)\"")
        }

        let steps: [Step] = [
            Step(keys: { try $0.type("2") }, title: "Left voicemail", channel: "phone", direction: "out", outcome: "left_voicemail",
                 note: "", nextFollowUp: "2026-11-25"),
            Step(keys: { try $0.type("1") }, title: "No answer", channel: "phone", direction: "out", outcome: "no_answer",
                 note: "", nextFollowUp: "2026-11-24"),
            Step(keys: { try $0.type("3"); try $0.type("Happy to talk on Thursday") }, title: "Replied",
                 channel: channel(2, otherwise: "email"), direction: "in", outcome: "replied", note: "Happy to talk on Thursday",
                 nextFollowUp: "2026-11-24"),
            Step(keys: { try $0.type("5"); try $0.type("Staff Engineer"); try $0.press("Tab"); try $0.type("Lisbon") },
                 title: "Not now", channel: channel(3, otherwise: "phone"), direction: "out", outcome: "not_now", note: "",
                 nextFollowUp: "2027-02-20", futureRole: ("Staff Engineer", "Lisbon")),
            Step(keys: { try $0.type("6") }, title: "Declined", channel: channel(4, otherwise: "phone"), direction: "out",
                 outcome: "declined", note: "", nextFollowUp: nil),
        ]

        for (index, step) in steps.enumerated() {
            let name = people[index].name
            // The selected row is the next person of the queue: their name is on the form.
            try step.keys(tmux)
            try tmux.wait("\(step.title) · \(name)")
            switch step.outcome {
            case "left_voicemail": try tmux.wait("Follow up 3d")
            case "replied": try tmux.wait("Note Happy to talk on Thursday")
            case "not_now": try tmux.wait("Location Lisbon"); try tmux.wait("Follow up 90d")
            default: break
            }
            try tmux.press("Enter")
            let next = step.nextFollowUp.map { ", follow up \($0)" } ?? ", no follow-up"
            try tmux.wait(String("\(step.title) · \(name)\(next)".prefix(60)))
            try tmux.waitUntilGone("Enter save")
        }
        // Five fewer overdue, on screen as in the store.
        try tmux.wait(" Today 2026-11-22 · \(overdueBefore - 5) overdue")

        try tmux.press("Escape")
        try tmux.wait("? help  : commands")
        try tmux.type("q")
        let exit = try tmux.waitForExit(timeout: Workspace.patience)
        #expect(exit.status == 0 && exit.ttyModesRestored, "\(exit)")

        // The queue after: the five are gone, the sixth is first.
        let (after, overdueAfter) = try dueQueue(workspace)
        #expect(overdueAfter == overdueBefore - 5)
        #expect(after.first?.id == queue[5].id)
        // Gone from the follow-ups. The one who answered "Staff Engineer, Lisbon" now fits the demo's
        // open Staff Engineer / Lisbon opening (opened 3 days ago) and was not contacted about it:
        // listed once, under "Fits an open role".
        let stillListed = after.filter { item in people.contains { $0.id == item.id } }
        #expect(stillListed.map(\.id) == [people[3].id])
        #expect(stillListed.map(\.group) == ["fits"])

        // Exactly the expected changes for each of the five, as `funnel show --json` reports them.
        for (index, step) in steps.enumerated() {
            let id = people[index].id
            let was = before[index]
            let now = try workspace.show(id)
            let label = "\(people[index].name) (#\(id)), \(step.outcome)"

            let touchesBefore = try #require(was["touches"] as? [[String: Any]])
            let touches = try #require(now["touches"] as? [[String: Any]])
            #expect(touches.count == touchesBefore.count + 1, "\(label)")
            let touch = try #require(touches.first)
            #expect(touch["channel"] as? String == step.channel, "\(label): channel \(touch["channel"] ?? "nil")")
            #expect(touch["direction"] as? String == step.direction, "\(label)")
            #expect(touch["outcome"] as? String == step.outcome, "\(label)")
            #expect(touch["note"] as? String == step.note, "\(label)")
            #expect(touch["at"] as? String == Workspace.now, "\(label)")
            #expect(touch["template"] is NSNull, "\(label)")
            #expect(NSArray(array: Array(touches.dropFirst())).isEqual(to: touchesBefore), "\(label): earlier touches changed")

            // The candidate: the last touch and the next follow-up moved, nothing else.
            var expected = try #require(was["candidate"] as? [String: Any])
            expected["last_touch_at"] = Workspace.now
            expected["updated_at"] = Workspace.now
            expected["next_follow_up"] = step.nextFollowUp ?? NSNull()
            let candidate = try #require(now["candidate"] as? [String: Any])
            #expect(NSDictionary(dictionary: candidate).isEqual(to: expected), "\(label): \(candidate) vs \(expected)")

            #expect(NSArray(array: try #require(now["stage_history"] as? [Any])).isEqual(to: try #require(was["stage_history"] as? [Any])),
                    "\(label): stage history changed")
            let rolesBefore = try #require(was["future_roles"] as? [[String: Any]])
            let roles = try #require(now["future_roles"] as? [[String: Any]])
            if let role = step.futureRole {
                #expect(roles.count == rolesBefore.count + 1, "\(label)")
                let newest = try #require(roles.first)
                #expect(newest["title"] as? String == role.title)
                #expect(newest["location"] as? String == role.location)
                #expect(newest["remote"] as? Bool == false)
                #expect(newest["asked_at"] as? String == Workspace.now)
                #expect(NSArray(array: Array(roles.dropFirst())).isEqual(to: rolesBefore), "\(label): earlier answers changed")
            } else {
                #expect(NSArray(array: roles).isEqual(to: rolesBefore), "\(label): future roles changed")
            }
        }
    }

    @Test func theReportScreenAndTheBoardsConversionHeaders() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try demoDesk(workspace)
        // The board's header figure is the report's own: of those who entered Awareness in the
        // last 90 days, the share who went on.
        let report = try json(workspace, ["report"])
        let stages = try #require(report["stages"] as? [[String: Any]])
        let conversion = try #require(stages.first?["conversion"] as? [String: Any])
        let entered = try #require((conversion["entered"] as? NSNumber)?.intValue)
        let rate = try #require((conversion["rate"] as? NSNumber)?.doubleValue)
        let header = "↓\(Int((rate * 100).rounded()))% of \(entered)"

        let tmux = try workspace.board()
        try tmux.wait("? help  : commands")
        let headers = try tmux.wait(header)
        #expect(headers[2].hasPrefix(header), "the Awareness column's second header line:\n\(headers.prefix(4).joined(separator: "\n"))")

        try tmux.type("R")
        let screen = try tmux.wait("Funnel report: 2026-08-25 to 2026-11-22")
        #expect(screen[0].hasPrefix(" Report 2026-08-25 to 2026-11-22"))
        // A bar per stage, in funnel order.
        let bars = try tmux.wait(for: "the funnel's bars") { rows in
            ["Awareness", "Consideration", "Conversion", "Loyalty", "Advocacy"].allSatisfy { stage in
                rows.contains { $0.hasPrefix(" \(stage) ") && $0.contains("█") }
            }
        }
        let order = ["Awareness", "Consideration", "Conversion", "Loyalty", "Advocacy"].compactMap { stage in
            bars.firstIndex { $0.hasPrefix(" \(stage) ") && $0.contains("█") }
        }
        #expect(order == order.sorted() && order.count == 5)
        #expect(bars.contains { $0.contains("\(entered) who entered") })
        // Scrolling to the end and back.
        try tmux.type("G")
        try tmux.wait("Placements per month")
        try tmux.type("g")
        try tmux.wait("Funnel report: 2026-08-25")
        try tmux.press("Escape")
        try tmux.wait("? help  : commands")
        try tmux.type("q")
        let exit = try tmux.waitForExit(timeout: Workspace.patience)
        #expect(exit.status == 0 && exit.ttyModesRestored, "\(exit)")
    }

    /// Under NO_COLOR the report's bars are plain ASCII.
    @Test func theReportUnderNoColorHasAsciiBars() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try demoDesk(workspace)
        let tmux = Tmux()
        var environment = workspace.environment
        environment["NO_COLOR"] = "1"
        try tmux.start(command: "exec \(workspace.binary.shellQuoted) --db \(workspace.db.shellQuoted)", width: 80, height: 24,
                       env: environment, directory: workspace.folder.path)
        try tmux.wait("? help  : commands")
        try tmux.type("R")
        let rows = try tmux.wait(for: "ASCII bars") { rows in rows.contains { $0.hasPrefix(" Awareness ") && $0.contains("##") } }
        #expect(!rows.contains { $0.contains("█") })
        try tmux.press("C-c")
        let exit = try tmux.waitForExit(timeout: Workspace.patience)
        #expect(exit.status == 0 && exit.ttyModesRestored, "\(exit)")
    }
}
