import Foundation
import FunnelCore
@testable import FunnelStore
import Testing

/// Duplicates by normalised email or LinkedIn profile, against the store and against earlier
/// rows of the same file, under each policy: never a second copy.
@Suite struct ImportDuplicateTests {
    func csv(_ text: String) -> Data { Data(text.utf8) }

    func run(_ store: Store, _ text: String, _ policy: DuplicatePolicy, skipInvalid: Bool = false) throws -> ImportReport {
        try store.importCSV(data: csv(text), name: "dups.csv",
                            options: ImportOptions(skipInvalid: skipInvalid, onDuplicate: policy), at: IO.now)
    }

    /// The store holds Jane (email and profile) with a title, a tag, a note and a future role.
    func storeWithJane() throws -> (Store, Candidate) {
        let store = try Store.inMemory()
        let jane = try store.add(CandidateDraft(firstName: "Jane", lastName: "Doe", email: "Jane.Doe@Example.com",
                                                linkedinURL: "https://www.linkedin.com/in/Jane-Doe/", title: "CTO",
                                                tags: ["exec"]), at: IO.now)
        _ = try store.logTouch(jane.id, .note("first chat", at: IO.now))
        _ = try store.recordFutureRole(jane.id, title: "VP Engineering", location: "Lisbon", remote: false, at: IO.now)
        return (store, jane)
    }

    static let header = "First Name,Last Name,Email,LinkedIn URL,Title,Phone,Tags,Notes\n"

    @Test func mergeAgainstTheStoreFillsEmptyFieldsAndKeepsTheRest() throws {
        let (store, jane) = try storeWithJane()
        let report = try run(store, Self.header + "jane,DOE,JANE.DOE@example.com,,VP Eng,+351 912 000 111,\"exec, remote\",second chat\n", .merge)
        #expect(report.committed)
        let outcome = try #require(report.outcomes.first)
        #expect(outcome.action == .merge && outcome.candidateID == jane.id)
        #expect(outcome.detail == "into #\(jane.id) Jane Doe (same email): filled phone; added tag remote; added 1 note")
        #expect(outcome.warnings == ["keeps title 'CTO' (the file says 'VP Eng')"])
        let merged = try store.candidate(jane.id)
        #expect(merged.title == "CTO" && merged.phone == "+351 912 000 111" && merged.tags == ["exec", "remote"])
        #expect(try store.touches(of: jane.id).map(\.note) == ["second chat", "first chat"])
        #expect(try store.totalCount() == 1)
        #expect(try store.search("remote").map(\.id) == [jane.id])
        #expect(try store.check().ok)
    }

    @Test func sameLinkedInProfileInAnotherSpellingIsADuplicate() throws {
        let (store, jane) = try storeWithJane()
        let report = try run(store, Self.header + "Janet,Doe,,linkedin.com/in/jane-doe,,,,\n", .merge)
        #expect(report.outcomes.first?.action == .merge)
        #expect(report.outcomes.first?.detail == "into #\(jane.id) Jane Doe (same LinkedIn profile): nothing new")
        #expect(report.outcomes.first?.warnings == ["keeps first_name 'Jane' (the file says 'Janet')"])
        #expect(try store.totalCount() == 1)
    }

    @Test func reimportingTheSameNoteDoesNotRepeatIt() throws {
        let (store, jane) = try storeWithJane()
        let report = try run(store, Self.header + "Jane,Doe,jane.doe@example.com,,,,,first chat\n", .merge)
        #expect(report.outcomes.first?.detail == "into #\(jane.id) Jane Doe (same email): 1 touch already logged")
        #expect(try store.touches(of: jane.id).count == 1)
    }

    @Test func skipLeavesTheExistingCandidateAlone() throws {
        let (store, jane) = try storeWithJane()
        let before = try IO.fingerprint(store)
        let report = try run(store, Self.header + "Jane,Doe,jane.doe@example.com,,VP Eng,+351 1,,another note\nBob,Ray,bob@example.com,,,,,\n", .skip)
        #expect(report.committed)
        #expect(report.outcomes.map(\.action) == [.skip, .add])
        #expect(report.outcomes[0].detail == "duplicate of #\(jane.id) Jane Doe (same email)")
        #expect(try store.candidate(jane.id).phone == nil)
        #expect(try store.touches(of: jane.id).count == 1)
        #expect(try store.totalCount() == 2)
        let after = try IO.fingerprint(store)
        #expect(before != after)
    }

    @Test func errorRefusesTheFileUnlessInvalidRowsAreSkipped() throws {
        let (store, jane) = try storeWithJane()
        let before = try IO.fingerprint(store)
        let text = Self.header + "Bob,Ray,bob@example.com,,,,,\nJane,Doe,,https://www.linkedin.com/in/jane-doe,,,,\n"
        let refused = try run(store, text, .error)
        #expect(!refused.committed)
        #expect(refused.outcomes.map(\.action) == [.add, .error])
        #expect(refused.outcomes[1].detail == "Jane Doe is a duplicate of #\(jane.id) Jane Doe (same LinkedIn profile); --on-duplicate merge or skip to accept it")
        #expect(try IO.fingerprint(store) == before)
        let skipped = try run(store, text, .error, skipInvalid: true)
        #expect(skipped.committed)
        #expect(try store.totalCount() == 2)
    }

