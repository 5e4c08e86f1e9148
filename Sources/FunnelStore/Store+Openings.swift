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
    /// unless the opening is remote), with the people who may be listed.
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

    /// How many people fit an opening (current answers, do not contact and placed left out).
    static func matchCount(_ db: Database, _ opening: Opening, vocabulary: MatchVocabulary) throws -> Int {
        guard let conditions = matchConditions(opening, vocabulary: vocabulary, options: MatchOptions()) else { return 0 }
        return try Int.fetchOne(db, sql: """
            SELECT count(*) FROM future_role f INDEXED BY future_role_current_by_key
            JOIN candidate c ON c.id = f.candidate_id WHERE \(conditions.sql)
            """, arguments: conditions.arguments) ?? 0
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

    static func matchRows(_ db: Database, _ opening: Opening, options: MatchOptions, vocabulary: MatchVocabulary,
                          now: Date) throws -> [OpeningMatchRow] {
        guard let conditions = matchConditions(opening, vocabulary: vocabulary, options: options) else { return [] }
        let terms = OpeningTerms(title: opening.title, location: opening.location, workMode: opening.workMode, vocabulary: vocabulary)
        let index = options.includeEarlier ? "future_role_by_key" : "future_role_current_by_key"
        let rows = try Row.fetchCursor(db, sql: """
            SELECT f.id, f.candidate_id, f.title, f.location, f.remote, f.asked_at, f.title_family, f.title_level,
                   f.location_key, f.is_current, c.first_name, c.last_name, c.stage, c.status
            FROM future_role f INDEXED BY \(index) JOIN candidate c ON c.id = f.candidate_id
            WHERE \(conditions.sql)
            """, arguments: conditions.arguments)
        var best: [Int64: (FutureRole, OpeningMatch, Row)] = [:]
        while let row = try rows.next() {
            let answer = Store.answerTerms(row, isCurrent: row["is_current"])
            guard let match = MatchRule.evaluate(terms, answer, now: now) else { continue }
            let candidateID: Int64 = row["candidate_id"]
            if let kept = best[candidateID], kept.1.score >= match.score { continue }
            let role = FutureRole(id: row["id"], candidateID: candidateID, title: answer.title, location: answer.location,
                                  remote: answer.remote, askedAt: answer.askedAt)
            best[candidateID] = (role, match, row.copy())
        }
        let ranked = best.values.sorted { a, b in
            if a.1.score != b.1.score { return a.1.score > b.1.score }
            if a.0.askedAt != b.0.askedAt { return a.0.askedAt > b.0.askedAt }
            return a.0.candidateID < b.0.candidateID
        }.prefix(max(0, options.limit))
        let contact = try db.cachedStatement(sql: """
            SELECT outcome FROM touchpoint WHERE opening_id = ? AND candidate_id = ? ORDER BY at DESC, id DESC LIMIT 1
            """)
        return try ranked.map { role, match, row in
            let latest = try Row.fetchOne(contact, arguments: [opening.id, role.candidateID])
            return OpeningMatchRow(candidateID: role.candidateID, firstName: row["first_name"], lastName: row["last_name"],
                                   stage: try Stage.parse(row["stage"]), status: try Status.parse(row["status"]),
                                   answer: role, match: match, contacted: latest != nil,
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
