import ArgumentParser
import Foundation
import FunnelApp
import FunnelCore
import FunnelStore

/// `funnel opening add|list|show|edit|close`: the roles being filled, matched against the
/// future-role answers (`funnel matches`).
struct OpeningCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opening",
        abstract: "Add, list, show, edit and close openings (the roles you are filling).",
        discussion: """
            Examples:
              funnel opening add "Staff Engineer" --location Lisbon --company "Blue Harbor"
              funnel opening add "Data Engineer" --work-mode remote
              funnel opening list
              funnel opening close 3 --filled --placed 42
              funnel matches 3
            """,
        subcommands: [Add.self, List.self, Show.self, Edit.self, Close.self])

    struct Fields: ParsableArguments {
        @Option(help: "Where the role is (a city; empty or \"Remote\" for remote).") var location: String?
        @Option(help: "The hiring company.") var company: String?
        @Option(name: .customLong("work-mode"), help: "onsite, hybrid or remote (default: remote when the location says so, else onsite).")
        var workMode: String?
        @Option(help: "Who owns the opening on the team.") var owner: String?
        @Option(help: "Notes (several lines allowed).") var notes: String?
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an open opening.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The title, e.g. \"Staff Engineer\".") var title: String
        @OptionGroup var fields: Fields
        @Flag(name: .long, help: "Print the opening as JSON.") var json = false

        func run() throws {
            // Checked before opening the store: bad input changes nothing.
            let draft = try OpeningDraft(title: title, location: fields.location ?? "", company: fields.company,
                                         workMode: fields.workMode.map(WorkMode.parse), owner: fields.owner,
                                         notes: fields.notes ?? "").validated()
            let store = try self.store.open()
            let opening = try store.addOpening(draft, at: try AppClock.moment().now)
            if json { try JSONOutput.print(OpeningJSON(opening: opening)); return }
            print("Added opening #\(opening.id): \(opening.summary.shown)")
            print("Matches: funnel matches \(opening.id)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the open and on-hold openings with their match counts.")
        @OptionGroup var store: StoreOptions
        @Flag(name: .long, help: "Include filled and closed openings.") var all = false
        @Flag(name: .long, help: "Print JSON instead of text.") var json = false

        func run() throws {
            let summaries = try store.open().openingSummaries(states: all ? nil : [.open, .onHold])
            if json {
                try JSONOutput.print(summaries.map { OpeningJSON(opening: $0.opening, matches: $0.matches, contacted: $0.contacted) })
                return
            }
            if summaries.isEmpty {
                print(all ? "No openings yet: add one with `funnel opening add TITLE --location CITY`."
                          : "No open openings (funnel opening list --all shows the closed ones).")
                return
            }
            print("   ID  STATUS   MATCHES  REACHED  OPENING")
            for s in summaries {
                let id = String(s.opening.id).leftPadded(to: 5)
                let status = s.opening.status.title.padding(toLength: 8, withPad: " ", startingAt: 0)
                print("\(id)  \(status) \(String(s.matches).leftPadded(to: 8)) \(String(s.contacted).leftPadded(to: 8))  \(s.opening.summary.shown)")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one opening.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The opening's id.") var id: String
        @Flag(name: .long, help: "Print JSON instead of text.") var json = false

        func run() throws {
            let id = try OpeningRef.parse(self.id)
            let store = try self.store.open()
            let moment = try AppClock.moment()
            let summary = try store.openingSummary(id)
            let opening = summary.opening
            if json { try JSONOutput.print(OpeningJSON(opening: opening, matches: summary.matches, contacted: summary.contacted)); return }
            print("#\(opening.id) \(opening.title.shown)")
            if let company = opening.company { print("Company:   \(company.shown)") }
            print("Location:  \(opening.location.isEmpty ? "—" : opening.location.shown) (\(opening.workMode.rawValue))")
            print("Status:    \(opening.status.title)\(opening.closedAt.map { " since \(HumanText.day($0, moment))" } ?? "")")
            if let owner = opening.owner { print("Owner:     \(owner.shown)") }
            print("Opened:    \(HumanText.day(opening.createdAt, moment))  (edited \(HumanText.day(opening.updatedAt, moment)))")
            if let placed = opening.placedCandidateID { print("Placed:    #\(placed)") }
            if !opening.status.isClosed { print("Matches:   \(summary.matches)  (funnel matches \(opening.id))") }
            print("Reached:   \(summary.contacted)")
            if !opening.notes.isEmpty { print(""); print(opening.notes.shown) }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change an open or on-hold opening (only the fields given).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The opening's id.") var id: String
        @Option(help: "A new title.") var title: String?
        @OptionGroup var fields: Fields
        @Option(help: "open or on_hold (use close for filled or closed).") var status: String?
        @Flag(name: .long, help: "Print the opening as JSON.") var json = false

        func run() throws {
            let id = try OpeningRef.parse(self.id)
            let status = try self.status.map(Opening.State.parse)
            let mode = try fields.workMode.map(WorkMode.parse)
            let store = try self.store.open()
            let current = try store.opening(id)
            let draft = OpeningDraft(title: title ?? current.title, location: fields.location ?? current.location,
                                     company: fields.company ?? current.company, workMode: mode ?? current.workMode,
                                     owner: fields.owner ?? current.owner, notes: fields.notes ?? current.notes)
            let opening = try store.editOpening(id, draft, status: status, at: try AppClock.moment().now)
            if json { try JSONOutput.print(OpeningJSON(opening: opening)); return }
            print("Opening #\(opening.id): \(opening.summary.shown) (\(opening.status.title))")
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close an opening as filled (optionally naming who was placed: they move to conversion) or closed.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The opening's id.") var id: String
        @Flag(name: .long, help: "The role was filled.") var filled = false
        @Option(help: "The candidate placed in it (with --filled).") var placed: String?
        @Flag(name: .long, help: "Print the opening as JSON.") var json = false

        func run() throws {
            let id = try OpeningRef.parse(self.id)
            let placed = try self.placed.map(CandidateRef.parse)
            if placed != nil && !filled { throw FunnelError.invalid("--placed needs --filled") }
            let store = try self.store.open()
            let opening = try store.closeOpening(id, as: filled ? .filled : .closed, placed: placed, at: try AppClock.moment().now)
            if json { try JSONOutput.print(OpeningJSON(opening: opening)); return }
            var line = "Opening #\(opening.id) \(opening.title.shown) is \(opening.status.title)"
            if let placed { line += "; #\(placed) \(try store.candidate(placed).fullName.shown) is placed (conversion)" }
            print(line)
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
