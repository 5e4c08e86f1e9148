import Foundation
import FunnelCore
@testable import FunnelUI

/// Small builders for reducer and view tests: a fixed clock, cards with given names, stages and
/// dates, and states whose columns arrived the way the store sends them (`.columnLoaded`).
enum Fixture {
    /// Sunday 22 November 2026, noon UTC: every test sees the same "now".
    static let today = Day(year: 2026, month: 11, day: 22)!
    static let moment = Moment.noon(today)
    static let small = Size(width: 80, height: 24)
    static let large = Size(width: 200, height: 50)

    static func daysAgo(_ days: Int) -> Date { moment.now.addingTimeInterval(-Double(days) * 86_400) }

    static func card(_ id: Int64, _ first: String, _ last: String = "", stage: Stage = .awareness, status: Status = .active,
                     title: String? = nil, company: String? = nil, touched: Int? = nil, created: Int = 60,
                     followUp: Day? = nil, futureRole: Bool = false) -> Card {
        let last_ = touched.map(daysAgo)
        return Card(id: id, firstName: first, lastName: last, title: title, company: company, stage: stage, status: status,
                    lastTouchAt: last_, nextFollowUp: followUp, activityAt: last_ ?? daysAgo(created),
                    sortName: "\(last) \(first)".lowercased(), hasFutureRole: futureRole)
    }

    /// `count` plain cards in a stage, ids from `firstID`, named "<Stage> 1", "<Stage> 2"…
    static func cards(_ stage: Stage, count: Int, firstID: Int64) -> [Card] {
        (0..<count).map { i in
            card(firstID + Int64(i), stage.title, "\(i + 1)", stage: stage, title: "Engineer", company: "Acme", touched: i % 40)
        }
    }

    /// A board as the app shows it after opening: `App.start`, then every column's first page and
    /// the counts (the store's figures: `counts` defaults to the number of cards given).
    static func board(_ columns: [Stage: [Card]], moreAfter: Set<Stage> = [], counts: [Stage: Int]? = nil,
                      conversions: [Stage: String] = [:], size: Size = small,
                      settings: UISettings = UISettings()) -> AppState {
        var (state, _) = App.start(size: size, moment: moment, settings: settings)
        _ = App.update(&state, .countsLoaded(counts ?? columns.mapValues(\.count), conversions: conversions))
        for stage in Stage.allCases {
            _ = App.update(&state, .columnLoaded(stage, .top, columns[stage] ?? [], moreBefore: false,
                                                 moreAfter: moreAfter.contains(stage)))
        }
        return state
    }

    /// The standard desk of the reducer tests: 3 in awareness, 20 in consideration, conversion
    /// empty, 1 in loyalty, 1 in advocacy.
    static let awareness = cards(.awareness, count: 3, firstID: 100)
    static let consideration = cards(.consideration, count: 20, firstID: 200)
    static let loyalty = [card(400, "Lena", "Loyal", stage: .loyalty, status: .placed, touched: 12)]
    static let advocacy = [card(500, "Ada", "Advocate", stage: .advocacy, status: .placed, touched: 3)]

    static func desk(size: Size = small) -> AppState {
        board([.awareness: awareness, .consideration: consideration, .loyalty: loyalty, .advocacy: advocacy], size: size)
    }

    /// The standard desk with the selection on consideration card `index`.
    static func desk(selecting index: Int, in stage: Stage = .consideration, size: Size = small) -> AppState {
        var state = desk(size: size)
        state.focusedStage = stage
        state.choosingInitialFocus = false
        _ = App.select(&state, index)
        return state
    }

    static func candidate(_ id: Int64, _ first: String, _ last: String, stage: Stage = .consideration,
                          status: Status = .active, email: String? = nil, nextFollowUp: Day? = nil,
                          preferred: Channel? = nil) -> Candidate {
        Candidate(id: id, firstName: first, lastName: last, email: email, phone: "+351 912 345 678", location: "Lisbon, Portugal",
                  linkedinURL: "https://www.linkedin.com/in/\(first.lowercased())", title: "Backend Engineer", company: "Acme",
                  source: "Referral", owner: "Sam Rivera", tags: ["go", "kubernetes"], interests: "climbing; two kids",
                  preferredChannel: preferred, stage: stage, status: status, createdAt: daysAgo(200),
                  updatedAt: daysAgo(10), stageEnteredAt: daysAgo(40), lastTouchAt: daysAgo(10), nextFollowUp: nextFollowUp)
    }

    /// A full record with `touchCount` touches (newest first), two future roles and a stage history.
    static func detail(_ candidate: Candidate, touchCount: Int = 3) -> CandidateDetail {
        let channels: [Channel] = [.phone, .email, .linkedin, .note]
        let outcomes: [Outcome?] = [.leftVoicemail, .replied, .sent, nil]
        let touches = (0..<touchCount).map { i in
            Touchpoint(id: Int64(9000 + i), candidateID: candidate.id, at: daysAgo(10 + 7 * i), channel: channels[i % 4],
                       direction: i % 3 == 1 ? .inbound : .outbound, outcome: outcomes[i % 4],
                       note: "Touch number \(touchCount - i)", template: nil)
        }
        let roles = [
            FutureRole(id: 71, candidateID: candidate.id, title: "Staff Engineer", location: "Lisbon", remote: true, askedAt: daysAgo(30)),
            FutureRole(id: 70, candidateID: candidate.id, title: "Senior Engineer", location: "Porto", remote: false, askedAt: daysAgo(150)),
        ]
        let stages = [
            StageChange(id: 1, candidateID: candidate.id, from: nil, to: .awareness, at: daysAgo(200)),
            StageChange(id: 2, candidateID: candidate.id, from: .awareness, to: candidate.stage, at: daysAgo(40)),
        ]
        return CandidateDetail(candidate: candidate, touches: touches, futureRoles: roles, stages: stages)
    }

    /// The desk with a candidate screen open on consideration card 10, its record loaded.
    static func candidatePage(touchCount: Int = 40, status: Status = .active) -> (AppState, CandidateDetail) {
        var state = desk(selecting: 10)
        let card = state.focusedColumn.selectedCard!
        _ = App.update(&state, .key(.enter))
        let detail = detail(candidate(card.id, card.firstName, card.lastName, status: status), touchCount: touchCount)
        _ = App.update(&state, .candidateLoaded(detail))
        return (state, detail)
    }

    /// Sends keys one by one and returns every effect they asked for, in order.
    @discardableResult
    static func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
        keys.flatMap { App.update(&state, .key($0)) }
    }

    /// Types text into whatever has focus.
    @discardableResult
    static func type(_ state: inout AppState, _ text: String) -> [Effect] {
        text.flatMap { App.update(&state, .key(.char($0))) }
    }
}

extension AppState {
    /// The open form, if the top overlay is one.
    var form: Form? {
        if case let .form(form) = overlay { return form }
        return nil
    }

    var searchPage: SearchPage? {
        if case let .search(search) = page { return search }
        return nil
    }

    var candidatePage: CandidatePage? {
        if case let .candidate(candidate) = page { return candidate }
        return nil
    }

    var palette: Palette? {
        if case let .palette(palette) = overlay { return palette }
        return nil
    }

    var helpScroll: Int? {
        if case let .help(scroll) = overlay { return scroll }
        return nil
    }
}
