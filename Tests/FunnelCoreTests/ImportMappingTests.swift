import Foundation
@testable import FunnelCore
import Testing

/// Header mapping: the synonyms table, `--map`, `--ignore`, and the problems it reports.
@Suite struct ImportMappingTests {
    @Test(arguments: [
        ("First Name", ImportField.firstName), ("first_name", .firstName), ("FIRST-NAME", .firstName), ("Given name", .firstName),
        ("  first name: ", .firstName), ("Surname", .lastName), ("Last Name", .lastName), ("Name", .fullName),
        ("Full Name", .fullName), ("E-mail", .email), ("Email Address", .email), ("email", .email),
        ("LinkedIn", .linkedinURL), ("LinkedIn URL", .linkedinURL), ("Profile", .linkedinURL), ("City", .location),
        ("Location", .location), ("Notes", .notes), ("Comments", .notes), ("Stage", .stage), ("Status", .status),
        ("Tags", .tags), ("Title", .title), ("Job Title", .title), ("Company", .company), ("Employer", .company),
        ("Method used to contact", .preferredChannel), ("Contact method", .preferredChannel), ("Mobile", .phone),
        ("Next follow-up", .nextFollowUp), ("Forename", .firstName), ("last_touch_note", .lastTouchNote), ("id", .id),
    ])
    func recognisesCommonSpellings(_ header: String, _ field: ImportField) {
        #expect(ImportField.recognise(header) == field)
    }

    @Test func everyExportColumnReadsBackUnderItsOwnName() {
        for field in ImportField.exportColumns { #expect(ImportField.recognise(field.rawValue) == field) }
        #expect(!ImportField.exportColumns.contains(.notes) && !ImportField.exportColumns.contains(.fullName))
    }

    @Test func unknownColumnsAreProblemsUntilMappedOrIgnored() {
        let header = ["First Name", "Desk line", "Favourite colour", "Email"]
        let plain = HeaderMapping.resolve(header: header)
        #expect(plain.problems == [
            "unknown column 'Desk line' (column 2): map it with --map 'Desk line=FIELD' or skip it with --ignore 'Desk line'",
            "unknown column 'Favourite colour' (column 3): map it with --map 'Favourite colour=FIELD' or skip it with --ignore 'Favourite colour'",
        ])
        let fixed = HeaderMapping.resolve(header: header, overrides: [(column: "DESK LINE", field: .phone)], ignored: ["FAVOURITE COLOUR"])
        #expect(fixed.problems.isEmpty)
        #expect(fixed.columns.map(\.field) == [.firstName, .phone, nil, .email])
    }

    @Test func mapOverridesTheSynonymsTable() {
        let mapping = HeaderMapping.resolve(header: ["Name", "Title"], overrides: [(column: "Title", field: .futureRoleTitle)])
        #expect(mapping.columns.map(\.field) == [.fullName, .futureRoleTitle])
        let missing = HeaderMapping.resolve(header: ["Name"], overrides: [(column: "Phone", field: .phone)], ignored: ["Fax"])
        #expect(missing.problems == ["--map names the column 'Phone', which the header does not have",
                                     "--ignore names the column 'Fax', which the header does not have"])
    }

    @Test func duplicateHeadersAndTwoColumnsForOneField() {
        #expect(HeaderMapping.resolve(header: ["First Name", "Email", "email"]).problems
            == ["the header names the column 'email' twice (columns 2 and 3): rename one, or --ignore it"])
        #expect(HeaderMapping.resolve(header: ["First Name", "Email", "E-mail"]).problems
            == ["columns 'Email' and 'E-mail' both fill email: --ignore one of them or --map it elsewhere"])
        // Location, notes and tags combine.
        #expect(HeaderMapping.resolve(header: ["First Name", "City", "Country", "Notes", "Comments", "Tags", "Skills"]).problems.isEmpty)
    }

    @Test func aFirstNameColumnIsRequired() {
        #expect(HeaderMapping.resolve(header: ["Surname", "Email"]).problems
            == ["no column gives the first name: name one 'First Name' or 'Name', or use --map COLUMN=first_name"])
        #expect(HeaderMapping.resolve(header: ["Name", "First Name"]).problems
            == ["the file has both a full-name column and a first-name column: --ignore one of them"])
    }

    @Test func parsingMapArguments() throws {
        #expect(try ColumnOverride.parse("Cell=phone") == ("Cell", .phone))
        #expect(try ColumnOverride.parse("a=b=email") == ("a=b", .email))
        #expect(try ColumnOverride.parse("Desk=E-mail").field == .email)
        #expect(throws: FunnelError.invalid("--map expects COLUMN=FIELD, e.g. --map 'Cell=phone', not 'phone'")) { try ColumnOverride.parse("phone") }
        #expect(throws: FunnelError.self) { try ColumnOverride.parse("Cell=fax") }
    }

    @Test func headerKeysIgnoreCaseAccentsAndPunctuation() {
        #expect(ImportField.key(" E-Mail Address: ") == "emailaddress")
        #expect(ImportField.key("Prénom") == "prenom")
        #expect(ImportField.key("LinkedIn_URL") == "linkedinurl")
    }
}
