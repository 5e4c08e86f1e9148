import Foundation
import FunnelCore
@testable import FunnelStore
import Testing

/// The import corpus (Fixtures/import, see its README): every quirk imports, every malformed
/// file is refused with its line, and a refused import leaves the store exactly as it was.
@Suite struct ImportCorpusTests {
    // MARK: Quirks

    @Test func byteOrderMarkIsDropped() throws {
        let store = try Store.inMemory()
        let report = try IO.importFixture(store, "bom.csv")
        #expect(report.committed && report.count(.add) == 2)
        #expect(report.mapping.columns.first?.header == "First Name")
        let zoe = try #require(try IO.all(store).first)
        #expect(zoe.firstName == "Zoë" && zoe.lastName == "Müller" && zoe.email == "zoe@example.com")
    }

    @Test func crlfLineEndsAndCRLFInsideQuotes() throws {
        let store = try Store.inMemory()
        let report = try IO.importFixture(store, "crlf.csv")
        #expect(report.committed && report.count(.add) == 2)
        #expect(report.outcomes.map(\.line) == [2, 4])
        let ana = try IO.all(store)[0]
        // Multi-line text is stored with line feeds (PlainText.multiLine): CRLF inside the cell becomes LF.
        #expect(try store.touches(of: ana.id).map(\.note) == ["Met at the Lisbon meetup.\nWants remote."])
        #expect(try IO.all(store)[1].lastName == "Costa")
    }

    @Test func quotedCommasQuotesAndNewlines() throws {
        let store = try Store.inMemory()
        let report = try IO.importFixture(store, "quoted.csv")
        #expect(report.committed && report.count(.add) == 3)
        #expect(report.outcomes.map(\.line) == [2, 3, 6])
        let people = try IO.all(store)
        #expect(people[0].location == "Austin, TX")
        #expect(try store.touches(of: people[0].id).map(\.note) == ["Said \"not now\", call in Q3"])
        #expect(people[1].location == nil)
        #expect(try store.touches(of: people[1].id).map(\.note) == ["Line one\nline two\nline three"])
        #expect(people[2].firstName == "Émile" && people[2].lastName == "O'Neil" && people[2].location == "Paris, France")
        #expect(try store.touches(of: people[2].id).map(\.note) == ["Comma, \"quote\", and\nnewline"])
    }

    @Test func trailingEmptyLinesAndMissingFinalNewline() throws {
        for name in ["trailing-empty-lines.csv", "no-final-newline.csv"] {
            let store = try Store.inMemory()
            let report = try IO.importFixture(store, name)
            #expect(report.committed && report.count(.add) == 2 && report.outcomes.count == 2, "\(name)")
        }
    }

    @Test func latin1IsRefusedAsUTF8AndReadWithTheFlag() throws {
        let store = try Store.inMemory()
        let message = IO.errorMessage { _ = try IO.importFixture(store, "latin1.csv") }
        #expect(message?.hasSuffix("latin1.csv:2: the file is not valid UTF-8 (byte 0xE9 at character 4 of the line): save it as UTF-8, or read it with --encoding latin1") == true)
        #expect(try store.totalCount() == 0)
        let report = try IO.importFixture(store, "latin1.csv", ImportOptions(encoding: .latin1))
        #expect(report.committed && report.count(.add) == 2)
        let jose = try IO.all(store)[0]
        #expect(jose.firstName == "José" && jose.lastName == "Núñez")
        // 0x92 is a right single quote in Windows-1252, not a control character.
        #expect(try store.touches(of: jose.id).first?.note == "Prefers café meetings \u{2019}after 5\u{2019}")
        #expect(try IO.all(store)[1].lastName == "Faÿ")
    }

    @Test func headerSpellingsAreRecognised() throws {
        let store = try Store.inMemory()
        let report = try IO.importFixture(store, "header-spellings.csv")
        #expect(report.headerProblems.isEmpty && report.committed)
        let kofi = try IO.all(store)[0]
        #expect(kofi.firstName == "Kofi" && kofi.lastName == "Mensah")
        #expect(kofi.email == "kofi@example.com")
        #expect(kofi.linkedinURL == "https://www.linkedin.com/in/kofi-mensah")
        #expect(kofi.location == "Accra" && kofi.title == "Data Engineer" && kofi.company == "Acme")
        #expect(kofi.stage == .consideration && kofi.status == .notLooking)
        #expect(kofi.tags == ["data", "python", "remote"])
        #expect(kofi.nextFollowUp == Day(year: 2026, month: 4, day: 1))
        #expect(try store.touches(of: kofi.id).map(\.channel) == [.note])
        #expect(try store.stageHistory(kofi.id).map(\.to) == [.consideration])
    }

