import Foundation
import FunnelCore
@testable import FunnelStore
import GRDB
import Testing

@Suite struct SearchTests {
    /// A small desk with look-alike names, so every match has to be the right one.
    struct Desk {
        let store: Store
        let zoe: Candidate
        let others: [Candidate]
        let noteID: Int64

        init(store: Store) throws {
            self.store = store
            zoe = try store.add(CandidateDraft(firstName: "Zoë", lastName: "Müller", email: "zoe.m@example.com",
                                               title: "Platform Engineer", company: "Acme", tags: ["kotlin"]), at: at(0))
            others = [
                try store.add(CandidateDraft(firstName: "Zoltan", lastName: "Mueller", title: "Designer"), at: at(1)),
                try store.add(CandidateDraft(firstName: "Chloé", lastName: "Moller", location: "Lyon"), at: at(2)),
                try store.add(CandidateDraft(firstName: "山本", lastName: "花子"), at: at(3)),
                try store.add(CandidateDraft(firstName: "田中", lastName: "太一"), at: at(4)),
                try store.add(CandidateDraft(firstName: "박", lastName: "서준"), at: at(5)),
            ]
            noteID = try store.logTouch(zoe.id, TouchDraft(at: at(10), channel: .phone, outcome: .interested,
                                                           note: "Discussed the kubernetes migration; wants Lisbon")).0.id
        }
    }

    @Test func findsByAPrefixOfANoteWord() throws {
        let desk = try Desk(store: Store.inMemory())
        for query in ["kube", "kubernetes", "migr", "Lisb", "disc kube"] {
            #expect(try desk.store.search(query).map(\.id) == [desk.zoe.id], "\(query)")
            #expect(try desk.store.searchCount(query) == 1, "\(query)")
        }
        #expect(try desk.store.search("kubernetesx").isEmpty)
        #expect(try desk.store.search("ubernetes").isEmpty)  // prefixes, not infixes
    }

    @Test func findsAccentedNamesUnaccentedAndIgnoresCase() throws {
        let desk = try Desk(store: Store.inMemory())
        for query in ["zoe muller", "ZOE MULLER", "Zoë Müller", "zOË", "mül", "zoe mull", "platform eng", "ACME", "kotlin"] {
            #expect(try desk.store.search(query).map(\.id) == [desk.zoe.id], "\(query)")
        }
        #expect(try desk.store.search("chloe").map(\.id) == [desk.others[1].id])
        #expect(try Set(desk.store.search("zo").map(\.id)) == [desk.zoe.id, desk.others[0].id])
    }

    /// The default tokenizer does not split CJK; every adjacent pair of a name must still find it,
    /// whichever name field holds the family name.
    @Test(arguments: [
        ("山田", "太郎", "山田太郎"), ("太郎", "山田", "山田太郎"),
        ("김", "민준", "김민준"), ("민준", "김", "김민준"), ("이", "서연우", "이서연우"),
    ])
    func findsACJKNameByAnyTwoConsecutiveCharacters(_ first: String, _ last: String, _ written: String) throws {
        let desk = try Desk(store: Store.inMemory())
        let person = try desk.store.add(CandidateDraft(firstName: first, lastName: last), at: at(20))
        let characters = Array(written)
        for i in 0..<(characters.count - 1) {
            let pair = String(characters[i...i + 1])
            #expect(try desk.store.search(pair).map(\.id) == [person.id], "\(pair) in \(first) \(last)")
        }
        #expect(try desk.store.search(written).map(\.id) == [person.id])
        #expect(try desk.store.search(String(characters.reversed())).isEmpty)
    }

    @Test func findsJapaneseWordsInNotesAndTitles() throws {
        let store = try Store.inMemory()
        let yamada = try store.add(CandidateDraft(firstName: "Taro", title: "データエンジニア"), at: at(0))
        try store.logTouch(yamada.id, .note("山田太郎さんは優秀です", at: at(1)))
        #expect(try store.search("優秀").map(\.id) == [yamada.id])
        #expect(try store.search("エンジ").map(\.id) == [yamada.id])
        #expect(try store.search("taro 優秀").map(\.id) == [yamada.id])
    }

    @Test func forgetsTheOldNoteOnceEdited() throws {
        let desk = try Desk(store: Store.inMemory())
        try desk.store.editNote(touchID: desk.noteID, to: "Prefers Rust and Porto now")
        #expect(try desk.store.search("kube").isEmpty)
        #expect(try desk.store.searchCount("kube") == 0)
        #expect(try desk.store.search("lisbon").isEmpty)
        #expect(try desk.store.search("porto").map(\.id) == [desk.zoe.id])
        #expect(try desk.store.search("zoe").map(\.id) == [desk.zoe.id])
        expectFunnelError(.notFound, "no touch with id 999") { try desk.store.editNote(touchID: 999, to: "x") }
    }

