// fuzz-keys: bytes → the terminal key decoder → keys → the UI reducer → the screen
// (docs/fuzzing.md).
//
// The bytes are read as a stream of what ncurses' `get_wch` hands the app (see `Event` below):
// characters (ASCII, so escape sequences arrive as Esc + their bytes, UTF-8 sequences, C1
// controls, raw code points including surrogates and values past U+10FFFF), `KEY_*` codes known
// and unknown, other statuses, and resizes including tiny and zero sizes. Each goes through
// `KeyDecoder.key(status:value:)` and the resulting key through `App.update`; the effects it
// asks for are answered by an in-memory desk (no store, no terminal), their messages fed back,
// and after every step the screen is rendered and checked.
//
// Invariants (a failed one traps, which libFuzzer reports as a crash with the input saved):
// - the decoder: C1 controls, statuses other than OK/KEY_CODE_YES, KEY_RESIZE and KEY_MOUSE
//   give no key; a printable scalar gives exactly that character;
// - the state: every column's selection is inside its cards and its top inside the column,
//   there is always a page, the effects of one key settle within a bound;
// - the screen: it has the state's size and width×height cells; each cell is 1 wide, or a wide
//   grapheme followed by its continuation inside the row; a continuation only follows a wide
//   cell; a wide cell's grapheme is 2 columns wide by DisplayWidth; the cursor is inside;
// - the terminal's frame diff: applying `new.diff(from: old)` to the old frame gives the new one.
import Foundation
import FunnelCore
import FunnelTerminal
import FunnelUI
import FuzzDriver

func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() {
        FileHandle.standardError.write(Data("fuzz-keys invariant failed: \(message())\n".utf8))
        fatalError(message())
    }
}

let today = Day(year: 2026, month: 11, day: 22)!
let moment = Moment.noon(today)
func daysAgo(_ days: Int) -> Date { moment.now.addingTimeInterval(-Double(days) * 86_400) }

// MARK: The in-memory desk

/// Names that have made terminals misbehave: wide, combining, right-to-left, emoji sequences,
/// controls, very long, empty.
let hostileNames: [(String, String)] = [
    ("Ada", "Lovelace"), ("東京", "太郎"), ("Zoë", "Ünal"), ("e\u{301}\u{301}\u{301}", "Combining"),
    ("👩🏽‍💻", "Dev"), ("\u{202E}evil", "Override"), ("Tab\tIn", "Name"), ("", ""),
    (String(repeating: "W", count: 300), "Long"), ("ﷺ", "Wide Arabic"), ("🇵🇹", "Flag"), ("a\u{200B}b", "ZeroWidth"),
    ("\u{1B}[31mred", "Escape"), ("Line\nBreak", "Newline"), ("한국어", "Hangul"), ("\u{0300}", "Lone mark"),
]

struct Desk {
    var cards: [Card] = []
    var nextID: Int64 = 1000
    /// Openings with hostile titles, companies and notes, in every status.
    var openings: [Opening] = [
        Opening(id: 1, title: "Staff Engineer", location: "Lisbon", company: "Blue Harbor", status: .open, createdAt: daysAgo(10),
                workMode: .hybrid, owner: "Sam", notes: "Platform\nteam \u{1B}[2J", updatedAt: daysAgo(2)),
        Opening(id: 2, title: "=HYPERLINK(\"x\")\u{202E} 工程师", location: "東京", company: "Evil\u{7}Co", status: .open,
                createdAt: daysAgo(1), workMode: .remote),
        Opening(id: 3, title: String(repeating: "Principal ", count: 40), location: "", company: nil, status: .onHold,
                createdAt: daysAgo(40), workMode: .remote),
        Opening(id: 4, title: "Engineering Manager", location: "London", company: "Cobalt", status: .filled, createdAt: daysAgo(90),
                closedAt: daysAgo(5), placedCandidateID: 3),
        Opening(id: 5, title: "", location: "\u{0300}", company: "", status: .closed, createdAt: daysAgo(200), closedAt: daysAgo(100)),
    ]
    var nextOpeningID: Int64 = 100

