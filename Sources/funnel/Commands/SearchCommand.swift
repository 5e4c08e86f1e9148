import ArgumentParser
import FunnelApp
import FunnelCore
import FunnelStore

/// `funnel search`: full-text search over the desk, best matches first.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search names, titles, companies, locations, tags, future roles and notes.",
        discussion: """
            Every word must match, as a prefix, ignoring case and accents ("zoe mull" finds Zoë \
            Müller); two characters of a CJK name are enough. Best matches first.

            Examples:
              funnel search zoe
              funnel search staff engineer lisbon --limit 10
              funnel search kubernetes --json
            """,
        version: Funnel.version)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The words to look for.") var words: [String]
    @Option(help: ArgumentHelp("At most this many results.", valueName: "n")) var limit: Int = 50
    @Flag(help: "Print a JSON array of candidates.") var json = false

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let text = words.joined(separator: " ")
        guard !text.trimmed.isEmpty else { throw FunnelError.invalid("give some words to search for") }
        let store = try self.store.open()
        let moment = try AppClock.moment()
        let cards = try store.search(text, limit: limit)
        if json {
            var stream = JSONOutput.ArrayStream()
            for card in cards { try stream.append(CandidateJSON(candidate: try store.candidate(card.id))) }
            stream.finish()
            return
        }
        if cards.isEmpty {
            print("No candidate matches '\(text)'.")
            return
        }
        HumanText.printCandidateHeader()
        for card in cards { HumanText.printCandidateRow(try store.candidate(card.id), moment) }
    }
}
