import Foundation
import Testing

/// Issue 10's scenario in the real binary in tmux on the demo desk: add an opening "Staff
/// Engineer, Lisbon" from the Openings screen, see the demo's candidate who answered "Staff
/// Engineer in Lisboa" at the top with the reason, log "interested" from there, and check the
/// store with `funnel show --json` and `funnel matches --json`.
@Suite struct OpeningsInTmuxTests {
    @Test func addAnOpeningSeeTheBestFitAndLogInterested() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.buildDemoDesk()

        let tmux = try workspace.board(width: 120, height: 32)
        try tmux.wait("? help  : commands")
        try tmux.type("O")
        try tmux.wait(" Openings · ")
        try tmux.type("a")
        try tmux.wait("Add an opening")
        try tmux.type("Staff Engineer")
        try tmux.press("Tab")
        try tmux.type("Harbour Labs")
        try tmux.press("Tab")
        try tmux.type("Lisbon")
        try tmux.press("Enter")
        // Saving opens the new opening at once: the best fit first, with the reason in words.
        let page = try tmux.wait("Staff Engineer @ Harbour Labs, Lisbon · open")
        let screen = page.joined(separator: "\n")
        let first = try #require(page.firstIndex { $0.hasPrefix("   1 ") }, "\(screen)")
        #expect(page[first].contains("נועה כהן") && page[first].contains("Staff Engineer in Lisboa") && page[first].contains("not reached"),
                "\(screen)")
        #expect(page[first + 1].contains("title: Staff Engineer = Staff Engineer · location: Lisbon = Lisboa · asked today"),
                "\(screen)")
        let openingID = try #require(page[0].split(separator: " ").first.flatMap { Int64($0.dropFirst()) }, "\(page[0])")

        try tmux.type("4")
        try tmux.wait("Interested · נועה כהן · about #\(openingID) Staff Engineer")
        try tmux.type("Wants to hear more")
        try tmux.press("Enter")
        try tmux.wait("Interested · נועה כהן, follow up")
        try tmux.wait(for: "the row says interested") { rows in rows.contains { $0.contains("נועה כהן") && $0.contains("interested") } }
        try tmux.press("Escape")
        try tmux.press("Escape")
        try tmux.wait("? help  : commands")
        try tmux.type("q")
        let exit = try tmux.waitForExit(timeout: Workspace.patience)
        #expect(exit.status == 0 && exit.ttyModesRestored, "\(exit)")

        // The matches as the command line sees them: she is first, contacted, interested.
        let result = try workspace.funnel(["matches", "\(openingID)", "--db", workspace.db, "--json"])
        try #require(result.code == 0, "\(result.stderr)")
        let matches = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let top = try #require(matches.first)
        #expect(top["name"] as? String == "נועה כהן")
        #expect(top["contacted"] as? Bool == true)
        #expect(top["last_outcome"] as? String == "interested")
        #expect((top["reason"] as? String)?.contains("location: Lisbon = Lisboa") == true)
        #expect(matches.dropFirst().allSatisfy { $0["contacted"] as? Bool == false })

        // And on her record: one new touch, interested, about this opening, with the note.
        let id = try #require((top["candidate_id"] as? NSNumber)?.int64Value)
        let shown = try workspace.show(id)
        let touches = try #require(shown["touches"] as? [[String: Any]])
        let about: [[String: Any]] = touches.filter { touch in
            let value = touch["opening_id"] as? NSNumber
            return value?.int64Value == openingID
        }
        #expect(about.count == 1)
        let outcome = about.first?["outcome"] as? String
        let note = about.first?["note"] as? String
        #expect(outcome == "interested")
        #expect(note == "Wants to hear more")
    }
}