    init() {
        var id: Int64 = 1
        for (index, stage) in Stage.allCases.enumerated() {
            // Column sizes: empty, one, a screenful, more than a page.
            let count = [7, 45, 0, 1, 3][index]
            for i in 0..<count {
                let (first, last) = hostileNames[(i + index * 3) % hostileNames.count]
                cards.append(card(id, first, "\(last) \(i)", stage: stage, status: Status.allCases[i % Status.allCases.count],
                                  touched: i % 5 == 0 ? nil : i * 7))
                id += 1
            }
        }
    }

    func card(_ id: Int64, _ first: String, _ last: String, stage: Stage, status: Status, touched: Int?) -> Card {
        Card(id: id, firstName: first, lastName: last, title: id % 3 == 0 ? nil : "Engineer 工程师", company: id % 4 == 0 ? nil : "Acme",
             stage: stage, status: status, lastTouchAt: touched.map(daysAgo), nextFollowUp: id % 6 == 0 ? today.adding(days: Int(id % 9) - 4) : nil,
             activityAt: daysAgo(touched ?? 60), sortName: "\(last) \(first)".lowercased(), hasFutureRole: id % 5 == 0,
             email: id % 2 == 0 ? "p\(id)@example.com" : nil, engagementScore: id % 3 == 0 ? Int(id % 101) : nil)
    }

    func column(_ stage: Stage) -> [Card] { cards.filter { $0.stage == stage } }

    func candidate(_ card: Card) -> Candidate {
        Candidate(id: card.id, firstName: card.firstName, lastName: card.lastName, email: card.email, phone: "+351 912 345 678",
                  location: "Lisboa 里斯本", linkedinURL: "https://www.linkedin.com/in/p\(card.id)", title: card.title,
                  company: card.company, source: "Referral", owner: "Sam", tags: ["go", "k8s", "日本語"],
                  interests: "climbing\nand \u{202E}text", preferredChannel: .email, stage: card.stage, status: card.status,
                  createdAt: daysAgo(200), updatedAt: daysAgo(10), stageEnteredAt: daysAgo(40), lastTouchAt: card.lastTouchAt,
                  nextFollowUp: card.nextFollowUp)
    }

    func detail(_ id: Int64) -> CandidateDetail? {
        guard let card = cards.first(where: { $0.id == id }) else { return nil }
        let channels: [Channel] = [.phone, .email, .linkedin, .note]
        let touches = (0..<Int(id % 12)).map { i in
            Touchpoint(id: id * 100 + Int64(i), candidateID: id, at: daysAgo(3 + 5 * i), channel: channels[i % 4],
                       direction: i % 3 == 1 ? .inbound : .outbound, outcome: nil,
                       note: i % 2 == 0 ? "Note \(i): 東京 e\u{301} 👩🏽‍💻 \(String(repeating: "x", count: i * 20))" : "", template: nil)
        }
        let roles = id % 2 == 0 ? [FutureRole(id: id, candidateID: id, title: "Staff 工程师", location: "Berlin", remote: true, askedAt: daysAgo(30))] : []
        let stages = [StageChange(id: id, candidateID: id, from: nil, to: card.stage, at: daysAgo(40))]
        return CandidateDetail(candidate: candidate(card), touches: touches, moreTouches: id % 7 == 0, futureRoles: roles,
                               stages: stages, referrerName: id % 3 == 0 ? "東京 太郎" : nil, fittingOpenings: fitting(id))
    }

    /// A window of a column, as the store's `loadColumn` answers it.
    func load(_ stage: Stage, _ request: ColumnRequest, anchor: Card?, limit: Int) -> Msg {
        let all = column(stage)
        let limit = max(0, limit)
        func index(of card: Card?) -> Int? { card.flatMap { c in all.firstIndex { $0.id == c.id } } }
        switch request {
        case .top:
            return .columnLoaded(stage, request, Array(all.prefix(limit)), moreBefore: false, moreAfter: all.count > limit)
        case .bottom:
            return .columnLoaded(stage, request, Array(all.suffix(limit)), moreBefore: all.count > limit, moreAfter: false)
        case .after:
            let start = index(of: anchor).map { $0 + 1 } ?? 0
            let rest = all[start...]
            return .columnLoaded(stage, request, Array(rest.prefix(limit)), moreBefore: true, moreAfter: rest.count > limit)
        case .before:
            let end = index(of: anchor) ?? all.count
            let rest = all[..<end]
            return .columnLoaded(stage, request, Array(rest.suffix(limit)), moreBefore: rest.count > limit, moreAfter: true)
        case let .around(id):
            guard let at = all.firstIndex(where: { $0.id == id }) else { return load(stage, .top, anchor: nil, limit: limit) }
            let half = max(1, limit / 2)
            let before = all[..<at].suffix(half), after = all[(at + 1)...].prefix(half)
            return .columnLoaded(stage, request, Array(before) + [all[at]] + Array(after),
                                 moreBefore: at > half, moreAfter: all.count - at - 1 > half)
        }
    }

