import Foundation
import FunnelCore
@testable import FunnelStore
import GRDB
import Testing

/// Today's "Fits an open role" on real SQLite files: which openings are recent, who is listed
/// (and who never), one row per person, the groups before and after it, paging, counts, and a
/// touch about the opening taking the person out.
@Suite struct DueFitsTests {
    static let utc = TimeZone(identifier: "UTC")!
    let today = Day(year: 2026, month: 11, day: 22)!
    var moment: Moment { Moment.noon(today) }
    let rules = Rules.defaults

    func daysAgo(_ days: Int, hour: Int = 12) -> Date {
        today.adding(days: -days).start(in: Self.utc).addingTimeInterval(TimeInterval(hour * 3600))
    }

    func desk() throws -> (TemporaryFolder, Store) {
        let folder = try TemporaryFolder()
        return (folder, try Store.open(at: folder.path("funnel.sqlite")))
    }

    /// Someone added 30 days ago and touched 10 days ago (so no other rule makes them due) whose
    /// current answer is `role`.
    @discardableResult
    func person(_ store: Store, _ name: String, role: String = "Staff Engineer", in city: String = "Lisbon", asked: Int = 20,
                added: Int = 30, touched: Int? = 10) throws -> Int64 {
        let c = try store.add(CandidateDraft(firstName: name, email: "\(name.lowercased())@example.com"), at: daysAgo(added))
        if let touched {
            try store.logTouch(c.id, TouchDraft(at: daysAgo(touched), channel: .email, direction: .inbound, outcome: .replied))
        }
        try store.recordFutureRole(c.id, title: role, location: city, remote: false, at: daysAgo(asked))
        return c.id
    }

    @discardableResult
    func opening(_ store: Store, _ title: String = "Staff Engineer", in city: String = "Lisbon", openedDaysAgo: Int = 3) throws -> Opening {
        try store.addOpening(OpeningDraft(title: title, location: city, company: "Blue Harbor"), at: daysAgo(openedDaysAgo))
    }

    func fits(_ store: Store, rules: Rules? = nil) throws -> [Int64] {
        try store.dueQueue(rules: rules ?? self.rules, moment: moment, limit: 500).filter { $0.group == .fits }.map(\.id)
    }

    @Test func anOpeningIsRecentForFitsDaysAfterItWasOpenedOrEdited() throws {
        let (folder, store) = try desk()
        defer { withExtendedLifetime(folder) {} }
        let ana = try person(store, "Ana")
        let old = try opening(store, openedDaysAgo: rules.fitsDays + 1)
        #expect(try fits(store).isEmpty)
        #expect(try store.dueCounts(rules: rules, moment: moment).fits == 0)
        // Edited exactly fits_days ago (late in the day, early in the day): recent again.
        for hour in [23, 0] {
            try store.editOpening(old.id, OpeningDraft(title: "Staff Engineer", location: "Lisbon", company: "Blue Harbor",
                                                       workMode: .onsite), at: daysAgo(rules.fitsDays, hour: hour))
            #expect(try fits(store) == [ana])
        }
        // A day later it is not.
        #expect(try store.dueQueue(rules: rules, moment: Moment.noon(today.adding(days: 1))).filter { $0.group == .fits }.isEmpty)
        // fits_days from config.
        var longer = rules
        longer.fitsDays = 30
        #expect(try store.dueQueue(rules: longer, moment: Moment.noon(today.adding(days: 10))).filter { $0.group == .fits }.map(\.id) == [ana])
        // On hold, filled or closed: not listed, however recent.
        try store.editOpening(old.id, OpeningDraft(title: "Staff Engineer", location: "Lisbon", workMode: .onsite), status: .onHold,
                              at: daysAgo(0))
        #expect(try fits(store).isEmpty)
        try store.editOpening(old.id, OpeningDraft(title: "Staff Engineer", location: "Lisbon", workMode: .onsite), status: .open,
                              at: daysAgo(0))
        #expect(try fits(store) == [ana])
        try store.closeOpening(old.id, as: .closed, at: daysAgo(0))
        #expect(try fits(store).isEmpty)
    }

