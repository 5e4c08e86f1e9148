import Foundation
@testable import FunnelCore
import Testing

@Suite struct EngagementScoreTests {
    let today = Day(year: 2026, month: 11, day: 22)!
    var moment: Moment { Moment.noon(today) }

    func at(_ daysAgo: Int) -> Date { Moment.noon(today.adding(days: -daysAgo)).now }

    @Test func neverContactedScoresZero() {
        let score = EngagementScore.compute(touches: [TouchFact(at: at(3), channel: .note, direction: .outbound, outcome: nil)], at: moment)
        #expect(score.total == 0 && score.daysSinceContact == nil && score.contacts == 0)
    }

    @Test func formula() {
        // 12 contacts this year, the last today, 6 attempts and 6 answers: full marks.
        var log: [TouchFact] = []
        for month in 0..<6 {
            log.append(TouchFact(at: at(month * 30), channel: .email, direction: .outbound, outcome: .sent))
            log.append(TouchFact(at: at(month * 30), channel: .email, direction: .inbound, outcome: .replied))
        }
        let full = EngagementScore.compute(touches: log, at: moment)
        #expect(full.total == 100)
        #expect(full.breakdown == "100 = recency 40 + frequency 30 + replies 30")

        // One unanswered email 90 days ago: recency 20, frequency 2.5, replies 0.
        let one = EngagementScore.compute(touches: [TouchFact(at: at(90), channel: .email, direction: .outbound, outcome: .sent)], at: moment)
        #expect(one.recency == 20 && one.frequency == 2.5 && one.replies == 0)
        #expect(one.total == 23)

        // A decline is not a positive reply; "not now" is.
        let declined = EngagementScore.compute(touches: [TouchFact(at: at(1), channel: .phone, direction: .outbound, outcome: .declined)], at: moment)
        #expect(declined.responses == 0)
        let notNow = EngagementScore.compute(touches: [TouchFact(at: at(1), channel: .phone, direction: .outbound, outcome: .notNow)], at: moment)
        #expect(notNow.responses == 1 && notNow.replies == 30)

        // Past the horizon recency is 0; outside the window nothing counts but the last contact.
        let old = EngagementScore.compute(touches: [TouchFact(at: at(400), channel: .email, direction: .inbound, outcome: .replied)], at: moment)
        #expect(old.recency == 0 && old.contacts == 0 && old.total == 0 && old.daysSinceContact == 400)
    }

    @Test func scoreStaysWithinBounds() {
        var rng = DueRulesRNG(seed: 42)
        for _ in 0..<500 {
            let log = (0..<Int.random(in: 0...40, using: &rng)).map { _ in
                TouchFact(at: at(Int.random(in: 0...800, using: &rng)), channel: Channel.allCases.randomElement(using: &rng)!,
                          direction: Bool.random(using: &rng) ? .inbound : .outbound, outcome: Outcome.allCases.randomElement(using: &rng))
            }
            let score = EngagementScore.compute(touches: log, at: moment)
            #expect((0...100).contains(score.total))
            #expect(score.recency <= 40 && score.frequency <= 30 && score.replies <= 30)
        }
    }
}
