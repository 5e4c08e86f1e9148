import FunnelCore
import Testing

@Suite struct SearchTextTests {
    @Test(arguments: [
        ("山田太郎", " 山  田  太  郎 "), ("김민준", " 김  민  준 "), ("Tokyo東京office", "Tokyo 東  京 office"),
        ("ひらがな", " ひ  ら  が  な "), ("カタカナ", " カ  タ  カ  ナ "), ("ｶﾀ", " ｶ  ﾀ "), ("𠀋", " 𠀋 "),
        ("Zoë Müller", "Zoë Müller"), ("محمد", "محمد"), ("", ""), ("a-b c", "a-b c"),
    ])
    func spacesOutIdeographicCharacters(_ text: String, _ expected: String) {
        #expect(SearchText.indexable(text) == expected)
    }

    @Test func whichScriptsAreIdeographic() {
        for scalar in "山田김ひカｶ々〇𠀋".unicodeScalars { #expect(SearchText.isIdeographic(scalar), "\(scalar)") }
        for scalar in "aZë0 -محمдΩ🙂".unicodeScalars { #expect(!SearchText.isIdeographic(scalar), "\(scalar)") }
    }

    @Test(arguments: [
        ("zoe", #""zoe"*"#), ("sta eng", #""sta"* "eng"*"#), ("  Zoë  ", #""Zoë"*"#),
        ("山田", #""山 田""#), ("山田 太郎", #""山 田 太 郎""#), ("田太", #""田 太""#), ("민준", #""민 준""#),
        ("Zoë山田", #""Zoë"* "山 田""#), ("o'neil", #""o neil"*"#), ("jean-luc", #""jean luc"*"#),
        ("a.b@c.com", #""a b c com"*"#), ("under_score", #""under score"*"#),
    ])
    func buildsPrefixAndPhraseTerms(_ query: String, _ expected: String) {
        #expect(SearchText.matchExpression(for: query) == expected)
    }

    /// What a person types is never read as FTS5 syntax: every word is a quoted string.
    @Test(arguments: [
        (#"""#, nil), ("()*", nil), ("", nil), ("   ", nil), ("🙂", nil), ("^", nil), ("-", nil), ("'", nil),
        (#"foo"bar"#, #""foo"* "bar"*"#), ("(foo OR bar)", #""foo"* "OR"* "bar"*"#), ("NEAR(a b)", #""NEAR"* "a"* "b"*"#),
        ("foo*", #""foo"*"#), ("-foo", #""foo"*"#), ("title:eng", #""title"* "eng"*"#), ("^foo", #""foo"*"#),
        ("a AND NOT b", #""a"* "AND"* "NOT"* "b"*"#), (#""bad ( query"#, #""bad"* "query"*"#), ("{col}: x", #""col"* "x"*"#),
    ])
    func neutralisesFTSSyntax(_ query: String, _ expected: String?) {
        #expect(SearchText.matchExpression(for: query) == expected)
    }
}
