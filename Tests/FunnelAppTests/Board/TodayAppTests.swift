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
}
