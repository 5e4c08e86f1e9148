import FunnelCore
import Testing

/// What a candidate's search document holds, in which order, and that a repeated note is
/// written once (so a touch that repeats a note leaves the document, and the index, unchanged).
@Suite struct SearchDocumentTests {
    static func body(notes: [String]) -> String {
        SearchDocument.body(firstName: "Zoë", lastName: "Müller", email: "zoe@example.com", title: "Engineer", company: nil,
                            location: "Lisbon", interests: nil, tags: ["java"], futureRole: (title: "Staff Engineer", location: "Porto"),
                            notes: notes)
    }

    @Test func partsComeOneALineNotesInTheOrderGiven() {
        #expect(Self.body(notes: ["Called", "", "Re: Quick hello"])
                == "Zoë\nMüller\nzoe@example.com\nEngineer\nLisbon\njava\nStaff Engineer\nPorto\nCalled\nRe: Quick hello")
    }

    @Test func aRepeatedNoteIsWrittenOnceWhereItFirstCame() {
        let once = Self.body(notes: ["Re: Quick hello", "Called", "auto-reply: Out of office"])
        #expect(Self.body(notes: ["Re: Quick hello", "Called", "Re: Quick hello", "auto-reply: Out of office",
                                  "auto-reply: Out of office", "Re: Quick hello"]) == once)
        // Not the same note: a different case or a word more is written.
        #expect(Self.body(notes: ["Re: Quick hello", "re: quick hello"]).hasSuffix("Re: Quick hello\nre: quick hello"))
    }
}