    func search(_ query: String, limit: Int) -> [Card] {
        let words = query.lowercased().split(separator: " ")
        return Array(cards.filter { card in
            words.allSatisfy { "\(card.firstName) \(card.lastName) \(card.title ?? "")".lowercased().contains($0) }
        }.prefix(max(0, limit)))
    }

    /// Every card whose id is a multiple of 3 fits opening 1 (a weaker fit every other one), of
    /// 2 the others; the answers are built by the real match rule so the reasons are real.
    func matches(_ opening: Opening) -> [OpeningMatchRow] {
        let terms = OpeningTerms(title: opening.title, location: opening.location, workMode: opening.workMode, vocabulary: .standard)
        return cards.enumerated().compactMap { index, card in
            let title = index % 2 == 0 ? opening.title : "Senior \(opening.title)"
            let role = FutureRole(id: card.id, candidateID: card.id, title: title, location: index % 3 == 0 ? "" : opening.location,
                                  remote: index % 3 == 0, askedAt: daysAgo(index * 11))
            let answer = AnswerTerms(title: role.title, location: role.location, remote: role.remote, askedAt: role.askedAt,
                                     isCurrent: index % 4 != 1, vocabulary: .standard)
            guard card.id % Int64(opening.id % 3 + 2) == 0, let fit = MatchRule.evaluate(terms, answer, now: moment.now) else { return nil }
            return OpeningMatchRow(candidateID: card.id, firstName: card.firstName, lastName: card.lastName, stage: card.stage,
                                   status: card.status, answer: role, match: fit, contacted: index % 5 == 0,
                                   lastOutcome: index % 10 == 0 ? Outcome.allCases[index % Outcome.allCases.count] : nil)
        }
    }

    func summary(_ opening: Opening) -> OpeningSummary {
        let found = matches(opening)
        return OpeningSummary(opening: opening, matches: found.count, contacted: found.filter(\.contacted).count)
    }

    func fitting(_ id: Int64) -> [FittingOpening] {
        openings.filter { !$0.status.isClosed }.compactMap { opening in
            matches(opening).first { $0.candidateID == id }.map { FittingOpening(opening: opening, match: $0.match) }
        }
    }

    func dueItems(limit: Int) -> [DueItem] {
        Array(cards.filter { $0.nextFollowUp != nil || $0.lastTouchAt == nil }.prefix(max(0, limit)).map { card in
            let reason: DueReason = card.nextFollowUp.map { day in
                day < today ? .followUpOverdue(days: day.days(until: today), dueOn: day) : .followUpToday
            } ?? .reengagement(days: 60, neverTouched: true)
            return DueItem(candidate: candidate(card), reason: reason, cursor: .today(card.id))
        })
    }

    var reports = 0

