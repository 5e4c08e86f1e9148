import Foundation
import FunnelCore
@testable import FunnelStore
import GRDB
import Testing

/// Search stays cheap on words that are in most documents: such searches list the newest matches
/// instead of ranking them all, and counts can stop early.
@Suite struct SearchCostTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    static let desk: Result<Store, any Error> = Result {
        let store = try Store.inMemory()
        try SyntheticDesk.generate(into: store, candidates: 3_000, touchesPerCandidate: 5, seed: 3, now: now, progress: nil)
        return store
    }

    func rowids(_ store: Store, _ match: String, order: String) throws -> [Int64] {
        try store.writer.read { db in
            try Int64.fetchAll(db, sql: "SELECT rowid FROM candidate_search WHERE candidate_search MATCH ? ORDER BY \(order) LIMIT 50",
                               arguments: [match])
        }
    }

    @Test func aCommonWordListsTheNewestMatches() throws {
        let store = try Self.desk.get()
        let word = SyntheticDesk.SampleQuery.commonWord
        let total = try store.searchCount(word)
        #expect(total > Store.rankingLimit, "the test needs a word in more than \(Store.rankingLimit) documents, got \(total)")
        let found = try store.search(word, limit: 50).map(\.id)
        #expect(found.count == 50)
        #expect(found == found.sorted(by: >))
        #expect(found == (try rowids(store, SearchText.matchExpression(for: word)!, order: "rowid DESC")))
    }

    @Test func selectiveWordsAreRankedBestFirst() throws {
        let store = try Self.desk.get()
        // A word of the middle of the vocabulary: in some documents, not most.
        let query = "kubernetes"
        let total = try store.searchCount(query)
        #expect(total > 1 && total <= Store.rankingLimit, "\(total)")
        let found = try store.search(query, limit: 50).map(\.id)
        #expect(found == (try rowids(store, SearchText.matchExpression(for: query)!, order: "rank")))
    }

    /// One common word makes the whole query unranked, even if the other is rare: ranking would
    /// read every document of the common one.
    @Test func aCommonWordInAQueryTurnsRankingOff() throws {
        let store = try Self.desk.get()
        let query = "kubernetes \(SyntheticDesk.SampleQuery.commonWord)"
        let found = try store.search(query, limit: 50).map(\.id)
        #expect(!found.isEmpty)
        #expect(found == (try rowids(store, SearchText.matchExpression(for: query)!, order: "rowid DESC")))
    }

    @Test func cappedCountStopsAtTheCap() throws {
        let store = try Self.desk.get()
        let common = SyntheticDesk.SampleQuery.commonWord
        #expect(try store.searchCount(common, atMost: 100) == 100)
        let exact = try store.searchCount("kubernetes")
        #expect(try store.searchCount("kubernetes", atMost: exact + 10) == exact)
        #expect(try store.searchCount("kubernetes", atMost: exact) == exact)
        #expect(try store.searchCount("  ", atMost: 10) == 0)
        #expect(try store.searchCount("zzqqxxnotaword", atMost: 10) == 0)
    }

    @Test func searchAsYouTypeCountsUpToTheCap() throws {
        let store = try Self.desk.get()
        let common = try store.searchAsYouType(SyntheticDesk.SampleQuery.commonWord, limit: 20, countUpTo: 500)
        #expect(!common.ranked)
        #expect(common.cards.count == 20)
        #expect(common.count == 500 && !common.countIsExact)
        #expect(common.cards.map(\.id) == Array(try store.search(SyntheticDesk.SampleQuery.commonWord, limit: 20).map(\.id)))
        let selective = try store.searchAsYouType("kubernetes", limit: 5, countUpTo: 10_000)
        #expect(selective.ranked)
        #expect(selective.count == (try store.searchCount("kubernetes")) && selective.countIsExact)
        #expect(selective.cards.map(\.id) == (try rowids(store, "\"kubernetes\"*", order: "rank")).prefix(5).map { $0 })
        let nothing = try store.searchAsYouType("zzqqxxnotaword")
        #expect(nothing.cards.isEmpty && nothing.count == 0 && nothing.countIsExact)
        #expect(try store.searchAsYouType("  ").count == 0)
    }

    /// A rare word that shares its first three letters with a common one ("rol…" like "role") is
    /// still ranked: the cheap bracketing counts are only a shortcut, never the verdict.
    @Test func aRareWordBehindACommonPrefixIsRanked() throws {
        let store = try Store.inMemory()
        try SyntheticDesk.generate(into: store, candidates: 3_000, touchesPerCandidate: 5, seed: 5, now: Self.now, progress: nil)
        let prefix = String(SyntheticDesk.SampleQuery.commonWord.prefix(3))
        #expect(try store.searchCount(prefix) > Store.rankingLimit)
        let rare = try store.add(CandidateDraft(firstName: "Ola", lastName: "\(prefix)zwick"), at: Self.now)
        let other = try store.add(CandidateDraft(firstName: "\(prefix)zwick", lastName: "\(prefix)zwick"), at: Self.now)
        let result = try store.searchAsYouType("\(prefix)zwi")
        #expect(result.ranked)
        #expect(Set(result.cards.map(\.id)) == [rare.id, other.id])
        #expect(result.cards.first?.id == other.id, "two occurrences rank above one")
        #expect(try store.searchAsYouType("\(SyntheticDesk.SampleQuery.commonWord)").ranked == false)
    }

    @Test func termsAreTheExpressionsParts() {
        #expect(SearchText.matchTerms(for: "sta eng") == ["\"sta\"*", "\"eng\"*"])
        #expect(SearchText.matchTerms(for: "面接 tokyo") == ["\"面 接\"", "\"tokyo\"*"])
        #expect(SearchText.matchTerms(for: "o'neil") == ["\"o neil\"*"])
        #expect(SearchText.matchTerms(for: " ( ").isEmpty)
        #expect(SearchText.matchExpression(for: "sta eng") == "\"sta\"* \"eng\"*")
    }
}
