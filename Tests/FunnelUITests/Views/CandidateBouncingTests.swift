import Foundation
import FunnelCore
@testable import FunnelUI
import Testing

/// The candidate screen says when an address bounces (funnel inbox marked it), and since when.
@Suite struct CandidateBouncingTests {
    static func text(_ detail: CandidateDetail, _ state: AppState) -> [String] {
        CandidateView.lines(detail, state: state).map { $0.runs.map(\.0).joined() }
    }

    @Test func aBouncingAddressIsShownAsSuchAndAGoodOneIsNot() throws {
        let opened = Fixture.candidatePage(touchCount: 2)
        let state = opened.0
        var detail = opened.1
        detail.candidate.email = "ana@example.com"
        let plain = Self.text(detail, state).first { $0.hasPrefix("Email") }
        #expect(plain?.contains("bounces") == false)
        detail.candidate.emailBouncedAt = state.moment.now.addingTimeInterval(-86_400)
        detail.candidate.emailBounce = "5.1.1 smtp; 550 user unknown"
        let lines = Self.text(detail, state)
        let at = try #require(lines.firstIndex { $0.hasPrefix("Email") })
        let day = Day(state.moment.now.addingTimeInterval(-86_400), in: state.moment.timeZone).iso
        // What to do beside the address (it fits 80 columns); since when and why under it.
        #expect(lines[at] == "Email       ana@example.com  bounces: edit the email")
        #expect(at + 1 < lines.count && lines[at + 1] == "            since \(day): 5.1.1 smtp; 550 user unknown")
    }
}
