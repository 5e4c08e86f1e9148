import Foundation
import FunnelApp
import FunnelCore
import FunnelStore
import FunnelUI
import Testing

/// The board as a whole: `BoardApp.run` on a real SQLite file in a temporary folder, keys from a
/// scripted `FakeTerminal`; then the store is read back through a second connection.
@Suite struct BoardAppTests {
    /// Sunday 22 November 2026, 09:30 UTC.
    static let environment = ["FUNNEL_NOW": "2026-11-22T09:30:00Z", "FUNNEL_TZ": "UTC"]
    static let now = ISO8601DateFormatter().date(from: "2026-11-22T09:30:00Z")!
    static let today = Day(year: 2026, month: 11, day: 22)!

    static func daysAgo(_ days: Int) -> Date { now.addingTimeInterval(-Double(days) * 86_400) }

    /// A small desk on disk: Zoë Müller (awareness, one touch, one future role) among others.
    struct Desk {
        let folder: URL
        let path: String
        let store: Store
        let zoe: Candidate

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-board-\(UUID().uuidString)")
            path = folder.appendingPathComponent("desk.sqlite").path
            store = try Store.open(at: path)
            zoe = try store.add(CandidateDraft(firstName: "Zoë", lastName: "Müller", email: "zoe@example.com",
                                               location: "Lisbon", title: "Backend Engineer", company: "Acme"),
                                at: daysAgo(40))
            _ = try store.logTouch(zoe.id, TouchDraft(at: daysAgo(20), channel: .email, outcome: .replied, note: "Open to a chat"))
            _ = try store.recordFutureRole(zoe.id, title: "Senior Engineer", location: "Porto", remote: false, at: daysAgo(20))
            _ = try store.add(CandidateDraft(firstName: "Ana", lastName: "Pereira", title: "Data Analyst"), at: daysAgo(10))
            _ = try store.add(CandidateDraft(firstName: "山田", lastName: "太郎", title: "データエンジニア", stage: .consideration),
                              at: daysAgo(30))
            _ = try store.add(CandidateDraft(firstName: "Bram", lastName: "Jansen", stage: .conversion), at: daysAgo(15))
            _ = try store.add(CandidateDraft(firstName: "Kai 🚀", lastName: "Andersen", stage: .advocacy, status: .placed),
                              at: daysAgo(300))
        }

        /// A second, independent connection: what `funnel show` would read.
        func reopen() throws -> Store { try Store.open(at: path) }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    func run(_ desk: Desk, _ terminal: FakeTerminal) throws {
        try BoardApp.run(store: desk.store, terminal: terminal, environment: Self.environment)
    }

    /// The x range of a board column at `size` (what BoardView lays out).
    func columnRange(_ stage: Stage, size: Size) -> Range<Int> {
        let rect = Rect(x: 0, y: 1, width: size.width, height: size.height - 2).columns(5, gap: 1)[stage.index]
        return rect.x..<rect.maxX
    }

    /// Where `text` starts on a rendered screen (display column, row), if it is there.
    func find(_ text: String, in screen: Screen) -> (x: Int, y: Int)? {
        for (y, line) in screen.lines().enumerated() {
            guard let range = line.range(of: text) else { continue }
            return (x: DisplayWidth.width(of: line[..<range.lowerBound]), y: y)
        }
        return nil
    }

