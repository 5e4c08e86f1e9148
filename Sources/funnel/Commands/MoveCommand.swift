import ArgumentParser
import FunnelApp
import FunnelCore
import FunnelStore

/// `funnel move`: a candidate to another stage (the stage change is recorded with it).
struct MoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move",
        abstract: "Move a candidate to another stage, or to the next or previous one.",
        discussion: """
            STAGE is a stage name (a unique prefix is enough: "cons", "conv") or next / prev. \
            The move and its stage-history entry are written in one transaction.

            Examples:
              funnel move 42 consideration
              funnel move 42 next
            """,
        version: Funnel.version)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The candidate's id.") var id: String
    @Argument(help: "awareness, consideration, conversion, loyalty, advocacy, next or prev.") var stage: String
    @Flag(help: "Print the moved candidate as JSON.") var json = false

    func run() throws {
        let id = try CandidateRef.parse(self.id)
        let key = stage.trimmed.lowercased()
        let target: Stage? = ["next", "prev", "previous"].contains(key) ? nil : try Stage.parse(stage)
        let store = try self.store.open()
        let now = try AppClock.moment().now
        let before = try store.candidate(id)
        let (moved, _) = if let target {
            try store.move(id, to: target, at: now)
        } else {
            try store.step(id, forward: key == "next", at: now)
        }
        if json {
            try JSONOutput.print(CandidateJSON(candidate: moved))
        } else {
            print("#\(id) \(moved.fullName.shown): \(before.stage.title) → \(moved.stage.title)")
        }
    }
}