    /// The funnel report over the desk: every section filled, with wide and right-to-left labels,
    /// or (every other time) a desk where nothing happened: zero counts, no medians, no weeks.
    func report(full: Bool) -> FunnelReport {
        let stages = Stage.allCases.enumerated().map { index, stage in
            StageFigures(stage: stage, count: full ? column(stage).count * 1_000 + index : 0,
                         conversion: stage.next.map { Conversion(from: stage, to: $0, entered: full ? 90 - index : 0, reachedNext: full ? 40 : 0) },
                         stale: full && index < 3 ? 7 * index : nil,
                         timeInStage: TimeInStage(stays: full ? 60 : 0, medianDays: full ? 9.5 + Double(index) : nil, p90Days: full ? 300.25 : nil))
        }
        let monday = today.adding(days: -6)
        let weeks = full ? (0..<12).map { i in
            WeekTouches(weekStart: monday.adding(days: -7 * (11 - i)),
                        byChannel: Dictionary(uniqueKeysWithValues: WeekTouches.channels.enumerated().map { ($1.rawValue, (i * 7 + $0 * 3) % 40) }))
        } : []
        return FunnelReport(
            generatedAt: moment.now, timeZone: "Asia/Tokyo", today: today, period: .last(90, endingOn: today), rules: ReportRules(),
            totalCandidates: full ? 1_234_567 : 0, stages: stages,
            statuses: Status.allCases.map { StatusCount(status: $0, count: full ? 10 : 0) },
            due: ReportDueCounts(followUps: full ? 4 : 0, reengagements: full ? 100 : 0, reengagementsIsLowerBound: full),
            touchesPerWeek: weeks,
            replyRateByChannel: full ? [ReplyRate(name: "email", outbound: 120, replied: 30), ReplyRate(name: "sms", outbound: 0, replied: 0)] : [],
            replyRateByTemplate: full ? [ReplyRate(name: "intro-東京-\u{202E}x", outbound: 3, replied: 3)] : [],
            topFutureRoleTitles: full ? [RoleDemand(key: "staff 工程师", label: String(repeating: "Staff 工程师 ", count: 12), count: 9, openOpenings: 2),
                                         RoleDemand(key: "", label: "e\u{301}", count: 1, openOpenings: 0)] : [],
            topFutureRoleLocations: full ? [RoleDemand(key: "東京", label: "東京", count: 3, openOpenings: 1),
                                            RoleDemand(key: "x", label: "\u{5E9}\u{5DC}\u{5D5}\u{5DD}", count: 2, openOpenings: 0)] : [],
            openings: full ? openings.map { o in
                OpeningFigures(id: o.id, title: o.title, company: o.company, location: o.location, workMode: o.workMode, status: o.status,
                               matches: o.status.isClosed ? nil : summary(o).matches, contacted: 3, interested: 1, placed: o.placedCandidateID == nil ? 0 : 1)
            } : [],
            placementsPerMonth: full ? [MonthCount(month: "2026-10", count: 3), MonthCount(month: "2026-11", count: 0)] : [])
    }

