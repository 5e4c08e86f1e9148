import Foundation
import FunnelCore
@testable import FunnelStore
import GRDB
import Testing

/// Keyset paging of a board column: every card exactly once, in order, whatever the page size,
/// even when many cards share an activity instant and a sort name.
@Suite struct PagingTests {
    static let stage = Stage.consideration
    static let columnSize = 137

    /// A column of look-alikes: 3 distinct activity instants and 4 names that fold to 2 sort names,
    /// plus cards in other stages around it.
    static func makeDesk() throws -> Store {
        let store = try Store.inMemory()
        let names = [("Ana", "Lee"), ("ana", "LEE"), ("Åna", "Lée"), ("Bo", "Ng")]
        try store.writer.write { db in
            for i in 0..<columnSize {
                let (first, last) = names[i % names.count]
                _ = try Store.insert(db, CandidateDraft(firstName: first, lastName: last, stage: stage), at: at(i % 3))
                _ = try Store.insert(db, CandidateDraft(firstName: first, lastName: last, stage: .awareness), at: at(i % 3))
            }
        }
        // A few touches move some cards' activity to a shared later instant.
        for id in try store.boardPage(stage: stage, limit: 20).map(\.id) {
            try store.logTouch(id, TouchDraft(at: at(10), channel: .email, outcome: .sent))
        }
        return store
    }

    /// Built once and only read by the tests below (a debug build inserts slowly).
    static let sharedDesk = Result { try makeDesk() }

    /// The column order computed independently of the store's SQL (SQLite compares text as bytes).
    static func expectedOrder(_ store: Store, _ sort: BoardSort) throws -> [Int64] {
        let rows = try store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, activity_at, sort_name, ifnull(engagement_score, -1) AS score FROM candidate WHERE stage = ?", arguments: [stage.rawValue])
        }
        let cards = rows.map { (id: $0["id"] as Int64, activity: $0["activity_at"] as Int64, name: Array(($0["sort_name"] as String).utf8),
                                score: $0["score"] as Int64) }
        switch sort {
        case .activity:
            return cards.sorted { ($0.activity, $0.id) > ($1.activity, $1.id) }.map(\.id)
        case .name:
            return cards.sorted { $0.name == $1.name ? $0.id < $1.id : $0.name.lexicographicallyPrecedes($1.name) }.map(\.id)
        case .score:
            return cards.sorted { ($0.score, $0.id) > ($1.score, $1.id) }.map(\.id)
        }
    }

    @Test(arguments: BoardSort.allCases, [1, 7, 50, 136, 137, 500])
    func walkingDownSeesEveryCardOnceInOrder(_ sort: BoardSort, _ pageSize: Int) throws {
        let store = try Self.sharedDesk.get()
        let expected = try Self.expectedOrder(store, sort)
        #expect(expected.count == Self.columnSize)
        var seen: [Int64] = []
        var anchor: Card?
        var pages = 0
        while true {
            let page = try store.boardPage(stage: Self.stage, sort: sort, from: anchor, direction: .after, limit: pageSize)
            #expect(page.count <= pageSize)
            #expect(page.allSatisfy { $0.stage == Self.stage })
            guard let last = page.last else { break }
            seen += page.map(\.id)
            anchor = last
            pages += 1
            if pages > Self.columnSize + 1 { Issue.record("paging does not end"); break }
        }
        #expect(seen == expected)
        #expect(pages == (Self.columnSize + pageSize - 1) / pageSize)
    }

    @Test(arguments: BoardSort.allCases, [1, 7, 50, 500])
    func walkingUpFromTheBottomSeesEveryCardOnceInOrder(_ sort: BoardSort, _ pageSize: Int) throws {
        let store = try Self.sharedDesk.get()
        let expected = try Self.expectedOrder(store, sort)
        var seen: [Int64] = []
        var anchor: Card?
        while true {
            let page = try store.boardPage(stage: Self.stage, sort: sort, from: anchor, direction: .before, limit: pageSize)
            guard let first = page.first else { break }
            // Each page comes back in column order, so the pages are prepended.
            seen = page.map(\.id) + seen
            anchor = first
            if seen.count > Self.columnSize * 2 { Issue.record("paging does not end"); break }
        }
        #expect(seen == expected)
    }

    @Test(arguments: BoardSort.allCases)
    func pagesAroundAnyCardAreItsNeighboursAndPositionIsItsRow(_ sort: BoardSort) throws {
        let store = try Self.sharedDesk.get()
        let expected = try Self.expectedOrder(store, sort)
        for index in [0, 1, 19, 20, 68, 135, 136] {
            let card = try store.card(expected[index])
            #expect(try store.position(of: card, sort: sort) == index)
            let below = try store.boardPage(stage: Self.stage, sort: sort, from: card, direction: .after, limit: 5).map(\.id)
            let above = try store.boardPage(stage: Self.stage, sort: sort, from: card, direction: .before, limit: 5).map(\.id)
            #expect(below == Array(expected[(index + 1)..<min(index + 6, expected.count)]))
            #expect(above == Array(expected[max(index - 5, 0)..<index]))
        }
    }

    @Test func anEmptyColumnHasNoPages() throws {
        let store = try Self.sharedDesk.get()
        #expect(try store.boardPage(stage: .advocacy, limit: 50).isEmpty)
        #expect(try store.boardPage(stage: .advocacy, direction: .before, limit: 50).isEmpty)
    }

    @Test func listWalksEveryCandidateOnceByFilter() throws {
        let store = try Self.sharedDesk.get()
        var ids: [Int64] = []
        try store.forEachCandidate(CandidateFilter(stage: Self.stage), pageSize: 10) { ids.append($0.id) }
        #expect(ids == ids.sorted())
        #expect(Set(ids) == Set(try Self.expectedOrder(store, .activity)))
        #expect(ids.count == Self.columnSize)
    }
}