    @Test func triageOneCandidateFromTheKeyboard() throws {
        let desk = try Desk()
        defer { desk.remove() }
        let zoe = desk.zoe
        let historyBefore = try desk.store.stageHistory(zoe.id)
        let touchesBefore = try desk.store.touches(of: zoe.id)
        let rolesBefore = try desk.store.futureRoles(of: zoe.id)

        let terminal = FakeTerminal(size: Size(width: 80, height: 24))
        terminal.enqueue(keys: .char("/"))
        terminal.type("zoe")
        terminal.enqueue(keys: .enter, .char(">"), .char(">"), .char("n"), .tab, .tab, .char("l"), .tab)
        terminal.type("Left a message about the Lisbon role")
        terminal.enqueue(keys: .tab, .ctrl("u"))
        terminal.type("3d")
        terminal.enqueue(keys: .enter, .char("f"), .ctrl("u"))
        terminal.type("Staff Engineer")
        terminal.enqueue(keys: .tab, .ctrl("u"))
        terminal.type("Lisbon")
        terminal.enqueue(keys: .enter, .char("u"), .escape, .escape, .char("q"))
        try run(desk, terminal)

        #expect(terminal.pendingEvents.isEmpty)
        #expect(terminal.isStopped)
        // The store, read through another connection.
        let store = try desk.reopen()
        let after = try store.candidate(zoe.id)
        #expect(after.stage == .conversion)
        let history = try store.stageHistory(zoe.id)
        #expect(history.count == historyBefore.count + 2)
        #expect(history.suffix(2).map(\.from) == [.awareness, .consideration])
        #expect(history.suffix(2).map(\.to) == [.consideration, .conversion])
        #expect(history.suffix(2).allSatisfy { $0.at == Self.now })

        let touches = try store.touches(of: zoe.id)
        #expect(touches.count == touchesBefore.count + 1)
        let touch = try #require(touches.first)
        #expect(touch.channel == .phone)
        #expect(touch.direction == .outbound)
        #expect(touch.outcome == .leftVoicemail)
        #expect(touch.note == "Left a message about the Lisbon role")
        #expect(touch.at == Self.now)
        #expect(after.lastTouchAt == Self.now)
        #expect(after.nextFollowUp == Day(year: 2026, month: 11, day: 25))

        // The future role was recorded, then undone: only the earlier answer remains.
        #expect(try store.futureRoles(of: zoe.id) == rolesBefore)
        #expect(try store.stageCounts() == [.awareness: 1, .consideration: 1, .conversion: 2, .loyalty: 0, .advocacy: 1])

        // What the recruiter saw.
        let frames = terminal.presented.map { $0.lines().joined(separator: "\n") }
        #expect(frames.contains { $0.contains("Moved Zoë Müller to Consideration") })
        #expect(frames.contains { $0.contains("Moved Zoë Müller to Conversion") })
        #expect(frames.contains { $0.contains("Logged phone for Zoë Müller, follow up 2026-11-25") })
        #expect(frames.contains { $0.contains("Future role for Zoë Müller: Staff Engineer in Lisbon") })
        #expect(frames.contains { $0.contains("Undid future role") })
        // The candidate screen showed the touch and, after the undo, the earlier role again.
        let afterUndo = try #require(terminal.presented.last { $0.lines().joined().contains("Undid future role") })
        let undoText = afterUndo.lines().joined(separator: "\n")
        #expect(undoText.contains("Zoë Müller  #\(zoe.id) · Conversion · active"))
        #expect(undoText.contains("★ Senior Engineer in Porto"))
        #expect(undoText.contains("phone out, left voicemail  Left a message about the Lisbon role"))
        #expect(undoText.contains("Follow up   2026-11-25 (in 3 days)"))

        // Esc went back to the search results, which already show the new stage.
        let results = try #require(terminal.presented.last { $0.lines()[0].hasPrefix(" Search: zoe") })
        #expect(results.lines()[2].hasPrefix(" Zoë Müller                Conversion"))

        // The last frame: the board, Zoë in Conversion, the counts updated.
        let last = try #require(terminal.lastScreen)
        let lines = last.lines()
        #expect(lines[0].contains("Funnel  5 candidates"))
        let position = try #require(find("Zoë Müller", in: last))
        #expect(columnRange(.conversion, size: last.size).contains(position.x))
        #expect(lines[1].contains("Conversion    2"))
        #expect(lines[1].contains("Awareness      1"))
        #expect(find("Ana Pereira", in: last).map { columnRange(.awareness, size: last.size).contains($0.x) } == true)
    }

