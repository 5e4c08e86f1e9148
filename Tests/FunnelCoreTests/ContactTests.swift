import FunnelCore
import Testing

@Suite struct EmailTests {
    @Test(arguments: [
        ("a@b.co", "a@b.co"), ("Jane.Doe+tag@Example.COM", "jane.doe+tag@example.com"), ("  x@y.org\n", "x@y.org"),
        ("o'neil@example.ie", "o'neil@example.ie"), ("user@sub.domain.example", "user@sub.domain.example"),
        ("a_b-c@x-y.io", "a_b-c@x-y.io"), ("JÖRG@Bücher.de", "jörg@bücher.de"), ("1@2.io", "1@2.io"),
    ])
    func normalizesValidAddresses(_ text: String, _ expected: String) throws {
        #expect(Email.isValid(text))
        #expect(try Email.normalize(text) == expected)
        #expect(try Email.normalize(expected) == expected)
    }

    @Test(arguments: [
        "", "   ", "plain", "@example.com", "a@", "a@b", "a@b.c", "a@@b.com", "a@b@c.com", "a b@c.com", "a@b..com",
        ".a@b.com", "a.@b.com", "a..b@c.com", "a@-b.com", "a@b-.com", "a@b_c.com", "a,b@c.com", "<a@b.com>",
        "a@b.com.", "a@.com", "\"a\"@b.com", "a;b@c.com", "a@b .com", "a\t@b.com",
        String(repeating: "x", count: 65) + "@example.com",
        "a@" + String(repeating: "x", count: 64) + ".com",
        String(repeating: "x", count: 60) + "@" + Array(repeating: String(repeating: "y", count: 60), count: 4).joined(separator: ".") + ".com",
    ])
    func refusesInvalidAddresses(_ text: String) {
        #expect(!Email.isValid(text))
        expectFunnelError(.invalid, "invalid email address '\(text)'") { try Email.normalize(text) }
    }

    @Test func lengthLimitsAreInclusive() {
        #expect(Email.isValid(String(repeating: "x", count: 64) + "@example.com"))
        #expect(Email.isValid("a@" + String(repeating: "x", count: 63) + ".com"))
    }
}

@Suite struct LinkedInTests {
    /// The spellings of one profile that people paste: all the same person.
    @Test(arguments: [
        "https://www.linkedin.com/in/Jane-Doe/", "linkedin.com/in/jane-doe", "http://linkedin.com/in/jane-doe",
        "www.linkedin.com/in/jane-doe?trk=public_profile", "https://uk.linkedin.com/in/jane-doe/?originalSubdomain=uk",
        "https://de.linkedin.com/in/jane-doe#about", "HTTPS://WWW.LINKEDIN.COM/IN/JANE-DOE", "  https://www.linkedin.com/in/jane-doe  ",
        "https://m.linkedin.com/in/jane-doe", "https://www.linkedin.com/in/jane-doe/details/experience/",
        "https://www.linkedin.com/in/jane-doe?", "https://www.linkedin.com//in//jane-doe",
    ])
    func spellingsOfOneProfileAreTheSame(_ text: String) throws {
        #expect(try LinkedIn.normalize(text) == "https://www.linkedin.com/in/jane-doe")
    }

    @Test func percentEncodedAndAccentedSlugsAgree() throws {
        let encoded = try LinkedIn.normalize("linkedin.com/in/j%C3%A9r%C3%B4me-dupont-42")
        let typed = try LinkedIn.normalize("https://fr.linkedin.com/in/Jérôme-Dupont-42/")
        #expect(encoded == typed)
        #expect(typed == "https://www.linkedin.com/in/jérôme-dupont-42")
    }

    @Test func differentPeopleStayDifferent() throws {
        #expect(try LinkedIn.normalize("linkedin.com/in/jane-doe") != LinkedIn.normalize("linkedin.com/in/jane-doe-1"))
        // Old public profile URLs carry the identity in the whole path, not only the name.
        let first = try LinkedIn.normalize("https://www.linkedin.com/pub/john-smith/12/345/678")
        let second = try LinkedIn.normalize("https://www.linkedin.com/pub/john-smith/98/765/432")
        #expect(first != second)
        #expect(first == "https://www.linkedin.com/pub/john-smith/12/345/678")
        #expect(try LinkedIn.normalize("linkedin.com/pub/John-Smith/12/345/678/") == first)
    }

    @Test(arguments: [
        "", "jane-doe", "https://example.com/in/jane-doe", "https://linkedin.com.evil.com/in/jane-doe",
        "https://notlinkedin.com/in/jane-doe", "https://www.linkedin.com/company/acme", "https://www.linkedin.com/in/",
        "https://www.linkedin.com/", "https://www.linkedin.com/feed/", "https://www.linkedin.com/in/jane doe",
        "ftp://linkedin.com/in/jane-doe", "https://www.linkedin.com/in/<script>", "mailto:jane@linkedin.com",
        "https://linkedin.com:8080/in/jane-doe", "https://user@linkedin.com/in/jane-doe", "linkedin/in/jane-doe",
        "https://www.linkedin.com/in/" + String(repeating: "x", count: 101),
    ])
    func refusesWhatIsNotAProfile(_ text: String) {
        expectFunnelError(.invalid, "invalid LinkedIn profile URL '\(text)'") { try LinkedIn.normalize(text) }
    }
}
