import ArgumentParser
import FunnelApp
import FunnelCore
import FunnelStore

/// `funnel future-role`: the answer to "if I called you about a role one day, what would the
/// title be and where would it be located?" — or, with no options, the answers so far.
struct FutureRoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "future-role",
        abstract: "Record a candidate's future role, or print the history of answers.",
        discussion: """
            A title is required, and a location unless --remote. Earlier answers are kept: the \
            latest is the current one. With no options, prints the answers, newest first.

            Examples:
              funnel future-role 42 --title "Staff Engineer" --location Lisbon --remote
              funnel future-role 42
              funnel future-role 42 --json
            """,
        version: Funnel.version)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The candidate's id.") var id: String
    @Option(help: "The title they would want.") var title: String?
    @Option(help: "Where it would be located.") var location: String?
    @Flag(help: "They would work remotely.") var remote = false
    @Flag(help: "Print the recorded answer (or the history) as JSON.") var json = false

    func run() throws {
        let id = try CandidateRef.parse(self.id)
        let recording = title != nil || location != nil || remote
        if recording {
            // Checked before opening the store: bad input changes nothing.
            _ = try FutureRole.validate(title: title ?? "", location: location ?? "", remote: remote)
        }
        let store = try self.store.open()
        let moment = try AppClock.moment()
        let candidate = try store.candidate(id)
        if recording {
            let (role, _) = try store.recordFutureRole(id, title: title ?? "", location: location ?? "", remote: remote, at: moment.now)
            if json {
                try JSONOutput.print(FutureRoleJSON(role: role))
            } else {
                print("Future role for #\(id) \(candidate.fullName.shown): \(role.summary.shown)")
            }
            return
        }
        let roles = try store.futureRoles(of: id)
        if json {
            try JSONOutput.print(roles.map(FutureRoleJSON.init))
            return
        }
        if roles.isEmpty {
            print("#\(id) \(candidate.fullName.shown) has not been asked about a future role yet.")
        }
        for (index, role) in roles.enumerated() {
            print("\(HumanText.day(role.askedAt, moment))  \(role.summary.shown)\(index == 0 ? "  (current)" : "")")
        }
    }
}
