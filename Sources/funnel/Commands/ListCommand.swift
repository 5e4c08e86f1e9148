import ArgumentParser
import FunnelApp
import FunnelCore
import FunnelStore

/// `funnel list`: candidates matching filters, streamed page by page from the store.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List candidates, optionally filtered by stage, status, tag or owner.",
        discussion: """
            Candidates are listed in id order (the order they were added), read from the store a \
            page at a time, so any desk lists in flat memory. Filters combine with AND. With \
            --json, prints a JSON array of candidate objects, one per line (docs/cli.md).

            Examples:
              funnel list --stage consideration
              funnel list --status active --tag go --owner ana --limit 20
              funnel list --stage consideration --json | jq -r '.[].email'
            """,
        version: Funnel.version)

    @OptionGroup var store: StoreOptions
    @Option(help: "Only this stage: awareness, consideration, conversion, loyalty, advocacy.") var stage: String?
    @Option(help: "Only this status: active, not_looking, placed, do_not_contact.") var status: String?
    @Option(help: "Only candidates with this tag.") var tag: String?
    @Option(help: "Only candidates owned by this recruiter (case ignored).") var owner: String?
    @Option(help: ArgumentHelp("Stop after this many candidates (default: all).", valueName: "n")) var limit: Int?
    @Flag(help: "Print a JSON array of candidates.") var json = false

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let filter = CandidateFilter(stage: try stage.map(Stage.parse), status: try status.map(Status.parse),
                                     tag: tag?.nilIfBlank, owner: owner?.nilIfBlank)
        let store = try self.store.open()
        let moment = try AppClock.moment()
        var stream = json ? JSONOutput.ArrayStream() : nil
        if !json { HumanText.printCandidateHeader() }
        var remaining = limit ?? Int.max
        var after: Int64 = 0
        let pageSize = 500
        while remaining > 0 {
            let want = min(pageSize, remaining)
            let page = try store.list(filter, afterID: after, limit: want)
            for candidate in page {
                if stream != nil {
                    try stream!.append(CandidateJSON(candidate: candidate))
                } else {
                    HumanText.printCandidateRow(candidate, moment)
                }
            }
            remaining -= page.count
            guard let last = page.last, page.count == want else { break }
            after = last.id
        }
        stream?.finish()
    }
}
