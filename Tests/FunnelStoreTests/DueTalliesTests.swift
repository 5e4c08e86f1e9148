import Foundation
@testable import FunnelCore
@testable import FunnelStore
import GRDB
import Testing

/// Migration v8: the Today counts come from tallies the triggers keep and the cadence group from
/// a stored re-engagement start. Both must equal the rule applied to every candidate's own log,
/// after every kind of write, in any time zone, for any rules; `funnel check` recounts them.
@Suite struct DueTalliesTests {
    let today = Day(year: 2026, month: 11, day: 22)!
    let rules = Rules.defaults
    static let zones = ["UTC", "Asia/Kolkata", "Pacific/Chatham", "America/Los_Angeles"].map { TimeZone(identifier: $0)! }

    /// An instant `days` days before today, at a minute of the day drawn by the caller, so the
    /// day boundaries of every zone fall between touches.
    func ago(_ days: Int, minute: Int) -> Date {
        today.adding(days: -days).start(in: TimeZone(identifier: "UTC")!).addingTimeInterval(TimeInterval(minute * 60))
    }

    /// A few hundred people with logs that start, run and end cadences, on a real file.
    func desk(_ rng: inout SplitMix64) throws -> (TemporaryFolder, Store, [Int64]) {
        let folder = try TemporaryFolder()
        let store = try Store.open(at: folder.path("funnel.sqlite"))
        var ids: [Int64] = []
        for n in 0..<240 {
            let added = rng.below(900)
            let status = [Status.active, .active, .active, .notLooking, .placed].randomElement(using: &rng)!
            let person = try store.add(CandidateDraft(firstName: "P\(n)", email: rng.below(6) == 0 ? nil : "p\(n)@example.com",
                                                      status: status), at: ago(added, minute: rng.below(1440)))
            var day = added
            if n % 3 == 0 {
                // Re-engaged after a long silence, 22–170 days ago, perhaps followed up or answered since.
                let old = 400 + rng.below(400)
                try store.logTouch(person.id, TouchDraft(at: ago(min(old, added), minute: rng.below(1440)), channel: .email, outcome: .replied))
                let reengaged = 22 + rng.below(150)
                try store.logTouch(person.id, TouchDraft(at: ago(reengaged, minute: rng.below(1440)), channel: .email, outcome: .sent))
                day = reengaged
            }
            for _ in 0..<rng.below(n % 3 == 0 ? 2 : 6) {
                day -= rng.below(260)
                guard day >= 0 else { break }
                try store.logTouch(person.id, randomTouch(&rng, at: ago(day, minute: rng.below(1440))))
            }
            if rng.below(4) == 0 { try store.setFollowUp(person.id, to: today.adding(days: rng.below(40) - 20), at: ago(0, minute: 0)) }
            if rng.below(12) == 0 { try store.setStatus(person.id, to: .doNotContact, at: ago(0, minute: 0)) }
            ids.append(person.id)
        }
        return (folder, store, ids)
    }

    func randomTouch(_ rng: inout SplitMix64, at: Date) -> TouchDraft {
        TouchDraft(at: at, channel: [.email, .phone, .note, .linkedin].randomElement(using: &rng)!,
                   direction: rng.below(5) == 0 ? .inbound : .outbound,
                   outcome: [nil, .sent, .noAnswer, .replied, .bounced, .leftVoicemail].randomElement(using: &rng)!,
                   note: "n")
    }

    /// The rule applied to each candidate's own log (the walk, not the stored start).
    func bruteForce(_ store: Store, rules: Rules, moment: Moment) throws -> (DueCounts, [Int64: DueReason]) {
        let ids = try store.writer.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM candidate") }
        var reasons: [Int64: DueReason] = [:]
        var counts = DueCounts()
        for id in ids {
            guard let reason = try DueRules.evaluate(store.dueFacts(of: id, rules: rules, moment: moment), rules: rules, at: moment)
            else { continue }
            reasons[id] = reason
            switch reason {
            case .followUpOverdue: counts.overdue += 1
            case .followUpToday: counts.today += 1
            case .fitsOpening: counts.fits += 1
            case .cadence: counts.cadence += 1; counts.reengagement += 1
            case .reengagement: counts.reengagement += 1
            }
        }
        return (counts, reasons)
    }

