import ArgumentParser
import Foundation
import FunnelApp
import FunnelCore
import FunnelStore

/// `funnel matches OPENING_ID` (the people whose future role fits it) and
/// `funnel matches --candidate ID` (the open openings that fit one person).
struct MatchesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matches",
        abstract: "The people whose future-role answer fits an opening, best first, with the reason.",
        discussion: """
            Do-not-contact people are never listed. The rule is in docs/rules.md ("Openings and matches").

            Examples:
              funnel matches 3
              funnel matches 3 --include-earlier --limit 10 --json
              funnel matches --candidate 42
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The opening's id.") var opening: String?
    @Option(help: "List the open openings that fit this candidate instead.") var candidate: String?
    @Flag(name: .customLong("include-placed"), help: "Also list placed people (they may work for a client now).") var includePlaced = false
    @Flag(name: .customLong("include-earlier"), help: "Also match earlier answers, not only each person's current one.") var includeEarlier = false
    @Option(help: "At most this many people (1–10000).") var limit = 50
    @Flag(name: .long, help: "Print JSON instead of text.") var json = false

    func run() throws {
        guard (1...10_000).contains(limit) else { throw FunnelError.invalid("--limit must be between 1 and 10000, got \(limit)") }
        switch (opening, candidate) {
        case (nil, nil): throw FunnelError.invalid("give an opening id (funnel opening list) or --candidate ID")
        case (.some, .some): throw FunnelError.invalid("give an opening id or --candidate ID, not both")
        case let (nil, .some(text)): try fitting(try CandidateRef.parse(text))
        case let (.some(text), nil): try matches(try OpeningRef.parse(text))
        }
    }

    func matches(_ id: Int64) throws {
        let store = try self.store.open()
        let moment = try AppClock.moment()
        let opening = try store.opening(id)
        let rows = try store.matches(forOpening: id, options: MatchOptions(includePlaced: includePlaced, includeEarlier: includeEarlier,
                                                                            limit: limit), now: moment.now)
        if json { try JSONOutput.print(rows.map(MatchJSON.init)); return }
        print("#\(opening.id) \(opening.summary.shown): \(rows.count == 0 ? "nobody fits yet" : rows.count == 1 ? "1 person" : "\(rows.count) people")")
        for row in rows {
            var line = "  #\(row.candidateID) \(row.fullName.shown) (\(row.stage.title)\(row.status == .active ? "" : ", \(row.status.title)"))"
            if row.contacted { line += " · contacted\(row.lastOutcome.map { ": \($0.title)" } ?? "")" }
            print(line)
            print("      \(row.match.reason.shown)")
        }
    }

    func fitting(_ id: Int64) throws {
        let store = try self.store.open()
        let moment = try AppClock.moment()
        let candidate = try store.candidate(id)
        let fits = try store.openingsFitting(candidate: id, now: moment.now)
        if json { try JSONOutput.print(fits.map { FittingOpeningJSON(opening: $0.opening, match: $0.match) }); return }
        if candidate.status == .doNotContact {
            print("#\(id) \(candidate.fullName.shown) is marked do not contact: no openings are offered.")
            return
        }
        print("#\(id) \(candidate.fullName.shown): \(fits.isEmpty ? "no open opening fits their future role" : "\(fits.count) open opening\(fits.count == 1 ? "" : "s")")")
        for fit in fits {
            print("  #\(fit.opening.id) \(fit.opening.summary.shown)")
            print("      \(fit.match.reason.shown)")
        }
    }
}
