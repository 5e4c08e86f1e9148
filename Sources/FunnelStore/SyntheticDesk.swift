import Foundation
import FunnelCore
import GRDB

/// Fills an empty store with a deterministic, realistic desk of any size: for benchmarks
/// (`funnel-bench`, docs/performance.md) and for tests that need volume.
///
/// The result is the state the public API would have produced had a recruiter added each person,
/// moved them, logged their touches and recorded their future roles one by one: stage history ending
/// in the current stage, `last_touch_at`/`activity_at`/`updated_at` consistent with the touches,
/// counters kept by the schema's triggers, and each search document byte-for-byte what
/// `Store.reindex` writes. It is written directly with prepared statements in large transactions,
/// because going through the API at a million candidates would take hours.
public enum SyntheticDesk {
    /// Candidates written per transaction: large enough to amortise commits, small enough to keep
    /// the WAL (and the memory of one batch) modest.
    static let batchSize = 20_000

    /// Words and phrases a benchmark can search for, drawn from the same vocabulary as the notes.
    public enum SampleQuery {
        /// The most frequent note word: in most documents.
        public static let commonWord = SyntheticDeskVocabulary.vocabulary[0]
        /// The least frequent word of the vocabulary: in about 1 of 6,000 documents at 5 touches each.
        public static let rareWord = SyntheticDeskVocabulary.vocabulary[SyntheticDeskVocabulary.vocabulary.count - 1]
        /// A mid-frequency word, for typing letter by letter.
        public static let typedWord = "kubernetes"
        /// Two CJK characters found in Japanese notes ("interview").
        public static let cjkPair = "面接"
    }

