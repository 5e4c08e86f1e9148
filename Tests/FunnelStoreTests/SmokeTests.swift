import Foundation
import FunnelCore
@testable import FunnelStore
import Testing

@Suite struct SmokeTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func addMoveTouchSearch() throws {
        let store = try Store.inMemory()
        let zoe = try store.add(CandidateDraft(firstName: "Zoë", lastName: "Müller", email: "Zoe@Example.com", tags: ["Go", "backend"]), at: now)
        #expect(zoe.email == "zoe@example.com")
        #expect(zoe.tags == ["go", "backend"])
        let yamada = try store.add(CandidateDraft(firstName: "山田", lastName: "太郎", title: "データエンジニア"), at: now)
        let (moved, revert) = try store.move(zoe.id, to: .consideration, at: now.addingTimeInterval(10))
        #expect(moved.stage == .consideration)
        #expect(try store.stageHistory(zoe.id).map(\.to) == [.awareness, .consideration])
        #expect(try store.stageCounts()[.consideration] == 1)
        try store.revert(revert, at: now)
        #expect(try store.candidate(zoe.id).stage == .awareness)
        #expect(try store.stageCounts()[.consideration] == 0)
        _ = try store.logTouch(zoe.id, TouchDraft(at: now, channel: .phone, outcome: .leftVoicemail, note: "Talked about Lisbon kubernetes"), followUp: .set(Day(year: 2026, month: 12, day: 1)!))
        #expect(try store.search("zoe").map(\.id) == [zoe.id])
        #expect(try store.search("kube").map(\.id) == [zoe.id])
        #expect(try store.search("MULLER lis").map(\.id) == [zoe.id])
        #expect(try store.search("田太").map(\.id) == [yamada.id])
        #expect(try store.search("エン").map(\.id) == [yamada.id])
        #expect(try store.search("\"bad ( query").isEmpty)
        let page = try store.boardPage(stage: .awareness, limit: 10)
        #expect(page.count == 2)
    }
}
