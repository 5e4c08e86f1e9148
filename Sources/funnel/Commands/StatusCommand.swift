import ArgumentParser
import FunnelApp
import FunnelCore
import FunnelStore

/// `funnel status`: active, not looking, placed, or do not contact.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Set a candidate's status.",
        discussion: """
            STATUS is active, not_looking, placed or do_not_contact ("not looking" and dnc work \
            too). Setting do_not_contact also clears the next follow-up: nobody is ever scheduled \
            for outreach after asking not to be contacted.

            Examples:
              funnel status 42 not_looking
              funnel status 42 dnc
            """,
        version: Funnel.version)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The candidate's id.") var id: String
    @Argument(help: "active, not_looking, placed or do_not_contact.") var status: String
    @Flag(help: "Print the candidate as JSON.") var json = false

    func run() throws {
        let id = try CandidateRef.parse(self.id)
        let status = try Status.parse(status)
        let store = try self.store.open()
        let now = try AppClock.moment().now
        let before = try store.candidate(id)
        let (after, _) = try store.setStatus(id, to: status, at: now)
        if json {
            try JSONOutput.print(CandidateJSON(candidate: after))
            return
        }
        var line = "#\(id) \(after.fullName.shown) is now \(after.status.title) (was \(before.status.title))"
        if let cleared = before.nextFollowUp, after.nextFollowUp == nil { line += "; follow-up of \(cleared.iso) cleared" }
        print(line + ".")
    }
}