    func expectAgrees(_ store: Store, rules: Rules, moment: Moment, _ comment: String,
                      sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (counts, reasons) = try bruteForce(store, rules: rules, moment: moment)
        #expect(try store.dueCounts(rules: rules, moment: moment) == counts, "\(comment)", sourceLocation: sourceLocation)
        var queue: [DueItem] = []
        var cursor: DueCursor?
        repeat {
            let page = try store.dueQueuePage(rules: rules, moment: moment, after: cursor, limit: 9)
            queue += page.items
            cursor = page.next
        } while cursor != nil
        #expect(Dictionary(uniqueKeysWithValues: queue.map { ($0.id, $0.reason) }) == reasons, "\(comment)",
                sourceLocation: sourceLocation)
        #expect(queue.count == reasons.count, "\(comment)", sourceLocation: sourceLocation)
        #expect(try store.check().problems == [], "\(comment)", sourceLocation: sourceLocation)
    }

    @Test func keptCountsEqualTheRuleAfterEveryKindOfWrite() throws {
        var rng = SplitMix64(seed: 11)
        let (folder, store, ids) = try desk(&rng)
        defer { withExtendedLifetime(folder) {} }
        let moment = Moment.noon(today)
        try expectAgrees(store, rules: rules, moment: moment, "first read, which computes every start")
        let (counts, _) = try bruteForce(store, rules: rules, moment: moment)
        #expect(counts.cadence > 5 && counts.reengagement > counts.cadence && counts.overdue > 0, "\(counts)")

        var reverts: [Revert] = []
        for round in 0..<6 {
            for _ in 0..<15 {
                let id = ids[rng.below(ids.count)]
                guard (try? store.candidate(id)) != nil else { continue }
                switch rng.below(6) {
                case 0, 1:
                    // Back-dated too: a touch in the middle of a log changes the gaps before it.
                    if let (_, revert) = try? store.logTouch(id, randomTouch(&rng, at: ago(rng.below(300), minute: rng.below(1440)))) {
                        reverts.append(revert)
                    }
                case 2:
                    if let revert = reverts.popLast() { try? store.revert(revert, at: ago(0, minute: 1)) }
                case 3:
                    _ = try? store.setFollowUp(id, to: rng.below(2) == 0 ? nil : today.adding(days: rng.below(10) - 5), at: ago(0, minute: 2))
                case 4:
                    _ = try? store.setStatus(id, to: [.active, .notLooking, .placed, .doNotContact].randomElement(using: &rng)!,
                                             at: ago(0, minute: 3))
                default:
                    if rng.below(3) == 0 { try store.erase(id, at: ago(0, minute: 4)) }
                }
            }
            try expectAgrees(store, rules: rules, moment: moment, "after round \(round) of writes")
        }
    }

    @Test func aTouchWrittenByAnotherToolIsPickedUpByTheNextRead() throws {
        var rng = SplitMix64(seed: 5)
        let (folder, store, _) = try desk(&rng)
        defer { withExtendedLifetime(folder) {} }
        let moment = Moment.noon(today)
        try expectAgrees(store, rules: rules, moment: moment, "before")
        // Someone in a running cadence replies, and another tool (sqlite3) logs it.
        let running = try #require(try store.dueQueue(rules: rules, moment: moment, limit: 500).first { $0.group == .reengagement && {
            if case .cadence = $0.reason { true } else { false } }($0) })
        try store.writer.write { db in
            try db.execute(sql: "INSERT INTO touchpoint (candidate_id, at, channel, direction, outcome, note) VALUES (?, ?, 'email', 'in', 'replied', '')",
                           arguments: [running.id, Rows.seconds(ago(30, minute: 0))])
            try db.execute(sql: "UPDATE candidate SET last_touch_at = max(last_touch_at, ?) WHERE id = ?",
                           arguments: [Rows.seconds(ago(30, minute: 0)), running.id])
        }
        try expectAgrees(store, rules: rules, moment: moment, "after a reply logged by SQL")
        #expect(try store.dueQueue(rules: rules, moment: moment, limit: 500).contains { $0.id == running.id } == false)
    }

    @Test func anotherZoneOrOtherRulesRecomputeEveryone() throws {
        var rng = SplitMix64(seed: 23)
        let (folder, store, _) = try desk(&rng)
        defer { withExtendedLifetime(folder) {} }
        for zone in Self.zones {
            // Noon and just after midnight: the cutoffs fall inside a UTC day, so the tallies'
            // whole days and the index counts of the partial ones both take part.
            for moment in [Moment.noon(today, in: zone), Moment(now: today.start(in: zone).addingTimeInterval(60), timeZone: zone)] {
                try expectAgrees(store, rules: rules, moment: moment, "\(zone.identifier) \(moment.now)")
            }
        }
        // The system's name for UTC and the config's are one zone: no recompute between them.
        try expectAgrees(store, rules: rules, moment: Moment.noon(today, in: TimeZone(identifier: "Etc/UTC")!), "Etc/UTC")
        #expect(try store.meta(Store.cadenceRulesKey) == "180 UTC")
        var shorter = rules
        shorter.reengageAfterDays = 90
        shorter.reengageEveryDays = 14
        try expectAgrees(store, rules: shorter, moment: Moment.noon(today), "re-engage after 90 days")
        try expectAgrees(store, rules: rules, moment: Moment.noon(today), "and back to 180")
    }

    @Test func checkFindsTalliesAndStartsThatDifferFromARecount() throws {
        var rng = SplitMix64(seed: 3)
        let (folder, store, _) = try desk(&rng)
        defer { withExtendedLifetime(folder) {} }
        let moment = Moment.noon(today)
        _ = try store.dueCounts(rules: rules, moment: moment)
        let problems = try store.check().problems
        #expect(problems == [])
        try store.writer.write { db in try db.execute(sql: "UPDATE follow_up_tally SET n = n + 1 WHERE day = (SELECT min(day) FROM follow_up_tally)") }
        #expect(try store.check().problems.contains { $0.contains("follow_up_tally") })
        try store.writer.write { db in
            try db.execute(sql: "DELETE FROM follow_up_tally")
            try db.execute(sql: "INSERT INTO follow_up_tally (day, n) \(Schema.expectedFollowUpTally)")
            try db.execute(sql: "UPDATE reengage_tally SET n = n + 2 WHERE kind = 'idle' AND day = (SELECT min(day) FROM reengage_tally)")
        }
        #expect(try store.check().problems.contains { $0.contains("reengage_tally") })
        try store.writer.write { db in
            try db.execute(sql: "DELETE FROM reengage_tally")
            try db.execute(sql: "INSERT INTO reengage_tally (kind, day, n) \(Schema.expectedReengageTally)")
        }
        #expect(try store.check().problems == [])
        // A start written by hand (the tally follows it, so only the recount from the log shows it).
        try store.writer.write { db in
            try db.execute(sql: "UPDATE candidate SET cadence_start = 0 WHERE id = (SELECT min(id) FROM candidate WHERE cadence_start IS NULL)")
        }
        #expect(try store.check().problems.contains { $0.contains("cadence_start") })
    }

    @Test func anImportSettlesTheStartsOfThePeopleItTouched() throws {
        var rng = SplitMix64(seed: 17)
        let (folder, store, _) = try desk(&rng)
        defer { withExtendedLifetime(folder) {} }
        let moment = Moment.noon(today)
        try expectAgrees(store, rules: rules, moment: moment, "before the import")
        // Two new people whose last touch is an unanswered mail, and one merged into P3.
        let csv = """
            first_name,email,last_touch_at,last_touch_channel,last_touch_direction,last_touch_outcome
            New,new1@example.com,2026-08-01T10:00:00Z,email,out,sent
            Newer,new2@example.com,2026-10-20T10:00:00Z,email,out,no_answer
            P3,p3@example.com,2026-10-25T10:00:00Z,email,out,sent
            """
        let report = try store.importCSV(data: Data(csv.utf8), name: "touches.csv", options: ImportOptions(), at: ago(0, minute: 30))
        #expect(report.committed, "\(report)")
        let dirty = try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM candidate WHERE cadence_dirty = 1") }
        #expect(dirty == 0)
        #expect(try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM touchpoint WHERE at >= ?",
                                                               arguments: [Rows.seconds(ago(200, minute: 0))]) } ?? 0 >= 3)
        try expectAgrees(store, rules: rules, moment: moment, "after the import")
    }
}
