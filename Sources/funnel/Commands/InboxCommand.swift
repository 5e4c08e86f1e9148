import ArgumentParser
import Foundation
import FunnelApp
import FunnelCore
import FunnelStore

/// `funnel inbox`: reads a Maildir or an mbox and logs the answers to what Funnel sent
/// (docs/mailbox.md, "What is logged"). Idempotent: a message already logged (by its Message-ID)
/// or an entry an earlier run saw is never logged again.
struct InboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbox",
        abstract: "Log replies, auto-replies and bounces from a Maildir or an mbox (run it as often as you like).",
        discussion: """
            A message from a candidate's address, or answering a message Funnel sent (In-Reply-To or \
            References), is logged once as "email, in, replied" with its subject as the note and makes \
            them due today; automatic answers are logged as auto-replies (they keep the cadence \
            running); a delivery failure logs a bounce and marks the address bouncing until it is \
            edited; mail from anyone else is counted and left alone. Without --maildir or --mbox, \
            reads [mail] inbox from config.toml. See docs/mailbox.md.
            """)

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: ArgumentHelp("A Maildir folder (with new/ and cur/): mutt, neomutt, aerc, mbsync, offlineimap.", valueName: "path"))
    var maildir: String?

    @Option(name: .long, help: ArgumentHelp("An mbox file.", valueName: "path"))
    var mbox: String?

    @Flag(name: .long, help: "Show what would be logged, and log nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        if maildir != nil, mbox != nil { throw ValidationError("give --maildir or --mbox, not both") }
    }

    func run() throws {
        let moment = try AppClock.moment()
        let config = try Config.load()
        let (format, path) = try mailboxPath(config)
        let store = try self.store.open()
        let interrupt = InterruptFlag.install()
        // A large mailbox takes seconds: on a terminal, a progress line on standard error (a
        // redirected or cron run prints only the summary).
        let live = isatty(STDERR_FILENO) == 1 && !json
        var shown = false
        let result = try InboxRun(format: format, path: path)
            .run(store: store, rules: config.rules, moment: moment, commit: !dryRun, stop: { interrupt.raised }) { progress in
                guard live else { return }
                StandardError.rewriteLine(progress.line)
                shown = true
            }
        if shown { StandardError.clearLine() }
        if json {
            try JSONOutput.print(InboxJSON(mailbox: path, dryRun: dryRun, stopped: result.stopped, skipped: result.skipped,
                                           unreadable: result.unreadable, tally: result.tally))
            return
        }
        print(Self.describe(result.tally, path: path, skipped: result.skipped, unreadable: result.unreadable, dryRun: dryRun,
                            stopped: result.stopped))
    }

    /// The mailbox to read and its format: the flag, else `[mail] inbox` by what is at the path.
    func mailboxPath(_ config: Config) throws -> (format: InboxRun.Format, path: String) {
        if let maildir { return (.maildir, maildir) }
        if let mbox { return (.mbox, mbox) }
        guard let path = config.mail.inbox else {
            throw FunnelError.invalid("which mailbox? pass --maildir PATH or --mbox PATH, or set [mail] inbox in config.toml")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FunnelError.notFound("no mailbox at \(path) ([mail] inbox in config.toml): it does not exist")
        }
        return (isDirectory.boolValue ? .maildir : .mbox, path)
    }

    static func describe(_ tally: InboxTally, path: String, skipped: Int, unreadable: Int, dryRun: Bool, stopped: Bool) -> String {
        var lines: [String] = []
        for item in tally.logged {
            let kind = switch item.kind {
            case .replied: "replied   "
            case .autoReply: "auto-reply"
            case .bounced: "bounced   "
            }
            var line = "  \(kind)  #\(item.candidateID) \(item.name.shown) — \(item.subject.isEmpty ? "(no subject)" : item.subject.shown)"
            if let campaign = item.campaignID { line += " (campaign #\(campaign))" }
            lines.append(line)
        }
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
        var parts = [count(tally.replies, "reply", "replies"), count(tally.autoReplies, "auto-reply", "auto-replies"),
                     count(tally.bounces, "bounce", "bounces")]
        if tally.markedBouncing > 0 { parts.append(count(tally.markedBouncing, "address marked bouncing", "addresses marked bouncing")) }
        let logged = (dryRun ? "would log " : "logged ") + parts.joined(separator: ", ")
        var left: [String] = []
        if tally.unknownSenders > 0 { left.append(count(tally.unknownSenders, "from an unknown sender", "from unknown senders")) }
        if tally.bulk > 0 { left.append("\(tally.bulk) list or bulk") }
        if tally.deliveryReports > 0 { left.append(count(tally.deliveryReports, "delivery report", "delivery reports")) }
        if tally.alreadyLogged > 0 { left.append("\(tally.alreadyLogged) already logged") }
        var summary = "\(path.shown): \(count(tally.read, "new message", "new messages")) read"
        if skipped > 0 { summary += " (\(skipped) seen before)" }
        summary += "; \(logged)"
        if !left.isEmpty { summary += "; left alone: " + left.joined(separator: ", ") }
        summary += "."
        lines.append(summary)
        if unreadable > 0 { lines.append("\(count(unreadable, "message", "messages")) could not be read (moved while reading?): the next run tries again.") }
        if stopped { lines.append("Stopped: what was read is logged; run it again to go on.") }
        return lines.joined(separator: "\n")
    }
}

/// The shape of `funnel inbox --json` (docs/cli.md).
struct InboxJSON: Encodable {
    var mailbox: String
    var dryRun: Bool
    var stopped: Bool
    var skipped: Int
    var unreadable: Int
    var tally: InboxTally
}