    @Test func duplicatesWithinTheFileMergeIntoTheFirstRow() throws {
        let store = try Store.inMemory()
        let text = Self.header + """
            Ana,Silva,ana@example.com,,,,go,met at meetup
            Ana,,ANA@example.com,linkedin.com/in/ana-silva,Engineer,,"go, rust",asked about Lisbon
            Ana,Silva,,https://pt.linkedin.com/in/ana-silva/,Staff Engineer,,,

            """
        let report = try run(store, text, .merge)
        #expect(report.committed)
        #expect(report.outcomes.map(\.action) == [.add, .merge, .merge])
        #expect(report.outcomes[1].detail == "into Ana Silva (line 2) (same email): filled linkedin_url, title; added tag rust; added 1 note")
        #expect(report.outcomes[2].detail == "into Ana Silva (line 2) (same LinkedIn profile): nothing new")
        #expect(report.outcomes[2].warnings == ["keeps title 'Engineer' (the file says 'Staff Engineer')"])
        let ana = try IO.all(store)
        #expect(ana.count == 1)
        #expect(ana[0].tags == ["go", "rust"] && ana[0].linkedinURL == "https://www.linkedin.com/in/ana-silva")
        #expect(try store.touches(of: ana[0].id).count == 2)
        #expect(try store.check().ok)
    }

    @Test func duplicatesWithinTheFileUnderSkipAndError() throws {
        let text = Self.header + "Ana,Silva,ana@example.com,,,,,\nAna,S,ana@example.com,,,,,other\n"
        let skipStore = try Store.inMemory()
        let skip = try run(skipStore, text, .skip)
        #expect(skip.outcomes.map(\.action) == [.add, .skip])
        #expect(skip.outcomes[1].detail == "duplicate of Ana Silva (line 2) (same email)")
        #expect(try skipStore.totalCount() == 1)
        let errorStore = try Store.inMemory()
        let error = try run(errorStore, text, .error)
        #expect(error.outcomes.map(\.action) == [.add, .error] && !error.committed)
        #expect(try errorStore.totalCount() == 0)
    }

    @Test func emailAndProfileOfTwoDifferentPeopleIsAnError() throws {
        let (store, jane) = try storeWithJane()
        let bob = try store.add(CandidateDraft(firstName: "Bob", email: "bob@example.com"), at: IO.now)
        let report = try run(store, Self.header + "Bob,Jane,bob@example.com,linkedin.com/in/jane-doe,,,,\n", .merge)
        #expect(report.outcomes.first?.action == .error)
        #expect(report.outcomes.first?.detail == "the email matches #\(bob.id) Bob but the LinkedIn profile matches #\(jane.id) Jane Doe: merge them by hand first")
        #expect(!report.committed)
    }

    @Test func mergingAFutureRoleOnlyWhenThereIsNone() throws {
        let (store, jane) = try storeWithJane()
        let bob = try store.add(CandidateDraft(firstName: "Bob", email: "bob@example.com"), at: IO.now)
        let text = "First Name,Email,Future role,Future location\nJane,jane.doe@example.com,Staff Engineer,Porto\nBob,bob@example.com,Staff Engineer,Porto\n"
        let report = try run(store, text, .merge)
        #expect(report.outcomes[0].warnings == ["keeps future_role_title 'VP Engineering in Lisbon' (the file says 'Staff Engineer in Porto')"])
        #expect(report.outcomes[1].detail == "into #\(bob.id) Bob (same email): added the future role")
        #expect(try store.currentFutureRole(of: jane.id)?.title == "VP Engineering")
        #expect(try store.currentFutureRole(of: bob.id)?.summary == "Staff Engineer in Porto")
        #expect(try store.search("porto").map(\.id) == [bob.id])
    }
}

/// A file larger than one write batch: what waits in a batch is visible to later rows (merges
/// into candidates added before and after a batch was written), and the store's invariants hold.
@Suite struct ImportBatchTests {
    @Test func rowsAcrossBatchBoundaries() throws {
        var text = "First Name,Last Name,Email,Tags,Notes\n"
        let count = Importer.batchSize + 1_234
        for i in 0..<count {
            text += "P\(i),Batch,p\(i)@example.com,\"t\(i % 7), common\",note number \(i) word\(i)\n"
        }
        // Duplicates of a row written in the first batch and of one still waiting in the second.
        text += "P3,Batch,P3@example.com,extra,later note for three\n"
        text += "P\(count - 2),Batch,p\(count - 2)@example.com,,later note for the last\n"
        let store = try Store.inMemory()
        let report = try store.importCSV(data: Data(text.utf8), name: "big.csv", options: ImportOptions(), at: IO.now)
        #expect(report.committed && report.count(.add) == count && report.count(.merge) == 2)
        #expect(report.outcomes[count].detail == "into P3 Batch (line 5) (same email): added tag extra; added 1 note")
        #expect(report.outcomes[count + 1].detail.hasSuffix("(same email): added 1 note"))
        #expect(try store.totalCount() == count)
        #expect(try store.candidate(4).tags == ["t3", "common", "extra"])
        #expect(try store.touches(of: 4).count == 2)
        #expect(try store.search("word5999").map(\.id) == [6000])
        #expect(try store.search("three").map(\.id) == [4])
        #expect(try store.search("last").map(\.id) == [Int64(count - 1)])
        #expect(try store.searchCount("common") == count)
        let check = try store.check()
        #expect(check.ok, "\(check.problems)")
        #expect(check.touches == count + 2 && check.stageChanges == count && check.searchDocuments == count)
    }
}
