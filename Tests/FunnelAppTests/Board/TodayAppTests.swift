import Foundation
import FunnelApp
import FunnelCore
import FunnelStore
import FunnelUI
import Testing

/// The Today queue as a whole: `BoardApp.run` on a real SQLite file, keys from a `FakeTerminal`,
/// quick outcomes written by the real effect runner; the store read back through a second connection.
@Suite struct TodayAppTests {
    static let environment = ["FUNNEL_NOW": "2026-11-22T09:30:00Z", "FUNNEL_TZ": "UTC", "NO_COLOR": ""]
    static let now = ISO8601DateFormatter().date(from: "2026-11-22T09:30:00Z")!
    static let today = Day(year: 2026, month: 11, day: 22)!

    static func daysAgo(_ days: Int) -> Date { now.addingTimeInterval(-Double(days) * 86_400) }

    @Test func logTwoOutcomesFromTheQueueAndUndoTheSecond() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-today-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("desk.sqlite").path
        let store = try Store.open(at: path)
        let ana = try store.add(CandidateDraft(firstName: "Ana", lastName: "Costa", email: "ana@example.pt", stage: .consideration,
                                               nextFollowUp: Self.today.adding(days: -2)), at: Self.daysAgo(30))
        let bruno = try store.add(CandidateDraft(firstName: "Bruno", lastName: "Lima", email: "bruno@example.pt",
                                                 nextFollowUp: Self.today.adding(days: -1)), at: Self.daysAgo(30))
        let chen = try store.add(CandidateDraft(firstName: "Chen", lastName: "Wei", nextFollowUp: Self.today), at: Self.daysAgo(30))

        let terminal = FakeTerminal(size: Size(width: 80, height: 24))
        terminal.enqueue(keys: .char("t"), .char("2"), .enter, .char("5"))
        terminal.type("Staff Engineer")
        terminal.enqueue(keys: .tab)
        terminal.type("Porto")
        terminal.enqueue(keys: .enter, .char("u"), .char("q"), .char("q"))
        try BoardApp.run(store: store, terminal: terminal, environment: Self.environment)
        #expect(terminal.pendingEvents.isEmpty)
        #expect(terminal.isStopped)

        let reopened = try Store.open(at: path)
        // Ana: a voicemail, phone, follow up in three days.
        let anaTouches = try reopened.touches(of: ana.id)
        #expect(anaTouches.count == 1)
        let touch = try #require(anaTouches.first)
        #expect(touch.channel == .phone && touch.direction == .outbound && touch.outcome == .leftVoicemail && touch.note == "")
        #expect(touch.at == Self.now)
        #expect(try reopened.candidate(ana.id).nextFollowUp == Day(year: 2026, month: 11, day: 25))
        // Bruno: "not now" with a future role, logged in one go and undone in one go.
        #expect(try reopened.touches(of: bruno.id).isEmpty)
        #expect(try reopened.futureRoles(of: bruno.id).isEmpty)
        #expect(try reopened.candidate(bruno.id).nextFollowUp == Self.today.adding(days: -1))
        #expect(try reopened.candidate(bruno.id).lastTouchAt == nil)
        // Chen was never selected.
        #expect(try reopened.touches(of: chen.id).isEmpty)