    @Test func aFailedWriteShowsTheErrorAndChangesNothing() throws {
        let desk = try Desk()
        defer { desk.remove() }
        let before = try desk.store.list()

        let terminal = FakeTerminal(size: Size(width: 80, height: 24))
        terminal.enqueue(keys: .char("a"))
        terminal.type("Zed")
        terminal.enqueue(keys: .tab, .tab)
        terminal.type("ZOE@example.com")
        terminal.enqueue(keys: .enter)
        terminal.enqueue(keys: .escape, .char("y"), .char("q"))
        try run(desk, terminal)

        let message = "candidate #\(desk.zoe.id) already has the email zoe@example.com"
        // The frame after Enter: the form still open with the store's sentence, and on the status line.
        let failed = try #require(terminal.presented.first { $0.lines().joined().contains(message) })
        let lines = failed.lines()
        #expect(lines.contains { $0.contains("┌ Add a candidate") })
        #expect(lines.contains { $0.contains("First name* Zed") })
        #expect(lines.last?.hasPrefix(message) == true)
        #expect(terminal.lastScreen?.lines().last == "Discarded")

        let store = try desk.reopen()
        #expect(try store.list() == before)
        #expect(try store.search("Zed").isEmpty)
        #expect(try store.totalCount() == 5)
    }

    @Test func movingPastTheEndsIsRefusedOnScreenAndInTheStore() throws {
        let desk = try Desk()
        defer { desk.remove() }
        let terminal = FakeTerminal(size: Size(width: 80, height: 24))
        terminal.enqueue(keys: .char("<"))  // Ana Pereira, first in Awareness
        terminal.enqueue(keys: .char("l"), .char("l"), .char("l"), .char("l"), .char(">"))  // Kai, in Advocacy
        terminal.enqueue(keys: .char("u"))
        try run(desk, terminal)

        let texts = terminal.presented.map { $0.lines().last ?? "" }
        #expect(texts.contains("Ana Pereira is already in Awareness, the first stage"))
        #expect(texts.contains("Kai 🚀 Andersen is already in Advocacy, the last stage"))
        #expect(texts.last == "Nothing to undo")
        let store = try desk.reopen()
        #expect(try store.stageCounts() == [.awareness: 2, .consideration: 1, .conversion: 1, .loyalty: 0, .advocacy: 1])
    }

    @Test func theFirstFrameShowsTheDeskAndAHangUpEndsTheRunCleanly() throws {
        let desk = try Desk()
        defer { desk.remove() }
        let terminal = FakeTerminal(size: Size(width: 80, height: 24))  // no keys: the script hangs up
        try run(desk, terminal)
        #expect(terminal.isStopped)
        #expect(terminal.presented.count == 1)
        let lines = try #require(terminal.presented.first).lines()
        #expect(lines[0].hasPrefix(" Funnel  5 candidates · by latest activity"))
        #expect(lines[1] == "Awareness      2│Consideration 1│Conversion    1│Loyalty       0│Advocacy      1")
        #expect(lines[4].hasPrefix(" Ana Pereira"))  // the most recent activity first
        #expect(lines[6].hasPrefix(" Zoë Müller"))
        #expect(lines[4].contains("│ (empty)"))
    }

    @Test func resizingRedrawsAtTheNewSizeAndTooSmallSaysSo() throws {
        let desk = try Desk()
        defer { desk.remove() }
        let terminal = FakeTerminal(size: Size(width: 80, height: 24))
        terminal.enqueue(.resize(Size(width: 50, height: 10)))
        terminal.enqueue(keys: .char("j"))  // ignored while too small
        terminal.enqueue(.resize(Size(width: 120, height: 30)))
        terminal.enqueue(keys: .char("q"))
        try run(desk, terminal)
        let sizes = terminal.presented.map(\.size)
        #expect(sizes.first == Size(width: 80, height: 24))
        #expect(sizes.contains(Size(width: 50, height: 10)))
        #expect(sizes.last == Size(width: 120, height: 30))
        let small = try #require(terminal.presented.first { $0.size == Size(width: 50, height: 10) })
        #expect(small.lines().contains { $0.contains("Terminal too small") })
        #expect(terminal.lastScreen?.lines()[0].hasPrefix(" Funnel  5 candidates") == true)
    }

    @Test func ctrlCEndsTheRunAndStopsTheTerminal() throws {
        let desk = try Desk()
        defer { desk.remove() }
        let terminal = FakeTerminal(size: Size(width: 80, height: 24))
        terminal.enqueue(keys: .char("a"))
        terminal.type("Half typed")
        terminal.enqueue(keys: .ctrl("c"), .char("x"))
        try run(desk, terminal)
        #expect(terminal.pendingEvents == [.key(.char("x"))])  // it ended at Ctrl-C, not at the script's hang-up
        #expect(terminal.isStopped)
        #expect(try desk.reopen().totalCount() == 5)
    }
}
