import Foundation
import FunnelCore
@testable import FunnelUI

/// Openings and matches built by hand, with reasons from the real match rule: a Lisbon opening
/// with an exact match (Lisboa), a weaker one (other level), one reached and interested, one placed;
/// a remote opening, one on hold, and a hostile title.
enum OpeningFixture {
    typealias F = Fixture
    static let now = F.moment.now

    static let lisbon = Opening(id: 1, title: "Staff Engineer", location: "Lisbon", company: "Blue Harbor", status: .open,
                                createdAt: F.daysAgo(10), workMode: .hybrid, owner: "Sam Rivera",
                                notes: "Platform team; Portuguese a plus", updatedAt: F.daysAgo(2))
    static let remote = Opening(id: 3, title: "Data Engineer", location: "", company: "Polaris Data", status: .open,
                                createdAt: F.daysAgo(30), workMode: .remote)
    static let onHold = Opening(id: 4, title: "Engineering Manager", location: "London", company: "Cobalt Payments",
                                status: .onHold, createdAt: F.daysAgo(40))
    static let hostile = Opening(id: 9, title: "=HYPERLINK(\"x\")\u{1B}[2J Eng", location: "Berlin", company: "Evil\u{7}Co",
                                 status: .open, createdAt: F.daysAgo(1))

    static func summaries() -> [OpeningSummary] {
        [OpeningSummary(opening: lisbon, matches: 4, contacted: 1), OpeningSummary(opening: remote, matches: 12_480, contacted: 0),
         OpeningSummary(opening: onHold, matches: 2, contacted: 2), OpeningSummary(opening: hostile, matches: 0, contacted: 0)]
    }

    static func match(_ id: Int64, _ first: String, _ last: String, title: String, location: String, remote: Bool = false,
                      asked days: Int, stage: Stage = .consideration, status: Status = .active, for opening: Opening = lisbon,
                      contacted: Bool = false, outcome: Outcome? = nil) -> OpeningMatchRow {
        let askedAt = F.daysAgo(days)
        let terms = OpeningTerms(title: opening.title, location: opening.location, workMode: opening.workMode, vocabulary: .standard)
        let answer = AnswerTerms(title: title, location: location, remote: remote, askedAt: askedAt, isCurrent: true, vocabulary: .standard)
        let fit = MatchRule.evaluate(terms, answer, now: now)!
        return OpeningMatchRow(candidateID: id, firstName: first, lastName: last, stage: stage, status: status,
                               answer: FutureRole(id: id, candidateID: id, title: title, location: location, remote: remote, askedAt: askedAt),
                               match: fit, contacted: contacted, lastOutcome: outcome)
    }

    static let lisbonMatches: [OpeningMatchRow] = [
        match(183, "נועה", "כהן", title: "Staff Engineer", location: "Lisboa", asked: 0),
        match(263, "Emre", "Aydın", title: "Staff Eng.", location: "Lisbon, Portugal", asked: 28, stage: .awareness,
              contacted: true, outcome: .interested),
        match(301, "Zoë", "Müller", title: "Senior Engineer", location: "Lisbon", asked: 400),
        match(77, "Tom", "Okafor", title: "Staff Engineer", location: "Lisbon", asked: 60, stage: .loyalty, status: .placed),
    ]

    static func listState(size: Size = F.small, selecting index: Int = 0) -> AppState {
        var state = F.desk(size: size)
        _ = App.update(&state, .key(.char("O")))
        _ = App.update(&state, .openingsLoaded(summaries(), includeClosed: false))
        for _ in 0..<index { _ = App.update(&state, .key(.char("j"))) }
        return state
    }

    static func openingState(size: Size = F.small, selecting index: Int = 0, matches: [OpeningMatchRow] = lisbonMatches) -> AppState {
        var state = listState(size: size)
        _ = App.update(&state, .key(.enter))
        _ = App.update(&state, .openingLoaded(OpeningDetail(summary: OpeningSummary(opening: lisbon, matches: matches.count, contacted: 1),
                                                            matches: matches)))
        for _ in 0..<index { _ = App.update(&state, .key(.char("j"))) }
        return state
    }
}
