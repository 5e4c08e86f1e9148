import Foundation
@testable import FunnelCore
import Testing

/// The pure rule of Today's "Fits an open role" (docs/rules.md): which openings are recent, who
/// may be listed, the group's order and the words on a row.
@Suite struct OpeningFitsRuleTests {
    static let utc = TimeZone(identifier: "UTC")!
    let today = Day(year: 2026, month: 11, day: 22)!
    var moment: Moment { Moment.noon(today) }
    let rules = Rules.defaults

    func opening(editedDaysAgo days: Int, hour: Int = 12, status: Opening.State = .open, mode: WorkMode = .onsite,
                 location: String = "Lisbon") -> Opening {
        let at = today.adding(days: -days).start(in: Self.utc).addingTimeInterval(TimeInterval(hour * 3600))
        return Opening(id: 1, title: "Staff Engineer", location: location, company: "Blue Harbor", status: status,
                       createdAt: at.addingTimeInterval(-90 * 86_400), workMode: mode, updatedAt: at)
    }

    @Test(arguments: [(0, true), (13, true), (14, true), (15, false), (400, false)])
    func recentForFitsDaysCalendarDays(days: Int, recent: Bool) {
        for hour in [0, 23] {
            #expect(DueRules.isRecentOpening(opening(editedDaysAgo: days, hour: hour), rules: rules, at: moment) == recent)
        }
        #expect(DueRules.recentOpeningsSince(rules: rules, at: moment) == today.adding(days: -14).start(in: Self.utc))
    }

    @Test func onlyOpenOpeningsAreRecent() {
        for status in [Opening.State.onHold, .filled, .closed] {
            #expect(!DueRules.isRecentOpening(opening(editedDaysAgo: 0, status: status), rules: rules, at: moment))
        }
        var longer = rules
        longer.fitsDays = 30
        #expect(DueRules.isRecentOpening(opening(editedDaysAgo: 30), rules: longer, at: moment))
        #expect(!DueRules.isRecentOpening(opening(editedDaysAgo: 31), rules: longer, at: moment))
    }

    @Test func whoFits() {
        let recent = opening(editedDaysAgo: 2)
        func fits(_ status: Status = .active, next: Day? = nil, contacted: Bool = false, opening: Opening? = nil) -> Bool {
            DueRules.fits(status: status, nextFollowUp: next, opening: opening ?? recent, contacted: contacted, rules: rules, at: moment)
        }
        #expect(fits())
        #expect(fits(.notLooking))
        #expect(!fits(.doNotContact))
        #expect(!fits(.placed))
        #expect(!fits(contacted: true))
        // Due for a follow-up today or earlier: listed there instead.
        #expect(!fits(next: today))
        #expect(!fits(next: today.adding(days: -3)))
        // A plan for later does not hide the role they asked for.
        #expect(fits(next: today.adding(days: 1)))
        #expect(!fits(opening: opening(editedDaysAgo: 15)))
    }

    @Test func theRowNamesTheOpeningThenTheMatch() {
        let match = OpeningMatch(title: .exact, place: .sameCity, ageInMonths: 0, isEarlierAnswer: false, score: 140,
                                 reason: "title: Staff Engineer = Staff Engineer · location: Lisbon = Lisboa · asked today")
        let fit = OpeningFit(opening(editedDaysAgo: 3, hour: 23), match, at: moment)
        #expect(fit.days == 3 && fit.score == 140 && fit.openingID == 1)
        #expect(DueReason.fitsOpening(fit).text
            == "fits #1 Staff Engineer, Lisbon — title: Staff Engineer = Staff Engineer · location: Lisbon = Lisboa · asked today")
        #expect(DueReason.fitsOpening(fit).group == .fits)
        #expect(DueReason.fitsOpening(fit).kind == "fits_open_role")
        #expect(DueReason.fitsOpening(fit).days == 3)
        #expect(DueReason.followUpToday.openingID == nil && DueReason.fitsOpening(fit).openingID == 1)
        #expect(opening(editedDaysAgo: 0, mode: .hybrid, location: "Berlin").place == "Berlin (hybrid)")
        #expect(opening(editedDaysAgo: 0, mode: .remote, location: "").place == "remote")
        #expect(opening(editedDaysAgo: 0, mode: .remote, location: "Anywhere").place == "remote")
        #expect(opening(editedDaysAgo: 0, mode: .remote, location: "Porto").place == "Porto (remote)")
    }

    @Test func groupsInOrderAndTheOrderOfTheFitsGroup() {
        #expect(DueGroup.allCases == [.overdue, .today, .fits, .reengagement])
        #expect(DueGroup.fits.title == "Fits an open role")
        #expect(DueGroup.today < .fits && DueGroup.fits < .reengagement)
        #expect(DueCounts(overdue: 1, today: 2, fits: 3, reengagement: 4).total == 10)
        #expect(DueCounts(fits: 3).count(of: .fits) == 3)
        // The newest opening first, then best score, fresher answer, lower id.
        let p = FitsPosition(openingUpdatedAt: 100, openingID: 2, score: 140, askedAt: 50, candidateID: 9)
        #expect(p < FitsPosition(openingUpdatedAt: 90, openingID: 9, score: 200, askedAt: 99, candidateID: 1))
        #expect(p < FitsPosition(openingUpdatedAt: 100, openingID: 1, score: 200, askedAt: 99, candidateID: 1))
        #expect(p < FitsPosition(openingUpdatedAt: 100, openingID: 2, score: 139, askedAt: 99, candidateID: 1))
        #expect(p < FitsPosition(openingUpdatedAt: 100, openingID: 2, score: 140, askedAt: 49, candidateID: 1))
        #expect(p < FitsPosition(openingUpdatedAt: 100, openingID: 2, score: 140, askedAt: 50, candidateID: 10))
        #expect(!(p < p))
        #expect(DueCursor.fits(p).segment == 2 && DueCursor.today(1).segment < 2 && DueCursor.cadence(0, 0).segment > 2)
    }

    @Test func aQuickLogFromAFitIsAboutTheOpening() throws {
        let candidate = Candidate(id: 7, firstName: "Noa", createdAt: moment.now)
        var entry = QuickLogEntry(QuickOutcome.forKey("4")!, for: candidate, rules: rules, reengaging: false, openingID: 1)
        #expect(try entry.resolve(at: moment).touch.openingID == 1)
        entry.openingID = nil
        #expect(try entry.resolve(at: moment).touch.openingID == nil)
    }
}
