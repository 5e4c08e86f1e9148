import ArgumentParser
import FunnelApp
import FunnelCore
import FunnelStore

/// `funnel show`: everything about one candidate.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one candidate: profile, future role, touches, stage history.",
        discussion: """
            Touches are listed newest first, the stage history oldest first. With --json, prints one \
            object {candidate, future_roles, touches, stage_history} (docs/cli.md).

            Examples:
              funnel show 42
              funnel show 42 --json | jq '.touches[0]'
            """,
        version: Funnel.version)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The candidate's id (as list and search print it).") var id: String
    @Flag(help: "Print the record as JSON.") var json = false

    func run() throws {
        let id = try CandidateRef.parse(self.id)
        let store = try self.store.open()
        let moment = try AppClock.moment()
        let candidate = try store.candidate(id)
        let roles = try store.futureRoles(of: id)
        let history = try store.stageHistory(id)
        var touches: [Touchpoint] = []
        while true { // a page at a time: the store never hands back an unbounded timeline at once
            let page = try store.touches(of: id, after: touches.last, limit: 200)
            touches += page
            if page.count < 200 { break }
        }
        if json {
            try JSONOutput.print(CandidateRecordJSON(
                candidate: CandidateJSON(candidate: candidate), futureRoles: roles.map(FutureRoleJSON.init),
                touches: touches.map(TouchJSON.init), stageHistory: history.map(StageChangeJSON.init)))
            return
        }
        let referrer = try candidate.referredBy.flatMap { try store.candidateIfExists($0) }
        print(Self.render(candidate, referrer: referrer, roles: roles, touches: touches, history: history, moment: moment),
              terminator: "")
    }

    static func render(_ c: Candidate, referrer: Candidate?, roles: [FutureRole], touches: [Touchpoint],
                       history: [StageChange], moment: Moment) -> String {
        var out = "#\(c.id) \(c.fullName.shown) — \(c.stage.title), \(c.status.title)\n"
        if !c.headline.isEmpty { out += c.headline.shown + "\n" }
        func field(_ label: String, _ value: String?) {
            if let value, !value.isEmpty { out += "  " + HumanText.fit(label, 16) + value.shown + "\n" }
        }
        /// Multi-line text keeps its lines, each indented under the value column.
        func lines(_ label: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            let indented = VisibleText.escaped(value, keepingLineBreaks: true)
                .replacingOccurrences(of: "\n", with: "\n" + String(repeating: " ", count: 18))
            out += "  " + HumanText.fit(label, 16) + indented + "\n"
        }
        field("Email", c.email)
        field("Phone", c.phone)
        field("Location", c.location)
        field("LinkedIn", c.linkedinURL)
        field("Source", c.source)
        field("Owner", c.owner)
        field("Prefers", c.preferredChannel?.title)
        field("Referred by", c.referredBy.map { id in referrer.map { "#\(id) \($0.fullName)" } ?? "#\(id)" })
        field("Tags", c.tags.joined(separator: ", "))
        lines("Interests", c.interests)
        field("In stage since", "\(HumanText.day(c.stageEnteredAt, moment)) (\(HumanText.since(c.stageEnteredAt, moment)))")
        field("Last touch", c.lastTouchAt.map { "\(HumanText.day($0, moment)) (\(HumanText.since($0, moment)))" } ?? "never")
        field("Next follow-up", c.nextFollowUp.map { HumanText.followUp($0, moment) } ?? "none")
        field("Added", HumanText.day(c.createdAt, moment))

        out += "\nFuture role\n"
        if let current = roles.first {
            out += "  \(current.summary.shown) (asked \(HumanText.day(current.askedAt, moment)))\n"
            for earlier in roles.dropFirst() {
                out += "  earlier: \(earlier.summary.shown) (asked \(HumanText.day(earlier.askedAt, moment)))\n"
            }
        } else {
            out += "  not asked yet\n"
        }

        out += "\nTouches (\(touches.count), newest first)\n"
        if touches.isEmpty { out += "  none\n" }
        for t in touches {
            var line = "  \(HumanText.dayAndTime(t.at, moment))  \(t.channel.title)"
            if t.channel != .note { line += t.direction == .outbound ? " out" : " in" }
            if let outcome = t.outcome { line += ", \(outcome.title)" }
            if let template = t.template { line += " [\(template.shown)]" }
            if !t.note.isEmpty { line += ": " + t.note.replacingOccurrences(of: "\n", with: " ").shown }
            out += line + "\n"
        }

        out += "\nStage history\n"
        for change in history {
            let move = change.from.map { "\($0.title) → \(change.to.title)" } ?? "entered at \(change.to.title)"
            out += "  \(HumanText.day(change.at, moment))  \(move)\n"
        }
        return out
    }
}
