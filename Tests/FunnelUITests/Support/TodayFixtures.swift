import Foundation
import FunnelCore
@testable import FunnelUI

/// A Today queue built by hand (DueItem, DueReason and DueCounts are plain values): two overdue
/// follow-ups, two due today, three to re-engage (silent, never contacted, a running cadence),
/// with the re-engagement count stopped at its cap ("100+") and more of the queue to read.
enum TodayFixture {
    typealias F = Fixture
    static let today = F.today

    static func person(_ id: Int64, _ first: String, _ last: String, stage: Stage = .consideration, status: Status = .active,
                       email: String? = nil, preferred: Channel? = nil, nextFollowUp: Day? = nil) -> Candidate {
        F.candidate(id, first, last, stage: stage, status: status, email: email, nextFollowUp: nextFollowUp, preferred: preferred)
    }

    /// The row the store would send for a candidate and a reason (the cursor is the item's own).
    static func item(_ candidate: Candidate, _ reason: DueReason) -> DueItem {
        let cursor: DueCursor = switch reason {
        case let .followUpOverdue(_, dueOn): .overdue(dueOn, candidate.id)
        case .followUpToday: .today(candidate.id)
        case let .reengagement(days, neverTouched): neverTouched ? .neverTouched(candidate.id) : .dormant(Int64(days), candidate.id)
        case let .cadence(days, _): .cadence(Int64(days), candidate.id)
        case let .fitsOpening(fit):
            .fits(FitsPosition(openingUpdatedAt: Int64(-fit.days), openingID: fit.openingID, score: fit.score, askedAt: 0,
                               candidateID: candidate.id))
        }
        return DueItem(candidate: candidate, reason: reason, cursor: cursor)
    }

    static let marta = person(601, "Marta", "Silva", email: "marta.silva@example.pt", preferred: .phone,
                              nextFollowUp: today.adding(days: -3))
    static let jonas = person(602, "Jonas", "Becker", stage: .conversion, email: "jonas@becker.example", preferred: .whatsapp,
                              nextFollowUp: today.adding(days: -1))
    static let aiko = person(603, "愛子", "田中", stage: .awareness, email: "aiko.tanaka@example.jp", nextFollowUp: today)
    static let priya = person(604, "Priya", "Nair", email: "priya@nair.example", preferred: .linkedin, nextFollowUp: today)
    static let tom = person(605, "Tom", "Okafor", stage: .loyalty, status: .placed, email: "tom.okafor@example.com")
    static let lucia = person(606, "Lucía", "Fernández-Castellanos de la Vega", stage: .awareness)
    static let grace = person(607, "Grace", "Kim", stage: .awareness, email: "grace.kim@example.kr", preferred: .email)

    static let items: [DueItem] = [
        item(marta, .followUpOverdue(days: 3, dueOn: today.adding(days: -3))),
        item(jonas, .followUpOverdue(days: 1, dueOn: today.adding(days: -1))),
        item(aiko, .followUpToday),
        item(priya, .followUpToday),
        item(tom, .reengagement(days: 212, neverTouched: false)),
        item(lucia, .reengagement(days: 190, neverTouched: true)),
        item(grace, .cadence(days: 22, startedOn: today.adding(days: -43))),
    ]
    /// Re-engagement counted up to the cap of 100, then stopped: shown as "100+".
    static let counts = DueCounts(overdue: 2, today: 2, reengagement: 100, cadence: 1)
    /// Where the queue continues after the loaded items.
    static var next: DueCursor { items.last!.cursor }

    /// Two people who fit a recent opening, between the follow-ups and re-engagement.
    static let noa = person(608, "נועה", "כהן", email: "noa@example.org", preferred: .phone)
    static let emre = person(609, "Emre", "Aydın", stage: .awareness, email: "emre@example.com")
    static let staffLisbon = OpeningFit(openingID: 1, title: "Staff Engineer", place: "Lisbon",
                                        reason: "title: Staff Engineer = Staff Engineer · location: Lisbon = Lisboa · asked today",
                                        score: 140, days: 3)
    static let fitsItems: [DueItem] = Array(items.prefix(4)) + [
        item(noa, .fitsOpening(staffLisbon)),
        item(emre, .fitsOpening(OpeningFit(openingID: 1, title: "Staff Engineer", place: "Lisbon",
                                            reason: "title: Staff Engineer = Staff Engineer · location: Lisbon = Lisbon · asked 4 weeks ago",
                                            score: 139, days: 3))),
    ] + Array(items.suffix(3))
    static let fitsCounts = DueCounts(overdue: 2, today: 2, fits: 2, reengagement: 100, cadence: 1)

    /// The board with the Today queue open (`t`) and its first page arrived.
    static func queue(_ items: [DueItem] = items, counts: DueCounts = counts, lowerBound: Bool = true, next: DueCursor? = next,
                      size: Size = F.small, settings: UISettings = UISettings()) -> AppState {
        var state = F.board([.awareness: F.awareness, .consideration: F.consideration], size: size, settings: settings)
        F.press(&state, .char("t"))
        _ = App.update(&state, .todayLoaded(items, counts: counts, countsAreLowerBound: lowerBound, append: false, next: next))
        return state
    }

    /// The same, with the selection moved down `index` rows.
    static func queue(selecting index: Int, size: Size = F.small) -> AppState {
        var state = queue(size: size)
        for _ in 0..<index { F.press(&state, .char("j")) }
        return state
    }
}

extension AppState {
    var todayPage: TodayPage? {
        if case let .today(today) = page { return today }
        return nil
    }

    var reportPage: ReportPage? {
        if case let .report(report) = page { return report }
        return nil
    }
}
