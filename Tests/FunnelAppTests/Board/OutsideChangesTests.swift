import Foundation
import FunnelApp
import FunnelCore
import FunnelStore
import FunnelUI
import Testing

/// The board's once-a-second look at the file (`.checkForOutsideChanges`) on a real SQLite file:
/// a commit by another connection (another `funnel`, sqlite3) makes it reload everything; the
/// session's own writes, already on screen, do not.
@Suite struct OutsideChangesTests {
    @Test func onlyAnotherConnectionsCommitCountsAsAChangeElsewhere() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-outside-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("desk.sqlite").path
        let store = try Store.open(at: path)
        let ana = try store.add(CandidateDraft(firstName: "Ana", lastName: "Costa"), at: Date(timeIntervalSince1970: 1_790_000_000))
        let terminal = FakeTerminal(size: Size(width: 80, height: 24))
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        var runner = StoreEffects(store: store, clock: { Moment(now: now, timeZone: TimeZone(identifier: "UTC")!) },
                                  config: Config.defaults(environment: ["FUNNEL_TZ": "UTC"]))
        #expect(runner.run(.checkForOutsideChanges, terminal: terminal).isEmpty)  // the first look only remembers

        // Own writes: the file changed, but nothing needs reading again.
        for stage in [Stage.consideration, .conversion] {
            let answer = runner.run(.move(ana.id, to: stage), terminal: terminal)
            #expect(answer.contains { if case .changed = $0 { true } else { false } })
            #expect(runner.run(.checkForOutsideChanges, terminal: terminal).isEmpty)
        }
        // Another connection's commit (a second process would be the same to SQLite).
        let other = try Store.open(at: path)
        try other.move(ana.id, to: .loyalty, at: now)
        #expect(runner.run(.checkForOutsideChanges, terminal: terminal) == [.storeChangedElsewhere])
        #expect(runner.run(.checkForOutsideChanges, terminal: terminal).isEmpty)  // told once
        // Both again, in one interval: still a change elsewhere.
        _ = runner.run(.move(ana.id, to: .advocacy), terminal: terminal)
        _ = try other.logTouch(ana.id, TouchDraft(at: now, channel: .phone, outcome: .noAnswer))
        #expect(runner.run(.checkForOutsideChanges, terminal: terminal) == [.storeChangedElsewhere])
    }
}
