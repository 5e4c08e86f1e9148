import Foundation
import FunnelCore
@testable import FunnelStore
import GRDB
import Testing

/// The report's future roles asked for against the openings (docs/rules.md, "Report"), on a
/// small desk in a real SQLite file, counted by hand.
///
/// Now = 2026-11-22 12:00 UTC; the period is 2026-08-25 … 2026-11-22.
/// Current answers: Ana "Engineering manager"/Lisbon, Ben "Engineering Manager"/Lisboa, Cleo
/// "Eng. Manager"/"Lisbon, Portugal", Dan "Senior Engineering Manager"/Berlin, Finn (do not
/// contact) "Engineering Manager"/Lisbon, Eve "Data Engineer"/remote (no location), Gus "Data
/// Engineer"/Lisbon (his earlier "Engineering Manager"/Lisbon is history).
/// Openings: #1 Engineering Manager, Lisbon (open); #2 Eng Mgr, Berlin, hybrid (on hold);
/// #3 Data Engineer, remote (filled 10/10 with Eve); #4 Data Engineer, Lisbon (filled in
/// January, before the period); #5 Designer, Porto (closed unfilled); #6 Engineering Manager,
/// remote (open, the newest).
@Suite struct ReportDemandTests {
    static let utc = TimeZone(identifier: "UTC")!
    static let moment = Moment(now: at("2026-11-22"), timeZone: utc)

    static func at(_ day: String, _ hour: Int = 12) -> Date {
        Day(iso: day)!.start(in: utc).addingTimeInterval(TimeInterval(hour * 3600))
    }

    struct Desk {
        var folder: TemporaryFolder
        var store: Store
        var people: [String: Int64] = [:]
        var openings: [Int64] = []
    }

    static func desk() throws -> Desk {
        let folder = try TemporaryFolder()
        let store = try Store.open(at: folder.path("funnel.sqlite"))
        var desk = Desk(folder: folder, store: store)
        func person(_ name: String, _ title: String, _ location: String, remote: Bool = false, status: Status = .active) throws {
            let id = try store.add(CandidateDraft(firstName: name, email: "\(name.lowercased())@example.com", status: status),
                                   at: at("2026-09-01")).id
            _ = try store.recordFutureRole(id, title: title, location: location, remote: remote, at: at("2026-09-02"))
            desk.people[name] = id
        }
        try person("Ana", "Engineering manager", "Lisbon")
        try person("Ben", "Engineering Manager", "Lisboa")
        try person("Cleo", "Eng. Manager", "Lisbon, Portugal")
        try person("Dan", "Senior Engineering Manager", "Berlin")
        try person("Finn", "Engineering Manager", "Lisbon", status: .doNotContact)
        try person("Eve", "Data Engineer", "", remote: true)
        try person("Gus", "Engineering Manager", "Lisbon")
        _ = try store.recordFutureRole(desk.people["Gus"]!, title: "Data Engineer", location: "Lisbon", remote: false, at: at("2026-09-20"))

        func opening(_ title: String, _ location: String, _ mode: WorkMode, company: String? = nil, _ day: String) throws -> Int64 {
            let id = try store.addOpening(OpeningDraft(title: title, location: location, company: company, workMode: mode), at: at(day)).id
            desk.openings.append(id)
            return id
        }
        let manager = try opening("Engineering Manager", "Lisbon", .onsite, company: "Blue Harbor", "2026-10-01")
        let berlin = try opening("Eng Mgr", "Berlin", .hybrid, "2026-10-02")
        _ = try store.editOpening(berlin, OpeningDraft(title: "Eng Mgr", location: "Berlin", workMode: .hybrid), status: .onHold, at: at("2026-10-03"))
        let remoteData = try opening("Data Engineer", "", .remote, "2026-10-04")
        let lisbonData = try opening("Data Engineer", "Lisbon", .onsite, "2026-01-05")
        _ = try store.closeOpening(lisbonData, as: .filled, at: at("2026-01-10"))
        let designer = try opening("Designer", "Porto", .onsite, "2026-10-05")
        _ = try store.closeOpening(designer, as: .closed, at: at("2026-10-20"))
        _ = try opening("Engineering Manager", "Remote", .remote, "2026-11-01")

        func touch(_ name: String, _ day: String, _ outcome: Outcome?, _ channel: Channel = .phone, about opening: Int64?) throws {
            _ = try store.logTouch(desk.people[name]!, TouchDraft(at: at(day), channel: channel, outcome: outcome, openingID: opening))
        }
        // Ana: interested, then a later email about it only sent: her latest answer is not "interested".
        try touch("Ana", "2026-11-01", .interested, about: manager)
        try touch("Ana", "2026-11-05", .sent, .email, about: manager)
        // Ben: sent, then interested; a later decline about nothing in particular does not count.
        try touch("Ben", "2026-11-02", .sent, .email, about: manager)
        try touch("Ben", "2026-11-03", .interested, about: manager)
        try touch("Ben", "2026-11-10", .declined, about: nil)
        // Cleo: interested and declined at the same instant: the later-recorded one is the latest.
        try touch("Cleo", "2026-11-04", .interested, about: manager)
        try touch("Cleo", "2026-11-04", .declined, about: manager)
        // Dan is not a match (Berlin) but was reached about it, and is interested.
        try touch("Dan", "2026-11-06", .interested, about: manager)
        // Eve, about the remote data role, then placed in it.
        try touch("Eve", "2026-10-06", .interested, about: remoteData)
        _ = try store.closeOpening(remoteData, as: .filled, placed: desk.people["Eve"]!, at: at("2026-10-10"))
        return desk
    }

