import ArgumentParser
import Foundation
import FunnelApp
import FunnelCore
import FunnelStore

/// `funnel erase ID`: the right to be forgotten, in one command.
struct EraseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "Erase a candidate and everything about them, leaving no trace in the store's files.",
        discussion: """
            Removes the candidate, their touches, stage history, future roles, tags and search entry in one
            transaction, rewrites the search index and empties the WAL so their name, email and notes no longer
            appear in the database file's bytes. An audit entry keeps only "candidate #ID erased at TIME".
            Asks for confirmation on a terminal; --yes for scripts.
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("The candidate's id.", valueName: "id"))
    var id: Int64

    @Flag(name: .long, help: "Do not ask for confirmation (required when not run from a terminal).")
    var yes = false

    func run() throws {
        let moment = try AppClock.moment()
        let store = try self.store.open()
        let candidate = try store.candidate(id)
        if !yes {
            guard isatty(STDIN_FILENO) == 1 else {
                throw FunnelError.refused("erase asks for confirmation and standard input is not a terminal: pass --yes to erase #\(id) without asking")
            }
            StandardError.write("Erase \(candidate.fullName.shown) (#\(id)) and everything about them? This cannot be undone. [y/N] ")
            let answer = (readLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            guard answer == "y" || answer == "yes" else {
                throw FunnelError.refused("nothing erased")
            }
        }
        let report = try store.erase(id, at: moment.now)
        var text = "erased #\(id): the candidate, \(report.touches) touch\(report.touches == 1 ? "" : "es"), "
            + "\(report.stageChanges) stage change\(report.stageChanges == 1 ? "" : "s"), "
            + "\(report.futureRoles) future role\(report.futureRoles == 1 ? "" : "s"), \(report.tags) tag\(report.tags == 1 ? "" : "s")"
        if report.referralsCleared > 0 {
            text += "; \(report.referralsCleared) referral\(report.referralsCleared == 1 ? "" : "s") to them cleared"
        }
        text += String(format: "; search index rewritten in %.2f s\n", report.optimizeSeconds)
        print(text, terminator: "")
        if !report.walTruncated {
            StandardError.write("funnel: warning: another process kept reading the store, so the WAL still holds old pages; they go at the next checkpoint (close Funnel elsewhere and run `funnel check`)\n")
        }
    }
}
