import Foundation
import FunnelCore
import GRDB

/// Mapping between domain values and SQLite columns. Instants are stored as whole seconds since
/// 1970 (INTEGER: compact, fast to compare), days as ISO text (readable, sorts correctly).
enum Rows {
    static func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }
    static func date(_ seconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
    static func optionalDate(_ seconds: Int64?) -> Date? { seconds.map { date($0) } }

    static let candidateColumns = """
        id, first_name, last_name, email, phone, location, linkedin_url, title, company, source, owner,
        interests, preferred_channel, referred_by, stage, status, created_at, updated_at, stage_entered_at,
        last_touch_at, next_follow_up, email_bounced_at, email_bounce
        """

    /// A candidate from a row selected with `candidateColumns` (first, in that order); tags are
    /// read separately. By position: GRDB finds a column by name with a case-insensitive search,
    /// and the queue and a campaign review read thousands of candidates.
    static func candidate(_ row: Row, tags: [String] = []) throws -> Candidate {
        Candidate(
            id: row[0],
            firstName: row[1],
            lastName: row[2],
            email: row[3],
            phone: row[4],
            location: row[5],
            linkedinURL: row[6],
            title: row[7],
            company: row[8],
            source: row[9],
            owner: row[10],
            tags: tags,
            interests: row[11],
            preferredChannel: try (row[12] as String?).map(Channel.parse),
            referredBy: row[13],
            stage: try Stage.parse(row[14]),
            status: try Status.parse(row[15]),
            createdAt: date(row[16] as Int64),
            updatedAt: date(row[17] as Int64),
            stageEnteredAt: date(row[18] as Int64),
            lastTouchAt: optionalDate(row[19] as Int64?),
            nextFollowUp: (row[20] as String?).flatMap { Day(iso: $0) },
            emailBouncedAt: optionalDate(row[21] as Int64?),
            emailBounce: row[22])
    }

    static let touchColumns = "id, candidate_id, at, channel, direction, outcome, note, template, opening_id"

    static func touch(_ row: Row) throws -> Touchpoint {
        Touchpoint(
            id: row["id"], candidateID: row["candidate_id"], at: date(row["at"] as Int64),
            channel: try Channel.parse(row["channel"]), direction: try Direction.parse(row["direction"]),
            outcome: try (row["outcome"] as String?).map(Outcome.parse), note: row["note"], template: row["template"],
            openingID: row["opening_id"])
    }

    static let futureRoleColumns = "id, candidate_id, title, location, remote, asked_at"

    static func futureRole(_ row: Row) -> FutureRole {
        FutureRole(id: row["id"], candidateID: row["candidate_id"], title: row["title"], location: row["location"],
                   remote: row["remote"], askedAt: date(row["asked_at"] as Int64))
    }

    static func stageChange(_ row: Row) throws -> StageChange {
        StageChange(id: row["id"], candidateID: row["candidate_id"],
                    from: try (row["from_stage"] as String?).map(Stage.parse), to: try Stage.parse(row["to_stage"]),
                    at: date(row["at"] as Int64))
    }

    static func opening(_ row: Row) throws -> Opening {
        Opening(id: row["id"], title: row["title"], location: row["location"], company: row["company"],
                status: try Opening.State.parse(row["status"]), createdAt: date(row["created_at"] as Int64),
                workMode: WorkMode(rawValue: row["work_mode"]) ?? .onsite, owner: row["owner"], notes: row["notes"],
                updatedAt: (row["updated_at"] as Int64?).map(date), closedAt: (row["closed_at"] as Int64?).map(date),
                placedCandidateID: row["placed_candidate_id"])
    }

    static func template(_ row: Row) throws -> Template {
        Template(id: row["id"], name: row["name"], channel: try Channel.parse(row["channel"]),
                 subject: row["subject"], body: row["body"])
    }

    /// Folded "last first" for the alphabetical board order: case and accents ignored.
    static func sortName(first: String, last: String) -> String {
        let name = last.isEmpty ? first : "\(last) \(first)"
        return name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }
}