    func report(_ store: Store) throws -> FunnelReport {
        try store.report(period: ReportPeriod.last(endingOn: Self.moment.today), moment: Self.moment)
    }

    @Test func titleSpellingsAreOneGroupWithTheirOpenOpenings() throws {
        let desk = try Self.desk()
        let r = try report(desk.store)
        // "Engineering manager", "Engineering Manager", "Eng. Manager" and the senior one are one
        // family: Ana, Ben, Cleo, Dan, Finn (do not contact still asked). Open: #1 and #6 (#2 is on hold).
        // Data Engineer: Eve and Gus; its openings are filled.
        #expect(r.topFutureRoleTitles == [
            RoleDemand(key: "engineering manager", label: "Engineering Manager", count: 5, openOpenings: 2),
            RoleDemand(key: "data engineer", label: "Data Engineer", count: 2, openOpenings: 0),
        ])
        // Lisbon, Lisboa and "Lisbon, Portugal" are one place: Ana, Ben, Cleo, Finn, Gus; open
        // there: #1 (#4 is filled). Remote: Eve (no location); open: #6. Berlin's #2 is on hold.
        #expect(r.topFutureRoleLocations == [
            RoleDemand(key: "lisbon", label: "Lisbon", count: 5, openOpenings: 1),
            RoleDemand(key: "berlin", label: "Berlin", count: 1, openOpenings: 0),
            RoleDemand(key: "remote", label: "Remote", count: 1, openOpenings: 1),
        ])
    }

    @Test func eachOpeningWithMatchesContactedInterestedAndPlaced() throws {
        let desk = try Self.desk()
        let r = try report(desk.store)
        let ids = desk.openings
        // Open (newest first), on hold, filled in the period; #4 (filled in January) and #5
        // (closed) are not listed.
        #expect(r.openings.map(\.id) == [ids[5], ids[0], ids[1], ids[2]])
        let manager = try #require(r.openings.first { $0.id == ids[0] })
        // Matches: Ana, Ben, Cleo (Lisbon; Finn is do not contact, Gus's answer changed, Dan is in
        // Berlin). Contacted: Ana, Ben, Cleo, Dan. Interested by their latest touch about it: Ben, Dan.
        #expect(manager == OpeningFigures(id: ids[0], title: "Engineering Manager", company: "Blue Harbor", location: "Lisbon",
                                          workMode: .onsite, status: .open, matches: 3, contacted: 4, interested: 2, placed: 0))
        let berlin = try #require(r.openings.first { $0.id == ids[1] })
        #expect(berlin.status == .onHold && berlin.matches == 1 && berlin.contacted == 0 && berlin.interested == 0)
        let remoteManager = try #require(r.openings.first { $0.id == ids[5] })
        // Remote: the family anywhere, admitted people only: Ana, Ben, Cleo, Dan.
        #expect(remoteManager.matches == 4 && remoteManager.place == "remote")
        let filled = try #require(r.openings.first { $0.id == ids[2] })
        #expect(filled == OpeningFigures(id: ids[2], title: "Data Engineer", company: nil, location: "", workMode: .remote,
                                         status: .filled, matches: nil, contacted: 1, interested: 1, placed: 1))
        // The matches are the Openings list's own counts.
        let summaries = try desk.store.openingSummaries()
        for summary in summaries {
            let row = try #require(r.openings.first { $0.id == summary.opening.id })
            #expect(row.matches == summary.matches && row.contacted == summary.contacted)
        }
    }

    @Test func aPastPeriodListsTheOpeningsFilledInIt() throws {
        let desk = try Self.desk()
        let january = try ReportPeriod.resolve(since: "2026-01-01", until: "2026-01-31", today: Self.moment.today)
        let r = try desk.store.report(period: january, moment: Self.moment)
        // Open and on-hold openings are "now"; only the filled ones depend on the period.
        #expect(r.openings.map(\.id) == [desk.openings[5], desk.openings[0], desk.openings[1], desk.openings[3]])
        #expect(r.openings.last?.placed == 0)
    }

    @Test func erasingThePlacedPersonTakesThemOutOfTheFigures() throws {
        let desk = try Self.desk()
        _ = try desk.store.erase(desk.people["Eve"]!, at: Self.at("2026-11-22"))
        let r = try report(desk.store)
        let filled = try #require(r.openings.first { $0.id == desk.openings[2] })
        #expect(filled.placed == 0 && filled.contacted == 0 && filled.interested == 0)
        #expect(r.topFutureRoleLocations.first { $0.key == "remote" }?.count == nil)
    }

    @Test func theInterestedCountReadsTheOpeningIndex() throws {
        let desk = try Self.desk()
        let plan = try desk.store.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + Store.interestedSQL, arguments: [1, "interested"])
                .map { $0["detail"] as String }
        }
        #expect(plan.allSatisfy { !$0.hasPrefix("SCAN t") && !$0.hasPrefix("SCAN touchpoint") }, "\(plan)")
        #expect(plan.contains { $0.contains("touchpoint_by_opening") }, "\(plan)")
    }
}
