import Foundation
import FunnelCore
@testable import FunnelStore
import Testing

/// Delimiters, encodings and the formula guard (issue 9): what spreadsheets other than a
/// comma-separated UTF-8 one write, and the files hostile as bytes (Tests/HostileCorpus/bytes).
@Suite struct ImportFormatsTests {
    static func hostile(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("HostileCorpus/bytes/\(name)").path
    }

    /// `text` as UTF-16 in the given byte order, after its byte-order mark.
    static func utf16(_ text: String, littleEndian: Bool) -> Data {
        var data = Data(littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF])
        for unit in text.utf16 {
            let bytes = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            data.append(contentsOf: littleEndian ? bytes : bytes.reversed())
        }
        return data
    }

    func importing(_ data: Data, _ name: String, into store: Store, _ options: ImportOptions = ImportOptions()) throws -> ImportReport {
        try store.importCSV(data: data, name: name, options: options, at: IO.now)
    }

    // MARK: Delimiters

    @Test func aSemicolonSheetImports() throws {
        let folder = try IO.temporaryFolder()
        defer { IO.cleanUp(folder) }
        let store = try Store.open(at: folder.appendingPathComponent("desk.sqlite").path)
        let text = "First Name;Last Name;Email;City;Notes\nAna;Silva;ana@example.com;\"Lisbon; PT\";\"Met, briefly\"\nJosé;Núñez;jose@example.com;;\n"
        let report = try importing(Data(text.utf8), "semi.csv", into: store)
        #expect(report.committed && report.count(.add) == 2 && report.headerProblems.isEmpty)
        #expect(report.delimiter == .semicolon)
        #expect(report.lines(includeAdds: true).first == "semi.csv:1: columns (separated by ';'): First Name → first_name, Last Name → last_name, Email → email, City → location, Notes → notes")
        let people = try IO.all(store)
        #expect(people.map(\.firstName) == ["Ana", "José"])
        #expect(people.map(\.lastName) == ["Silva", "Núñez"])
        #expect(people[0].email == "ana@example.com" && people[0].location == "Lisbon; PT")
        #expect(try store.touches(of: people[0].id).map(\.note) == ["Met, briefly"])
        #expect(people[1].location == nil)
        #expect(try store.check().ok)
    }

    @Test func theDelimiterThatNamesKnownColumnsWinsAndATieIsAComma() {
        let known: (String) -> Bool = { ImportField.recognise($0) != nil }
        // "Notes; misc" is one column to a comma and two unknown ones to a semicolon.
        let comma = CSVSource.detectDelimiter("First Name,Email,Notes; misc\n", isKnownColumn: known)
        #expect(comma.delimiter == .comma && !comma.decided)
        let semicolon = CSVSource.detectDelimiter("First Name;\"Last, Name\";Email\n", isKnownColumn: known)
        #expect(semicolon.delimiter == .semicolon && semicolon.decided)
        let tab = CSVSource.detectDelimiter("\n\nFirst Name\tCompany, Inc\tEmail\n", isKnownColumn: known)
        #expect(tab.delimiter == .tab && !tab.decided)  // 'Company, Inc' is no known column
        let tabKnown = CSVSource.detectDelimiter("First Name\tLast Name, Suffix\n", isKnownColumn: { known($0) || $0 == "Last Name, Suffix" })
        #expect(tabKnown.delimiter == .tab && tabKnown.decided)
        // Both split it into known names ("First Name;Email" is not one, so build a real tie).
        let tie = CSVSource.detectDelimiter("Name,Email;Phone\n", isKnownColumn: { _ in true })
        #expect(tie.delimiter == .comma && tie.decided)
        let none = CSVSource.detectDelimiter("Name\n", isKnownColumn: known)
        #expect(none.delimiter == .comma && none.decided)
        let only = CSVSource.detectDelimiter("Favourite;Colour\n", isKnownColumn: known)
        #expect(only.delimiter == .semicolon && only.decided)
    }

    @Test func anUndecidedDelimiterSuggestsTheFlag() throws {
        let store = try Store.inMemory()
        let text = "First Name;Fav,Colour\nAna;x,y\n"
        let report = try importing(Data(text.utf8), "odd.csv", into: store)
        #expect(!report.committed)
        #expect(report.headerProblems.last == "the header line holds 1 ',' and 1 ';' outside quotes and none of them splits it into known column names, so it was read as separated by ';': if that is wrong, give --delimiter ',', --delimiter ';' or --delimiter tab")
        let mapped = try importing(Data(text.utf8), "odd.csv", into: store,
                                   ImportOptions(ignored: ["Fav"], delimiter: .semicolon))
        #expect(!mapped.committed)
        #expect(mapped.headerProblems == ["--ignore names the column 'Fav', which the header does not have",
                                          "unknown column 'Fav,Colour' (column 2): map it with --map 'Fav,Colour=FIELD' or skip it with --ignore 'Fav,Colour'"])
        let given = try importing(Data(text.utf8), "odd.csv", into: store,
                                  ImportOptions(ignored: ["Fav,Colour"], delimiter: .semicolon))
        #expect(given.committed)
        #expect(try IO.all(store).map(\.firstName) == ["Ana"])
        // A column named by --ignore counts as known, so detection decides by itself.
        let detected = try importing(Data("First Name;Fav,Colour\nBea;x,y\n".utf8), "odd.csv", into: store,
                                     ImportOptions(ignored: ["Fav,Colour"]))
        #expect(detected.committed && detected.delimiter == .semicolon)
    }

    @Test func delimiterNames() throws {
        #expect(try CSVDelimiter.parse(",") == .comma)
        #expect(try CSVDelimiter.parse(";") == .semicolon)
        #expect(try CSVDelimiter.parse("tab") == .tab)
        #expect(try CSVDelimiter.parse("\\t") == .tab)
        #expect(try CSVDelimiter.parse("\t") == .tab)
        #expect(IO.errorMessage { _ = try CSVDelimiter.parse("|") } == "unknown delimiter '|': expected ',', ';' or tab")
    }

    // MARK: Encodings

    /// Excel's "Unicode text": UTF-16LE with a byte-order mark, tab-separated, CRLF.
    @Test func excelUnicodeTextImports() throws {
        let folder = try IO.temporaryFolder()
        defer { IO.cleanUp(folder) }
        let path = folder.appendingPathComponent("Unicode Text.txt").path
        let text = "First Name\tLast Name\tE-mail Address\tNotes\r\nZoë\tMüller\tzoe@example.com\t\"Likes, commas\ttabs\"\r\n山田\t太郎\tyamada@example.com\t🎉 party\r\n"
        try Self.utf16(text, littleEndian: true).write(to: URL(fileURLWithPath: path))
        let store = try Store.open(at: folder.appendingPathComponent("desk.sqlite").path)
        let report = try store.importCSV(path: path, options: ImportOptions(), at: IO.now)
        #expect(report.committed && report.count(.add) == 2 && report.delimiter == .tab)
        #expect(report.outcomes.map(\.line) == [2, 3])
        let people = try IO.all(store)
        #expect(people.map(\.fullName) == ["Zoë Müller", "山田 太郎"])
        #expect(people.map(\.email) == ["zoe@example.com", "yamada@example.com"])
        #expect(try store.touches(of: people[0].id).map(\.note) == ["Likes, commas\ttabs"])
        #expect(try store.touches(of: people[1].id).map(\.note) == ["🎉 party"])
        #expect(try store.check().ok)
    }

    @Test func utf16BigEndianImports() throws {
        let store = try Store.inMemory()
        let text = "First Name,Last Name,Email\nÉmile,O'Neil,emile@example.com\n"
        let report = try importing(Self.utf16(text, littleEndian: false), "be.csv", into: store)
        #expect(report.committed && report.count(.add) == 1 && report.delimiter == .comma)
        let emile = try #require(try IO.all(store).first)
        #expect(emile.firstName == "Émile" && emile.lastName == "O'Neil" && emile.email == "emile@example.com")
    }

    @Test func aByteOrderMarkWinsOverTheEncodingFlag() throws {
        let store = try Store.inMemory()
        let text = "First Name;Email\nÅsa;asa@example.com\n"
        let report = try importing(Self.utf16(text, littleEndian: true), "le.csv", into: store, ImportOptions(encoding: .latin1))
        #expect(report.committed)
        #expect(try IO.all(store).first?.firstName == "Åsa")
        let bomOnly = IO.errorMessage { _ = try importing(Data([0xFF, 0xFE]), "bom16.csv", into: store) }
        #expect(bomOnly == "bom16.csv: the file is empty")
        let half = IO.errorMessage { _ = try importing(Self.utf16("First Name\nA\n", littleEndian: true) + Data([0x41]), "half.csv", into: store) }
        #expect(half == "half.csv:3: the file is UTF-16LE (it starts with a byte-order mark) but ends in half a character: re-save it as UTF-8 CSV")
    }

    /// The hostile byte files: one error naming file:line and the fix, and nothing written.
    static let hostileFiles: [(String, String)] = [
        ("overlong-utf8.csv", ":2: the file is not valid UTF-8 (an overlong encoding, bytes 0xC0 0xAF, at character 5 of the line): re-save it as UTF-8 CSV"),
        ("lone-surrogate-utf16le.csv", ":2: the file is UTF-16LE (it starts with a byte-order mark) but is not valid text (a lone surrogate 0xD800 at character 5 of the line): re-save it as UTF-8 CSV"),
        ("lone-surrogate-utf16be.csv", ":2: the file is UTF-16BE (it starts with a byte-order mark) but is not valid text (a lone surrogate 0xDC00 at character 5 of the line): re-save it as UTF-8 CSV"),
    ]

    @Test(arguments: hostileFiles)
    func hostileBytesAreRefusedAndTheStoreUnchanged(_ file: String, _ expected: String) throws {
        let folder = try IO.temporaryFolder()
        defer { IO.cleanUp(folder) }
        let store = try IO.seededStore(at: folder)
        let before = try IO.fingerprint(store)
        var options = [ImportOptions(), ImportOptions(skipInvalid: true), ImportOptions(dryRun: true), ImportOptions(delimiter: .tab)]
        // A byte-order mark wins over --encoding; without one, latin1 reads any bytes (as "À¯").
        if file.contains("utf16") { options.append(ImportOptions(encoding: .latin1)) }
        for option in options {
            var thrown: FunnelError?
            do {
                _ = try store.importCSV(path: Self.hostile(file), options: option, at: IO.now)
            } catch let error as FunnelError { thrown = error }
            #expect(thrown?.kind == .invalid)
            #expect(thrown?.message == Self.hostile(file) + expected)
            #expect(thrown?.message.contains("latin1") == false)
        }
        #expect(try IO.fingerprint(store) == before)
    }

    @Test func onlyLatin1LookingBytesSuggestLatin1() throws {
        let store = try Store.inMemory()
        let stray = IO.errorMessage { _ = try importing(Data(Array("First Name\nJos".utf8) + [0xE9, 0x0A]), "a.csv", into: store) }
        #expect(stray?.hasSuffix("save it as UTF-8, or read it with --encoding latin1") == true)
        var withBOM = Data([0xEF, 0xBB, 0xBF])
        withBOM.append(contentsOf: Array("First Name\nJos".utf8) + [0xE9, 0x0A])
        let bom = IO.errorMessage { _ = try importing(withBOM, "b.csv", into: store) }
        #expect(bom == "b.csv:2: the file is not valid UTF-8 (byte 0xE9 at character 4 of the line): re-save it as UTF-8 CSV")
        let surrogate = IO.errorMessage { _ = try importing(Data(Array("First Name\r\nA\r\nB".utf8) + [0xED, 0xA0, 0x80]), "c.csv", into: store) }
        #expect(surrogate == "c.csv:3: the file is not valid UTF-8 (an encoded surrogate, bytes 0xED 0xA0 0x80, at character 2 of the line): re-save it as UTF-8 CSV")
        #expect(try store.totalCount() == 0)
    }

    // MARK: The formula guard

    static let guarded: [(String, String)] = [
        ("=1+1", "'=1+1"), ("+cmd", "'+cmd"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
        ("'=x", "''=x"), ("''=x", "'''=x"), ("'plain", "'plain"), ("'", "'"), ("''", "''"), ("-", "'-"),
        ("normal", "normal"), ("", ""), ("a=b", "a=b"), ("+44 20 7946 0958", "'+44 20 7946 0958"),
    ]

    @Test(arguments: guarded)
    func theGuardAndItsInverse(_ value: String, _ exported: String) {
        #expect(FormulaGuard.protect(value) == exported)
        #expect(FormulaGuard.unprotect(exported) == value)
    }

    @Test func formulaCellsExportGuarded() throws {
        let store = try Store.inMemory()
        _ = try store.importCSV(path: Self.hostile("formula-cells.csv"), options: ImportOptions(), at: IO.now)
        let person = try #require(try IO.all(store).first)
        #expect(person.firstName == "=HYPERLINK(\"http://x\")" && person.lastName == "+cmd")
        #expect(person.phone == "+44 20 7946 0958" && person.company == "@SUM(A1)")
        let csv = try IO.csvExport(store)
        #expect(csv.contains("\n1,\"'=HYPERLINK(\"\"http://x\"\")\",'+cmd,f@example.com,'+44 20 7946 0958,,,,'@SUM(A1),"))
        var raw = Data()
        try store.exportCandidates(format: .csv, guardFormulas: false, to: { raw.append($0) })
        #expect(String(decoding: raw, as: UTF8.self).contains("\n1,\"=HYPERLINK(\"\"http://x\"\")\",+cmd,f@example.com,+44 20 7946 0958,,,,@SUM(A1),"))
    }

    @Test func exportThenImportIsTheIdentityOnGuardedValues() throws {
        let values = ["=1+1", "+cmd", "-5", "@SUM(A1)", "'=x", "''=x", "'plain", "-", "normal", "'", "'-"]
        let source = try Store.inMemory()
        for (index, value) in values.enumerated() {
            let added = try source.add(CandidateDraft(firstName: "P\(index)", lastName: value, email: "p\(index)@example.com",
                                                      phone: value == "normal" ? "+44 20 7946 0958" : nil, title: value,
                                                      company: value, tags: value == "'" ? [] : ["t"], interests: value), at: IO.now)
            _ = try source.logTouch(added.id, .note(value, at: IO.now))
        }
        var main = Data(), touches = Data()
        try source.exportCandidates(format: .csv, touches: true, to: { main.append($0) }, touchSink: { touches.append($0) })
        let text = String(decoding: main, as: UTF8.self)
        #expect(text.contains(",'=1+1,") && text.contains(",'''=x,") && text.contains(",'plain,") && text.contains(",'+44 20 7946 0958,"))
        #expect(String(decoding: touches, as: UTF8.self).contains(",'=1+1,"))
        let target = try Store.inMemory()
        let report = try target.importCSV(data: main, name: "export.csv", options: ImportOptions(), at: IO.now)
        #expect(report.committed && report.count(.add) == values.count && report.warningCount == 0)
        var a = try IO.all(source), b = try IO.all(target)
        for i in a.indices { a[i].updatedAt = .distantPast }
        for i in b.indices { b[i].updatedAt = .distantPast }
        #expect(a == b)
        #expect(b.map(\.lastName) == values)
        #expect(try IO.csvExport(target) == text)
        for id in b.map(\.id) {
            #expect(try target.touches(of: id).map(\.note) == (try source.touches(of: id).map(\.note)))
        }
    }
}