    /// A touch that repeats a note the person has leaves the document as it was and writes
    /// nothing to the index (its segments are byte for byte the same); the note stays found
    /// while any touch holds it.
    @Test func aRepeatedNoteLeavesTheIndexUnwritten() throws {
        let desk = try Desk(store: Store.inMemory())
        func index() throws -> [Row] {
            try desk.store.writer.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM candidate_search_data ORDER BY id") + Row.fetchAll(db, sql: "SELECT rowid, body FROM candidate_search ORDER BY rowid")
            }
        }
        let before = try index()
        let again = try desk.store.logTouch(desk.zoe.id, TouchDraft(at: at(20), channel: .email, outcome: .sent,
                                                                    note: "Discussed the kubernetes migration; wants Lisbon")).0
        #expect(try index() == before)
        // Edited away from one touch, the note is still the other's; from both, it is gone.
        try desk.store.editNote(touchID: desk.noteID, to: "Prefers Porto")
        #expect(try desk.store.search("kube").map(\.id) == [desk.zoe.id])
        #expect(try desk.store.search("porto").map(\.id) == [desk.zoe.id])
        try desk.store.editNote(touchID: again.id, to: "Prefers Porto")
        #expect(try desk.store.search("kube").isEmpty)
        #expect(try desk.store.search("porto").map(\.id) == [desk.zoe.id])
    }

    @Test func forgetsADeletedCandidate() throws {
        let folder = try TemporaryFolder()
        let desk = try Desk(store: Store.open(at: folder.path("funnel.sqlite")))
        // Erasing is another module's job; deleting the row is what it starts with.
        try desk.store.writer.write { db in try db.execute(sql: "DELETE FROM candidate WHERE id = ?", arguments: [desk.zoe.id]) }
        #expect(try desk.store.search("zoe").isEmpty)
        #expect(try desk.store.search("kube").isEmpty)
        #expect(try desk.store.search("chloe").map(\.id) == [desk.others[1].id])
    }

    @Test func followsProfileEditsTagsAndFutureRoles() throws {
        let desk = try Desk(store: Store.inMemory())
        var draft = CandidateDraft(firstName: "Zoë", lastName: "Schmidt", email: "zoe.m@example.com", tags: ["rust"])
        draft.company = "Globex"
        let (_, back) = try desk.store.update(desk.zoe.id, with: draft, at: at(20))
        #expect(try desk.store.search("muller").isEmpty)
        #expect(try desk.store.search("kotlin").isEmpty)
        #expect(try desk.store.search("schmidt globex rust").map(\.id) == [desk.zoe.id])
        try desk.store.revert(back, at: at(21))
        #expect(try desk.store.search("muller kotlin acme").map(\.id) == [desk.zoe.id])
        #expect(try desk.store.search("schmidt").isEmpty)

        let (_, roleBack) = try desk.store.recordFutureRole(desk.zoe.id, title: "Head of Platform", location: "Lisbon", remote: true, at: at(22))
        #expect(try desk.store.search("head of plat").map(\.id) == [desk.zoe.id])
        try desk.store.recordFutureRole(desk.zoe.id, title: "CTO", location: "Berlin", remote: false, at: at(23))
        // Only the current future role is searchable.
        #expect(try desk.store.search("head").isEmpty)
        #expect(try desk.store.search("cto berlin").map(\.id) == [desk.zoe.id])
        _ = roleBack
    }

    @Test(arguments: [
        #"""#, "(", ")", "*", "zoe*", "NEAR", "NEAR(zoe muller)", "OR", "zoe OR", "AND", "NOT zoe", "zoe\"", #""zoe"#,
        "-zoe", "^zoe", "{body}: zoe", "body:zoe", "zoe + muller", "'", "''", "\\", "%", "_", "zoe\u{0}", "🙂", "   ",
        String(repeating: "(", count: 200), String(repeating: "a ", count: 300),
    ])
    func ignoresFTSSyntaxWithoutThrowing(_ query: String) throws {
        let desk = try Desk(store: Store.inMemory())
        let found = try desk.store.search(query)
        _ = try desk.store.searchCount(query)
        #expect(found.allSatisfy { $0.id == desk.zoe.id }, "\(query)")
    }

    @Test(arguments: ["(zoe", "zoe*", "zoe)", "-zoe", "^zoe", "{zoe}", #""zoe"#, "zoe\"", "zoe:"])
    func stillFindsTheWordsAroundTheSyntax(_ query: String) throws {
        let desk = try Desk(store: Store.inMemory())
        #expect(try desk.store.search(query).map(\.id) == [desk.zoe.id], "\(query)")
    }
}
