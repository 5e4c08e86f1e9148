import Foundation
@testable import FunnelCore
@testable import FunnelStore
import GRDB
import Testing

@Suite struct DueQueueTests {
    static let utc = TimeZone(identifier: "UTC")!
    let today = Day(year: 2026, month: 11, day: 22)!
    var moment: Moment { Moment.noon(today) }
    let rules = Rules.defaults

    func daysAgo(_ days: Int, hour: Int = 12) -> Date {
        today.adding(days: -days).start(in: Self.utc).addingTimeInterval(TimeInterval(hour * 3600))
    }

    @discardableResult
    func person(_ store: Store, _ name: String, email: String? = nil, status: Status = .active, added: Int = 400,
                touches: [(Int, Channel, Direction, Outcome?)] = [], followUp: Day? = nil) throws -> Int64 {
        let email = email ?? "\(name.lowercased())@example.com"
        let c = try store.add(CandidateDraft(firstName: name, email: email.isEmpty ? nil : email, status: status == .doNotContact ? .active : status),
                              at: daysAgo(added))
        for (days, channel, direction, outcome) in touches.sorted(by: { $0.0 > $1.0 }) {
            try store.logTouch(c.id, TouchDraft(at: daysAgo(days), channel: channel, direction: direction, outcome: outcome, note: channel == .note ? "n" : ""))
        }
        if let followUp { try store.setFollowUp(c.id, to: followUp, at: daysAgo(0)) }
        if status == .doNotContact { try store.setStatus(c.id, to: .doNotContact, at: daysAgo(0)) }
        return c.id
    }

    /// What the Today screen does with a filled-in log form.
    func log(_ store: Store, _ id: Int64, _ form: QuickLogEntry) throws {
        let resolved = try form.resolve(at: moment)
        try store.logOutcome(id, resolved.touch, followUp: resolved.nextFollowUp.map { .set($0) } ?? .clear, futureRole: resolved.futureRole)
    }

    func allPages(_ store: Store, pageSize: Int) throws -> [DueItem] {
        var items: [DueItem] = []
        var cursor: DueCursor?
        while true {
            let page = try store.dueQueue(rules: rules, moment: moment, after: cursor, limit: pageSize)
            items += page
            guard let last = page.last, page.count == pageSize else { return items }
            cursor = last.cursor
        }
    }

