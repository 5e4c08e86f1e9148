import Foundation
import FunnelCore
import GRDB

/// Who `matches` lists: current answers of admitted people by default (docs/rules.md).
public struct MatchOptions: Sendable, Equatable {
    public var includePlaced: Bool
    public var includeEarlier: Bool
    public var limit: Int

    public init(includePlaced: Bool = false, includeEarlier: Bool = false, limit: Int = 50) {
        self.includePlaced = includePlaced
        self.includeEarlier = includeEarlier
        self.limit = limit
    }
}

/// Openings: add, edit, close, and the matches of each (docs/rules.md, "Openings and matches").
extension Store {
    static func fetchOpening(_ db: Database, _ id: Int64) throws -> Opening {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM opening WHERE id = ?", arguments: [id]) else {
            throw FunnelError.notFound("no opening with id \(id)")
        }
        return try Rows.opening(row)
    }

    @discardableResult
    public func addOpening(_ draft: OpeningDraft, status: Opening.State = .open, at now: Date) throws -> Opening {
        let draft = try draft.validated()
        return try write { db in try Store.fetchOpening(db, try Store.insertOpening(db, draft, status: status, openedAt: now)) }
    }

    /// Inserts a validated draft (the form, the command line and the demo desk all come here).
    static func insertOpening(_ db: Database, _ draft: OpeningDraft, status: Opening.State, openedAt: Date) throws -> Int64 {
        let t = Rows.seconds(openedAt)
        try db.execute(sql: """
            INSERT INTO opening (title, location, company, status, created_at, work_mode, owner, notes, updated_at, closed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [draft.title, draft.location, draft.company, status.rawValue, t, (draft.workMode ?? .onsite).rawValue,
                             draft.owner, draft.notes, t, status.isClosed ? t : nil])
        return db.lastInsertedRowID
    }

    /// Replaces the opening's fields; an open or on-hold opening only (a filled or closed one is
    /// history). `status` may put it on hold or open it again.
    @discardableResult
    public func editOpening(_ id: Int64, _ draft: OpeningDraft, status: Opening.State? = nil, at now: Date) throws -> Opening {
        let draft = try draft.validated()
        if let status, status.isClosed {
            throw FunnelError.invalid("use close to mark an opening \(status.title)")
        }
        return try write { db in
            let previous = try Store.fetchOpening(db, id)
            if previous.status.isClosed {
                throw FunnelError.refused("opening #\(id) \(previous.title) is \(previous.status.title): it can no longer be edited")
            }
            try db.execute(sql: """
                UPDATE opening SET title = ?, location = ?, company = ?, work_mode = ?, owner = ?, notes = ?, status = ?, updated_at = ?
                WHERE id = ?
                """, arguments: [draft.title, draft.location, draft.company, draft.workMode!.rawValue, draft.owner, draft.notes,
                                 (status ?? previous.status).rawValue, Rows.seconds(now), id])
            return try Store.fetchOpening(db, id)
        }
    }

    /// Closes an opening as filled or closed. Filled may name the person placed, who moves to
    /// conversion and becomes "placed" in the same transaction.
    @discardableResult
    public func closeOpening(_ id: Int64, as state: Opening.State, placed candidateID: Int64? = nil, at now: Date) throws -> Opening {
        guard state.isClosed else { throw FunnelError.invalid("an opening is closed as filled or closed, not \(state.title)") }
        if candidateID != nil, state != .filled {
            throw FunnelError.invalid("only a filled opening has a placed candidate")
        }
        return try write { db in
            let previous = try Store.fetchOpening(db, id)
            if previous.status.isClosed {
                throw FunnelError.refused("opening #\(id) \(previous.title) is already \(previous.status.title)")
            }
            let t = Rows.seconds(now)
            if let candidateID {
                let candidate = try Store.fetchCandidate(db, candidateID)
                if candidate.status == .doNotContact {
                    throw FunnelError.refused("\(candidate.fullName) is marked do not contact: change their status before placing them")
                }
                if candidate.stage != .conversion { _ = try Store.writeMove(db, candidate, to: .conversion, at: now) }
                if candidate.status != .placed {
                    try db.execute(sql: "UPDATE candidate SET status = 'placed', updated_at = ? WHERE id = ?", arguments: [t, candidateID])
                }
            }
            try db.execute(sql: "UPDATE opening SET status = ?, closed_at = ?, placed_candidate_id = ?, updated_at = ? WHERE id = ?",
                           arguments: [state.rawValue, t, candidateID, t, id])
            return try Store.fetchOpening(db, id)
        }
    }

    public func openings() throws -> [Opening] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM opening ORDER BY id").map(Rows.opening) }
    }

    public func opening(_ id: Int64) throws -> Opening {
        try read { db in try Store.fetchOpening(db, id) }
    }

    /// The openings in `states` (all when nil) with their match and contacted counts, newest first.
    public func openingSummaries(states: Set<Opening.State>? = [.open, .onHold]) throws -> [OpeningSummary] {
        try read { db in
            let all = try Row.fetchAll(db, sql: "SELECT * FROM opening ORDER BY updated_at DESC, id DESC").map(Rows.opening)
            return try all.filter { states?.contains($0.status) ?? true }.map { try Store.summary(db, $0, vocabulary: matchVocabulary) }
        }
    }

    static func summary(_ db: Database, _ opening: Opening, vocabulary: MatchVocabulary) throws -> OpeningSummary {
        OpeningSummary(opening: opening,
                       matches: opening.status.isClosed ? 0 : try matchCount(db, opening, vocabulary: vocabulary),
                       contacted: try Int.fetchOne(db, sql: "SELECT count(DISTINCT candidate_id) FROM touchpoint WHERE opening_id = ?",
                                                   arguments: [opening.id]) ?? 0)
    }

    /// One opening with its counts; not found is an error.
    public func openingSummary(_ id: Int64) throws -> OpeningSummary {
        try read { db in
            try Store.summary(db, try Store.fetchOpening(db, id), vocabulary: matchVocabulary)
        }
    }

    /// The conditions that select an opening's candidate answers by index (family, and the city
    /// unless the opening is remote), with the people who may be listed: a plain SQL statement of
    /// the rule over the v6 indexes. The store's own lists and counts no longer use it (v7 ranks
    /// and counts through `future_role_rank_*` and `match_tally`); kept for callers in the module.
    static func matchConditions(_ opening: Opening, vocabulary: MatchVocabulary, options: MatchOptions)
        -> (sql: String, arguments: StatementArguments)? {
        let terms = OpeningTerms(title: opening.title, location: opening.location, workMode: opening.workMode, vocabulary: vocabulary)
        guard !terms.titleKey.family.isEmpty else { return nil }
        var sql = "f.title_family = ?"
        var arguments: StatementArguments = [terms.titleKey.family]
        if opening.workMode != .remote {
            guard !terms.locationKey.isEmpty, terms.locationKey != MatchVocabulary.remoteKey else { return nil }
            sql += " AND f.location_key = ?"
            arguments += [terms.locationKey]
        }
        if !options.includeEarlier { sql += " AND f.is_current = 1" }
        sql += options.includePlaced ? " AND c.status <> 'do_not_contact'" : " AND c.status NOT IN ('do_not_contact', 'placed')"
        return (sql, arguments)
    }

    /// How many people fit an opening (current answers, do not contact and placed left out):
    /// as many as `matches` would list without a limit. Read from `match_tally` (v7): one or a few
    /// rows, not the family's answers.
    static func matchCount(_ db: Database, _ opening: Opening, vocabulary: MatchVocabulary) throws -> Int {
        // The opening folded once (the conditions of `matchConditions`, without folding it again).
        let terms = OpeningTerms(title: opening.title, location: opening.location, workMode: opening.workMode, vocabulary: vocabulary)
        guard !terms.titleKey.family.isEmpty else { return 0 }
        if opening.workMode == .remote {
            // Every answer of the family but one with neither a city nor remote (MatchRule.evaluate).
            return try Int.fetchOne(db, sql: """
                SELECT coalesce(sum(n), 0) FROM match_tally WHERE title_family = ? AND NOT (location_key = '' AND remote = 0)
                """, arguments: [terms.titleKey.family]) ?? 0
        }
        guard !terms.locationKey.isEmpty, terms.locationKey != MatchVocabulary.remoteKey else { return 0 }
        return try Int.fetchOne(db, sql: "SELECT coalesce(sum(n), 0) FROM match_tally WHERE title_family = ? AND location_key = ?",
                                arguments: [terms.titleKey.family, terms.locationKey]) ?? 0
    }

    /// The people whose future-role answer fits the opening, best first (docs/rules.md, "Rank").
    /// Refused for a filled or closed opening. An index range, not a scan: the family (and city)
    /// keys of `future_role`.
    public func matches(forOpening id: Int64, options: MatchOptions = MatchOptions(), now: Date) throws -> [OpeningMatchRow] {
        try read { db in
            let opening = try Store.fetchOpening(db, id)
            if opening.status.isClosed {
                throw FunnelError.refused("opening #\(id) \(opening.title) is \(opening.status.title): no matches are offered for it")
            }
            return try Store.matchRows(db, opening, options: options, vocabulary: matchVocabulary, now: now)
        }
    }

    /// A stored answer as the rule weighs it, with the keys the store holds (no folding per row).
    static func answerTerms(_ row: Row, isCurrent: Bool) -> AnswerTerms {
        AnswerTerms(title: row["title"], location: row["location"], remote: row["remote"],
                    askedAt: Rows.date(row["asked_at"] as Int64), isCurrent: isCurrent,
                    titleKey: TitleKey(family: row["title_family"] ?? "", level: row["title_level"] ?? ""),
                    locationKey: row["location_key"] ?? "")
    }

    /// One answer read for a match list, with what the list shows of its person.
    struct MatchCandidate {
        var role: FutureRole
        var match: OpeningMatch
        var firstName: String, lastName: String, stage: String, status: String

        /// The list's order: score, then the newest answer, then the candidate id (and the answer
        /// id, so that one person's best answer is well defined).
        func precedes(_ other: MatchCandidate) -> Bool {
            if match.score != other.match.score { return match.score > other.match.score }
            if role.askedAt != other.role.askedAt { return role.askedAt > other.role.askedAt }
            if role.candidateID != other.role.candidateID { return role.candidateID < other.role.candidateID }
            return role.id < other.role.id
        }
    }

    /// The levels (`title_level`) among the answers of one family, current or earlier: a skip
    /// through `future_role_rank_city`, one probe per level.
    static func matchLevels(_ db: Database, family: String, current: Bool) throws -> [String] {
        let next = try db.cachedStatement(sql: """
            SELECT title_level FROM future_role INDEXED BY future_role_rank_city
            WHERE title_family = ? AND is_current = ? AND title_level > ? ORDER BY title_level LIMIT 1
            """)
        var levels: [String] = []
        if try Int.fetchOne(db, sql: """
            SELECT 1 FROM future_role INDEXED BY future_role_rank_city WHERE title_family = ? AND is_current = ? AND title_level = ''
            """, arguments: [family, current]) != nil {
            levels.append("")
        }
        while let level = try String.fetchOne(next, arguments: [family, current, levels.last ?? ""]) { levels.append(level) }
        return levels
    }

    /// The matches of an opening, best first, `options.limit` of them.
    ///
    /// Every answer in one range of a v7 rank index (one family, current or earlier, one level,
    /// and one city, or open to remote or not) has the same score but for its age, and the index
    /// holds it newest first: each range is already in the list's order. So the list is a merge of
    /// those ranges (a few per level), each read lazily as a cursor and only as far as the list
    /// needs, each row joined to its candidate for the status. Everyone's first row in the merge
    /// is their best answer.
    static func matchRows(_ db: Database, _ opening: Opening, options: MatchOptions, vocabulary: MatchVocabulary,
                          now: Date) throws -> [OpeningMatchRow] {
        let terms = OpeningTerms(title: opening.title, location: opening.location, workMode: opening.workMode, vocabulary: vocabulary)
        let family = terms.titleKey.family
        // What `matchConditions` requires: a family, and a city unless the opening is remote.
        guard options.limit > 0, !family.isEmpty else { return [] }
        if opening.workMode != .remote, terms.locationKey.isEmpty || terms.locationKey == MatchVocabulary.remoteKey { return [] }
        let admitted = options.includePlaced ? "c.status <> 'do_not_contact'" : "c.status NOT IN ('do_not_contact', 'placed')"
        let columns = """
            SELECT f.id, f.candidate_id, f.title, f.location, f.remote, f.asked_at, f.title_family, f.title_level,
                   f.location_key, f.is_current, c.first_name, c.last_name, c.stage, c.status
            """
        let order = "ORDER BY f.asked_at DESC, f.candidate_id, f.id"
        // The ranges: (SQL, arguments) per family, current or earlier, level and place.
        var ranges: [(String, StatementArguments)] = []
        for current in options.includeEarlier ? [true, false] : [true] {
            for level in try matchLevels(db, family: family, current: current) {
                let key: StatementArguments = [family, current, level]
                if opening.workMode == .remote {
                    let from = """
                        \(columns) FROM future_role f INDEXED BY future_role_rank_remote CROSS JOIN candidate c ON c.id = f.candidate_id
                        WHERE f.title_family = ? AND f.is_current = ? AND f.title_level = ? AND \(Schema.acceptsRemote("f")) = ?
                        """
                    ranges.append(("\(from) AND \(admitted) \(order)", key + [true]))
                    ranges.append(("\(from) AND f.location_key <> '' AND \(admitted) \(order)", key + [false]))
                } else {
                    ranges.append(("""
                        \(columns) FROM future_role f INDEXED BY future_role_rank_city CROSS JOIN candidate c ON c.id = f.candidate_id
                        WHERE f.title_family = ? AND f.is_current = ? AND f.title_level = ? AND f.location_key = ? AND \(admitted) \(order)
                        """, key + [terms.locationKey]))
                }
            }
        }
        let cursors = try ranges.map { sql, arguments in try Row.fetchCursor(db.makeStatement(sql: sql), arguments: arguments) }
        func next(_ cursor: RowCursor) throws -> MatchCandidate? {
            while let row = try cursor.next() {
                let answer = Store.answerTerms(row, isCurrent: row["is_current"])
                guard let match = MatchRule.evaluate(terms, answer, now: now) else { continue }
                let role = FutureRole(id: row["id"], candidateID: row["candidate_id"], title: answer.title, location: answer.location,
                                      remote: answer.remote, askedAt: answer.askedAt)
                return MatchCandidate(role: role, match: match, firstName: row["first_name"], lastName: row["last_name"],
                                      stage: row["stage"], status: row["status"])
            }
            return nil
        }
        var heads = try cursors.map(next)
        var seen = Set<Int64>()
        var ranked: [MatchCandidate] = []
        while ranked.count < options.limit {
            var best: Int?
            for (i, head) in heads.enumerated() {
                guard let head else { continue }
                if let b = best, !head.precedes(heads[b]!) { continue }
                best = i
            }
            guard let i = best, let head = heads[i] else { break }
            heads[i] = try next(cursors[i])
            if seen.insert(head.role.candidateID).inserted { ranked.append(head) }
        }
        let contact = try db.cachedStatement(sql: """
            SELECT outcome FROM touchpoint WHERE opening_id = ? AND candidate_id = ? ORDER BY at DESC, id DESC LIMIT 1
            """)
        return try ranked.map { found in
            let latest = try Row.fetchOne(contact, arguments: [opening.id, found.role.candidateID])
            return OpeningMatchRow(candidateID: found.role.candidateID, firstName: found.firstName, lastName: found.lastName,
                                   stage: try Stage.parse(found.stage), status: try Status.parse(found.status),
                                   answer: found.role, match: found.match, contacted: latest != nil,
                                   lastOutcome: try (latest?["outcome"] as String?).map(Outcome.parse))
        }
    }

    /// The open openings that fit one person's current answer, best first. Empty for a person
    /// marked do not contact or with no answer.
    public func openingsFitting(candidate id: Int64, includePlaced: Bool = true, now: Date) throws -> [(opening: Opening, match: OpeningMatch)] {
        try read { db in
            let candidate = try Store.fetchCandidate(db, id)
            guard MatchRule.admits(candidate.status, includePlaced: includePlaced),
                  let row = try Row.fetchOne(db, sql: """
                      SELECT title, location, remote, asked_at, title_family, title_level, location_key
                      FROM future_role WHERE candidate_id = ? AND is_current = 1
                      """, arguments: [id]),
                  let family = row["title_family"] as String?
            else { return [] }
            let answer = Store.answerTerms(row, isCurrent: true)
            let openings = try Row.fetchAll(db, sql: "SELECT * FROM opening WHERE status = 'open' AND title_family = ?",
                                            arguments: [family]).map(Rows.opening)
            return openings.compactMap { opening -> (Opening, OpeningMatch)? in
                let terms = OpeningTerms(title: opening.title, location: opening.location, workMode: opening.workMode, vocabulary: matchVocabulary)
                return MatchRule.evaluate(terms, answer, now: now).map { (opening, $0) }
            }.sorted { a, b in a.1.score != b.1.score ? a.1.score > b.1.score : a.0.id < b.0.id }
        }
    }
}
