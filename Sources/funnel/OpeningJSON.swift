import Foundation
import FunnelCore
import FunnelStore

/// One opening (`funnel opening show --json`, `list --json`).
struct OpeningJSON: Encodable {
    let opening: Opening
    var matches: Int?
    var contacted: Int?

    enum Keys: String, CodingKey {
        case id, title, company, location, workMode = "work_mode", status, owner, notes
        case openedAt = "opened_at", updatedAt = "updated_at", closedAt = "closed_at"
        case placedCandidateID = "placed_candidate_id", matches, contacted
    }

    func encode(to encoder: Encoder) throws {
        var out = encoder.container(keyedBy: Keys.self)
        try out.encode(opening.id, forKey: .id)
        try out.encode(opening.title, forKey: .title)
        try out.encode(opening.company, forKey: .company)
        try out.encode(opening.location, forKey: .location)
        try out.encode(opening.workMode.rawValue, forKey: .workMode)
        try out.encode(opening.status.rawValue, forKey: .status)
        try out.encode(opening.owner, forKey: .owner)
        try out.encode(opening.notes, forKey: .notes)
        try out.encode(opening.createdAt, forKey: .openedAt)
        try out.encode(opening.updatedAt, forKey: .updatedAt)
        try out.encode(opening.closedAt, forKey: .closedAt)
        try out.encode(opening.placedCandidateID, forKey: .placedCandidateID)
        if let matches { try out.encode(matches, forKey: .matches) }
        if let contacted { try out.encode(contacted, forKey: .contacted) }
    }
}

/// One person listed for an opening (`funnel matches --json`).
struct MatchJSON: Encodable {
    let row: OpeningMatchRow

    enum Keys: String, CodingKey {
        case candidateID = "candidate_id", name, stage, status, futureRole = "future_role", title = "title_fit"
        case place = "place_fit", score, reason, earlierAnswer = "earlier_answer", contacted, lastOutcome = "last_outcome"
    }

    func encode(to encoder: Encoder) throws {
        var out = encoder.container(keyedBy: Keys.self)
        try out.encode(row.candidateID, forKey: .candidateID)
        try out.encode(row.fullName, forKey: .name)
        try out.encode(row.stage.rawValue, forKey: .stage)
        try out.encode(row.status.rawValue, forKey: .status)
        try out.encode(FutureRoleJSON(role: row.answer), forKey: .futureRole)
        try out.encode(row.match.title.rawValue, forKey: .title)
        try out.encode(row.match.place.rawValue, forKey: .place)
        try out.encode(row.match.score, forKey: .score)
        try out.encode(row.match.reason, forKey: .reason)
        try out.encode(row.match.isEarlierAnswer, forKey: .earlierAnswer)
        try out.encode(row.contacted, forKey: .contacted)
        try out.encode(row.lastOutcome?.rawValue, forKey: .lastOutcome)
    }
}

/// One open opening that fits a person (`funnel matches --candidate ID --json`).
struct FittingOpeningJSON: Encodable {
    let opening: Opening
    let match: OpeningMatch

    enum Keys: String, CodingKey { case opening, titleFit = "title_fit", placeFit = "place_fit", score, reason }

    func encode(to encoder: Encoder) throws {
        var out = encoder.container(keyedBy: Keys.self)
        try out.encode(OpeningJSON(opening: opening), forKey: .opening)
        try out.encode(match.title.rawValue, forKey: .titleFit)
        try out.encode(match.place.rawValue, forKey: .placeFit)
        try out.encode(match.score, forKey: .score)
        try out.encode(match.reason, forKey: .reason)
    }
}

enum OpeningRef {
    static func parse(_ text: String) throws -> Int64 {
        try RowID.parse(text, orSay: "is not an opening id: expected a number like 3 (funnel opening list)")
    }
}
