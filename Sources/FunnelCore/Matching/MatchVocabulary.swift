import Foundation

/// The words the match rule treats as the same: title abbreviations and equivalents, seniority
/// words, and location aliases. Recruiters write "Sr. SWE" and candidates answer "Senior Software
/// Engineer"; a match that depends on spelling would miss exactly the people the question was asked
/// for. The standard table covers what recruiting sheets commonly hold; `config.toml` extends it
/// (`[matching.titles]`, `[matching.locations]`), and the store re-keys stored answers whenever the
/// vocabulary's `fingerprint` changes.
public struct MatchVocabulary: Sendable, Equatable {
    /// Phrase → replacement, over folded words ("sr" → "senior", "front end" → "frontend").
    public private(set) var titleSynonyms: [String: String]
    /// Folded place name → canonical folded name ("lisboa" → "lisbon").
    public private(set) var locationAliases: [String: String]

    /// Words that say how senior a role is rather than what it is; compared apart from the rest.
    public static let seniorityWords: Set<String> = [
        "intern", "junior", "mid", "senior", "staff", "principal", "distinguished",
    ]

    /// Words that carry no meaning for a title ("Head of Engineering" = "Engineering Head").
    static let fillerWords: Set<String> = ["of", "the", "for", "and", "a", "an", "in", "at", "to"]

    /// Location answers that mean "anywhere, working remotely".
    static let remoteWords: Set<String> = ["remote", "anywhere", "worldwide", "remote first", "wfh", "home", "fully remote"]

    public static let standard = MatchVocabulary(
        titleSynonyms: [
            "sr": "senior", "snr": "senior",
            "jr": "junior", "jnr": "junior",
            "swe": "software engineer", "sde": "software engineer",
            "sre": "site reliability engineer",
            "eng": "engineer", "engr": "engineer",
            // "Eng." before "manager" is engineering, not engineer ("Eng. Manager" = Engineering Manager).
            "eng manager": "engineering manager", "eng mgr": "engineering manager",
            "dev": "developer",
            "ml": "machine learning",
            "ai": "artificial intelligence",
            "pm": "product manager",
            "em": "engineering manager",
            "qa": "quality assurance",
            "ux": "user experience", "ui": "user interface",
            "dev ops": "devops",
            "front end": "frontend",
            "back end": "backend",
            "full stack": "fullstack",
            "vp": "vice president",
            "cto": "chief technology officer",
            "mgr": "manager",
            "appsec": "application security",
        ],
        locationAliases: [
            "lisboa": "lisbon", "porto": "porto", "oporto": "porto",
            "zuerich": "zurich", "munchen": "munich", "muenchen": "munich",
            "koln": "cologne", "koeln": "cologne", "wien": "vienna", "praha": "prague",
            "warszawa": "warsaw", "krakow": "krakow", "roma": "rome", "milano": "milan",
            "firenze": "florence", "napoli": "naples", "torino": "turin",
            "den haag": "the hague", "s gravenhage": "the hague",
            "bruxelles": "brussels", "brussel": "brussels", "antwerpen": "antwerp",
            "geneve": "geneva", "genf": "geneva",
            "kobenhavn": "copenhagen", "københavn": "copenhagen",
            "goteborg": "gothenburg", "sevilla": "seville", "nurnberg": "nuremberg",
            "athina": "athens", "bucuresti": "bucharest", "kiev": "kyiv", "moskva": "moscow",
            "new york city": "new york", "nyc": "new york", "ny": "new york",
            "sf": "san francisco", "la": "los angeles",
            "montreal": "montreal", "sao paulo": "sao paulo",
            "bombay": "mumbai", "bengaluru": "bangalore",
        ])

    public init(titleSynonyms: [String: String], locationAliases: [String: String]) {
        self.titleSynonyms = [:]
        self.locationAliases = [:]
        for (from, to) in titleSynonyms { self.titleSynonyms[Self.words(from).joined(separator: " ")] = Self.words(to).joined(separator: " ") }
        for (from, to) in locationAliases { self.locationAliases[Self.words(from).joined(separator: " ")] = Self.words(to).joined(separator: " ") }
    }

    /// The standard table extended (and overridden) by the recruiter's own entries. An entry that
    /// is empty after folding, or holds a control character, is refused with the offending key.
    public func extended(titles: [String: String], locations: [String: String]) throws -> MatchVocabulary {
        var result = self
        for (from, to) in titles.sorted(by: { $0.key < $1.key }) {
            let (f, t) = try Self.entry(from, to, table: "matching.titles")
            result.titleSynonyms[f] = t
        }
        for (from, to) in locations.sorted(by: { $0.key < $1.key }) {
            let (f, t) = try Self.entry(from, to, table: "matching.locations")
            result.locationAliases[f] = t
        }
        return result
    }

    private static func entry(_ from: String, _ to: String, table: String) throws -> (String, String) {
        try PlainText.check(from, field: "\(table) key")
        try PlainText.check(to, field: "\(table).\(from)")
        let f = words(from).joined(separator: " "), t = words(to).joined(separator: " ")
        guard !f.isEmpty, !t.isEmpty else {
            throw FunnelError.invalid("\(table): '\(from)' = '\(to)' needs words on both sides")
        }
        return (f, t)
    }

    /// A stable digest of the tables: stored keys made with another vocabulary must be rebuilt.
    public var fingerprint: String {
        var text = "v1|"
        for (k, v) in titleSynonyms.sorted(by: { $0.key < $1.key }) { text += "t:\(k)=\(v)|" }
        for (k, v) in locationAliases.sorted(by: { $0.key < $1.key }) { text += "l:\(k)=\(v)|" }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return String(hash, radix: 16)
    }

    // MARK: Folding

    /// Lower case, accents and width folded, every run of non-letters and non-digits a word break:
    /// "Sr. Front-End Dév" → ["sr", "front", "end", "dev"].
    public static func words(_ text: String) -> [String] {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
        var words: [String] = []
        var current = ""
        for scalar in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Replaces phrases by their synonyms, longest phrase first at each position, one pass (a
    /// replacement is not itself replaced again, so a table entry cannot loop).
    func applying(_ table: [String: String], to words: [String]) -> [String] {
        let longest = table.keys.map { $0.split(separator: " ").count }.max() ?? 0
        var result: [String] = []
        var index = 0
        while index < words.count {
            var replaced = false
            var length = min(longest, words.count - index)
            while length > 0 {
                let phrase = words[index..<index + length].joined(separator: " ")
                if let replacement = table[phrase] {
                    result.append(contentsOf: replacement.split(separator: " ").map(String.init))
                    index += length
                    replaced = true
                    break
                }
                length -= 1
            }
            if !replaced {
                result.append(words[index])
                index += 1
            }
        }
        return result
    }
}