    @Test func theRecruitersOwnSheet() throws {
        let store = try Store.inMemory()
        let report = try IO.importFixture(store, "seed-desk.csv")
        #expect(report.committed)
        #expect(report.count(.add) == 9 && report.count(.merge) == 1 && report.count(.error) == 0)
        let merge = try #require(report.outcomes.first { $0.action == .merge })
        #expect(merge.line == 10)  // Marcus's note spans two lines
        #expect(merge.detail.contains("same LinkedIn profile") && merge.detail.contains("added 1 note"))
        #expect(merge.warnings == ["keeps location 'Denver, CO' (the file says 'Denver')",
                                   "keeps preferred_channel 'linkedin' (the file says 'email')"])
        let people = try IO.all(store)
        #expect(people.count == 9)
        let ashley = people[0]
        #expect(ashley.linkedinURL == "https://www.linkedin.com/in/ashley-turner-42" && ashley.preferredChannel == .linkedin)
        #expect(try store.touches(of: ashley.id).count == 2)
        let marcus = people[1]
        #expect(marcus.preferredChannel == .phone && marcus.location == "Austin, TX")
        #expect(try store.touches(of: marcus.id).first?.note == "Left voicemail twice, then a good call.\nAsked about equity.")
        let priya = people[2]
        #expect(priya.email == "priya.n@example.com" && priya.preferredChannel == .email)
        let tomas = people[3]
        #expect(tomas.phone == "+1 (303) 555-0148" && tomas.preferredChannel == .phone && tomas.linkedinURL == nil)
        #expect(people[4].firstName == "山田" && people[4].lastName == "太郎")
        #expect(people.map(\.preferredChannel) == [.linkedin, .phone, .email, .phone, .linkedin, .email, .sms, .inPerson, .whatsapp])
        // Searchable at once, notes included.
        #expect(try store.search("principal").map(\.id) == [ashley.id])
        #expect(try store.search("データ").map(\.id) == [people[4].id])
        #expect(try store.check().ok)
    }

    @Test func anATSExportNeedsItsIDColumnIgnored() throws {
        let store = try Store.inMemory()
        let refused = try IO.importFixture(store, "ats-export.csv")
        #expect(!refused.committed)
        #expect(refused.headerProblems == ["unknown column 'Candidate ID' (column 1): map it with --map 'Candidate ID=FIELD' or skip it with --ignore 'Candidate ID'"])
        #expect(try store.totalCount() == 0)
        let report = try IO.importFixture(store, "ats-export.csv", ImportOptions(ignored: ["Candidate ID"]))
        #expect(report.committed && report.count(.add) == 3)
        let people = try IO.all(store)
        #expect(people.map(\.firstName) == ["Jane", "John", "Li"])
        #expect(people.map(\.lastName) == ["van der Berg", "Doe", "Na"])
        #expect(people.map(\.stage) == [.consideration, .conversion, .awareness])
        #expect(people[0].source == "Referral" && people[0].tags == ["product", "travel"])
        #expect(people[0].createdAt == Day(year: 2025, month: 11, day: 3)!.start(in: TimeZone(identifier: "UTC")!))
        #expect(Instant.format(people[1].createdAt) == "2025-12-15T14:30:00Z")
    }

    // MARK: Malformed files: refused before anything is written

    /// Files refused as a whole, with the message (after the file name) they must give.
    static let refusedFiles: [(String, String)] = [
        ("empty.csv", ": the file is empty"),
        ("blank-lines-only.csv", ": the file is empty"),
        ("bom-only.csv", ": the file is empty"),
        ("unbalanced-quote.csv", ":3: a quoted field opened on this line is never closed (unbalanced quote)"),
        ("text-after-quote.csv", ":3: text after the closing quote of a field: a quote inside a quoted field must be doubled (\"\")"),
        ("invalid-utf8.csv", ":4: the file is not valid UTF-8 (byte 0xE9 at character 4 of the line): save it as UTF-8, or read it with --encoding latin1"),
    ]

    @Test(arguments: refusedFiles)
    func malformedFileIsRefusedAndTheStoreUnchanged(_ file: String, _ expected: String) throws {
        let folder = try IO.temporaryFolder()
        defer { IO.cleanUp(folder) }
        let store = try IO.seededStore(at: folder)
        let before = try IO.fingerprint(store)
        for options in [ImportOptions(), ImportOptions(skipInvalid: true), ImportOptions(dryRun: true)] {
            var thrown: FunnelError?
            do { _ = try IO.importFixture(store, file, options) } catch let error as FunnelError { thrown = error }
            #expect(thrown?.kind == .invalid)
            #expect(thrown?.message == IO.fixture(file) + expected)
        }
        #expect(try IO.fingerprint(store) == before)
    }

    /// Files whose header or rows have errors: the report names each (line, message), and by
    /// default nothing is written.
    static let rejectedFiles: [(String, [String])] = [
        ("header-only.csv", ["1: the file has a header line but no rows to import"]),
        ("duplicate-headers.csv", ["1: the header names the column 'Email' twice (columns 2 and 3): rename one, or --ignore it"]),
        ("two-columns-one-field.csv", ["1: columns 'Email' and 'E-mail address' both fill email: --ignore one of them or --map it elsewhere"]),
        ("unknown-column.csv", ["1: unknown column 'Favourite Colour' (column 2): map it with --map 'Favourite Colour=FIELD' or skip it with --ignore 'Favourite Colour'"]),
        ("no-first-name.csv", ["1: no column gives the first name: name one 'First Name' or 'Name', or use --map COLUMN=first_name"]),
        ("wrong-column-count.csv", ["3: the row has 4 fields; the header has 3", "4: the row has 2 fields; the header has 3"]),
        ("bad-email.csv", ["4: invalid email address 'bruno@example'"]),
        ("bad-stage.csv", ["3: unknown stage 'interviewing': expected one of awareness, consideration, conversion, loyalty, advocacy"]),
        ("bad-date.csv", ["3: next follow-up '03/04/2026' is not a date: expected YYYY-MM-DD",
                          "4: next follow-up '2026-02-30' is not a date: expected YYYY-MM-DD"]),
        ("bad-linkedin.csv", ["3: invalid LinkedIn profile URL 'https://twitter.com/bruno': expected linkedin.com/in/NAME"]),
        ("missing-first-name-row.csv", ["3: a candidate needs a first name"]),
        ("unnamed-column-with-data.csv", ["3: column 2 has no header but holds 'stray': name it or --ignore it"]),
    ]

    @Test(arguments: rejectedFiles)
    func fileWithErrorsIsRejectedAndTheStoreUnchanged(_ file: String, _ expected: [String]) throws {
        let folder = try IO.temporaryFolder()
        defer { IO.cleanUp(folder) }
        let store = try IO.seededStore(at: folder)
        let before = try IO.fingerprint(store)
        let report = try IO.importFixture(store, file)
        #expect(!report.committed && !report.acceptable)
        let errors = report.headerProblems.map { "\(report.headerLine): \($0)" }
            + report.outcomes.filter { $0.action == .error }.map { "\($0.line): \($0.detail)" }
        #expect(errors == expected)
        #expect(report.summary.hasSuffix("nothing imported"))
        #expect(try IO.fingerprint(store) == before)
        // A dry run reports the same and writes nothing either.
        let dry = try IO.importFixture(store, file, ImportOptions(dryRun: true))
        #expect(!dry.committed && dry.errorCount == expected.count)
        #expect(try IO.fingerprint(store) == before)
    }

    @Test func skipInvalidImportsTheGoodRowsOnly() throws {
        let store = try Store.inMemory()
        let report = try IO.importFixture(store, "wrong-column-count.csv", ImportOptions(skipInvalid: true))
        #expect(report.committed)
        #expect(report.outcomes.map(\.action) == [.add, .error, .error, .add])
        #expect(try IO.all(store).map(\.firstName) == ["Ana", "Dana"])
        #expect(report.summary == "4 rows: 2 added, 0 merged, 0 skipped, 2 errors, 0 warnings; the rows with errors were skipped")
        // Header problems are never skipped: the columns cannot be trusted.
        let header = try IO.importFixture(try Store.inMemory(), "unknown-column.csv", ImportOptions(skipInvalid: true))
        #expect(!header.committed)
    }

    @Test func ignoringTheUnknownColumnLetsTheFileIn() throws {
        let store = try Store.inMemory()
        let report = try IO.importFixture(store, "unknown-column.csv", ImportOptions(ignored: ["favourite colour"]))
        #expect(report.committed && report.count(.add) == 1)
        let mapped = try IO.importFixture(try Store.inMemory(), "unknown-column.csv",
                                          ImportOptions(overrides: [(column: "Favourite Colour", field: .interests)]))
        #expect(mapped.committed && mapped.mapping.columns[1].field == .interests)
    }

    @Test func aTenMegabyteFieldIsRefusedWithItsLine() throws {
        let folder = try IO.temporaryFolder()
        defer { IO.cleanUp(folder) }
        let store = try IO.seededStore(at: folder)
        let before = try IO.fingerprint(store)
        var data = Data("First Name,Notes\nAna,short\nBruno,\"".utf8)
        data.append(Data(repeating: UInt8(ascii: "x"), count: 10 * 1_048_576))
        data.append(Data("\"\nCarla,fine\n".utf8))
        let report = try store.importCSV(data: data, name: "huge.csv", options: ImportOptions(), at: IO.now)
        #expect(!report.committed)
        #expect(report.outcomes.map(\.action) == [.add, .error, .add])
        #expect(report.outcomes[1].line == 3)
        #expect(report.outcomes[1].detail == "the field 'Notes' is 10,485,760 bytes long; the limit is 100,000")
        #expect(try IO.fingerprint(store) == before)
    }

    @Test func dryRunReportsEveryRowAndWritesNothing() throws {
        let folder = try IO.temporaryFolder()
        defer { IO.cleanUp(folder) }
        let store = try IO.seededStore(at: folder)
        let before = try IO.fingerprint(store)
        let report = try IO.importFixture(store, "seed-desk.csv", ImportOptions(dryRun: true))
        #expect(!report.committed && report.acceptable)
        let lines = report.lines(includeAdds: true).map { $0.replacingOccurrences(of: IO.fixture("") + "/", with: "") }
        #expect(lines.first == "seed-desk.csv:1: columns: First Name → first_name, Last Name → last_name, Method used to contact → preferred_channel, Location → location, LinkedIn URL → linkedin_url, Notes → notes")
        #expect(lines[1] == "seed-desk.csv:2: add Ashley Turner")
        #expect(lines.contains("seed-desk.csv:10: merge into Ashley Turner (line 2) (same LinkedIn profile): added 1 note"))
        #expect(lines.contains("seed-desk.csv:10: warning: keeps location 'Denver, CO' (the file says 'Denver')"))
        #expect(report.summary == "10 rows: 9 to add, 1 to merge, 0 to skip, 0 errors, 2 warnings; dry run: nothing written")
        #expect(try IO.fingerprint(store) == before)
        // The real run does what the dry run said.
        let real = try IO.importFixture(store, "seed-desk.csv")
        #expect(real.outcomes.map(\.action) == report.outcomes.map(\.action))
        #expect(real.committed)
        #expect(try store.totalCount() == 10)
    }

    @Test func theImportedSearchDocumentIsTheOneReindexWrites() throws {
        let store = try Store.inMemory()
        _ = try IO.importFixture(store, "seed-desk.csv")
        _ = try IO.importFixture(store, "header-spellings.csv")
        let imported = try store.read { db in try String.fetchAll(db, sql: "SELECT body FROM candidate_search ORDER BY rowid") }
        try store.writer.write { db in
            for id in try Int64.fetchAll(db, sql: "SELECT id FROM candidate") { try Store.reindex(db, id) }
        }
        let reindexed = try store.read { db in try String.fetchAll(db, sql: "SELECT body FROM candidate_search ORDER BY rowid") }
        #expect(imported == reindexed)
        #expect(imported.count == 10)
    }
}
