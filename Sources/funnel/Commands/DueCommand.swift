import ArgumentParser
import Foundation
import FunnelApp
import FunnelCore
import FunnelStore

/// `funnel due`: the Today queue, grouped, most urgent first, with the reason on each row.
struct DueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: "List who is due: overdue follow-ups, due today, fits an open role, re-engagement (the Today queue).")

    @OptionGroup var store: StoreOptions

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    @Option(name: .long, help: "Show at most this many rows (the counts still cover everyone).")
    var limit = 200

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let moment = try AppClock.moment()
        let config = try Config.load()
        let store = try self.store.open()
        let fits = try store.dueFits(rules: config.rules, moment: moment)
        let counts = try store.dueCounts(rules: config.rules, moment: moment, fits: fits)
        let items = try store.dueQueue(rules: config.rules, moment: moment, limit: limit, fits: fits)
        if json {
            try JSONOutput.print(DueJSON(today: moment.today.iso, counts: DueJSON.Counts(counts), items: items.map(DueJSON.Item.init),
                                         notShown: max(0, counts.total - items.count)))
            return
        }
        guard !items.isEmpty else {
            print("Nothing is due today (\(moment.today.iso)).")
            return
        }
        for group in DueGroup.allCases {
            let rows = items.filter { $0.group == group }
            let total = counts.count(of: group)
            guard total > 0 else { continue }
            print("\(group.title) (\(total))")
            for item in rows {
                var line = "  #\(item.id)  \(item.candidate.fullName.shown)"
                if !item.candidate.headline.isEmpty { line += " · \(item.candidate.headline.shown)" }
                // A fit's reason names the opening and the answer: stored text, escaped like the name.
                line += " — \(item.reason.text.shown)"
                print(line)
            }
        }
        let hidden = counts.total - items.count
        if hidden > 0 { print("… and \(hidden) more (raise --limit to see them)") }
    }
}

/// The shape of `funnel due --json` (docs/cli.md).
struct DueJSON: Encodable {
    var today: String
    var counts: Counts
    var items: [Item]
    var notShown: Int

    /// Exact counts (the command counts everyone).
    struct Counts: Encodable {
        var overdue, today, fits, reengagement, cadence: Int
        init(_ counts: DueCounts) {
            overdue = counts.overdue
            today = counts.today
            fits = counts.fits
            reengagement = counts.reengagement
            cadence = counts.cadence
        }
    }

    struct Item: Encodable {
        var id: Int64
        var name: String
        var group: String
        var reason: String
        var reasonText: String
        var days: Int
        var stage: String
        var status: String
        var email: String?
        var phone: String?
        var nextFollowUp: String?
        var lastTouchAt: Date?
        /// Only on rows of "Fits an open role": the opening, and how the answer fits it.
        var openingID: Int64?
        var openingTitle: String?
        var matchReason: String?

        init(_ item: DueItem) {
            id = item.id
            name = item.candidate.fullName
            group = item.group.rawValue
            reason = item.reason.kind
            reasonText = item.reason.text
            days = item.reason.days
            stage = item.candidate.stage.rawValue
            status = item.candidate.status.rawValue
            email = item.candidate.email
            phone = item.candidate.phone
            nextFollowUp = item.candidate.nextFollowUp?.iso
            lastTouchAt = item.candidate.lastTouchAt
            if case let .fitsOpening(fit) = item.reason {
                openingID = fit.openingID
                openingTitle = fit.title
                matchReason = fit.reason
            }
        }
    }
}
