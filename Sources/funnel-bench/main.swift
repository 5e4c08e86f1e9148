import ArgumentParser
import Foundation
import FunnelCore
import FunnelStore
import GRDB

// Generates (or reuses) a deterministic synthetic desk and prints how long the app's key-press
// paths take on it, as a Markdown table for docs/performance.md. Plain timing, no framework:
// each operation is run `--repeat` times after one warm-up run; the median and 90th percentile
// are reported.

struct FunnelBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "funnel-bench",
        abstract: "Time the store's key-press paths on a generated desk of any size.",
        // `latency`: the real binary in tmux, end to end (LatencyCommand.swift); `mailbox`: the
        // mailbox readers (MailboxBench.swift); no subcommand: the store's paths.
        subcommands: [LatencyBench.self, MailboxBench.self])

    @Option(help: "Candidates in the generated desk.")
    var candidates = 100_000

    @Option(help: "Touches per candidate, on average.")
    var touches = 5.0

    @Option(help: "The store file to generate or reuse.")
    var db = ".bench/bench.sqlite"

    @Flag(help: "Reuse the store at --db if it was generated with the same parameters.")
    var reuse = false

    @Option(help: "The generator's seed.")
    var seed: UInt64 = 42

    @Option(help: "The desk's 'now' (unix seconds): touches are dated in the 18 months before it.")
    var now: Int64 = 1_793_491_200  // 2026-11-01T00:00:00Z

    @Option(name: .customLong("repeat"), help: "Timed runs of each operation.")
    var repetitions = 30

    @Option(help: "Time only the operations whose name contains this text (e.g. \"Today\").")
    var only: String?

    @Option(help: .hidden)
    var generatedIn: Double?

    @Flag(help: "Time only the search and erase rows (a quick run while working on them).")
    var searchOnly = false

    func run() throws {
        let nowDate = Date(timeIntervalSince1970: TimeInterval(now))
        let wanted = SyntheticDesk.parameters(candidates: candidates, touchesPerCandidate: touches, seed: seed, now: nowDate)
        let path = URL(fileURLWithPath: db).standardizedFileURL.path
        if FileManager.default.fileExists(atPath: path) {
            let recorded = try Store.open(at: path).meta("synthetic")
            if reuse, recorded == wanted {
                try measure(path: path)
                return
            }
            guard recorded != nil else {
                throw ValidationError("\(path) exists and is not a finished generated desk (another store, or an interrupted generation): delete it or choose another --db")
            }
            log(reuse ? "\(path) was generated with \(recorded!); generating anew" : "replacing \(path)")
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        log("generating \(wanted) into \(path)")
        let clock = ContinuousClock()
        let start = clock.now
        let store = try Store.open(at: path)
        try SyntheticDesk.generate(into: store, candidates: candidates, touchesPerCandidate: touches, seed: seed,
                                   now: nowDate, progress: { log("  \($0)") })
        let seconds = (clock.now - start).seconds
        log(String(format: "generated in %.1f s", seconds))
        // Measure in a fresh process, so the memory high-water mark is the app's, not the generator's.
        var arguments = Array(CommandLine.arguments.dropFirst()).filter { $0 != "--reuse" }
        arguments += ["--reuse", "--generated-in", String(format: "%.1f", seconds)]
        reexec(arguments)
    }

    func measure(path: String) throws {
        let nowDate = Date(timeIntervalSince1970: TimeInterval(now))
        let bench = Bench(repetitions: repetitions, only: only)
        let clock = ContinuousClock()
        if searchOnly {
            let store = try Store.open(at: path)
            try timeSearch(store, bench)
            try timeErase(store, bench, at: Date(timeIntervalSince1970: TimeInterval(now)).addingTimeInterval(-3_600))
            say(bench.table())
            return
        }

        // Opening: what `funnel` does before the first frame (open, migrate check, counts, first pages).
        try bench.time("open the store (Store.open: pool, checks, migrations)") {
            _ = try Store.open(at: path)
            return 0
        }
        try bench.time("open the store + first screen (counts, 5 columns × 50)") {
            let store = try Store.open(at: path)
            var rows = try store.counts().count
            for stage in Stage.allCases { rows += try store.boardPage(stage: stage, limit: 50).count }
            return rows
        }

        // The same after a cold start: the file's pages dropped from the OS page cache first
        // (posix_fadvise DONTNEED; the file is checkpointed, so its pages are clean and go).
        try bench.time("cold start: open + column headers + first screen, the file evicted from the page cache") {
            evictFromPageCache(path)
            let store = try Store.open(at: path)
            let moment = Moment(now: nowDate, timeZone: TimeZone(identifier: "UTC")!)
            var rows = try store.stageSummary(period: .last(endingOn: moment.today), moment: moment).count
            for stage in Stage.allCases { rows += try store.boardPage(stage: stage, limit: 50).count }
            return rows
        }

        let store = try Store.open(at: path)
        let counts = try store.stageCounts()
        let facts = try store.writer.read { db in
            (touches: try Int.fetchOne(db, sql: "SELECT max(id) FROM touchpoint") ?? 0,
             sqlite: try String.fetchOne(db, sql: "SELECT sqlite_version()") ?? "?",
             pages: try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0,
             pageSize: try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0)
        }
        let biggest = Stage.allCases.max { (counts[$0] ?? 0) < (counts[$1] ?? 0) }!

        try bench.time("stage counts (header of every column)") { try store.counts().values.reduce(0) { $0 + $1.count } }
        for sort in BoardSort.allCases {
            try bench.time("first page of every column, by \(sort) (5 × 50)") {
                try Stage.allCases.reduce(0) { $0 + (try store.boardPage(stage: $1, sort: sort, limit: 50).count) }
            }
        }

        // Scrolling: 20 pages down the biggest column by keyset, then 20 back up; each page timed.
        var deepCard: Card?
        for sort in BoardSort.allCases where bench.wanted("scroll back up by \(sort)") || bench.wanted("scroll down \(biggest.rawValue) by \(sort)") {
            var down: [Duration] = [], up: [Duration] = []
            var rows = 0
            for _ in 0...repetitions {
                let top = try store.boardPage(stage: biggest, sort: sort, limit: 50)
                var page = top
                var depth = 0
                // Down while there is a full page below (a small desk has fewer than 20).
                while depth < 20, page.count == 50 {
                    let t = clock.now
                    let next = try store.boardPage(stage: biggest, sort: sort, from: page.last, direction: .after, limit: 50)
                    down.append(clock.now - t)
                    guard !next.isEmpty else { break }
                    rows = next.count
                    page = next
                    depth += 1
                }
                if sort == .activity { deepCard = page.last }
                for _ in 0..<depth {
                    let t = clock.now
                    page = try store.boardPage(stage: biggest, sort: sort, from: page.first, direction: .before, limit: 50)
                    up.append(clock.now - t)
                }
                guard page.map(\.id) == top.map(\.id) else { throw ValidationError("scrolling back up did not return to the top") }
            }
            bench.record("scroll down \(biggest.rawValue) by \(sort), per page (20 pages deep)", down, rows: rows)
            bench.record("scroll back up by \(sort), per page", up, rows: rows)
        }
        try bench.time("jump to the bottom of \(biggest.rawValue) (last page)") {
            try store.boardPage(stage: biggest, from: nil, direction: .before, limit: 50).count
        }

        // Position ("1,234 / 400,000" in a column header) near the top, deep in a column, in the middle, at the end.
        let total = counts[biggest] ?? 0
        let middle = bench.wanted("position(of:)") ? try cardAt(store, stage: biggest, offset: total / 2) : nil
        let bottom = try store.boardPage(stage: biggest, from: nil, direction: .before, limit: 1).last
        for (label, card) in [("after 20 pages", deepCard), ("mid-column", middle), ("last card", bottom)] {
            guard let card else { continue }
            try bench.time("position(of:) \(label)") { try store.position(of: card) }
        }

        // Opening a candidate: profile, timeline page, future roles, stage history.
        var picker = SplitMix64(seed: 7)
        var candidateIDs = picker.ids(count: repetitions + 1, upTo: candidates)
        try bench.time("open a candidate (profile, 50 touches, roles, history)") {
            let id = candidateIDs.removeLast()
            let candidate = try store.candidate(id)
            let timeline = try store.touches(of: candidate.id, limit: 50)
            let roles = try store.futureRoles(of: candidate.id)
            let history = try store.stageHistory(candidate.id)
            return 1 + timeline.count + roles.count + history.count
        }

        try timeSearch(store, bench)

        // Openings and matches (docs/rules.md): the people who fit one opening, by index range;
        // the open openings that fit one person; the Openings list with its counts.
        let now = Date()
        let openOpenings = try store.openings().filter { $0.status == .open }
        for (label, mode) in [("an onsite or hybrid opening", false), ("a remote opening", true)] {
            let picked = openOpenings.filter { ($0.workMode == .remote) == mode }
            guard !picked.isEmpty else { continue }
            var next = 0
            var found = 0
            try bench.time("matches of \(label) (best 50 of its family\(mode ? "" : " and city"))", note: { "\(found) listed" }) {
                let opening = picked[next % picked.count]
                next += 1
                let rows = try store.matches(forOpening: opening.id, now: now).count
                found = rows
                return rows
            }
        }
        if let remote = openOpenings.first(where: { $0.workMode == .remote }) {
            var found = 0
            try bench.time("matches of a remote opening, earlier answers and placed people too", note: { "\(found) listed" }) {
                found = try store.matches(forOpening: remote.id, options: MatchOptions(includePlaced: true, includeEarlier: true),
                                          now: now).count
                return found
            }
        }
        let answered = try store.writer.read { db in
            try Int64.fetchAll(db, sql: "SELECT candidate_id FROM future_role WHERE is_current = 1 ORDER BY id LIMIT ?",
                               arguments: [repetitions + 1])
        }
        var answerIndex = 0
        try bench.time("open openings that fit one candidate") {
            let id = answered[answerIndex % max(1, answered.count)]
            answerIndex += 1
            return try store.openingsFitting(candidate: id, now: now).count
        }
        try bench.time("Openings list: \(openOpenings.count) open with match and contacted counts") {
            try store.openingSummaries().count
        }

        // The Today queue as the screen loads it (StoreEffects, `.loadToday`): bounded pages until 50
        // rows (at most 5 calls), then the counts with re-engagement capped at 100; and `funnel due`'s
        // first page. The generated openings are dated over 18 months, so a few are added, opened
        // in the last two weeks, for the "Fits an open role" group to have work; they are removed after.
        let today = Moment(now: nowDate, timeZone: TimeZone(identifier: "UTC")!)
        let recent: [(String, String, WorkMode, Int)] = [
            ("Staff Engineer", "Lisbon", .onsite, 1), ("Senior Software Engineer", "Berlin", .hybrid, 3),
            ("Data Engineer", "London", .onsite, 5), ("Product Manager", "Amsterdam", .onsite, 8),
            ("Software Engineer", "", .remote, 12),
        ]
        var added: [Int64] = []
        for (title, location, mode, daysAgo) in recent {
            added.append(try store.addOpening(OpeningDraft(title: title, location: location, company: "Bench", workMode: mode),
                                              at: nowDate.addingTimeInterval(-Double(daysAgo) * 86_400)).id)
        }
        defer {
            _ = try? store.writer.write { db in
                try db.execute(sql: "DELETE FROM opening WHERE id IN (\(added.map(String.init).joined(separator: ",")))")
            }
        }
        let rules = Rules.defaults
        // The first due read after migration v8 (or after the rules change) computes every
        // candidate's stored re-engagement start once; later reads only settle what changed.
        let firstRead = clock.now
        _ = try store.dueCounts(rules: rules, moment: today)
        log(String(format: "first due read (settles the stored re-engagement starts): %.1f s", (clock.now - firstRead).seconds))
        try bench.time("Today screen: fits group + first page of 50 + exact counts, \(recent.count) recent openings") {
            let fits = try store.dueFits(rules: rules, moment: today)
            let page = try store.dueQueuePage(rules: rules, moment: today, limit: 50, fits: fits)
            _ = try store.dueCounts(rules: rules, moment: today, fits: fits)
            return page.items.count
        }
        // Scrolled past every follow-up: the groups after "Due today".
        try bench.time("Today: one page of 50 right after the follow-ups") {
            try store.dueQueuePage(rules: rules, moment: today, after: .today(Int64.max), limit: 50).items.count
        }
        try bench.time("Today: one page of 50 of running cadences") {
            try store.dueQueuePage(rules: rules, moment: today, after: .cadence(Int64.min, 0), limit: 50).items.count
        }
        try bench.time("Today counts alone (exact)") {
            try store.dueCounts(rules: rules, moment: today).total
        }
        try bench.time("Today: the fits group alone (5 recent openings)") {
            try store.dueFits(rules: rules, moment: today).entries.count
        }
        try bench.time("funnel due: 200 rows + exact counts") {
            let rows = try store.dueQueue(rules: rules, moment: today, limit: 200).count
            _ = try store.dueCounts(rules: rules, moment: today)
            return rows
        }

        // A log from Today as the screen does it: the write (one transaction, fsync), then what the
        // screen reads again before its frame (the column headers, the Today page and counts).
        if bench.wanted("Today log") {
            let due = try store.dueQueue(rules: rules, moment: today, limit: repetitions + 1)
            var samples: [Duration] = []
            for item in due {
                let t = clock.now
                let (_, revert) = try store.logTouch(item.id, TouchDraft(at: nowDate.addingTimeInterval(-60), channel: .phone,
                                                                         outcome: .leftVoicemail),
                                                     followUp: .set(today.today.adding(days: 3)))
                _ = try store.stageSummary(period: .last(endingOn: today.today), moment: today)
                let fits = try store.dueFits(rules: rules, moment: today)
                _ = try store.dueQueuePage(rules: rules, moment: today, limit: 50, fits: fits)
                _ = try store.dueCounts(rules: rules, moment: today, fits: fits)
                samples.append(clock.now - t)
                try store.revert(revert, at: nowDate)
            }
            bench.record("Today log: write + headers + Today page and counts again", Array(samples.dropFirst()), rows: 50)
            // The same, part by part: which of them the frame waits for.
            var parts: [String: [Duration]] = [:]
            func part<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
                let t = clock.now
                let value = try body()
                parts[name, default: []].append(clock.now - t)
                return value
            }
            for item in try store.dueQueue(rules: rules, moment: today, limit: repetitions + 1) {
                let (_, revert) = try part("write (logTouch, one transaction, fsync)") {
                    try store.logTouch(item.id, TouchDraft(at: nowDate.addingTimeInterval(-60), channel: .phone, outcome: .leftVoicemail),
                                       followUp: .set(today.today.adding(days: 3)))
                }
                _ = try part("column headers (stageSummary)") { try store.stageSummary(period: .last(endingOn: today.today), moment: today) }
                let fits = try part("fits group") { try store.dueFits(rules: rules, moment: today) }
                _ = try part("Today page of 50") { try store.dueQueuePage(rules: rules, moment: today, limit: 50, fits: fits) }
                _ = try part("Today counts") { try store.dueCounts(rules: rules, moment: today, fits: fits) }
                try store.revert(revert, at: nowDate)
            }
            for (name, samples) in parts.sorted(by: { $0.key < $1.key }) {
                bench.record("Today log part: \(name)", Array(samples.dropFirst()), rows: 1)
            }
        }

        // Campaigns write (campaign rows, the sent messages' touches): only when asked for.
        if only != nil, bench.wanted("campaign") {
            try timeCampaigns(store, bench, moment: today, rules: rules)
        }

        // Writes, each undone so the store stays as generated (and --reuse keeps measuring the same desk).
        let movable = try store.writer.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT id FROM candidate WHERE stage = 'awareness' AND status = 'active' ORDER BY id LIMIT ?
                """, arguments: [repetitions + 1])
        }
        var moves: [Duration] = [], undos: [Duration] = [], logs: [Duration] = [], logUndos: [Duration] = []
        let at = nowDate.addingTimeInterval(-3_600)
        for id in movable {
            var t = clock.now
            let (_, moved) = try store.step(id, forward: true, at: at)
            moves.append(clock.now - t)
            t = clock.now
            try store.revert(moved, at: at)
            undos.append(clock.now - t)
            t = clock.now
            let (_, logged) = try store.logTouch(
                id, TouchDraft(at: at, channel: .phone, outcome: .leftVoicemail, note: "Benchmark call about the Lisbon role"),
                followUp: .keep)
            logs.append(clock.now - t)
            t = clock.now
            try store.revert(logged, at: at)
            logUndos.append(clock.now - t)
        }
        // A future-role answer and a status change: the triggers that keep is_current and the match
        // tally (v7) run in these transactions.
        var answers: [Duration] = [], answerUndos: [Duration] = [], statuses: [Duration] = [], statusUndos: [Duration] = []
        for id in movable {
            var t = clock.now
            let (_, recorded) = try store.recordFutureRole(id, title: "Senior Backend Engineer", location: "Lisbon", remote: true, at: at)
            answers.append(clock.now - t)
            t = clock.now
            try store.revert(recorded, at: at)
            answerUndos.append(clock.now - t)
            t = clock.now
            let (_, changed) = try store.setStatus(id, to: .doNotContact, at: at)
            statuses.append(clock.now - t)
            t = clock.now
            try store.revert(changed, at: at)
            statusUndos.append(clock.now - t)
        }
        bench.record("move to the next stage (one transaction, fsync)", Array(moves.dropFirst()), rows: 1)
        bench.record("undo the move", Array(undos.dropFirst()), rows: 1)
        bench.record("log a touch with a note (reindexes the candidate)", Array(logs.dropFirst()), rows: 1)
        bench.record("undo the touch", Array(logUndos.dropFirst()), rows: 1)
        bench.record("record a future-role answer (keyed, is_current, tallies)", Array(answers.dropFirst()), rows: 1)
        bench.record("undo the answer", Array(answerUndos.dropFirst()), rows: 1)
        bench.record("mark do not contact (match tally out)", Array(statuses.dropFirst()), rows: 1)
        bench.record("undo the status", Array(statusUndos.dropFirst()), rows: 1)

        try timeErase(store, bench, at: at)

        // The funnel overview (`funnel report`, every figure) and the board's header figures, over the
        // default period (the last 90 days); Kolkata (UTC+5:30) also reads the half hours at each edge.
        for zone in ["UTC", "Asia/Kolkata"] {
            let moment = Moment(now: nowDate, timeZone: TimeZone(identifier: zone)!)
            let period = ReportPeriod.last(endingOn: moment.today)
            try bench.time("report: every figure, last 90 days (\(zone))") { try store.report(period: period, moment: moment).stages.count }
            if zone == "UTC" {
                try bench.time("board headers: stageSummary (counts + conversion, 90 days)") {
                    try store.stageSummary(period: period, moment: moment).count
                }
            }
        }

        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        func field(_ name: String) -> String {
            status.split(separator: "\n").first { $0.hasPrefix(name + ":") }
                .map { $0.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces) } ?? "?"
        }

        // The report.
        let fileBytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        say("## funnel-bench")
        say("")
        say("- command: `swift run -c release funnel-bench \(commandLine())`")
        say("- machine: \(machine()); load average at the end \(loadAverage()) (the machine is shared: read figures as orders of magnitude)")
        say("- SQLite \(facts.sqlite), page size \(facts.pageSize), file \(mib(fileBytes)) (\(facts.pages) pages)")
        say("- desk: \(counts.values.reduce(0, +)) candidates (\(Stage.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", "))), \(facts.touches) touches")
        if let generatedIn { say(String(format: "- generated in %.1f s", generatedIn)) }
        say("- each operation: \(repetitions) timed runs after a warm-up (scrolling and typing: every page / keystroke of those runs)")
        say("")
        say(bench.table())
        say("")
        say("Process memory: peak RSS (VmHWM) \(field("VmHWM")), current RSS (VmRSS) \(field("VmRSS")).")
    }

    /// Search as you type (Store+SearchCost.swift, SearchPlan.swift).
    func timeSearch(_ store: Store, _ bench: Bench) throws {
        let clock = ContinuousClock()
        // Search as you type: each keystroke reads 50 cards and counts matches up to 10,000
        // ("10,000+ matches"); the exact count is timed on its own, as the limit it is.
        let queries: [(String, String)] = [
            ("rare word", SyntheticDesk.SampleQuery.rareWord),
            ("common word", SyntheticDesk.SampleQuery.commonWord),
            ("2-letter prefix", "ma"),
            ("CJK pair", SyntheticDesk.SampleQuery.cjkPair),
            ("name + common word", "silva role"),
            ("name + rare word", "silva \(SyntheticDesk.SampleQuery.rareWord)"),
        ]
        for (label, query) in queries {
            var result = try store.searchAsYouType(query)
            try bench.time("search \(label) '\(query)' (\(result.ranked ? "ranked" : "newest first"), 50 + count to 10,000)",
                           note: { result.countIsExact ? "\(result.count) matches" : "10,000+ matches" }) {
                result = try store.searchAsYouType(query, limit: 50, countUpTo: 10_000)
                return result.cards.count
            }
        }
        for (label, query) in queries where label != "name + rare word" {
            try bench.time("exact count of \(label) matches (not on a key press)") { try store.searchCount(query) }
        }
        let typed = SyntheticDesk.SampleQuery.typedWord
        var keystrokes: [Duration] = []
        var lastRows = 0
        for _ in 0...repetitions {
            for length in 1...typed.count {
                let prefix = String(typed.prefix(length))
                let t = clock.now
                lastRows = try store.searchAsYouType(prefix, limit: 50, countUpTo: 10_000).cards.count
                keystrokes.append(clock.now - t)
            }
        }
        bench.record("type '\(typed)' letter by letter, per keystroke", keystrokes, rows: lastRows)
    }

    /// Erasure (Store+Erase.swift).
    func timeErase(_ store: Store, _ bench: Bench, at: Date) throws {
        let clock = ContinuousClock()
        // Erasure (`funnel erase`): the person's rows in one transaction, their search partition
        // rewritten ('optimize', so no term of theirs is left) and the WAL truncated. It deletes
        // people from the bench desk: `--repeat` + 1 of them a run, picked at random.
        var erasures: [Duration] = [], optimizes: [Duration] = []
        // Seeded from the time: a second run on the same desk draws people not yet erased.
        var victims = SplitMix64(seed: UInt64(Date().timeIntervalSince1970 * 1_000))
        for id in victims.ids(count: repetitions + 1, upTo: candidates) where try store.candidateIfExists(id) != nil {
            let t = clock.now
            let report = try store.erase(id, at: at)
            erasures.append(clock.now - t)
            optimizes.append(.nanoseconds(Int64(report.optimizeSeconds * 1e9)))
        }
        bench.record("erase one candidate (one search partition rewritten, WAL truncated)", Array(erasures.dropFirst()), rows: 1,
                     note: "optimize median \(Bench.ms(Bench.percentile(Array(optimizes.dropFirst()), 0.5))) ms")
    }

    func commandLine() -> String {
        var parts = ["--candidates \(candidates)", "--touches \(touches.formatted())", "--db \(db)"]
        if seed != 42 { parts.append("--seed \(seed)") }
        if now != 1_793_491_200 { parts.append("--now \(now)") }
        if repetitions != 30 { parts.append("--repeat \(repetitions)") }
        return parts.joined(separator: " ") + " --reuse"
    }
}

/// Collects timings and renders them as a Markdown table.
final class Bench {
    struct Line {
        let name: String
        let samples: [Duration]
        let rows: Int
        let note: String
    }

    let repetitions: Int
    /// `--only`: the operations whose name does not contain it are skipped.
    let only: String?
    var lines: [Line] = []

    init(repetitions: Int, only: String? = nil) {
        self.repetitions = repetitions
        self.only = only
    }

    func wanted(_ name: String) -> Bool { only.map { name.localizedCaseInsensitiveContains($0) } ?? true }

    /// Runs `body` once to warm up, then `repetitions` times, timing each; `body` returns the rows it read.
    func time(_ name: String, note: () -> String = { "" }, _ body: () throws -> Int) rethrows {
        guard wanted(name) else { return }
        let clock = ContinuousClock()
        var rows = try body()
        var samples: [Duration] = []
        for _ in 0..<repetitions {
            let start = clock.now
            rows = try body()
            samples.append(clock.now - start)
        }
        lines.append(Line(name: name, samples: samples, rows: rows, note: note()))
        log("  \(name): \(Bench.ms(Bench.percentile(samples, 0.5))) ms")
    }

    func record(_ name: String, _ samples: [Duration], rows: Int, note: String = "") {
        guard wanted(name) else { return }
        lines.append(Line(name: name, samples: samples, rows: rows, note: note))
        log("  \(name): \(Bench.ms(Bench.percentile(samples, 0.5))) ms")
    }

    static func percentile(_ samples: [Duration], _ p: Double) -> Duration {
        guard !samples.isEmpty else { return .zero }
        let sorted = samples.sorted()
        return sorted[min(sorted.count - 1, max(0, Int((Double(sorted.count) * p).rounded(.up)) - 1))]
    }

    static func ms(_ d: Duration) -> String {
        let value = d.seconds * 1_000
        return value < 10 ? String(format: "%.2f", value) : String(format: "%.1f", value)
    }

    func table() -> String {
        var out = ["| operation | median ms | p90 ms | rows | samples |", "| --- | ---: | ---: | ---: | ---: |"]
        for line in lines {
            let rows = line.note.isEmpty ? "\(line.rows)" : "\(line.rows) (\(line.note))"
            out.append("| \(line.name) | \(Bench.ms(Bench.percentile(line.samples, 0.5))) | \(Bench.ms(Bench.percentile(line.samples, 0.9))) | \(rows) | \(line.samples.count) |")
        }
        return out.joined(separator: "\n")
    }
}

extension SplitMix64 {
    /// Candidate ids to open, drawn from 1…n.
    mutating func ids(count: Int, upTo n: Int) -> [Int64] {
        (0..<count).map { _ in 1 + Int64(next() % UInt64(max(1, n))) }
    }
}

/// Drops the store's pages from the OS page cache, as after a reboot (clean pages only).
func evictFromPageCache(_ path: String) {
    for suffix in ["", "-wal", "-shm"] {
        let fd = open(path + suffix, O_RDONLY)
        guard fd >= 0 else { continue }
        _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_DONTNEED))
        close(fd)
    }
}

func cardAt(_ store: Store, stage: Stage, offset: Int) throws -> Card? {
    let id = try store.writer.read { db in
        try Int64.fetchOne(db, sql: "SELECT id FROM candidate WHERE stage = ? ORDER BY activity_at DESC, id DESC LIMIT 1 OFFSET ?",
                           arguments: [stage.rawValue, offset])
    }
    return try id.map { try store.card($0) }
}

/// Writes a line to stdout at once (print is block-buffered in a pipe, and the process may exec).
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

func log(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

func mib(_ bytes: Int) -> String { String(format: "%.0f MiB", Double(bytes) / 1_048_576) }

/// The 1, 5 and 15-minute load averages, from /proc.
func loadAverage() -> String {
    ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").prefix(3).joined(separator: " ")
}

/// CPU model, cores and memory, from /proc.
func machine() -> String {
    let cpu = ((try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? "")
        .split(separator: "\n").first { $0.hasPrefix("model name") }?
        .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
    let memory = ((try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? "")
        .split(separator: "\n").first { $0.hasPrefix("MemTotal:") }?
        .split(whereSeparator: \.isWhitespace).dropFirst().first.flatMap { Int($0) } ?? 0
    let kernel = ((try? String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    return "\(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(memory / 1_048_576) GiB RAM, Linux \(kernel)"
}

/// Replaces this process with a fresh run of the same binary.
func reexec(_ arguments: [String]) -> Never {
    let argv = ([CommandLine.arguments[0]] + arguments).map { strdup($0) } + [nil]
    execv("/proc/self/exe", argv)
    log("cannot re-run \(CommandLine.arguments[0]): \(String(cString: strerror(errno)))")
    exit(1)
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

FunnelBench.main()
