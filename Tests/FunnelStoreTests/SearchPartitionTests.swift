import Foundation
import FunnelCore
@testable import FunnelStore
import GRDB
import Testing

/// The search index split by candidate id (`SearchIndex`, v9): searches find exactly what one
/// FTS5 table holding every document finds (the index before v9), and erasing rewrites only the
/// erased person's partition.
@Suite struct SearchPartitionTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    /// Ids of the generated people: four partitions, one range crossing a boundary (32,768).
    static let ranges: [ClosedRange<Int64>] = [1...1_800, 32_000...33_500, 70_000...70_700, 131_000...131_300]

    /// Text a person may type or paste: accents, case, scripts without spaces, FTS5 syntax.
    static let hostile = [
        "Zoë Müller", "ZOE MULLER", "Rôle ROLES rolê", "Role\u{301}play", "O'Neil", "Ünsal Çelik", "Straße Strasse",
        "東京の面接", "面接 東京", "서울 면접", "Ολυμπία Παπαδοπούλου", "Привет Мир", "(zoe", "zoe*", "\"role\" OR silva",
        "NEAR(role silva)", "-role", "^silva", "{body}: role", "rolecall roleplay rolex roles", "emoji 🚀 rocket",
    ]

    static let desk: Result<Store, any Error> = Result {
        let store = try Store.inMemory()
        let maker = SyntheticDesk.Maker(seed: 11, now: Rows.seconds(now), touchesPerCandidate: 5)
        try store.writer.write { db in
            let writer = try SyntheticDesk.Writer(db)
            try writer.writeCatalog(maker: maker, candidates: 0)
            for range in ranges {
                for id in range {
                    var person = maker.person(id)
                    person.referredBy = nil
                    _ = try writer.write(person)
                }
            }
            try Store.keyMatchTerms(db, vocabulary: store.matchVocabulary)
        }
        // Through the store's own writes (ids after the last range), notes included.
        for (i, text) in hostile.enumerated() {
            let candidate = try store.add(CandidateDraft(firstName: "Hostile\(i)", lastName: text, title: text), at: now)
            _ = try store.logTouch(candidate.id, .note("said: \(text)", at: now))
        }
        // The reference: one table, as the index was before v9, holding every document.
        try store.writer.write { db in
            try db.execute(sql: """
                CREATE VIRTUAL TABLE reference_search USING fts5(body, \(SearchIndex.options));
                CREATE VIRTUAL TABLE reference_terms USING fts5vocab(reference_search, row);
                """)
            for partition in try SearchIndex.partitions(db) {
                try db.execute(sql: "INSERT INTO reference_search (rowid, body) SELECT rowid, body FROM \(partition.table)")
            }
        }
        return store
    }

    /// Matches of the reference table, newest first.
    func reference(_ store: Store, _ query: String) throws -> [Int64] {
        guard let match = SearchText.matchExpression(for: query) else { return [] }
        return try store.writer.read { db in
            try Int64.fetchAll(db, sql: "SELECT rowid FROM reference_search WHERE reference_search MATCH ? ORDER BY rowid DESC",
                               arguments: [match])
        }
    }

    /// What people type: sample words, every prefix of common and long words, the hostile texts,
    /// words and prefixes from random documents, and the 4-letter prefixes that start the most
    /// words (beyond `SearchPlan.expansionLimit`, left to FTS5's own prefix merge).
    func queries(_ store: Store) throws -> [String] {
        var queries = [SyntheticDesk.SampleQuery.rareWord, SyntheticDesk.SampleQuery.commonWord, SyntheticDesk.SampleQuery.cjkPair,
                       "silva role", "silva rol", "silva ro", "ma", "role silva engineer", "zz", "nosuchwordanywhere"]
        for word in ["role", "kubernetes", "engineering", SyntheticDesk.SampleQuery.typedWord, "silva"] {
            queries += (1...word.count).map { String(word.prefix($0)) }
        }
        queries += Self.hostile
        queries += Self.hostile.flatMap { $0.split(separator: " ").map { String($0.prefix(4)) } }
        let (bodies, crowded) = try store.writer.read { db in
            (try String.fetchAll(db, sql: "SELECT body FROM reference_search WHERE rowid % 97 = 5"),
             try String.fetchAll(db, sql: """
                SELECT substr(term, 1, 4) FROM reference_terms WHERE term GLOB '[a-z][a-z][a-z][a-z]*'
                GROUP BY 1 HAVING count(*) > \(SearchPlan.expansionLimit) ORDER BY count(*) DESC LIMIT 5
                """))
        }
        #expect(!crowded.isEmpty, "the desk should have prefixes of more than \(SearchPlan.expansionLimit) words")
        queries += crowded
        // The commonest words (listed newest first), their long prefixes, and with a name.
        let common = try store.writer.read { db in
            try String.fetchAll(db, sql: "SELECT term FROM reference_terms WHERE length(term) > 4 ORDER BY doc DESC LIMIT 12")
        }
        for word in common {
            queries += [word, String(word.prefix(4)), String(word.prefix(5)), "silva \(word.prefix(4))", "\(word.prefix(6)) ma"]
        }
        for body in bodies {
            let words = body.split(whereSeparator: { $0.isWhitespace }).prefix(40)
            for word in words.enumerated().filter({ $0.offset % 7 == 0 }).map(\.element) {
                queries.append(String(word))
                queries.append(String(word.prefix(5)))
            }
            if words.count > 3 { queries.append("\(words[0]) \(words[3].prefix(4))") }
        }
        return queries
    }

    @Test func findsWhatOneTableFinds() throws {
        let store = try Self.desk.get()
        let partitions = try store.writer.read { db in try SearchIndex.partitions(db) }
        #expect(partitions.map(\.number) == [4, 3, 2, 1, 0])
        let queries = try queries(store)
        #expect(queries.count > 300)
        var ranked = 0, newest = 0
        for query in queries {
            let expected = try reference(store, query)
            let all = try store.searchAsYouType(query, limit: 1_000_000, countUpTo: 1_000_000)
            #expect(Set(all.cards.map(\.id)) == Set(expected), "\(query)")
            #expect(all.cards.count == expected.count && all.count == expected.count && all.countIsExact, "\(query)")
            #expect(try store.searchCount(query) == expected.count, "\(query)")
            #expect(try store.searchCount(query, atMost: 7) == min(7, expected.count), "\(query)")

            let page = try store.searchAsYouType(query, limit: 50, countUpTo: 1_000)
            #expect(page.count == min(expected.count, 1_000) && page.countIsExact == (expected.count <= 1_000), "\(query)")
            // Ranked exactly when every word is in at most rankingLimit documents of the whole desk.
            let selective = try store.writer.read { db in
                try SearchText.matchTerms(for: query).allSatisfy { term in
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM reference_search WHERE reference_search MATCH ?",
                                     arguments: [term])! <= Store.rankingLimit
                }
            }
            #expect(page.ranked == selective, "\(query)")
            if page.ranked {
                ranked += 1
                #expect(page.cards.count == min(50, expected.count) && Set(page.cards.map(\.id)).isSubset(of: expected), "\(query)")
            } else {
                newest += 1
                #expect(page.cards.map(\.id) == Array(expected.prefix(50)), "\(query)")
            }
        }
        // Both paths were exercised, with matches in several partitions.
        #expect(ranked > 50 && newest > 20, "ranked \(ranked), newest first \(newest)")
        #expect(Set(try reference(store, "role").map { SearchIndex.Partition(of: $0).number }).count == 5)
        #expect(try store.check().ok)
    }

    /// A prefix of four letters or more becomes the words it starts, in each partition; none
    /// when it starts none there (that partition is skipped), nil beyond the limit.
    @Test func expandsLongPrefixesIntoTheirWords() throws {
        let store = try Self.desk.get()
        try store.writer.read { db in
            let plan = try SearchPlan(db, terms: SearchText.matchTerms(for: "Rolec nosuchprefix"))
            let top = try #require(plan.partitions.first)
            #expect(try plan.words(in: top, startingWith: "rolec") == ["rolecall"])
            #expect(try plan.expression(in: top, term: 0) == "\"rolecall\"")
            #expect(try plan.expression(in: top, term: 1) == nil)
            #expect(try plan.expression(in: top) == nil)
            #expect(try plan.words(in: top, startingWith: "role")?.starts(with: ["role", "rolecall"]) == true)
        }
        #expect(SearchPlan.expandablePrefix("\"Role\"*") == "role")
        #expect(SearchPlan.expandablePrefix("\"rol\"*") == nil)  // the prefix index answers it
        #expect(SearchPlan.expandablePrefix("\"rôle\"*") == nil)  // folded by the tokenizer only
        #expect(SearchPlan.expandablePrefix("\"o neil\"*") == nil)
        #expect(SearchPlan.expandablePrefix("\"role\"") == nil)
    }

    /// Store of a few hundred people in partition 0 and in partition 1, plus the person to erase
    /// (`EraseTests`' needles) in partition 1.
    static func eraseDesk(at path: String) throws -> (Store, victim: Int64) {
        let store = try Store.open(at: path)
        let maker = SyntheticDesk.Maker(seed: 5, now: Rows.seconds(now), touchesPerCandidate: 3)
        try store.writer.write { db in
            let writer = try SyntheticDesk.Writer(db)
            for id in Array(1...200) + Array(40_000...40_200) {
                var person = maker.person(Int64(id))
                person.referredBy = nil
                _ = try writer.write(person)
            }
            try Store.keyMatchTerms(db, vocabulary: store.matchVocabulary)
        }
        let victim = try store.add(CandidateDraft(firstName: EraseTests.first, lastName: EraseTests.last, email: EraseTests.email,
                                                  location: "Bramblewick", title: EraseTests.oldTitle, tags: ["hollowmere"]), at: now)
        var edited = CandidateDraft(firstName: EraseTests.first, lastName: EraseTests.last, email: EraseTests.email,
                                    location: "Bramblewick", tags: ["hollowmere"])
        edited.title = "Engineer"
        _ = try store.update(victim.id, with: edited, at: now)
        _ = try store.logTouch(victim.id, .note("Talked about \(EraseTests.noteWord) and sailing", at: now))
        _ = try store.recordFutureRole(victim.id, title: "Hollowmere Lead", location: "Bramblewick", remote: false, at: now)
        return (store, victim.id)
    }

    /// The bytes of partition 0's index, to show the erase did not rewrite it.
    static func indexBytes(_ store: Store, _ partition: SearchIndex.Partition) throws -> [Row] {
        try store.writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM \(partition.table)_data ORDER BY id") }
    }

    @Test func erasingRewritesOnlyThePersonsPartitionAndLeavesNoBytes() throws {
        let folder = try IO.temporaryFolder()
        defer { IO.cleanUp(folder) }
        let path = folder.appendingPathComponent("desk.sqlite").path
        let (store, victim) = try Self.eraseDesk(at: path)
        #expect(SearchIndex.Partition(of: victim).number == 1)
        let app = try Store.open(at: path)
        #expect(try app.search(EraseTests.noteWord).map(\.id) == [victim])
        let current = Set(EraseTests.needles).subtracting([EraseTests.oldTitle, EraseTests.oldTitle.lowercased()])
        #expect(current.isSubset(of: Set(try EraseTests.bytesFound(at: path))))
        let untouched = try Self.indexBytes(store, SearchIndex.Partition(number: 0))

        let report = try store.erase(victim, at: Self.now)
        #expect(report.walTruncated)
        #expect(try EraseTests.bytesFound(at: path) == [])
        #expect(try Self.indexBytes(store, SearchIndex.Partition(number: 0)) == untouched)
        #expect(try app.search(EraseTests.noteWord).isEmpty)
        #expect(try app.search(EraseTests.first).isEmpty)
        #expect(try app.read { db in try SearchIndex.contains(db, id: victim) } == false)
        #expect(try app.totalCount() == 401)
        #expect(try app.check().ok)
    }

    /// The reason for the scrub, in a partition other than the first: without it the folded terms
    /// stay in the partition's old segments; scrubbing that partition removes them.
    @Test func withoutTheScrubAHigherPartitionKeepsTheTerms() throws {
        let folder = try IO.temporaryFolder()
        defer { IO.cleanUp(folder) }
        let path = folder.appendingPathComponent("desk.sqlite").path
        let (store, victim) = try Self.eraseDesk(at: path)
        let partition = SearchIndex.Partition(of: victim)
        try store.writer.write { db in
            try db.execute(sql: "INSERT INTO \(partition.table)(\(partition.table), rank) VALUES('automerge', 0)")
            try SearchIndex.delete(db, id: victim)
        }
        #expect(try store.truncateWAL())
        #expect(try EraseTests.bytesFound(at: path).contains(EraseTests.noteWord.lowercased()))
        // Scrubbing another partition does not help; scrubbing the person's does.
        try store.writer.write { db in try SearchIndex.scrub(db, id: 1) }
        #expect(try store.truncateWAL())
        #expect(try EraseTests.bytesFound(at: path).contains(EraseTests.noteWord.lowercased()))
        try store.writer.write { db in try SearchIndex.scrub(db, id: victim) }
        #expect(try store.truncateWAL())
        #expect(!(try EraseTests.bytesFound(at: path).contains(EraseTests.noteWord.lowercased())))
    }

    @Test func checkFindsADocumentOutsideItsPartitionAndAMissingVocabulary() throws {
        let folder = try IO.temporaryFolder()
        defer { IO.cleanUp(folder) }
        let (store, victim) = try Self.eraseDesk(at: folder.appendingPathComponent("desk.sqlite").path)
        #expect(try store.check().ok)
        try store.writer.write { db in
            // The victim's document moved into partition 0, where its id does not belong.
            let body = try String.fetchOne(db, sql: "SELECT body FROM candidate_search_1 WHERE rowid = ?", arguments: [victim])!
            try db.execute(sql: "DELETE FROM candidate_search_1 WHERE rowid = ?", arguments: [victim])
            try db.execute(sql: "INSERT INTO candidate_search (rowid, body) VALUES (?, ?)", arguments: [victim, body])
            try db.execute(sql: "DROP TABLE candidate_search_1_terms")
        }
        let problems = try store.check().problems
        #expect(problems.contains("1 candidate has no search document"))
        #expect(problems.contains("1 search document is outside the partition of its id"))
        #expect(problems.contains("search partition candidate_search_1 has no candidate_search_1_terms table"))
    }

    /// v9 on a store written before it: every document moves to the partition of its id, with
    /// the same text, in one migration; the store then checks clean and searches the same.
    @Test func theMigrationMovesEveryDocumentToItsPartition() throws {
        let folder = try IO.temporaryFolder()
        defer { IO.cleanUp(folder) }
        let path = folder.appendingPathComponent("desk.sqlite").path
        let documents: [Int64: String]
        do {
            let (store, _) = try Self.eraseDesk(at: path)
            // Back to the shape before v9: one table with every document, no vocabulary.
            documents = try store.writer.write { db in
                for partition in try SearchIndex.partitions(db) where partition.number != 0 {
                    try db.execute(sql: """
                        INSERT INTO candidate_search (rowid, body) SELECT rowid, body FROM \(partition.table);
                        DROP TABLE \(partition.terms);
                        DROP TABLE \(partition.table);
                        """)
                }
                try db.execute(sql: "DROP TABLE candidate_search_terms")
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [Schema.searchPartitionMigrationName])
                #expect(try SearchIndex.partitions(db).map(\.number) == [0])
                return Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT rowid, body FROM candidate_search")
                    .map { ($0[0] as Int64, $0[1] as String) })
            }
            #expect(documents.count == 402)
        }
        let store = try Store.open(at: path)
        #expect(try store.appliedMigrations() == Store.knownMigrations)
        try store.writer.read { db in
            #expect(try SearchIndex.partitions(db).map(\.number) == [1, 0])
            var moved: [Int64: String] = [:]
            for partition in try SearchIndex.partitions(db) {
                for row in try Row.fetchAll(db, sql: "SELECT rowid, body FROM \(partition.table)") {
                    #expect(SearchIndex.Partition(of: row[0]) == partition)
                    moved[row[0]] = row[1]
                }
            }
            #expect(moved == documents)
        }
        #expect(try store.check().ok)
        #expect(try store.search(EraseTests.noteWord).count == 1)
    }
}
