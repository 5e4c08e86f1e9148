import Foundation
import FunnelCore
@testable import FunnelUI
import Testing

/// The Openings screen and one opening with its ranked matches, rendered to text and compared
/// with `__Snapshots__/<name>.txt`, at 80×24 and 160×48.
@Suite struct OpeningSnapshotTests {
    typealias O = OpeningFixture

    func lines(_ state: AppState) -> [String] { Render.screen(state).lines() }

    @Test func openingsAt80x24() {
        let screen = lines(O.listState(selecting: 0))
        assertSnapshot(screen, named: "openings-80x24")
        #expect(screen[0].contains("Openings · 3 open · 1 on hold"))
        // Open first, then on hold; the selected one's owner and notes along the bottom.
        let rows = screen.dropFirst(2).prefix(4).map { $0 }
        #expect(rows[0].contains("Staff Engineer") && rows[0].contains("Lisbon (hybri"))
        #expect(rows[3].contains("on hold"))
        #expect(screen[22].contains("owner Sam Rivera") && screen[22].contains("Platform team"))
    }

    @Test func openingsAt160x48() {
        let screen = lines(O.listState(size: Size(width: 160, height: 48), selecting: 1))
        assertSnapshot(screen, named: "openings-160x48")
        #expect(screen.contains { $0.contains("Data Engineer") && $0.contains("remote") && $0.contains("12,480") })
    }

    @Test func openingWithMatchesAt80x24() {
        let screen = lines(O.openingState())
        assertSnapshot(screen, named: "opening-matches-80x24")
        #expect(screen[0].contains("#1 Staff Engineer @ Blue Harbor, Lisbon (hybrid)"))
        // The best match first with its reason; at 80 columns the labels go, the age stays.
        #expect(screen[4].contains("נועה כהן") && screen[4].contains("not reached"))
        #expect(screen[5].contains("Staff Engineer = Staff Engineer · Lisbon (hybrid) = Lisboa · asked today")
            || screen[5].contains("Staff Engineer = Staff Engineer · Lisbon = Lisboa · asked today"))
        #expect(screen.contains { $0.contains("Emre Aydın") && $0.contains("interested") })
        #expect(screen.contains { $0.contains("weaker: Staff Engineer ≈ Senior Engineer (other level)") })
        #expect(screen.contains { $0.contains("Tom Okafor (plac") })
    }

    @Test func openingWithMatchesAt160x48() {
        let screen = lines(O.openingState(size: Size(width: 160, height: 48), selecting: 1))
        assertSnapshot(screen, named: "opening-matches-160x48")
        // Wide enough for the whole reason, labels included.
        #expect(screen.contains { $0.contains("title: Staff Engineer = Staff Engineer · location: Lisbon = Lisboa · asked today") })
    }

    @Test func anOpeningNobodyFitsSaysHowToFillIt() {
        let screen = lines(O.openingState(matches: []))
        #expect(screen.contains { $0.contains("Nobody's future-role answer fits this opening yet.") })
    }

    /// A title with an escape sequence and a bell reaches the screen as visible text.
    @Test func hostileOpeningTextIsShownAsText() {
        let screen = lines(O.listState(size: Size(width: 160, height: 48)))
        let row = screen.first { $0.contains("HYPERLINK") } ?? ""
        #expect(!row.contains("\u{1B}") && !row.contains("\u{7}"))
        #expect(row.contains("=HYPERLINK"))
    }

    @Test func theCandidateScreenListsTheOpeningsThatFitThem() {
        var state = Fixture.desk()
        _ = App.update(&state, .key(.enter))
        guard case let .candidate(page) = state.page else { Issue.record("no candidate page"); return }
        let person = Fixture.candidate(page.id, "Noa", "Cohen")
        let fit = O.match(page.id, "Noa", "Cohen", title: "Staff Engineer", location: "Lisboa", asked: 90)
        var detail = Fixture.detail(person)
        detail.fittingOpenings = [FittingOpening(opening: O.lisbon, match: fit.match)]
        _ = App.update(&state, .candidateLoaded(detail))
        let text = CandidateView.lines(detail, state: state).map { $0.runs.map(\.0).joined() }
        let heading = try? #require(text.firstIndex { $0.hasPrefix("Open roles that fit") })
        #expect(heading != nil)
        if let heading {
            #expect(text[heading + 1].contains("#1 Staff Engineer @ Blue Harbor, Lisbon (hybrid)"))
            #expect(text[heading + 2].contains("asked 3 months ago"))
        }
    }
}
