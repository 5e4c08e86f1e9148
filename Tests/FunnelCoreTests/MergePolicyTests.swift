import Foundation
@testable import FunnelCore
import Testing

/// The merge policy: fill empty fields, unite tags, never overwrite a non-empty field, and say so.
@Suite struct MergePolicyTests {
    let t = Date(timeIntervalSince1970: 1_790_000_000)

    func record(_ header: [String], _ cells: [String]) throws -> ImportRecord {
        try ImportRecord.read(cells, mapping: HeaderMapping.resolve(header: header), defaults: ImportDefaults())
    }

    var jane: Candidate {
        Candidate(id: 7, firstName: "Jane", lastName: "Doe", email: "jane@example.com", phone: nil, location: "Lisbon",
                  title: "CTO", tags: ["exec"], stage: .consideration, createdAt: t)
    }

    @Test func fillsEmptyFieldsAndKeepsTheRest() throws {
        let row = try record(["First Name", "Last Name", "Email", "Phone", "Location", "Title", "Company", "Tags"],
                             ["JANE", "doe", "jane@example.com", "+351 1", "lisbon", "VP Engineering", "Acme", "exec, remote"])
        let plan = MergePlan.plan(existing: jane, currentRole: nil, incoming: row)
        #expect(plan.filled == [.phone, .company])
        #expect(plan.addedTags == ["remote"])
        #expect(plan.draft.title == "CTO" && plan.draft.phone == "+351 1" && plan.draft.company == "Acme")
        #expect(plan.draft.tags == ["exec", "remote"])
        #expect(plan.conflicts == [MergeConflict(field: .title, kept: "CTO", offered: "VP Engineering")])
        #expect(plan.changesProfile)
    }

    @Test func sameValuesInAnotherCaseAreNotConflicts() throws {
        let row = try record(["First Name", "Last Name", "Location"], ["jane", "DOE", " Lisbon "])
        let plan = MergePlan.plan(existing: jane, currentRole: nil, incoming: row)
        #expect(plan.conflicts.isEmpty && !plan.changesProfile)
    }

    @Test func stageAndStatusAreReportedNeverChanged() throws {
        let row = try record(["First Name", "Stage", "Status"], ["Jane", "loyalty", "placed"])
        let plan = MergePlan.plan(existing: jane, currentRole: nil, incoming: row)
        #expect(plan.draft.stage == .consideration && plan.draft.status == .active)
        #expect(plan.conflicts.map(\.field) == [.stage, .status])
        // A default from the command line is not the file's word: no conflict.
        let silent = try ImportRecord.read(["Jane"], mapping: HeaderMapping.resolve(header: ["First Name"]),
                                           defaults: ImportDefaults(stage: .loyalty))
        #expect(MergePlan.plan(existing: jane, currentRole: nil, incoming: silent).conflicts.isEmpty)
    }

    @Test func doNotContactNeverGetsAFollowUp() throws {
        var dnc = jane
        dnc.status = .doNotContact
        let row = try record(["First Name", "Next follow-up"], ["Jane", "2026-12-01"])
        let plan = MergePlan.plan(existing: dnc, currentRole: nil, incoming: row)
        #expect(plan.draft.nextFollowUp == nil)
        #expect(plan.conflicts == [MergeConflict(field: .nextFollowUp, kept: "none (do not contact)", offered: "2026-12-01")])
        let open = MergePlan.plan(existing: jane, currentRole: nil, incoming: row)
        #expect(open.draft.nextFollowUp == Day(year: 2026, month: 12, day: 1) && open.filled == [.nextFollowUp])
    }

    @Test func futureRoleIsAddedOnlyWhenThereIsNone() throws {
        let row = try record(["First Name", "Future role", "Future location"], ["Jane", "Staff Engineer", "Porto"])
        #expect(MergePlan.plan(existing: jane, currentRole: nil, incoming: row).addsFutureRole)
        let current = FutureRole(id: 1, candidateID: 7, title: "staff engineer", location: "porto", remote: false, askedAt: t)
        let same = MergePlan.plan(existing: jane, currentRole: current, incoming: row)
        #expect(!same.addsFutureRole && same.conflicts.isEmpty)
        let other = FutureRole(id: 1, candidateID: 7, title: "CTO", location: "Lisbon", remote: true, askedAt: t)
        let differs = MergePlan.plan(existing: jane, currentRole: other, incoming: row)
        #expect(!differs.addsFutureRole)
        #expect(differs.conflicts == [MergeConflict(field: .futureRoleTitle, kept: "CTO in Lisbon (remote)", offered: "Staff Engineer in Porto")])
    }

    @Test func phonesCompareByDigits() throws {
        var withPhone = jane
        withPhone.phone = "+351 912 000 111"
        let row = try record(["First Name", "Phone"], ["Jane", "+351-912-000-111"])
        #expect(MergePlan.plan(existing: withPhone, currentRole: nil, incoming: row).conflicts.isEmpty)
    }

    @Test func duplicatePolicyParsing() throws {
        #expect(try DuplicatePolicy.parse(" Skip ") == .skip)
        #expect(throws: FunnelError.invalid("unknown duplicate policy 'keep': expected merge, skip or error")) { try DuplicatePolicy.parse("keep") }
    }
}