        let frames = terminal.presented.map { $0.lines().joined(separator: "\n") }
        #expect(frames.contains { $0.contains(" Today 2026-11-22 · 2 overdue · 1 due today") })
        #expect(frames.contains { $0.contains("Left voicemail · Ana Costa, follow up 2026-11-25 · u undoes") })
        #expect(frames.contains { $0.contains("Not now · Bruno Lima, follow up 2027-02-20, wants Staff Engineer in Porto") })
        // After Ana's log the same row held Bruno: the "not now" form was his.
        #expect(frames.contains { $0.contains("Not now · Bruno Lima ─") })
        #expect(frames.contains { $0.contains(" Today 2026-11-22 · 0 overdue · 1 due today") })
        // The undo brought him back to the queue.
        let afterUndo = try #require(terminal.presented.last { $0.lines().last?.hasPrefix("Undid") == true })
        #expect(afterUndo.lines()[0].hasPrefix(" Today 2026-11-22 · 1 overdue · 1 due today"))
        #expect(afterUndo.lines().contains { $0.hasPrefix("  Bruno Lima") })
    }
    /// A fit in the real runtime: the group on screen, a quick "interested" logged about the
    /// opening, the person gone from the group; after an undo, back in it.
    @Test func aFitLeavesTheGroupOnceContactedAboutTheOpening() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-today-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("desk.sqlite").path
        let store = try Store.open(at: path)
        let noa = try store.add(CandidateDraft(firstName: "נועה", lastName: "כהן", email: "noa@example.org"), at: Self.daysAgo(60))
        try store.recordFutureRole(noa.id, title: "Staff Engineer", location: "Lisboa", remote: false, at: Self.daysAgo(20))
        let opening = try store.addOpening(OpeningDraft(title: "Staff Engineer", location: "Lisbon", company: "Blue Harbor"),
                                           at: Self.daysAgo(3))

        let terminal = FakeTerminal(size: Size(width: 100, height: 24))
        terminal.enqueue(keys: .char("t"), .char("4"))
        terminal.type("Keen, sending the brief")
        terminal.enqueue(keys: .enter, .char("u"), .char("q"), .char("q"))
        try BoardApp.run(store: store, terminal: terminal, environment: Self.environment)
        #expect(terminal.pendingEvents.isEmpty)

        let frames = terminal.presented.map { $0.lines() }
        let first = try #require(frames.first { $0.contains { $0.contains("Fits an open role (1)") } })
        #expect(first[0].hasPrefix(" Today 2026-11-22 · 0 overdue · 0 due today · 1 fit a role · 0 to re-engage"))
        #expect(first.contains { $0.contains("נועה כהן") && $0.contains("#\(opening.id) Staff Engineer, Lisbon — title: Staff Engineer =") }, "\(first.joined(separator: "\n"))")
        #expect(frames.contains { $0.contains { $0.contains("About ◀ #\(opening.id) Staff Engineer, Lisbon ▶") } })
        // Logged: the queue is clear.
        #expect(frames.contains { $0.contains { $0.contains("Nobody is due") } })
        // Undone: back in the group, and the store has no touch.
        let last = try #require(terminal.presented.last { $0.lines().last?.hasPrefix("Undid") == true })
        #expect(last.lines().contains { $0.contains("Fits an open role (1)") })
        #expect(try Store.open(at: path).touches(of: noa.id).isEmpty)
    }

    @Test func aTouchLoggedFromAFitIsAboutTheOpening() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-today-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("desk.sqlite").path
        let store = try Store.open(at: path)
        let emre = try store.add(CandidateDraft(firstName: "Emre", lastName: "Aydın", email: "emre@example.com"), at: Self.daysAgo(60))
        try store.recordFutureRole(emre.id, title: "Staff Engineer", location: "Lisbon", remote: false, at: Self.daysAgo(20))
        let opening = try store.addOpening(OpeningDraft(title: "Staff Engineer", location: "Lisbon"), at: Self.daysAgo(1))

        let terminal = FakeTerminal(size: Size(width: 80, height: 24))
        terminal.enqueue(keys: .char("t"), .char("1"), .enter, .char("q"), .char("q"))
        try BoardApp.run(store: store, terminal: terminal, environment: Self.environment)
        let touches = try Store.open(at: path).touches(of: emre.id)
        #expect(touches.count == 1)
        #expect(touches.first?.openingID == opening.id && touches.first?.outcome == .noAnswer)
        #expect(try Store.open(at: path).matches(forOpening: opening.id, now: Self.now).first?.contacted == true)
    }
}