    @Test func theReasonNamesTheOpeningAndTheMatch() throws {
        let (folder, store) = try desk()
        defer { withExtendedLifetime(folder) {} }
        let noa = try person(store, "Noa", in: "Lisboa", asked: 0)
        let o = try opening(store)
        let items = try store.dueQueue(rules: rules, moment: moment)
        #expect(items.map(\.id) == [noa])
        guard case let .fitsOpening(fit)? = items.first?.reason else { Issue.record("not a fit: \(items)"); return }
        #expect(fit.openingID == o.id && fit.days == 3)
        #expect(items[0].reason.text
            == "fits #\(o.id) Staff Engineer, Lisbon — title: Staff Engineer = Staff Engineer · location: Lisbon = Lisboa · asked today")
        #expect(items[0].reason.kind == "fits_open_role" && items[0].reason.days == 3 && items[0].reason.openingID == o.id)
        #expect(!items[0].reengaging)
    }

    @Test func contactedAboutTheOpeningLeavesTheGroupAnotherOpeningDoesNot() throws {
        let (folder, store) = try desk()
        defer { withExtendedLifetime(folder) {} }
        let ana = try person(store, "Ana")
        let bea = try person(store, "Bea")
        let lisbon = try opening(store)
        let other = try opening(store, "Engineering Manager", in: "London", openedDaysAgo: 40)
        #expect(try fits(store) == [ana, bea].sorted { $0 < $1 })
        // A touch about another opening (an old one) is not about this one.
        try store.logTouch(ana, TouchDraft(at: daysAgo(0), channel: .phone, outcome: .noAnswer, openingID: other.id))
        #expect(try fits(store).contains(ana))
        // Quick log from the row: the touch is about the opening, and Bea leaves the group.
        let row = try store.dueQueue(rules: rules, moment: moment).first { $0.id == bea }!
        let entry = QuickLogEntry(QuickOutcome.forKey("1")!, for: row.candidate, rules: rules, reengaging: row.reengaging,
                                  openingID: row.reason.openingID)
        try store.logQuick(bea, try entry.resolve(at: moment))
        #expect(try store.touches(of: bea).first?.openingID == lisbon.id)
        #expect(try fits(store) == [ana])
        #expect(try store.dueCounts(rules: rules, moment: moment).fits == 1)
        // Any touch about it counts, whatever was said.
        try store.logTouch(ana, TouchDraft(at: daysAgo(0), channel: .email, direction: .inbound, outcome: .replied, openingID: lisbon.id))
        #expect(try fits(store).isEmpty)
    }

    @Test func neverDoNotContactPlacedOrAnEarlierAnswer() throws {
        let (folder, store) = try desk()
        defer { withExtendedLifetime(folder) {} }
        let kim = try person(store, "Kim")
        try store.setStatus(kim, to: .doNotContact, at: daysAgo(1))
        let jo = try person(store, "Jo")
        try store.setStatus(jo, to: .placed, at: daysAgo(1))
        // Used to want it; the current answer is another role.
        let fe = try person(store, "Fe", asked: 200)
        try store.recordFutureRole(fe, title: "Engineering Manager", location: "Lisbon", remote: false, at: daysAgo(5))
        let not = try person(store, "Ned")
        try store.setStatus(not, to: .notLooking, at: daysAgo(1))
        try opening(store)
        #expect(try fits(store) == [not])
    }

    @Test func eachPersonOnceInTheMostUrgentGroup() throws {
        let (folder, store) = try desk()
        defer { withExtendedLifetime(folder) {} }
        let overdue = try person(store, "Ola")
        try store.setFollowUp(overdue, to: today.adding(days: -2), at: daysAgo(5))
        let dueToday = try person(store, "Cai")
        try store.setFollowUp(dueToday, to: today, at: daysAgo(5))
        // A follow-up planned for later does not keep them out: the role is why to call early.
        let later = try person(store, "Lee")
        try store.setFollowUp(later, to: today.adding(days: 60), at: daysAgo(5))
        // Silent for 200 days: re-engagement due, listed once, under the fit.
        let dormant = try person(store, "Dee", added: 400, touched: 200)
        // Never touched, added long ago: also re-engagement due.
        let never = try person(store, "Nev", added: 300, touched: nil)
        // Re-engagement due, fits nothing.
        let other = try person(store, "Oz", role: "Designer", added: 400, touched: 250)
        try opening(store)
        let items = try store.dueQueue(rules: rules, moment: moment, limit: 50)
        #expect(items.map(\.group) == [.overdue, .today, .fits, .fits, .fits, .reengagement])
        #expect(items.map(\.id) == [overdue, dueToday] + [later, dormant, never].sorted() + [other])
        #expect(Set(items.map(\.id)).count == items.count)
        let counts = try store.dueCounts(rules: rules, moment: moment)
        #expect(counts == DueCounts(overdue: 1, today: 1, fits: 3, reengagement: 1, cadence: 0))
        #expect(try store.dueCounts(rules: rules, moment: moment, reengagementUpTo: 100).counts == counts)
        // Paging one row at a time, and pages of two following `next`, walk the same queue.
        var paged: [Int64] = []
        var cursor: DueCursor?
        while true {
            let page = try store.dueQueue(rules: rules, moment: moment, after: cursor, limit: 1)
            paged += page.map(\.id)
            guard let last = page.last else { break }
            cursor = last.cursor
        }
        #expect(paged == items.map(\.id))
        var bounded: [Int64] = []
        var next: DueCursor?
        let group = try store.dueFits(rules: rules, moment: moment)
        repeat {
            let page = try store.dueQueuePage(rules: rules, moment: moment, after: next, limit: 2, fits: group)
            bounded += page.items.map(\.id)
            next = page.next
        } while next != nil && bounded.count < 50
        #expect(bounded == items.map(\.id))
    }

    @Test func onePersonOneRowTheirBestFitByOpeningThenRank() throws {
        let (folder, store) = try desk()
        defer { withExtendedLifetime(folder) {} }
        // Exact for the Staff opening, family only for the Senior one: listed under Staff.
        let ana = try person(store, "Ana", asked: 40)
        let bea = try person(store, "Bea", asked: 5)
        let cai = try person(store, "Cai", role: "Senior Engineer", asked: 5)
        let staff = try opening(store, openedDaysAgo: 6)
        let senior = try opening(store, "Senior Engineer", openedDaysAgo: 2)
        let items = try store.dueQueue(rules: rules, moment: moment).filter { $0.group == .fits }
        // The newest opening first (Senior: Cai exact), then Staff by rank (fresher answer first).
        #expect(items.map(\.id) == [cai, bea, ana])
        #expect(items.map(\.reason.openingID) == [senior.id, staff.id, staff.id])
    }

    @Test func atMostTheBestFitsPerOpeningNotContacted() throws {
        let store = try Store.inMemory()
        let o = try opening(store)
        var ids: [Int64] = []
        for n in 0..<(Store.fitsPerOpening + 3) {
            // Fresher answers rank higher: person 0 is the best.
            ids.append(try person(store, "P\(n)", asked: 1 + n / 20, touched: nil))
        }
        try store.logTouch(ids[0], TouchDraft(at: daysAgo(0), channel: .phone, outcome: .noAnswer, openingID: o.id))
        try store.logTouch(ids[1], TouchDraft(at: daysAgo(0), channel: .phone, outcome: .noAnswer, openingID: o.id))
        let listed = try fits(store)
        #expect(listed.count == Store.fitsPerOpening)
        #expect(!listed.contains(ids[0]) && !listed.contains(ids[1]))
        #expect(Set(listed) == Set(ids.dropFirst(2).prefix(Store.fitsPerOpening)))
        #expect(try store.dueCounts(rules: rules, moment: moment).fits == Store.fitsPerOpening)
    }
}