    @Test func groupsOrderAndReasons() throws {
        let store = try Store.inMemory()
        let overdue5 = try person(store, "Ola", touches: [(10, .phone, .outbound, .noAnswer)], followUp: today.adding(days: -5))
        let overdue1 = try person(store, "Ben", touches: [(3, .phone, .outbound, .noAnswer)], followUp: today.adding(days: -1))
        let dueToday = try person(store, "Cai", touches: [(3, .phone, .outbound, .leftVoicemail)], followUp: today)
        try person(store, "Dee", touches: [(3, .phone, .outbound, .leftVoicemail)], followUp: today.adding(days: 1))  // not yet
        let dormant181 = try person(store, "Eve", touches: [(181, .email, .outbound, .sent)])
        let dormant300 = try person(store, "Fay", touches: [(300, .email, .inbound, .replied)])
        try person(store, "Gus", added: 200, touches: [(179, .email, .outbound, .sent)])  // one day short
        let never = try person(store, "Hal", added: 200)
        try person(store, "Ian", added: 100)  // new: not yet
        try person(store, "Jo", status: .placed, touches: [(400, .email, .outbound, .sent)])
        try person(store, "Kim", status: .doNotContact, touches: [(400, .email, .outbound, .sent)])
        try person(store, "Lu", email: "", touches: [(400, .phone, .outbound, .noAnswer)])
        // Re-engaged 42 days ago after a long silence, then again 21 days ago, no answer: cadence due.
        let cadence = try person(store, "Max", touches: [(21, .email, .outbound, .sent), (42, .email, .outbound, .sent), (400, .email, .inbound, .replied)])
        // The same but they replied 10 days ago: nothing due.
        try person(store, "Nia", touches: [(10, .email, .inbound, .replied), (42, .email, .outbound, .sent), (400, .email, .inbound, .replied)])
        // Re-engaged 20 days ago: not yet due again.
        try person(store, "Oz", touches: [(20, .email, .outbound, .sent), (400, .email, .inbound, .replied)])

        let items = try store.dueQueue(rules: rules, moment: moment, limit: 50)
        #expect(items.map(\.id) == [overdue5, overdue1, dueToday, cadence, never, dormant300, dormant181])
        #expect(items.map(\.reason) == [
            .followUpOverdue(days: 5, dueOn: today.adding(days: -5)),
            .followUpOverdue(days: 1, dueOn: today.adding(days: -1)),
            .followUpToday,
            .cadence(days: 21, startedOn: today.adding(days: -42)),
            .reengagement(days: 200, neverTouched: true),
            .reengagement(days: 300, neverTouched: false),
            .reengagement(days: 181, neverTouched: false),
        ])
        #expect(try store.dueCounts(rules: rules, moment: moment) == DueCounts(overdue: 2, today: 1, reengagement: 4, cadence: 1))
        #expect(items.map(\.reengaging) == [false, false, false, true, true, true, true])
        // A capped count stops early and says so; a cap above the total changes nothing.
        #expect(try store.dueCounts(rules: rules, moment: moment, reengagementUpTo: 2)
            == BoundedDueCounts(counts: DueCounts(overdue: 2, today: 1, reengagement: 2, cadence: 1), reengagementIsLowerBound: true))
        #expect(try store.dueCounts(rules: rules, moment: moment, reengagementUpTo: 5)
            == BoundedDueCounts(counts: DueCounts(overdue: 2, today: 1, reengagement: 4, cadence: 1), reengagementIsLowerBound: false))
        // Following `next` page by page walks the same queue.
        var bounded: [Int64] = []
        var next: DueCursor?
        var calls = 0
        repeat {
            let page = try store.dueQueuePage(rules: rules, moment: moment, after: next, limit: 2)
            bounded += page.items.map(\.id)
            next = page.next
            calls += 1
        } while next != nil && calls < 50
        #expect(bounded == items.map(\.id))
        // Paging one row at a time walks the same queue.
        #expect(try allPages(store, pageSize: 1).map(\.id) == items.map(\.id))
        #expect(try allPages(store, pageSize: 3).map(\.id) == items.map(\.id))
        // The candidate-screen view agrees.
        #expect(try store.dueReason(of: cadence, rules: rules, moment: moment) == .cadence(days: 21, startedOn: today.adding(days: -42)))
    }

    @Test func aFirstTouchLongAfterBeingAddedIsAReengagementTouch() throws {
        let store = try Store.inMemory()
        // Added 400 days ago, first mailed 100 days ago, no answer: a running cadence.
        let id = try person(store, "Ana", added: 400, touches: [(100, .email, .outbound, .sent)])
        #expect(try store.dueQueue(rules: rules, moment: moment).map(\.reason) == [.cadence(days: 100, startedOn: today.adding(days: -100))])
        // Logging "left voicemail" while re-engaging leaves the date to the cadence.
        let facts = try store.dueFacts(of: id, rules: rules, moment: moment)
        #expect(ReengagementCadence.isReengaging(facts, rules: rules, at: moment))
        let form = QuickLogEntry(QuickOutcome.forKey("2")!, for: try store.candidate(id), rules: rules, reengaging: true)
        try log(store, id, form)
        #expect(try store.candidate(id).nextFollowUp == nil)
        #expect(try store.dueQueue(rules: rules, moment: Moment.noon(today.adding(days: 20))).isEmpty)
        #expect(try store.dueQueue(rules: rules, moment: Moment.noon(today.adding(days: 21))).map(\.reason)
            == [.cadence(days: 21, startedOn: today.adding(days: -100))])
    }

    @Test func configurableThresholds() throws {
        let store = try Store.inMemory()
        let id = try person(store, "Ana", added: 150, touches: [(100, .email, .outbound, .sent)])
        #expect(try store.dueQueue(rules: rules, moment: moment).isEmpty)
        var short = rules
        short.reengageAfterDays = 90
        #expect(try store.dueQueue(rules: short, moment: moment).map(\.id) == [id])
    }

    /// The store's index-driven queue equals the pure rule applied to every candidate, on a
    /// generated desk, read in small pages.
    @Test func storeAgreesWithThePureRule() throws {
        let store = try Store.inMemory()
        var rng = DueQueueRNG(seed: 7)
        var ids: [Int64] = []
        for n in 0..<300 {
            let added = Int.random(in: 0...900, using: &rng)
            var touches: [(Int, Channel, Direction, Outcome?)] = []
            var day = added
            for _ in 0..<Int.random(in: 0...5, using: &rng) {
                day -= Int.random(in: 0...250, using: &rng)
                guard day >= 0 else { break }
                touches.append((day, [.email, .phone, .note, .linkedin].randomElement(using: &rng)!,
                                Int.random(in: 0...4, using: &rng) == 0 ? .inbound : .outbound,
                                [nil, .sent, .noAnswer, .replied, .bounced, .leftVoicemail].randomElement(using: &rng)!))
            }
            let status = [Status.active, .active, .notLooking, .placed, .doNotContact].randomElement(using: &rng)!
            let followUp: Day? = status == .doNotContact || Bool.random(using: &rng) ? nil : today.adding(days: Int.random(in: -20...20, using: &rng))
            ids.append(try person(store, "P\(n)", email: Int.random(in: 0...5, using: &rng) == 0 ? "" : "p\(n)@example.com",
                                  status: status, added: added, touches: touches, followUp: followUp))
        }
        var expected: [Int64: DueReason] = [:]
        for id in ids {
            let facts = try store.dueFacts(of: id, rules: rules, moment: moment)
            if let reason = DueRules.evaluate(facts, rules: rules, at: moment) { expected[id] = reason }
        }
        let queue = try allPages(store, pageSize: 7)
        #expect(Dictionary(uniqueKeysWithValues: queue.map { ($0.id, $0.reason) }) == expected)
        #expect(queue.count == expected.count)
        // Groups come in order, and within a group the most urgent first.
        #expect(queue.map(\.group) == queue.map(\.group).sorted())
        let counts = try store.dueCounts(rules: rules, moment: moment)
        #expect(counts.total == expected.count)
        #expect(counts.cadence == expected.values.filter { if case .cadence = $0 { true } else { false } }.count)
        #expect(expected.values.contains { if case .cadence = $0 { true } else { false } })
    }

    @Test func logOutcomeWritesTouchDateAndFutureRoleTogether() throws {
        let store = try Store.inMemory()
        let id = try person(store, "Ana", touches: [(30, .phone, .outbound, .noAnswer)], followUp: today)
        let logged = try store.logOutcome(id, TouchDraft(at: moment.now, channel: .phone, outcome: .notNow, note: "maybe next year"),
                                          followUp: .set(today.adding(days: 90)),
                                          futureRole: FutureRoleAnswer(title: " Staff Engineer ", location: "Lisbon"))
        #expect(logged.futureRole?.title == "Staff Engineer")
        #expect(logged.reverts.count == 2)
        let ana = try store.candidate(id)
        #expect(ana.nextFollowUp == today.adding(days: 90))
        #expect(ana.lastTouchAt == moment.now)
        #expect(try store.touches(of: id).first?.outcome == .notNow)
        #expect(try store.currentFutureRole(of: id)?.location == "Lisbon")
        #expect(try store.search("staff lisbon").map(\.id) == [id])
        // Undo, newest first, takes everything back.
        for revert in logged.reverts.reversed() { try store.revert(revert, at: moment.now) }
        #expect(try store.currentFutureRole(of: id) == nil)
        #expect(try store.candidate(id).nextFollowUp == today)
        #expect(try store.touches(of: id).count == 1)

        // Refused for do not contact: nothing written, not even the future role.
        try store.setStatus(id, to: .doNotContact, at: moment.now)
        #expect(throws: FunnelError.self) {
            try store.logOutcome(id, TouchDraft(at: moment.now, channel: .phone, outcome: .notNow), followUp: .clear,
                                 futureRole: FutureRoleAnswer(title: "CTO", location: "Paris"))
        }
        #expect(try store.futureRoles(of: id).isEmpty)
        #expect(try store.touches(of: id).count == 1)
        // A half answer is refused before anything is written.
        try store.setStatus(id, to: .active, at: moment.now)
        #expect(throws: FunnelError.invalid("a future role needs a location (or remote)")) {
            try store.logOutcome(id, TouchDraft(at: moment.now, channel: .phone, outcome: .notNow), followUp: .clear,
                                 futureRole: FutureRoleAnswer(title: "CTO", location: ""))
        }
        #expect(try store.touches(of: id).count == 1)
    }

    @Test func quickLogFromTheQueue() throws {
        let store = try Store.inMemory()
        let id = try person(store, "Ana", added: 30, touches: [(5, .phone, .outbound, .noAnswer)], followUp: today)
        let item = try #require(try store.dueQueue(rules: rules, moment: moment).first)
        #expect(!item.reengaging)
        let form = QuickLogEntry(QuickOutcome.forKey("2")!, for: item.candidate, rules: rules, reengaging: item.reengaging)
        try log(store, id, form)
        #expect(try store.candidate(id).nextFollowUp == today.adding(days: 3))
        #expect(try store.dueQueue(rules: rules, moment: moment).isEmpty)
        // Three days later she is due again.
        #expect(try store.touches(of: id).first?.outcome == .leftVoicemail)
        let later = Moment.noon(today.adding(days: 3))
        #expect(try store.dueQueue(rules: rules, moment: later).map(\.reason) == [.followUpToday])
    }

    @Test func templatesAreValidatedWhenSaved() throws {
        let store = try Store.inMemory()
        #expect(throws: FunnelError.self) {
            try store.saveTemplate(validated: TemplateDraft(name: "bad", channel: .email, subject: "Hi", body: "Hi {{frist_name}}"))
        }
        #expect(try store.templates().isEmpty)
        try store.saveTemplate(validated: TemplateDraft(name: "intro", channel: .email, subject: "Hi {{first_name}}", body: "Hello {{first_name|there}}"))
        #expect(throws: FunnelError.invalid("a template named 'INTRO' already exists (use `funnel template edit INTRO`)")) {
            try store.saveTemplate(validated: TemplateDraft(name: "INTRO", channel: .email, subject: "", body: "x"), replacing: false)
        }
        let id = try person(store, "Zoë")
        let (_, _, message) = try store.render(template: "intro", for: id, recruiterName: nil, recruiterEmail: nil)
        #expect(message == RenderedMessage(subject: "Hi Zoë", body: "Hello Zoë"))
    }

    @Test func engagementScoreFromTheStoreMatchesTheCore() throws {
        let store = try Store.inMemory()
        let log: [(Int, Channel, Direction, Outcome?)] = [(2, .email, .inbound, .replied), (3, .email, .outbound, .sent), (40, .phone, .outbound, .noAnswer),
                                                          (50, .note, .outbound, nil), (400, .email, .outbound, .sent)]
        let id = try person(store, "Ana", added: 500, touches: log)
        let expected = EngagementScore.compute(touches: try store.touches(of: id).map(TouchFact.init), at: moment)
        let score = try store.engagementScore(of: id, at: moment)
        #expect(score == expected)
        #expect(score.contacts == 3 && score.attempts == 2 && score.responses == 1 && score.daysSinceContact == 2)
    }
}

/// SplitMix64, as in the core tests: deterministic generated desks.
struct DueQueueRNG: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
