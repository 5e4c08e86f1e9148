import Foundation
import FunnelCore
import GRDB

extension Card {
    static let columns = """
        c.id, c.first_name, c.last_name, c.title, c.company, c.stage, c.status, c.last_touch_at, c.next_follow_up,
        c.activity_at, c.sort_name, c.email, c.engagement_score,
        EXISTS (SELECT 1 FROM future_role f WHERE f.candidate_id = c.id) AS has_future_role
        """

    init(row: Row) throws {
        self.init(id: row["id"], firstName: row["first_name"], lastName: row["last_name"], title: row["title"],
                  company: row["company"], stage: try Stage.parse(row["stage"]), status: try Status.parse(row["status"]),
                  lastTouchAt: Rows.optionalDate(row["last_touch_at"] as Int64?),
                  nextFollowUp: (row["next_follow_up"] as String?).flatMap { Day(iso: $0) },
                  activityAt: Rows.date(row["activity_at"] as Int64), sortName: row["sort_name"],
                  hasFutureRole: row["has_future_role"], email: row["email"], engagementScore: row["engagement_score"])
    }
}

extension Store {
    /// Up to `limit` cards of one column next to `anchor`, by keyset pagination: every card of a
    /// stage is seen exactly once across pages, even when cards share a timestamp (the id breaks ties).
    public func boardPage(stage: Stage, sort: BoardSort = .activity, from anchor: Card? = nil,
                          direction: PageDirection = .after, limit: Int) throws -> [Card] {
        try read { db in
            let forward = direction == .after
            var sql = "SELECT \(Card.columns) FROM candidate c WHERE c.stage = ?"
            var arguments: StatementArguments = [stage.rawValue]
            switch sort {
            case .activity:
                // Column order: activity_at DESC, id DESC.
                if let anchor {
                    sql += forward ? " AND (c.activity_at, c.id) < (?, ?)" : " AND (c.activity_at, c.id) > (?, ?)"
                    arguments += [Rows.seconds(anchor.activityAt), anchor.id]
                }
                sql += forward ? " ORDER BY c.activity_at DESC, c.id DESC" : " ORDER BY c.activity_at ASC, c.id ASC"
            case .name:
                if let anchor {
                    sql += forward ? " AND (c.sort_name, c.id) > (?, ?)" : " AND (c.sort_name, c.id) < (?, ?)"
                    arguments += [anchor.sortName, anchor.id]
                }
                sql += forward ? " ORDER BY c.sort_name ASC, c.id ASC" : " ORDER BY c.sort_name DESC, c.id DESC"
            case .score:
                // Column order: ifnull(score, -1) DESC, id DESC (the expression index of migration v5).
                // After an anchor: two index ranges, the rest of the anchor's score (by id), then
                // the scores beyond it. A row value, or one OR of the two, is not an index range
                // on an expression column in SQLite 3.40: it read the whole column from its end,
                // and most of a column shares one score (never scored: -1).
                if let anchor {
                    let score = anchor.engagementScore ?? -1
                    let order = forward ? " ORDER BY ifnull(c.engagement_score, -1) DESC, c.id DESC"
                        : " ORDER BY ifnull(c.engagement_score, -1) ASC, c.id ASC"
                    // (Ordered by id alone: with the score fixed, SQLite would otherwise sort.)
                    let tie = sql + (forward ? " AND ifnull(c.engagement_score, -1) = ? AND c.id < ? ORDER BY c.id DESC"
                        : " AND ifnull(c.engagement_score, -1) = ? AND c.id > ? ORDER BY c.id ASC") + " LIMIT ?"
                    var cards = try Row.fetchAll(db, sql: tie, arguments: arguments + [score, anchor.id, limit]).map(Card.init(row:))
                    if cards.count < limit {
                        let beyond = sql + (forward ? " AND ifnull(c.engagement_score, -1) < ?" : " AND ifnull(c.engagement_score, -1) > ?")
                            + order + " LIMIT ?"
                        cards += try Row.fetchAll(db, sql: beyond, arguments: arguments + [score, limit - cards.count]).map(Card.init(row:))
                    }
                    return forward ? cards : cards.reversed()
                }
                sql += forward ? " ORDER BY ifnull(c.engagement_score, -1) DESC, c.id DESC"
                    : " ORDER BY ifnull(c.engagement_score, -1) ASC, c.id ASC"
            }
            sql += " LIMIT ?"
            arguments += [limit]
            let cards = try Row.fetchAll(db, sql: sql, arguments: arguments).map(Card.init(row:))
            return forward ? cards : cards.reversed()
        }
    }

    /// One card by id (after a change, to refresh it in place).
    public func card(_ id: Int64) throws -> Card {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT \(Card.columns) FROM candidate c WHERE c.id = ?", arguments: [id]) else {
                throw FunnelError.notFound("no candidate with id \(id)")
            }
            return try Card(row: row)
        }
    }

    /// How many cards precede this one in its column (its row number, 0-based): a range count on
    /// the board index, used to show "12 / 40,000" in a column.
    public func position(of card: Card, sort: BoardSort = .activity) throws -> Int {
        try read { db in
            switch sort {
            case .activity:
                try Int.fetchOne(db, sql: "SELECT count(*) FROM candidate WHERE stage = ? AND (activity_at, id) > (?, ?)",
                                 arguments: [card.stage.rawValue, Rows.seconds(card.activityAt), card.id]) ?? 0
            case .name:
                try Int.fetchOne(db, sql: "SELECT count(*) FROM candidate WHERE stage = ? AND (sort_name, id) < (?, ?)",
                                 arguments: [card.stage.rawValue, card.sortName, card.id]) ?? 0
            case .score:
                // Two ranges, as `boardPage` reads them: the anchor's score after it, then higher scores.
                try Int.fetchOne(db, sql: """
                    SELECT (SELECT count(*) FROM candidate WHERE stage = ? AND ifnull(engagement_score, -1) = ? AND id > ?)
                         + (SELECT count(*) FROM candidate WHERE stage = ? AND ifnull(engagement_score, -1) > ?)
                    """, arguments: [card.stage.rawValue, card.engagementScore ?? -1, card.id,
                                     card.stage.rawValue, card.engagementScore ?? -1]) ?? 0
            }
        }
    }

    // MARK: Counts

    /// Candidates per (stage, status), from the counters the triggers keep: no table scan.
    public func counts() throws -> [Stage: [Status: Int]] {
        try read { db in
            var out: [Stage: [Status: Int]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT stage, status, n FROM stage_count") {
                out[try Stage.parse(row["stage"]), default: [:]][try Status.parse(row["status"])] = row["n"]
            }
            return out
        }
    }

    /// Candidates per stage (every stage present, zero included).
    public func stageCounts() throws -> [Stage: Int] {
        let all = try counts()
        return Dictionary(uniqueKeysWithValues: Stage.allCases.map { ($0, all[$0]?.values.reduce(0, +) ?? 0) })
    }

    /// Candidates per status (every status present, zero included).
    public func statusCounts() throws -> [Status: Int] {
        let all = try counts()
        return Dictionary(uniqueKeysWithValues: Status.allCases.map { status in
            (status, all.values.reduce(0) { $0 + ($1[status] ?? 0) })
        })
    }

    /// All candidates.
    public func totalCount() throws -> Int { try stageCounts().values.reduce(0, +) }
}
