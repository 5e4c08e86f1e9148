import Foundation
import FunnelCore
import Testing

/// The match rule of docs/rules.md ("Openings and matches"), boundary by boundary.
@Suite struct MatchRuleTests {
    let vocabulary = MatchVocabulary.standard
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func opening(_ title: String, _ location: String, _ mode: WorkMode = .onsite) -> OpeningTerms {
        OpeningTerms(title: title, location: location, workMode: mode, vocabulary: vocabulary)
    }

    func answer(_ title: String, _ location: String, remote: Bool = false, daysAgo: Int = 10, current: Bool = true) -> AnswerTerms {
        AnswerTerms(title: title, location: location, remote: remote, askedAt: now.addingTimeInterval(-Double(daysAgo) * 86_400),
                    isCurrent: current, vocabulary: vocabulary)
    }

    func match(_ o: OpeningTerms, _ a: AnswerTerms) -> OpeningMatch? { MatchRule.evaluate(o, a, now: now) }

    // MARK: Titles

    @Test(arguments: [
        ("Sr. Backend Engineer", "Senior Backend Engineer"),
        ("Jr Developer", "Junior Developer"),
        ("SWE", "Software Engineer"),
        ("Senior SWE", "Senior Software Engineer"),
        ("SRE", "Site Reliability Engineer"),
        ("Backend Eng", "Backend Engineer"),
        ("Frontend Dev", "Frontend Developer"),
        ("ML Engineer", "Machine Learning Engineer"),
        ("PM", "Product Manager"),
        ("Front-end Engineer", "Frontend Engineer"),
        ("Front End Engineer", "Frontend Engineer"),
        ("Full-Stack Developer", "Fullstack Developer"),
        ("engineering manager", "Engineering Manager"),
        ("Eng. Manager", "Engineering Manager"),
        ("Eng Mgr", "Engineering Manager"),
        ("Senior Eng. Manager", "Senior Engineering Manager"),
        ("Head of Engineering", "Engineering Head"),
        ("Backend Engineer, Senior", "Senior Backend Engineer"),
        ("Ingénieur Logiciel", "Ingenieur logiciel"),
        ("  staff   engineer ", "Staff Engineer"),
    ])
    func equivalentTitlesHaveOneKey(_ a: String, _ b: String) {
        #expect(vocabulary.titleKey(a) == vocabulary.titleKey(b), "\(vocabulary.titleKey(a)) vs \(vocabulary.titleKey(b))")
    }

    @Test(arguments: [
        ("Backend Engineer", "Frontend Engineer"),
        ("Software Engineer", "Engineer"),
        ("Product Manager", "Product Designer"),
        ("Developer", "Engineer"),
    ])
    func differentTitlesDoNotMatch(_ a: String, _ b: String) {
        #expect(vocabulary.titleKey(a).family != vocabulary.titleKey(b).family)
        #expect(match(opening(a, "Berlin"), answer(b, "Berlin")) == nil)
    }

    @Test func seniorityIsTheLevelAndAnotherLevelIsAWeakerMatch() throws {
        #expect(vocabulary.titleKey("Staff Engineer") == TitleKey(family: "engineer", level: "staff"))
        let exact = try #require(match(opening("Staff Engineer", "Lisbon"), answer("Staff Engineer", "Lisbon")))
        let family = try #require(match(opening("Staff Engineer", "Lisbon"), answer("Senior Engineer", "Lisbon")))
        let unlevelled = try #require(match(opening("Staff Engineer", "Lisbon"), answer("Engineer", "Lisbon")))
        #expect(exact.title == .exact)
        #expect(family.title == .family)
        #expect(unlevelled.title == .family)
        #expect(exact.score > family.score)
        #expect(family.reason.hasPrefix("title: Staff Engineer ≈ Senior Engineer (other level)"))
    }

