@testable import FunnelCore
import Testing

/// The byte-level fast paths of email, LinkedIn and tag normalisation must agree with the general
/// code wherever they answer. A leading white-space character sends a value down the general
/// path (it is not printable ASCII, and the general path trims it), so each value is compared
/// with itself behind a tab.
@Suite struct ASCIITextTests {
    static let emails = [
        "ana@example.com", "Ana.Silva+x@Example.CO", "a@b.c", "a@b.cd", ".a@b.cd", "a.@b.cd", "a..b@c.de", "a@b..cd",
        "a@-b.cd", "a@b-.cd", "a@b.c-d", "a@@b.cd", "@b.cd", "a@", "a@b", "a,b@c.de", "a;b@c.de", "a<b@c.de", "a\"b@c.de",
        "a'b@c.de", "a\\b@c.de", "a@b_c.de", "a@B.CD", "x@" + String(repeating: "a", count: 63) + ".com",
        "x@" + String(repeating: "a", count: 64) + ".com", String(repeating: "a", count: 64) + "@b.cd",
        String(repeating: "a", count: 65) + "@b.cd", String(repeating: "a", count: 60) + "@" + String(repeating: "b.", count: 95) + "cd",
    ]
    static let profiles = [
        "https://www.linkedin.com/in/Jane-Doe/", "linkedin.com/in/jane-doe", "http://uk.linkedin.com/in/jane_doe.1?trk=x",
        "HTTPS://LinkedIn.com/IN/Jane#x", "https://http://linkedin.com/in/a", "https://linkedin.com/pub/jane/1a/2b3/4c5",
        "https://linkedin.com/in/", "https://linkedin.com/company/acme", "https://notlinkedin.com/in/a", "https://.linkedin.com/in/a",
        "https://linkedin.com.evil.io/in/a", "https://www.linkedin.com/in/jane/detail/", "linkedin.com//in//jane",
        "https://linkedin.com/in/" + String(repeating: "a", count: 100), "https://linkedin.com/in/" + String(repeating: "a", count: 101),
        "https://linkedin.com/in/a+b", "https://linkedin.com/in/a%20b", "https://linkedin.com/in/j?x=/in/y", "in/jane",
    ]
    static let tags = ["go, backend", "Go;GO; go", " remote  first ,, equity ", ",;,", "", "a b  c", "C++, c#", "x,x,y"]

    @Test func emailsAgree() {
        for text in Self.emails + Self.generated(alphabet: "aZ09.@-_+,\"", count: 4000, seed: 1) {
            let fast = ASCIIText.normalizedEmail(text)
            let general = try? Email.normalize("\t" + text)
            if let fast { #expect(fast == general, "\(text)") }
            if general != nil && text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) { #expect(fast != nil, "\(text)") }
        }
    }

    @Test func profilesAgree() {
        for text in Self.profiles + Self.generated(alphabet: "linkedn.com/HTPS:?#-_%", count: 4000, seed: 2) {
            let fast = ASCIIText.canonicalLinkedIn(text)
            let general = try? LinkedIn.normalize("\t" + text)
            if let fast { #expect(fast == general, "\(text)") }
            if general != nil && !text.contains("%") && text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) {
                #expect(fast != nil, "\(text)")
            }
        }
    }

    @Test func tagsAgree() {
        for text in Self.tags + Self.generated(alphabet: "aB ,;-", count: 4000, seed: 3) {
            let fast = ASCIIText.parsedTags(text)
            #expect(fast != nil, "\(text)")
            #expect(fast == Tags.parse("\t" + text), "\(text)")
        }
        #expect(ASCIIText.parsedTags("go\tbackend") == nil)
        #expect(ASCIIText.parsedTags("café") == nil)
    }

    /// Short strings over a small alphabet, with the shapes valid values take sprinkled in.
    static func generated(alphabet: String, count: Int, seed: UInt64) -> [String] {
        var rng = SplitMix64(seed: seed)
        let letters = Array(alphabet)
        let pieces = ["linkedin.com", "/in/", "https://", "@", ".com", "/pub/", "a", "-"]
        return (0..<count).map { _ in
            var text = ""
            for _ in 0..<Int.random(in: 1...12, using: &rng) {
                if Bool.random(using: &rng) { text += pieces.randomElement(using: &rng)! } else { text.append(letters.randomElement(using: &rng)!) }
            }
            return text
        }
    }
}