    /// Runs one effect and returns the messages it answers with; `fail` makes writes fail.
    mutating func run(_ effect: Effect, fail: Bool) -> [Msg] {
        func stage(of id: Int64) -> Stage? { cards.first { $0.id == id }?.stage }
        func done(_ id: Int64, revert: Revert? = nil) -> [Msg] {
            if fail { return [.failed("the store is busy (fuzz)")] }
            return [.changed(Change(candidateID: id, stage: stage(of: id), revert: revert, message: "done #\(id) 東京"))]
        }
        switch effect {
        case .loadCounts:
            var counts: [Stage: Int] = [:]
            for stage in Stage.allCases { counts[stage] = column(stage).count }
            return [.countsLoaded(counts, conversions: [.awareness: "↓22% of 23", .consideration: "↓—"])]
        case .checkForOutsideChanges:
            return []
        case let .loadColumn(stage, request, _, anchor, limit):
            return [load(stage, request, anchor: anchor, limit: limit)]
        case let .loadCandidate(id):
            return detail(id).map { [.candidateLoaded($0)] } ?? [.failed("no candidate #\(id)")]
        case let .search(query, generation, limit):
            let found = search(query, limit: limit)
            return [.searchResults(generation: generation, found, total: found.count, exact: found.count < 10)]
        case let .loadToday(after, limit):
            let items = after == nil ? dueItems(limit: limit) : []
            return [.todayLoaded(items, counts: DueCounts(overdue: 2, today: 1, reengagement: 100, cadence: 1),
                                 countsAreLowerBound: true, append: after != nil, next: nil)]
        case let .logQuick(id, _):
            return done(id, revert: .followUpChanged(candidateID: id, previous: nil))
        case .loadTemplates:
            return [.templatesLoaded(["checkin", "intro-東京", ""])]
        case .loadReport:
            if fail { return [.failed("no report")] }
            reports += 1
            return [.reportLoaded(report(full: reports % 2 == 1))]
        case let .compose(id, _, _):
            return done(id)
        case let .loadOpenings(includeClosed):
            let listed = openings.filter { includeClosed || !$0.status.isClosed }
            return [.openingsLoaded(listed.map(summary), includeClosed: includeClosed)]
        case let .loadOpening(id):
            guard let opening = openings.first(where: { $0.id == id }) else { return [.failed("no opening #\(id)")] }
            return [.openingLoaded(OpeningDetail(summary: summary(opening), matches: Array(matches(opening).prefix(OpeningDetail.limit))))]
        case let .addOpening(draft):
            if fail { return [.failed("refused")] }
            let id = nextOpeningID
            nextOpeningID += 1
            openings.append(Opening(id: id, title: draft.title, location: draft.location, company: draft.company, status: .open,
                                    createdAt: moment.now, workMode: draft.workMode ?? .onsite, owner: draft.owner, notes: draft.notes))
            return [.openingChanged(id, message: "Opened #\(id) 東京", placed: nil)]
        case let .editOpening(id, draft, status):
            if fail { return [.failed("refused")] }
            guard let index = openings.firstIndex(where: { $0.id == id }) else { return [.failed("no opening #\(id)")] }
            openings[index].title = draft.title
            openings[index].location = draft.location
            openings[index].company = draft.company
            openings[index].notes = draft.notes
            if let status { openings[index].status = status }
            return [.openingChanged(id, message: "Saved #\(id)", placed: nil)]
        case let .closeOpening(id, state, placed):
            if fail { return [.failed("refused")] }
            guard let index = openings.firstIndex(where: { $0.id == id }) else { return [.failed("no opening #\(id)")] }
            openings[index].status = state
            openings[index].placedCandidateID = placed
            if let placed, let card = cards.firstIndex(where: { $0.id == placed }) { cards[card].stage = .conversion }
            return [.openingChanged(id, message: "Closed #\(id)", placed: placed)]
        case let .erase(id):
            if fail { return [.failed("cannot erase")] }
            cards.removeAll { $0.id == id }
            return [.erased(id, message: "Erased #\(id)")]
        case let .add(draft):
            if fail { return [.failed("refused")] }
            let id = nextID
            nextID += 1
            cards.append(card(id, draft.firstName, draft.lastName, stage: draft.stage, status: draft.status, touched: nil))
            return done(id)
        case let .update(id, _):
            return done(id)
        case let .move(id, to):
            if !fail, let index = cards.firstIndex(where: { $0.id == id }) {
                let from = cards[index].stage
                cards[index].stage = to
                return done(id, revert: .moved(candidateID: id, stageChangeID: id, from: from, to: to,
                                               previousEnteredAt: daysAgo(3), previousUpdatedAt: daysAgo(3)))
            }
            return done(id)
        case let .setStatus(id, status):
            return done(id, revert: .statusChanged(candidateID: id, from: .active, to: status, previousNextFollowUp: nil))
        case let .logTouch(id, _, _):
            return done(id, revert: .followUpChanged(candidateID: id, previous: today))
        case let .recordFutureRole(id, _, _, _):
            return done(id, revert: .futureRoleRecorded(id: 1, candidateID: id))
        case let .undo(revert):
            return done(revert.candidateID)
        case let .editText(text):
            return fail ? [.failed("no editor")] : [.edited(text + " (edited 東京)")]
        }
    }
}

// MARK: Events from the bytes

/// What one `get_wch` call (or the terminal's event loop) hands the app.
enum Event {
    case get(status: Int32, value: UInt32)
    case resize(Size)
    case message(Msg)
    /// Writes fail from now on (or stop failing).
    case toggleFailure
}

let keyCodeMin: UInt32 = 0o401  // KEY_MIN + 1 (KEY_BREAK): where ncurses' KEY_* codes start
let keyResize: UInt32 = 0o632
let keyMouse: UInt32 = 0o631

struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    var at = 0
    mutating func byte() -> UInt8? {
        guard at < bytes.count else { return nil }
        defer { at += 1 }
        return bytes[at]
    }

    mutating func next() -> Event? {
        guard let b = byte() else { return nil }
        switch b {
        case 0x00...0x7F:
            return .get(status: KeyDecoder.statusCharacter, value: UInt32(b))
        case 0x80...0x9F:
            // A C1 control as a character code.
            return .get(status: KeyDecoder.statusCharacter, value: UInt32(b))
        case 0xA0...0xAF:
            // A KEY_* code: known ones and codes past KEY_MAX.
            let low = UInt32(byte() ?? 0)
            return .get(status: KeyDecoder.statusKeyCode, value: keyCodeMin + (UInt32(b & 0x01) << 8) + low)
        case 0xB0...0xB7:
            // A resize, tiny sizes included.
            let w = Int(byte() ?? 0), h = Int(byte() ?? 0)
            return b & 1 == 0 ? .resize(Size(width: w % 12, height: h % 12)) : .resize(Size(width: w % 240, height: h % 90))
        case 0xB8: return .message(.tick)
        case 0xB9: return .message(.storeChangedElsewhere)
        case 0xBA: return .message(.failed("the store went away 東京 \u{202E}"))
        case 0xBB: return .toggleFailure
        case 0xBC: return .get(status: KeyDecoder.statusKeyCode, value: keyResize)
        case 0xBD: return .get(status: KeyDecoder.statusKeyCode, value: keyMouse)
        case 0xBE:
            // ERR or another status ncurses never returns with a value.
            return .get(status: Int32(Int8(bitPattern: byte() ?? 0xFF)), value: UInt32(byte() ?? 0))
        case 0xBF:
            // Any code point, surrogates and values past U+10FFFF included.
            var value: UInt32 = 0
            for _ in 0..<3 { value = value << 8 | UInt32(byte() ?? 0) }
            return .get(status: KeyDecoder.statusCharacter, value: value)
        default:
            // 0xC0...0xFF: the start of a UTF-8 sequence, decoded as the terminal would.
            let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
            var sequence = [b]
            while sequence.count < length, at < bytes.count, bytes[at] & 0xC0 == 0x80 { sequence.append(bytes[at]); at += 1 }
            if let text = String(validating: sequence, as: UTF8.self), let scalar = text.unicodeScalars.first {
                return .get(status: KeyDecoder.statusCharacter, value: scalar.value)
            }
            return .get(status: KeyDecoder.statusCharacter, value: UInt32(b))
        }
    }
}

// MARK: Invariants

func checkDecoded(_ key: Key?, status: Int32, value: UInt32) {
    require(KeyDecoder.key(status: status, value: value) == key, "the decoder is not a function of its input")
    if status != KeyDecoder.statusCharacter && status != KeyDecoder.statusKeyCode {
        require(key == nil, "status \(status) gave \(String(describing: key))")
    }
    if status == KeyDecoder.statusKeyCode && (value == keyResize || value == keyMouse) {
        require(key == nil, "KEY_RESIZE/KEY_MOUSE gave \(String(describing: key))")
    }
    if status == KeyDecoder.statusCharacter {
        if (0x80..<0xA0).contains(value) { require(key == nil, "C1 control \(value) gave a key") }
        if value >= 0xA0 || (value >= 0x20 && value < 0x7F) {
            if let scalar = Unicode.Scalar(value) {
                require(key == .char(Character(scalar)), "U+\(String(value, radix: 16)) gave \(String(describing: key))")
            } else {
                require(key == nil, "an invalid scalar \(value) gave \(String(describing: key))")
            }
        }
    }
}

func checkState(_ state: AppState) {
    require(!state.pages.isEmpty, "no page")
    for column in state.columns {
        if let selected = column.selected {
            require(selected >= 0 && selected < column.cards.count,
                    "\(column.stage) selects \(selected) of \(column.cards.count) cards")
        }
        require(column.top >= 0 && (column.cards.isEmpty ? column.top == 0 : column.top < column.cards.count),
                "\(column.stage) top \(column.top) of \(column.cards.count) cards")
    }
}

/// Most cells: one printable ASCII scalar, width 1 by definition (skips the width tables).
@inline(__always) func isPrintableASCII(_ grapheme: Character) -> Bool {
    guard let ascii = grapheme.asciiValue else { return false }
    return ascii >= 0x20 && ascii < 0x7F
}