    @Test func aTitleOfLevelWordsOnlyIsNotEmpty() {
        #expect(vocabulary.titleKey("Senior").family == "senior")
        #expect(vocabulary.titleKey("").family.isEmpty)
        #expect(match(opening("", "Lisbon"), answer("", "Lisbon")) == nil)
    }

    // MARK: Locations

    @Test(arguments: [
        ("Zürich", "Zurich"), ("Lisboa", "Lisbon"), ("Lisbon, Portugal", "lisbon"), ("München", "Munich"),
        ("Montréal", "Montreal"), ("København", "Copenhagen"), ("NYC", "New York"), ("New York, NY", "New York City"),
        ("Remote", "anywhere"), ("  berlin ", "Berlin, DE"), ("Lisbon (remote)", "Lisbon"),
    ])
    func equivalentLocationsHaveOneKey(_ a: String, _ b: String) {
        #expect(vocabulary.locationKey(a) == vocabulary.locationKey(b), "\(vocabulary.locationKey(a)) vs \(vocabulary.locationKey(b))")
    }

    @Test func aCityAnswerMatchesItsCityInAnyOnsiteOrHybridOpening() throws {
        for mode in [WorkMode.onsite, .hybrid] {
            let m = try #require(match(opening("Staff Engineer", "Lisbon", mode), answer("Staff Engineer", "Lisboa", daysAgo: 95)))
            #expect(m.place == .sameCity)
            #expect(m.reason == "title: Staff Engineer = Staff Engineer · location: Lisbon = Lisboa · asked 3 months ago")
        }
        #expect(match(opening("Staff Engineer", "Porto"), answer("Staff Engineer", "Lisbon")) == nil)
    }

    @Test func remoteCombinations() throws {
        let remoteOpening = opening("Data Engineer", "Remote", .remote)
        // A remote answer matches a remote opening anywhere.
        let remote = try #require(match(remoteOpening, answer("Data Engineer", "Remote", remote: true)))
        #expect(remote.place == .remote)
        #expect(remote.reason.contains("location: remote = remote"))
        // A city answer open to remote counts as remote.
        #expect(try #require(match(remoteOpening, answer("Data Engineer", "Berlin", remote: true))).place == .remote)
        // A city answer matches a remote opening too, ranked lower.
        let city = try #require(match(remoteOpening, answer("Data Engineer", "Berlin")))
        #expect(city.place == .cityForRemote)
        #expect(city.score < remote.score)
        #expect(city.reason.contains("location: remote opening, answered Berlin"))
        // A remote-only answer does not fit an office in a city; a city-and-remote answer does, by its city.
        #expect(match(opening("Data Engineer", "Berlin"), answer("Data Engineer", "Remote", remote: true)) == nil)
        #expect(match(opening("Data Engineer", "Berlin", .hybrid), answer("Data Engineer", "", remote: true)) == nil)
        #expect(try #require(match(opening("Data Engineer", "Berlin"), answer("Data Engineer", "Berlin", remote: true))).place == .sameCity)
        // An onsite opening without a place matches nobody.
        #expect(match(opening("Data Engineer", ""), answer("Data Engineer", "")) == nil)
    }

    @Test func anExactTitleOutranksAFamilyMatchWhateverThePlaceAndAge() {
        let worstExact = MatchRule.score(title: .exact, place: .cityForRemote, ageInMonths: 24, earlier: true)
        let bestFamily = MatchRule.score(title: .family, place: .sameCity, ageInMonths: 0, earlier: false)
        #expect(worstExact > bestFamily)
    }

    // MARK: Age and history

