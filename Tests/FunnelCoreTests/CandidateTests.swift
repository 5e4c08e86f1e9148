import Foundation
import FunnelCore
import Testing

@Suite struct CandidateDraftTests {
    @Test func trimsAndTurnsBlanksIntoNil() throws {
        let draft = CandidateDraft(
            firstName: "  Zoë ", lastName: " Müller\n", email: " Zoe@Example.COM ", phone: "  ", location: "",
            linkedinURL: "linkedin.com/in/Zoe-Muller/", title: " Staff Engineer ", company: "\t", source: " ",
            owner: " ana ", tags: [" Go ", "go", "Remote Work", "", "  ", "BACKEND", "backend"], interests: " sailing ")
        let valid = try draft.validated()
        #expect(valid.firstName == "Zoë")
        #expect(valid.lastName == "Müller")
        #expect(valid.email == "zoe@example.com")
        #expect(valid.phone == nil)
        #expect(valid.location == nil)
        #expect(valid.linkedinURL == "https://www.linkedin.com/in/zoe-muller")
        #expect(valid.title == "Staff Engineer")
        #expect(valid.company == nil)
        #expect(valid.source == nil)
        #expect(valid.owner == "ana")
        #expect(valid.interests == "sailing")
        #expect(valid.tags == ["go", "remote-work", "backend"])
        #expect(try valid.validated() == valid)
    }

    @Test func blankContactFieldsAreNotErrors() throws {
        let valid = try CandidateDraft(firstName: "Ana", email: "   ", linkedinURL: "").validated()
        #expect(valid.email == nil)
        #expect(valid.linkedinURL == nil)
        #expect(valid.lastName == "")
    }

    @Test(arguments: ["", "   ", "\n\t"])
    func requiresAFirstName(_ first: String) {
        expectFunnelError(.invalid, "a candidate needs a first name") {
            try CandidateDraft(firstName: first, lastName: "Doe", email: "jane@example.com").validated()
        }
    }

    @Test func refusesABadEmailOrProfile() {
        expectFunnelError(.invalid, "invalid email address 'jane@example'") {
            try CandidateDraft(firstName: "Jane", email: "jane@example").validated()
        }
        expectFunnelError(.invalid, "invalid LinkedIn profile URL 'example.com/in/jane'") {
            try CandidateDraft(firstName: "Jane", linkedinURL: "example.com/in/jane").validated()
        }
    }

    @Test func keepsStageStatusAndFollowUp() throws {
        let draft = CandidateDraft(firstName: "Ana", stage: .conversion, status: .notLooking,
                                   nextFollowUp: Day(year: 2026, month: 3, day: 1))
        let valid = try draft.validated()
        #expect(valid.stage == .conversion && valid.status == .notLooking)
        #expect(valid.nextFollowUp == Day(year: 2026, month: 3, day: 1))
    }
}

@Suite struct TagsTests {
    @Test(arguments: [
        (["Go", "go", " GO "], ["go"]), (["Remote  Work"], ["remote-work"]), (["", " ", "\t"], []),
        (["b", "a", "b"], ["b", "a"]), (["Ünïcode Tag"], ["ünïcode-tag"]),
    ])
    func normalizes(_ input: [String], _ expected: [String]) {
        #expect(Tags.normalize(input) == expected)
    }

    @Test func parsesAList() {
        #expect(Tags.parse("go, backend; remote ,, Go") == ["go", "backend", "remote"])
        #expect(Tags.parse("") == [])
        #expect(Tags.parse("  ;  , ") == [])
    }
}

@Suite struct FutureRoleTests {
    @Test func trimsTitleAndLocation() throws {
        let role = try FutureRole.validate(title: "  Staff Engineer ", location: " Lisbon ", remote: false)
        #expect(role.title == "Staff Engineer")
        #expect(role.location == "Lisbon")
    }

    @Test func remoteNeedsNoLocation() throws {
        let role = try FutureRole.validate(title: "Staff Engineer", location: "  ", remote: true)
        #expect(role.location == "")
    }

    @Test(arguments: [("", "Lisbon", false), ("   ", "Lisbon", true), ("\n", "", true)])
    func requiresATitle(_ title: String, _ location: String, _ remote: Bool) {
        expectFunnelError(.invalid, "a future role needs a title") {
            try FutureRole.validate(title: title, location: location, remote: remote)
        }
    }

    @Test(arguments: ["", "   "])
    func requiresALocationUnlessRemote(_ location: String) {
        expectFunnelError(.invalid, "a future role needs a location (or remote)") {
            try FutureRole.validate(title: "Staff Engineer", location: location, remote: false)
        }
    }

    @Test func summaryReadsAsASentence() {
        let at = Date(timeIntervalSince1970: 0)
        #expect(FutureRole(id: 1, candidateID: 1, title: "Staff Engineer", location: "Lisbon", remote: true, askedAt: at).summary
                == "Staff Engineer in Lisbon (remote)")
        #expect(FutureRole(id: 1, candidateID: 1, title: "CTO", location: "", remote: true, askedAt: at).summary == "CTO (remote)")
        #expect(FutureRole(id: 1, candidateID: 1, title: "CTO", location: "Oslo", remote: false, askedAt: at).summary == "CTO in Oslo")
    }
}

@Suite struct CandidateTests {
    let created = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    @Test func namesAndHeadline() {
        var candidate = Candidate(id: 1, firstName: "Zoë", lastName: "Müller", title: "Engineer", company: "Acme", createdAt: created)
        #expect(candidate.fullName == "Zoë Müller")
        #expect(candidate.headline == "Engineer at Acme")
        candidate.company = "  "
        #expect(candidate.headline == "Engineer")
        candidate.title = nil
        candidate.company = "Acme"
        #expect(candidate.headline == "at Acme")
        candidate.company = nil
        #expect(candidate.headline == "")
        candidate.lastName = ""
        #expect(candidate.fullName == "Zoë")
    }

    @Test func defaultsFollowCreation() {
        let candidate = Candidate(id: 1, firstName: "Ana", createdAt: created)
        #expect(candidate.updatedAt == created && candidate.stageEnteredAt == created)
        #expect(candidate.stage == .awareness && candidate.status == .active)
    }

    @Test func daysSinceLastTouchCountsCalendarDaysInTheRecruitersZone() throws {
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        // 2026-01-16T04:00Z is still 2026-01-15 in New York.
        let touched = Date(timeIntervalSince1970: 1_768_536_000)
        let candidate = Candidate(id: 1, firstName: "Ana", createdAt: created, lastTouchAt: touched)
        #expect(candidate.daysSinceLastTouch(today: Day(year: 2026, month: 1, day: 16)!, in: newYork) == 1)
        #expect(candidate.daysSinceLastTouch(today: Day(year: 2026, month: 1, day: 16)!, in: TimeZone(identifier: "UTC")!) == 0)
        #expect(Candidate(id: 2, firstName: "Bo", createdAt: created).daysSinceLastTouch(today: Day(year: 2026, month: 1, day: 16)!, in: newYork) == nil)
    }
}