func checkScreen(_ screen: Screen, _ state: AppState) {
    require(screen.size == state.size, "screen \(screen.size) for a state of \(state.size)")
    let width = screen.width, height = screen.height
    require(screen.cells.count == width * height, "\(screen.cells.count) cells for \(width)×\(height)")
    for y in 0..<height {
        var x = 0
        while x < width {
            let cell = screen.cells[y * width + x]
            switch cell.width {
            case 1:
                x += 1
            case 2:
                require(x + 1 < width, "a wide cell in the last column, row \(y): \(cell.grapheme)")
                require(screen.cells[y * width + x + 1].isContinuation, "a wide cell at (\(x),\(y)) without its continuation")
                require(DisplayWidth.width(of: cell.grapheme) == 2, "a 2-cell grapheme of width \(DisplayWidth.width(of: cell.grapheme))")
                x += 2
            case 0:
                fatalError("a continuation cell at (\(x),\(y)) after a cell that is not wide")
            default:
                fatalError("a cell of width \(cell.width) at (\(x),\(y))")
            }
            if cell.width == 1, !isPrintableASCII(cell.grapheme) {
                require(DisplayWidth.width(of: cell.grapheme) == 1 || cell.grapheme == " ",
                        "a 1-cell grapheme of width \(DisplayWidth.width(of: cell.grapheme)) at (\(x - 1),\(y)): \(cell.grapheme.unicodeScalars.map { String($0.value, radix: 16) })")
                require(!DisplayWidth.isControl(cell.grapheme), "a control character on screen at (\(x - 1),\(y))")
            }
        }
    }
    if let cursor = screen.cursor {
        require(cursor.x >= 0 && cursor.x < width && cursor.y >= 0 && cursor.y < height, "cursor \(cursor) outside \(screen.size)")
    }
}

func checkDiff(old: Screen, new: Screen) {
    guard old.size == new.size else { return }
    var cells = old.cells
    for run in new.diff(from: old) {
        require(run.row >= 0 && run.row < new.height && run.x >= 0 && run.x + run.cells.count <= new.width,
                "a diff run outside the screen: row \(run.row) x \(run.x) count \(run.cells.count)")
        for (offset, cell) in run.cells.enumerated() { cells[run.row * new.width + run.x + offset] = cell }
    }
    require(cells == new.cells, "the frame diff does not turn the old frame into the new one")
}

// MARK: One input

func testOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    var reader = Reader(bytes: UnsafeBufferPointer(start: data, count: size))
    var desk = Desk()
    var fail = false
    var (state, effects) = App.start(size: Size(width: 100, height: 30), moment: moment,
                                     settings: UISettings(unicode: size % 2 == 0, color: size % 3 != 0))
    var queue: [Msg] = []

    /// Runs the effects and feeds their messages back until nothing is left (bounded).
    func settle(_ first: [Effect]) {
        var pending = first
        var rounds = 0
        while !pending.isEmpty {
            rounds += 1
            require(rounds < 64, "the effects of one event do not settle: \(pending.prefix(3))")
            var next: [Effect] = []
            for effect in pending {
                for msg in desk.run(effect, fail: fail) { next += App.update(&state, msg) }
            }
            pending = next
        }
    }
    settle(effects)
    var frame = Render.screen(state)
    checkScreen(frame, state)
    var steps = 0
    while let event = reader.next() {
        if state.isFinished {
            // `q` or Ctrl-C quit: the rest of the input drives a new session on the same desk.
            (state, effects) = App.start(size: state.size, moment: moment, settings: state.settings)
            settle(effects)
            frame = Render.screen(state)
            checkScreen(frame, state)
        }
        steps += 1
        switch event {
        case let .get(status, value):
            let key = KeyDecoder.key(status: status, value: value)
            checkDecoded(key, status: status, value: value)
            guard let key else { continue }
            queue = [.key(key)]
        case let .resize(size):
            queue = [.resize(size)]
        case let .message(msg):
            queue = [msg]
        case .toggleFailure:
            fail.toggle()
            continue
        }
        let before = state
        for msg in queue { effects = App.update(&state, msg); settle(effects) }
        // Render is a function of the state: an unchanged state has the frame already checked.
        if state == before { continue }
        checkState(state)
        let screen = Render.screen(state)
        checkScreen(screen, state)
        checkDiff(old: frame, new: screen)
        frame = screen
    }
    return 0
}

/// libFuzzer's runtime (linked by `-sanitize=fuzzer`) refers to this symbol even when the
/// program keeps its own main and hands the callback to `LLVMFuzzerRunDriver`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 { testOne(data, size) }

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in testOne(data, size) })