    @Test func theAgeOfTheAnswerLowersTheRankAndIsShown() throws {
        let o = opening("Staff Engineer", "Lisbon")
        let fresh = try #require(match(o, answer("Staff Engineer", "Lisbon", daysAgo: 20)))
        let old = try #require(match(o, answer("Staff Engineer", "Lisbon", daysAgo: 14 * 30 + 3)))
        #expect(fresh.score > old.score)
        #expect(old.ageInMonths == 14)
        #expect(old.reason.hasSuffix("asked 14 months ago"))
        // The penalty stops at two years: an old answer stays above a family match.
        let ancient = try #require(match(o, answer("Staff Engineer", "Lisbon", daysAgo: 3000)))
        #expect(ancient.score == 100 + 40 - 24)
        #expect(ancient.reason.hasSuffix("asked 8 years ago"))
    }

    @Test(arguments: [(0, "asked today"), (1, "asked yesterday"), (13, "asked 13 days ago"), (14, "asked 2 weeks ago"),
                      (59, "asked 8 weeks ago"), (60, "asked 2 months ago"), (729, "asked 24 months ago"), (730, "asked 2 years ago")])
    func askedPhrases(_ days: Int, _ phrase: String) {
        #expect(MatchRule.askedPhrase(days: days) == phrase)
    }

    @Test func anAnswerFromTheFutureCountsAsToday() throws {
        let m = try #require(match(opening("Staff Engineer", "Lisbon"), answer("Staff Engineer", "Lisbon", daysAgo: -3)))
        #expect(m.ageInMonths == 0)
        #expect(m.reason.hasSuffix("asked today"))
    }

    @Test func anEarlierAnswerIsMarkedAndRankedBelowTheCurrentOne() throws {
        let o = opening("Staff Engineer", "Lisbon")
        let current = try #require(match(o, answer("Staff Engineer", "Lisbon", daysAgo: 100)))
        let earlier = try #require(match(o, answer("Staff Engineer", "Lisbon", daysAgo: 100, current: false)))
        #expect(earlier.isEarlierAnswer)
        #expect(earlier.score == current.score - 15)
        #expect(earlier.reason.hasSuffix("· earlier answer"))
    }

    // MARK: Who may be listed

    @Test func doNotContactIsNeverAdmittedAndPlacedOnlyWithTheFlag() {
        for flag in [false, true] {
            #expect(!MatchRule.admits(.doNotContact, includePlaced: flag))
            #expect(MatchRule.admits(.active, includePlaced: flag))
            #expect(MatchRule.admits(.notLooking, includePlaced: flag))
        }
        #expect(!MatchRule.admits(.placed, includePlaced: false))
        #expect(MatchRule.admits(.placed, includePlaced: true))
    }

    // MARK: The recruiter's own vocabulary

    @Test func configEntriesExtendTheTablesAndChangeTheFingerprint() throws {
        let extended = try vocabulary.extended(titles: ["K8s Engineer": "Platform Engineer"], locations: ["Bcn": "Barcelona"])
        #expect(extended.titleKey("K8s Engineer") == extended.titleKey("Platform Engineer"))
        #expect(vocabulary.titleKey("K8s Engineer") != vocabulary.titleKey("Platform Engineer"))
        #expect(extended.locationKey("BCN") == "barcelona")
        #expect(extended.fingerprint != vocabulary.fingerprint)
        #expect(MatchVocabulary.standard.fingerprint == vocabulary.fingerprint)
    }

    @Test func badConfigEntriesAreRefusedByName() {
        expectFunnelError(.invalid, "matching.titles") { try vocabulary.extended(titles: ["--": "Engineer"], locations: [:]) }
        expectFunnelError(.invalid, "matching.locations") { try vocabulary.extended(titles: [:], locations: ["Bcn": "Bar\u{1B}[2J"]) }
    }

    @Test(arguments: ["onsite", "On-site", "office", "Hybrid", "REMOTE"])
    func workModesParse(_ text: String) throws {
        _ = try WorkMode.parse(text)
    }

    @Test func anUnknownWorkModeNamesTheChoices() {
        expectFunnelError(.invalid, "unknown work mode 'flexible': expected one of onsite, hybrid, remote") { try WorkMode.parse("flexible") }
    }
}
