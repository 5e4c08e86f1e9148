import Foundation
import FunnelCore
@testable import FunnelStore
import GRDB
import Testing

/// The report reads tallies kept by triggers (SchemaReport.swift). These tests check them
/// against the definitions computed the slow, obvious way (a scan of the rows), after every kind
/// of write, including undo, erasure, edits made behind the store's back and histories recorded
/// out of order, in time zones whose midnight is not on a UTC hour.
@Suite struct ReportTallyTests {
    static let zones = ["UTC", "Europe/Lisbon", "Asia/Kolkata", "Asia/Kathmandu", "America/St_Johns", "Pacific/Kiritimati"]

    /// The figures that come from tallies, computed straight from the rows by the definitions.
    struct Reference: Equatable {
        var conversions: [[Int]]
        var stays: [String: [Int64]]
        var weeks: [[String: Int]]
        var replies: [String: [Int]]
        var templates: [String: [Int]]
        var titles: [String: Int]
        var locations: [String: Int]
    }

    static func reference(_ store: Store, period: ReportPeriod, moment: Moment) throws -> Reference {
        let zone = moment.timeZone
        let start = Rows.seconds(period.start(in: zone)), end = Rows.seconds(period.end(in: zone))
        return try store.writer.read { db in
            let conversions = try Stage.allCases.dropLast().map { stage -> [Int] in
                let later = Stage.allCases.filter { $0 > stage }.map { "'\($0.rawValue)'" }.joined(separator: ",")
                let row = try Row.fetchOne(db, sql: """
                    SELECT count(DISTINCT e.candidate_id) AS entered,
                           count(DISTINCT CASE WHEN EXISTS (
                               SELECT 1 FROM stage_change l WHERE l.candidate_id = e.candidate_id AND l.at < ?3
                                 AND (l.at, l.id) > (e.at, e.id) AND l.to_stage IN (\(later))) THEN e.candidate_id END) AS reached
                    FROM stage_change e WHERE e.to_stage = ?1 AND e.at >= ?2 AND e.at < ?3
                    """, arguments: [stage.rawValue, start, end])!
                return [row["entered"], row["reached"]]
            }
            var stays: [String: [Int64]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT l.from_stage AS stage, l.at - (SELECT p.at FROM stage_change p WHERE p.candidate_id = l.candidate_id
                    AND (p.at, p.id) < (l.at, l.id) ORDER BY p.at DESC, p.id DESC LIMIT 1) AS seconds
                FROM stage_change l WHERE l.from_stage IS NOT NULL AND l.at >= ? AND l.at < ?
                """, arguments: [start, end]) {
                if let seconds = row["seconds"] as Int64? { stays[row["stage"], default: []].append(seconds) }
            }
            let mondays = CalendarBuckets.weekStarts(endingWith: period.until, count: 12)
            let bounds = mondays.map { Rows.seconds($0.start(in: zone)) } + [end]
            let weeks = try (0..<12).map { week -> [String: Int] in
                var counts: [String: Int] = [:]
                for row in try Row.fetchAll(db, sql: """
                    SELECT channel, count(*) AS n FROM touchpoint WHERE at >= ? AND at < ? AND channel <> 'note' GROUP BY channel
                    """, arguments: [bounds[week], bounds[week + 1]]) { counts[row["channel"]] = row["n"] }
                return counts
            }
            var replies: [String: [Int]] = [:], templates: [String: [Int]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT o.channel, o.template, count(*) AS outbound, sum(coalesce(o.outcome IN ('replied','interested','not_now','declined'), 0) OR EXISTS (
                    SELECT 1 FROM touchpoint r WHERE r.candidate_id = o.candidate_id AND (r.at, r.id) > (o.at, o.id)
                      AND r.at <= o.at + 14 * 86400 AND r.channel <> 'note'
                      AND (r.direction = 'in' OR r.outcome IN ('replied','interested','not_now','declined')))) AS replied
                FROM touchpoint o WHERE o.at >= ? AND o.at < ? AND o.direction = 'out' AND o.channel <> 'note'
                GROUP BY o.channel, o.template
                """, arguments: [start, end]) {
                let pair: [Int] = [row["outbound"], row["replied"]]
                replies[row["channel"], default: [0, 0]] = zip(replies[row["channel"], default: [0, 0]], pair).map(+)
                if let template = row["template"] as String? {
                    templates[template, default: [0, 0]] = zip(templates[template, default: [0, 0]], pair).map(+)
                }
            }
            var titles: [String: Int] = [:], locations: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT title, location FROM future_role f WHERE NOT EXISTS (SELECT 1 FROM future_role g
                    WHERE g.candidate_id = f.candidate_id AND (g.asked_at, g.id) > (f.asked_at, f.id))
                """) {
                // Grouped by match key, computed here from the text: the title's family, the place's key.
                titles[MatchVocabulary.standard.titleKey(row["title"]).family, default: 0] += 1
                let place = MatchVocabulary.standard.locationKey(row["location"])
                locations[place.isEmpty ? MatchVocabulary.remoteKey : place, default: 0] += 1
            }
            return Reference(conversions: conversions, stays: stays, weeks: weeks, replies: replies, templates: templates,
                             titles: titles, locations: locations)
        }
    }

    /// The same figures as the report computed them.
    static func figures(_ report: FunnelReport) -> Reference {
        Reference(
            conversions: report.stages.compactMap(\.conversion).map { [$0.entered, $0.reachedNext] },
            stays: [:],
            weeks: report.touchesPerWeek.map { $0.byChannel.filter { $0.value > 0 } },
            replies: Dictionary(uniqueKeysWithValues: report.replyRateByChannel.filter { $0.outbound > 0 }.map { ($0.name, [$0.outbound, $0.replied]) }),
            templates: Dictionary(uniqueKeysWithValues: report.replyRateByTemplate.map { ($0.name, [$0.outbound, $0.replied]) }),
            titles: Dictionary(uniqueKeysWithValues: report.topFutureRoleTitles.map { ($0.key, $0.count) }),
            locations: Dictionary(uniqueKeysWithValues: report.topFutureRoleLocations.map { ($0.key, $0.count) }))
    }

    /// The report agrees with the reference in every zone, and the tallies with the rows.
    static func expectAgreement(_ store: Store, now: Date, since: String? = nil, until: String? = nil,
                                sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try store.reportTallyProblems() == [], sourceLocation: sourceLocation)
        for name in zones {
            let moment = Moment(now: now, timeZone: TimeZone(identifier: name)!)
            let period = try ReportPeriod.resolve(since: since, until: until, today: moment.today)
            let report = try store.report(period: period, moment: moment, rules: ReportRules(topLimit: 1000))
            let expected = try reference(store, period: period, moment: moment)
            var got = figures(report)
            got.stays = expected.stays
            #expect(got == expected, "\(name)", sourceLocation: sourceLocation)
            for stage in Stage.allCases {
                let lengths = expected.stays[stage.rawValue] ?? []
                #expect(report.stage(stage).timeInStage == TimeInStage(seconds: lengths), "\(name) \(stage)",
                        sourceLocation: sourceLocation)
            }
        }
    }

    @Test func answerOutcomesAreTheCoresResponses() {
        let listed = Schema.answerOutcomes.split(whereSeparator: { "(), '".contains($0) }).map(String.init)
        #expect(listed == Outcome.allCases.filter(\.isResponse).map(\.rawValue))
    }

    @Test func fixtureDeskAgreesInEveryZone() throws {
        let store = try Store.inMemory()
        _ = try ReportTests.fixture(store)
        try Self.expectAgreement(store, now: ReportTests.now.now)
        try Self.expectAgreement(store, now: ReportTests.now.now, since: "2026-09-01", until: "2026-09-30")
    }

    @Test func undoEraseAndEditsBehindTheStoresBack() throws {
        let store = try Store.inMemory()
        let desk = try ReportTests.fixture(store)
        let now = ReportTests.now.now
        let ben = desk.ids["Ben"]!, cleo = desk.ids["Cleo"]!, dan = desk.ids["Dan"]!, eve = desk.ids["Eve"]!

        // Undo a touch that answered another (Eve's WhatsApp answered her SMS).
        let (_, answer) = try store.logTouch(eve, TouchDraft(at: ReportTests.at("2026-10-12", 9, 30), channel: .email, direction: .inbound))
        try Self.expectAgreement(store, now: now)
        try store.revert(answer, at: now)
        try Self.expectAgreement(store, now: now)

        // Undo a move (Cleo to loyalty and back).
        let (_, move) = try store.move(cleo, to: .loyalty, at: ReportTests.at("2026-11-01"))
        try Self.expectAgreement(store, now: now)
        try store.revert(move, at: now)
        try Self.expectAgreement(store, now: now)

        // A history recorded out of order: Ben's entry into conversion a week before his last move.
        try store.writer.write { db in
            try db.execute(sql: "INSERT INTO stage_change (candidate_id, from_stage, to_stage, at) VALUES (?, 'awareness', 'conversion', ?)",
                           arguments: [ben, Rows.seconds(ReportTests.at("2026-08-29"))])
        }
        try Self.expectAgreement(store, now: now)

        // Edits no store function makes: a touch's time and channel, a stage change's stage,
        // a future role's title, a touch deleted.
        try store.writer.write { db in
            try db.execute(sql: "UPDATE touchpoint SET at = at - 20 * 86400 - 1800, channel = 'sms' WHERE candidate_id = ? AND direction = 'in'", arguments: [dan])
            try db.execute(sql: "UPDATE stage_change SET to_stage = 'loyalty' WHERE candidate_id = ? AND to_stage = 'conversion'", arguments: [dan])
            try db.execute(sql: "UPDATE future_role SET title = 'Chief Tea Officer' WHERE candidate_id = ?", arguments: [cleo])
            try db.execute(sql: "UPDATE future_role SET candidate_id = ? WHERE candidate_id = ?", arguments: [eve, cleo])
            try db.execute(sql: "DELETE FROM touchpoint WHERE candidate_id = ? AND channel = 'linkedin'", arguments: [cleo])
        }
        try Self.expectAgreement(store, now: now)

        // Erase everyone, one by one: every tally empties.
        for id in desk.ids.values.sorted() {
            try store.writer.write { db in try db.execute(sql: "DELETE FROM candidate WHERE id = ?", arguments: [id]) }
            try Self.expectAgreement(store, now: now)
        }
        for table in ["stage_path", "touch_answered", "touch_tally", "future_role_title_tally", "future_role_location_tally"] {
            let rows = try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") }
            #expect(rows == 0, "\(table)")
        }
    }

    /// A seeded random desk: moves forward, back and skipping, touches at odd minutes and out of
    /// order, answers, undos, future roles changing, erasures.
    @Test(arguments: [1, 2, 3])
    func randomDesksAgree(seed: UInt64) throws {
        var random = SeededRandom(seed)
        let store = try Store.inMemory()
        let now = ReportTests.at("2026-11-22", 12)
        let origin = ReportTests.at("2026-06-01", 0)
        func when() -> Date { origin.addingTimeInterval(Double(random.next(174 * 86_400))) }
        var ids: [Int64] = []
        var reverts: [Revert] = []
        for n in 0..<40 {
            let stage = Stage.allCases[random.next(3)]
            ids.append(try store.add(CandidateDraft(firstName: "C\(n)", email: "c\(n)@example.com", stage: stage), at: when()).id)
        }
        let titles = ["Sr. Engineer", "senior engineer", "Staff Engineer", "CTO", "Jr Developer"]
        let locations = ["Lisbon", " lisbon", "Berlin", ""]
        for step in 0..<400 {
            let id = ids[random.next(ids.count)]
            switch random.next(10) {
            case 0, 1:
                let target = Stage.allCases[random.next(5)]
                if let (_, revert) = try? store.move(id, to: target, at: when()) { reverts.append(revert) }
            case 2:
                _ = try store.recordFutureRole(id, title: titles[random.next(titles.count)], location: locations[random.next(locations.count)],
                                               remote: true, at: when())
            case 3:
                if let revert = reverts.popLast() { try? store.revert(revert, at: now) }
            case 4 where step > 300:
                try store.writer.write { db in try db.execute(sql: "DELETE FROM candidate WHERE id = ?", arguments: [id]) }
                ids.removeAll { $0 == id }
            default:
                let channel = [Channel.email, .phone, .sms, .linkedin, .note][random.next(5)]
                let direction: Direction = random.next(3) == 0 ? .inbound : .outbound
                let outcome = random.next(2) == 0 ? nil : Outcome.allCases[random.next(Outcome.allCases.count)]
                let draft = TouchDraft(at: when(), channel: channel, direction: direction, outcome: channel == .note ? nil : outcome,
                                       note: channel == .note ? "n" : "", template: channel == .email && random.next(2) == 0 ? "T\(random.next(3))" : nil)
                if let (_, revert) = try? store.logTouch(id, draft) { reverts.append(revert) }
            }
        }
        try Self.expectAgreement(store, now: now)
        try Self.expectAgreement(store, now: now, since: "2026-07-15", until: "2026-10-03")
    }

    @Test func driftIsFoundAndRepaired() throws {
        let store = try Store.inMemory()
        _ = try ReportTests.fixture(store)
        let before = try store.report(period: ReportPeriod.last(endingOn: ReportTests.now.today), moment: ReportTests.now)
        try store.writer.write { db in
            try db.execute(sql: "UPDATE touch_tally SET touches = touches + 5")
            try db.execute(sql: "UPDATE stage_path SET reached_at = NULL")
            try db.execute(sql: "DELETE FROM future_role_title_tally")
        }
        #expect(try store.reportTallyProblems().count == 3)
        try store.rebuildReportTallies()
        #expect(try store.reportTallyProblems() == [])
        #expect(try store.report(period: ReportPeriod.last(endingOn: ReportTests.now.today), moment: ReportTests.now) == before)
    }

    /// A store made before v4 gets its tallies filled by the migration.
    @Test func migrationFillsTheTalliesOfAnExistingDesk() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-report-migration-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("desk.sqlite").path
        let store = try Store.open(at: path)
        _ = try ReportTests.fixture(store)
        let expected = try store.report(period: ReportPeriod.last(endingOn: ReportTests.now.today), moment: ReportTests.now)
        // Take the store back to v1: no tallies, no triggers, no v4 record.
        try store.writer.write { db in
            let objects = try Row.fetchAll(db, sql: """
                SELECT type, name FROM sqlite_master
                WHERE name GLOB '*report*' OR name GLOB 'stage_path*' OR name GLOB 'touch_tally*' OR name GLOB 'touch_answered*'
                   OR name GLOB 'future_role_*tally*' OR name GLOB 'stage_entry_tally*'
                """)
            #expect(objects.count == 31)
            for object in objects where !(object["name"] as String).hasPrefix("sqlite_") {
                try db.execute(sql: "DROP \((object["type"] as String).uppercased()) IF EXISTS \(object["name"] as String)")
            }
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [Schema.reportMigrationName])
        }
        let reopened = try Store.open(at: path)
        #expect(try reopened.appliedMigrations() == Store.knownMigrations)
        #expect(try reopened.reportTallyProblems() == [])
        #expect(try reopened.report(period: ReportPeriod.last(endingOn: ReportTests.now.today), moment: ReportTests.now) == expected)
    }
}

/// A small deterministic generator (SplitMix64) so random desks are the same on every run.
struct SeededRandom {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