    /// Generates `candidates` people with on average `touchesPerCandidate` touches each, all dated
    /// in the 18 months before `now`. The same seed and `now` always give the same desk.
    /// The store must have no candidates yet. `progress` receives a line per batch.
    public static func generate(into store: Store, candidates: Int, touchesPerCandidate: Double, seed: UInt64,
                                now: Date, progress: ((String) -> Void)? = nil) throws {
        guard candidates >= 0 else { throw FunnelError.invalid("the number of candidates cannot be negative") }
        guard touchesPerCandidate >= 0, touchesPerCandidate <= 200 else {
            throw FunnelError.invalid("touches per candidate must be between 0 and 200")
        }
        let started = ContinuousClock.now
        func elapsed() -> String {
            let d = ContinuousClock.now - started
            return String(format: "%.1f s", Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
        }
        let maker = Maker(seed: seed, now: Rows.seconds(now), touchesPerCandidate: touchesPerCandidate)
        do {
            try store.writer.writeWithoutTransaction { db in
                let existing = try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM candidate LIMIT 1)") ?? 0
                guard existing == 0 else {
                    throw FunnelError.refused("the store already has candidates: synthetic desks are generated into an empty store")
                }
                let previousCache = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
                let previousTempStore = try Int.fetchOne(db, sql: "PRAGMA temp_store") ?? 0
                // Statement journals (each insert that fires a trigger or touches the FTS shadow
                // tables opens one) would otherwise go to a temporary file, a write per page.
                try db.execute(sql: "PRAGMA temp_store = MEMORY")
                // A big page cache keeps the random inserts into the secondary indexes in memory.
                try db.execute(sql: "PRAGMA cache_size = -524288")
                defer {
                    try? db.execute(sql: "PRAGMA cache_size = \(previousCache)")
                    try? db.execute(sql: "PRAGMA temp_store = \(previousTempStore)")
                }
                let writer = try Writer(db)
                try db.inTransaction(.immediate) {
                    try writer.writeCatalog(maker: maker, candidates: candidates)
                    try Store.keyMatchTerms(db, vocabulary: store.matchVocabulary)
                    return .commit
                }
                var touches = 0
                var next = 1
                while next <= candidates {
                    let last = min(candidates, next + batchSize - 1)
                    try db.inTransaction(.immediate) {
                        for id in next...last {
                            touches += try writer.write(maker.person(Int64(id)))
                        }
                        try Store.keyMatchTerms(db, vocabulary: store.matchVocabulary)
                        return .commit
                    }
                    progress?("candidates \(last) / \(candidates) · touches \(touches) · \(elapsed())")
                    next = last + 1
                }
                try db.execute(sql: """
                    INSERT INTO meta (key, value) VALUES ('synthetic', ?)
                    ON CONFLICT(key) DO UPDATE SET value = excluded.value
                    """, arguments: [parameters(candidates: candidates, touchesPerCandidate: touchesPerCandidate, seed: seed, now: now)])
            }
            if store.path != nil {
                try store.writer.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                }
            }
        } catch let error as FunnelError {
            throw error
        } catch {
            throw FunnelError.store(Store.describe(error))
        }
        progress?("done · \(elapsed())")
    }

    /// What a generated store records in its meta table under "synthetic", so a benchmark can
    /// tell whether an existing file was generated with the parameters it wants.
    public static func parameters(candidates: Int, touchesPerCandidate: Double, seed: UInt64, now: Date) -> String {
        "candidates=\(candidates) touches=\(touchesPerCandidate) seed=\(seed) now=\(Rows.seconds(now))"
    }

    // MARK: - One person, in memory

    struct Person {
        var id: Int64
        var first: String
        var last: String
        var email: String?
        var phone: String?
        var location: String?
        var linkedin: String?
        var title: String?
        var company: String?
        var source: String?
        var owner: String?
        var interests: String?
        var preferredChannel: String?
        var referredBy: Int64?
        var stage: Stage
        var status: Status
        var createdAt: Int64
        var updatedAt: Int64
        var stageEnteredAt: Int64
        var lastTouchAt: Int64?
        var nextFollowUp: String?
        var activityAt: Int64
        var sortName: String
        var tags: [String]
        /// (from, to, at), oldest first.
        var stageChanges: [(Stage?, Stage, Int64)]
        /// (title, location, remote, askedAt), oldest first: the last is the current one.
        var futureRoles: [(String, String, Bool, Int64)]
        var touches: [Touch]
        var searchBody: String
    }

    struct Touch {
        var at: Int64
        var channel: Channel
        var direction: Direction
        var outcome: Outcome?
        var note: String
        var template: String?
    }

    /// Draws people. Each person has a generator seeded from (seed, id), so a person does not
    /// depend on the batch size or on who came before.
    struct Maker {
        typealias V = SyntheticDeskVocabulary
        let seed: UInt64
        let now: Int64
        let touchesPerCandidate: Double
        let zipf: [Double]
        let namePoolCumulative: [Double]
        let companies: [String]
        /// Folded sort names per (pool, last, first): `Rows.sortName` is slow to call a million times.
        let sortNames: [[[String]]]

        static let horizon: Int64 = 548 * 86_400  // 18 months
        static let stageWeights = [0.40, 0.25, 0.15, 0.12, 0.08]
        /// Later stages have had more contact.
        static let stageTouchFactor = [0.6, 1.0, 1.5, 1.4, 1.6]

        init(seed: UInt64, now: Int64, touchesPerCandidate: Double) {
            self.seed = seed
            self.now = now
            self.touchesPerCandidate = touchesPerCandidate
            var total = 0.0
            zipf = V.vocabulary.indices.map { i in total += 1 / Double(i + 1); return total }
            var poolTotal = 0.0
            namePoolCumulative = V.namePools.map { poolTotal += $0.weight; return poolTotal }
            companies = V.companyStems.flatMap { stem in V.companySuffixes.map { stem + $0 } } + V.cjkCompanies
            sortNames = V.namePools.map { pool in
                pool.last.map { last in pool.first.map { first in Rows.sortName(first: first.native, last: last.native) } }
            }
        }

        func person(_ id: Int64) -> Person {
            var rng = SplitMix64(seed: seed ^ (UInt64(id) &* 0xD1B5_4A32_D192_ED03))
            let poolIndex = rng.pick(cumulative: namePoolCumulative)
            let pool = V.namePools[poolIndex]
            let firstIndex = rng.below(pool.first.count), lastIndex = rng.below(pool.last.count)
            let first = pool.first[firstIndex], last = pool.last[lastIndex]
            let stage = Stage.allCases[rng.pick(weights: Maker.stageWeights)]
            let status = Maker.status(for: stage, &rng)
            let createdAt = now - rng.int(86_400...Maker.horizon)

            var p = Person(
                id: id, first: first.native, last: last.native, stage: stage, status: status, createdAt: createdAt,
                updatedAt: createdAt, stageEnteredAt: createdAt, activityAt: createdAt,
                sortName: sortNames[poolIndex][lastIndex][firstIndex], tags: [], stageChanges: [], futureRoles: [],
                touches: [], searchBody: "")
            let handle = "\(first.roman).\(last.roman)"
            if rng.chance(0.85) { p.email = "\(handle).\(id)@\(rng.element(V.emailDomains))" }
            if rng.chance(0.55) { p.linkedin = "https://www.linkedin.com/in/\(first.roman)-\(last.roman)-\(String(id, radix: 36))" }
            if rng.chance(0.6) { p.phone = "\(rng.element(V.phonePrefixes)) \(100_000 + rng.below(900_000))" }
            if rng.chance(0.9) { p.location = rng.element(V.locations) }
            if rng.chance(0.92) { p.title = rng.element(V.titles) }
            if rng.chance(0.85) { p.company = rng.element(companies) }
            if rng.chance(0.95) { p.source = rng.element(V.sources) }
            p.owner = rng.element(V.owners)
            if rng.chance(0.4) {
                p.interests = (0..<(1 + rng.below(3))).map { _ in rng.element(V.interests) }.joined(separator: "; ")
            }
            if rng.chance(0.5) { p.preferredChannel = rng.element(["email", "phone", "linkedin", "whatsapp", "sms"]) }
            if id > 1, rng.chance(0.04) { p.referredBy = 1 + Int64(rng.below(Int(id - 1))) }
            var tags: [String] = []
            for _ in 0..<rng.pick(weights: [0.35, 0.30, 0.20, 0.15]) {
                let tag = rng.element(V.tags)
                if !tags.contains(tag) { tags.append(tag) }
            }
            p.tags = tags

            // Stage history: entry into awareness, then forward one stage at a time; a few went one
            // stage too far and came back.
            var path: [Stage] = Array(Stage.allCases[0...stage.index])
            if stage != .advocacy, rng.chance(0.05) { path += [Stage.allCases[stage.index + 1], stage] }
            let moveTimes = rng.sortedTimes(path.count - 1, in: (createdAt + 60)...(now - 60))
            p.stageChanges.append((nil, .awareness, createdAt))
            for (i, at) in moveTimes.enumerated() { p.stageChanges.append((path[i], path[i + 1], at)) }
            p.stageEnteredAt = p.stageChanges.last!.2

            if rng.chance(1.0 / 3.0) {
                let count = rng.chance(0.15) ? 2 : 1
                for at in rng.sortedTimes(count, in: createdAt...now) {
                    let remote = rng.chance(0.25)
                    let location = remote && rng.chance(0.3) ? "" : rng.element(V.locations)
                    p.futureRoles.append((rng.element(V.titles), location, remote, at))
                }
            }

            let mean = touchesPerCandidate * Maker.stageTouchFactor[stage.index] / 1.011
            let touchTimes = rng.sortedTimes(rng.poisson(mean), in: createdAt...now)
            for at in touchTimes { p.touches.append(touch(at: at, cjk: pool.cjk, &rng)) }
            if let lastTouch = touchTimes.last {
                p.lastTouchAt = lastTouch
                p.activityAt = max(createdAt, lastTouch)
            }
            if status != .doNotContact, rng.chance(0.10) {
                let today = Int((Double(now) / 86_400).rounded(.down))
                p.nextFollowUp = Day(ordinal: today - 21 + rng.below(67)).iso
            }
            p.updatedAt = max(p.createdAt, p.lastTouchAt ?? 0, p.stageEnteredAt, p.futureRoles.last?.3 ?? 0)
            p.searchBody = Maker.searchBody(p)
            return p
        }

        static func status(for stage: Stage, _ rng: inout SplitMix64) -> Status {
            let weights: [Double] = switch stage {  // active, not looking, placed, do not contact
            case .awareness: [0.69, 0.25, 0.0, 0.06]
            case .consideration: [0.78, 0.17, 0.0, 0.05]
            case .conversion: [0.88, 0.09, 0.0, 0.03]
            case .loyalty: [0.06, 0.03, 0.90, 0.01]
            case .advocacy: [0.04, 0.0, 0.96, 0.0]
            }
            return Status.allCases[rng.pick(weights: weights)]
        }

        func touch(at: Int64, cjk: Bool, _ rng: inout SplitMix64) -> Touch {
            let channels: [Channel] = [.email, .phone, .voicemail, .linkedin, .sms, .whatsapp, .inPerson, .note, .other]
            let channel = channels[rng.pick(weights: [0.35, 0.20, 0.08, 0.15, 0.05, 0.05, 0.04, 0.06, 0.02])]
            let direction: Direction = channel != .note && rng.chance(0.2) ? .inbound : .outbound
            var outcome: Outcome?
            switch channel {
            case .note: outcome = nil
            case .email, .linkedin, .sms, .whatsapp:
                outcome = direction == .inbound
                    ? [.replied, .interested, .notNow, .declined][rng.pick(weights: [0.5, 0.25, 0.15, 0.10])]
                    : [.sent, .replied, .bounced][rng.pick(weights: [0.85, 0.12, 0.03])]
            case .phone, .voicemail:
                outcome = [.noAnswer, .leftVoicemail, .replied, .interested, .notNow, .declined][
                    rng.pick(weights: [0.3, 0.3, 0.15, 0.1, 0.1, 0.05])]
            case .inPerson, .other:
                outcome = [.replied, .interested, .notNow][rng.pick(weights: [0.5, 0.3, 0.2])]
            }
            let note = channel == .note || rng.chance(0.7) ? self.note(cjk: cjk, &rng) : ""
            let template = channel == .email && direction == .outbound && rng.chance(0.3)
                ? rng.element(V.templates.filter { $0.channel == "email" }).name : nil
            return Touch(at: at, channel: channel, direction: direction, outcome: outcome, note: note, template: template)
        }

        func note(cjk: Bool, _ rng: inout SplitMix64) -> String {
            var words: [String] = []
            if cjk, rng.chance(0.45) {
                words.append(rng.element(V.cjkNotes))
                if rng.chance(0.5) { words.append(V.vocabulary[rng.pick(cumulative: zipf)]) }
                return words.joined(separator: " ")
            }
            if rng.chance(0.6) { words.append(rng.element(V.noteOpeners)) }
            for i in 0..<(3 + rng.below(10)) {
                var word = V.vocabulary[rng.pick(cumulative: zipf)]
                if i > 1, rng.chance(0.08) { word += "," }
                words.append(word)
            }
            return words.joined(separator: " ") + "."
        }

        /// Exactly what `Store.reindex` writes: both build it with `SearchDocument.body`.
        static func searchBody(_ p: Person) -> String {
            SearchDocument.body(firstName: p.first, lastName: p.last, email: p.email, title: p.title, company: p.company,
                                location: p.location, interests: p.interests, tags: p.tags,
                                futureRole: p.futureRoles.last.map { (title: $0.0, location: $0.1) },
                                notes: p.touches.map(\.note))
        }
    }

    // MARK: - Writing

    /// The prepared statements, made once and reused for every row.
    struct Writer {
        let db: Database
        let candidate: Statement
        let tag: Statement
        let stageChange: Statement
        let futureRole: Statement
        let touch: Statement

        init(_ db: Database) throws {
            self.db = db
            candidate = try db.makeStatement(sql: """
                INSERT INTO candidate (id, first_name, last_name, email, phone, location, linkedin_url, title, company,
                    source, owner, interests, preferred_channel, referred_by, stage, status, created_at, updated_at,
                    stage_entered_at, last_touch_at, next_follow_up, activity_at, sort_name)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            tag = try db.makeStatement(sql: "INSERT INTO candidate_tag (candidate_id, tag, position) VALUES (?, ?, ?)")
            stageChange = try db.makeStatement(sql: "INSERT INTO stage_change (candidate_id, from_stage, to_stage, at) VALUES (?, ?, ?, ?)")
            futureRole = try db.makeStatement(sql: """
                INSERT INTO future_role (candidate_id, title, location, remote, asked_at) VALUES (?, ?, ?, ?, ?)
                """)
            touch = try db.makeStatement(sql: """
                INSERT INTO touchpoint (candidate_id, at, channel, direction, outcome, note, template) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        }

        /// Writes one person and returns how many touches they have.
        func write(_ p: Person) throws -> Int {
            candidate.setUncheckedArguments([
                p.id, p.first, p.last, p.email, p.phone, p.location, p.linkedin, p.title, p.company, p.source, p.owner,
                p.interests, p.preferredChannel, p.referredBy, p.stage.rawValue, p.status.rawValue, p.createdAt,
                p.updatedAt, p.stageEnteredAt, p.lastTouchAt, p.nextFollowUp, p.activityAt, p.sortName,
            ])
            try candidate.execute()
            for (position, value) in p.tags.enumerated() {
                tag.setUncheckedArguments([p.id, value, position])
                try tag.execute()
            }
            for (from, to, at) in p.stageChanges {
                stageChange.setUncheckedArguments([p.id, from?.rawValue, to.rawValue, at])
                try stageChange.execute()
            }
            for (title, location, remote, at) in p.futureRoles {
                futureRole.setUncheckedArguments([p.id, title, location, remote, at])
                try futureRole.execute()
            }
            for t in p.touches {
                touch.setUncheckedArguments([p.id, t.at, t.channel.rawValue, t.direction.rawValue, t.outcome?.rawValue, t.note, t.template])
                try touch.execute()
            }
            try SearchIndex.insert(db, id: p.id, body: p.searchBody)
            return p.touches.count
        }

        /// The small tables beside the desk: templates the touches name, and some openings.
        func writeCatalog(maker: Maker, candidates: Int) throws {
            typealias V = SyntheticDeskVocabulary
            for t in V.templates {
                try db.execute(sql: """
                    INSERT INTO template (name, channel, subject, body) VALUES (?, ?, ?, ?)
                    ON CONFLICT(name) DO NOTHING
                    """, arguments: [t.name, t.channel, t.subject, t.body])
            }
            var rng = SplitMix64(seed: maker.seed ^ 0x0FE1_1165)
            for index in 0..<max(5, candidates / 10_000) {
                let status = ["open", "open", "open", "on_hold", "filled", "closed"][rng.below(6)]
                // One opening in four is remote (matched against the whole title family).
                let mode = index % 4 == 3 ? "remote" : index % 4 == 1 ? "hybrid" : "onsite"
                try db.execute(sql: "INSERT INTO opening (title, location, company, status, created_at, work_mode) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [rng.element(V.titles), rng.element(V.locations), rng.element(maker.companies),
                                           status, maker.now - rng.int(0...Maker.horizon), mode])
            }
        }
    }
}

