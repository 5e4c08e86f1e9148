import ArgumentParser
import Foundation
import FunnelApp
import FunnelCore
import FunnelStore

/// `funnel campaign ...`: re-engage a whole group in one sitting (docs/campaigns.md).
struct CampaignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign",
        abstract: "Send one template to a group, one message per person, exactly once.",
        discussion: """
            new makes a campaign and renders every message for review; show pages through them and
            who is left out and why; edit changes one message; send sends them one by one through
            the [mail] sendmail command (or to the outbox), logging each as a touch; resume goes on
            after Ctrl-C, a failing command or a crash without sending anyone a second message.
            """,
        subcommands: [New.self, List.self, Show.self, Edit.self, Send.self, Resume.self])

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new", abstract: "Make a campaign from a group and a template, and show its review.")

        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp("The group: reengagement (Today's re-engagement group), search:WORDS, tag:TAG, stage:STAGE or opening:ID.",
                                   valueName: "group"))
        var from: String
        @Option(help: "The email template to send.") var template: String
        @Option(help: "A name for the campaign (default: the template and the day).") var name: String?
        @Option(help: "At most this many people from the group.") var limit: Int?

        func run() throws {
            let moment = try AppClock.moment()
            let store = try store.open()
            let config = try Config.load().completed(by: store)
            let source = try CampaignSource(parsing: from)
            let tally = try store.createCampaign(Store.CampaignPlan(
                name: name ?? "\(template) \(moment.today.iso)", template: template, source: source,
                recruiterName: config.recruiter.name, recruiterEmail: config.recruiter.email, rules: config.rules,
                moment: moment, limit: limit))
            CampaignText.printReview(tally, store: store, page: 0)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the campaigns, newest first.")
        @OptionGroup var store: StoreOptions

        func run() throws {
            let store = try store.open()
            let campaigns = try store.campaigns()
            if campaigns.isEmpty { print("No campaigns yet (funnel campaign new --from reengagement --template NAME).") }
            for campaign in campaigns {
                let tally = try store.campaignTally(campaign.id)
                print("#\(campaign.id)  \(campaign.name.shown)  \(campaign.state.rawValue)  "
                      + "sent \(tally.count(.sent))/\(tally.messages), \(tally.count(.excluded)) left out  "
                      + "(\(campaign.source.title.shown), template \(campaign.template.shown))")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Review a campaign: counts, who is left out and why, and the messages, a page at a time.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The campaign's number.") var id: Int64
        @Option(help: "The page of messages to show (10 a page, from 1).") var page: Int = 1
        @Option(help: "Show one message in full, by its position.") var message: Int?
        @Flag(help: "List who is left out, with the reason.") var excluded = false

        func run() throws {
            let store = try store.open()
            if let message {
                CampaignText.printMessage(try store.campaignMessage(id, position: message))
                return
            }
            let tally = try store.campaignTally(id)
            if excluded {
                var after = 0
                while true {
                    let rows = try store.campaignMessages(id, after: after, limit: 500, states: [.excluded])
                    guard let last = rows.last else { break }
                    for row in rows { print("\(row.position)\t#\(row.candidateID)\t\(row.name.shown)\t\(row.reason?.shown ?? "")") }
                    after = last.position
                }
                return
            }
            CampaignText.printReview(tally, store: store, page: max(0, page - 1))
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit", abstract: "Edit one message of a campaign before it is sent, in $EDITOR.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The campaign's number.") var id: Int64
        @Argument(help: "The message's position (funnel campaign show lists them).") var position: Int
        @Option(help: "Read the edited message (Subject: line, blank line, body) from this file instead of $EDITOR (- for standard input).")
        var file: String?

        func run() throws {
            let store = try store.open()
            let message = try store.campaignMessage(id, position: position)
            let text: String
            if let file {
                let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
                text = String(decoding: data, as: UTF8.self)
            } else {
                text = try ExternalEditor.edit(EditableMessage.text(RenderedMessage(subject: message.subject, body: message.body),
                                                                    to: message.address), fileName: "message.txt")
            }
            guard let edited = try EditableMessage.parse(text) else {
                print("Cancelled: message \(position) is unchanged.")
                return
            }
            let saved = try store.editCampaignMessage(id, position: position, subject: edited.subject, body: edited.body)
            print("Saved message \(position) to \(saved.name.shown) <\(saved.address.shown)>: \(saved.subject.shown)")
        }
    }

    struct Send: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "send", abstract: "Send a campaign's messages one by one; Ctrl-C stops after the message in hand.")
        @OptionGroup var options: SendOptions
        func run() throws { try options.send(resuming: false) }
    }

    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "resume", abstract: "Go on with a campaign that was stopped: nobody gets a second message, nobody is skipped.")
        @OptionGroup var options: SendOptions
        func run() throws { try options.send(resuming: true) }
    }

    struct SendOptions: ParsableArguments {
        @OptionGroup var store: StoreOptions
        @Argument(help: "The campaign's number.") var id: Int64
        @Option(help: "Messages a minute at most (default: [mail] campaign_rate_per_minute, else as fast as the command takes them).")
        var rate: Double?
        @Option(help: "Seconds the mail command may take with one message before it is stopped (default 60).")
        var timeout: Double = 60

        func send(resuming: Bool) throws {
            let store = try store.open()
            let config = try Config.load().completed(by: store)
            let campaign = try store.campaign(id)
            if campaign.state == .done {
                print("Campaign #\(id) is done: nothing left to send.")
                return
            }
            if !resuming, campaign.state != .review {
                throw FunnelError.refused("campaign #\(id) is \(campaign.state.rawValue), not in review: funnel campaign resume \(id) goes on with it")
            }
            let sender = CampaignSender(store: store, config: config, clock: { (try? AppClock.moment()) ?? Moment(now: Date(), timeZone: .current) },
                                        spool: CampaignSender.spoolFolder(forStoreAt: self.store.path), timeout: timeout,
                                        ratePerMinute: rate ?? config.mail.campaignRatePerMinute)
            if resuming {
                for (message, state) in try sender.settle(id) {
                    print("Message \(message.position) to \(message.name.shown), interrupted last time: \(state.title)")
                }
            }
            let interrupt = InterruptFlag.install()
            let live = isatty(2) == 1
            let summary = try sender.run(id, shouldStop: { interrupt.raised }) { progress in
                if live {
                    StandardError.rewriteLine(progress.line)
                } else {
                    StandardError.write(progress.line + "\n")
                }
            }
            if live { StandardError.write("\n") }
            let tally = summary.tally
            let unknown = tally.count(.unknown)
            let tail = (unknown > 0 ? "; \(unknown) unknown: check your sent folder (funnel campaign show \(id))" : "")
                + (tally.count(.excluded) > 0 ? "; \(tally.count(.excluded)) left out" : "")
            switch summary.ending {
            case .done:
                print("Campaign #\(id) done: \(tally.count(.sent)) sent, each logged as a touch\(tail).")
            case .stopped:
                print("Stopped: \(tally.count(.sent)) of \(tally.messages) sent\(tail). funnel campaign resume \(id) sends the other \(tally.remaining).")
            case let .commandFailed(position, name, error):
                throw FunnelError.refused("message \(position) to \(name.shown) was not sent: \(error.shown). "
                    + "\(tally.count(.sent)) sent so far; fix the command, then funnel campaign resume \(id) tries it again")
            case let .unknown(position, name, error):
                throw FunnelError.refused("message \(position) to \(name.shown): unknown, check your sent folder (\(error.shown)). "
                    + "It will not be sent again. \(tally.count(.sent)) sent so far; funnel campaign resume \(id) goes on with the rest")
            }
        }
    }
}

/// The review as text.
enum CampaignText {
    static let pageSize = 10

    static func printReview(_ tally: CampaignTally, store: Store, page: Int) {
        let c = tally.campaign
        print("Campaign #\(c.id) \(c.name.shown): \(c.source.title.shown), template \(c.template.shown), \(c.state.rawValue)")
        print("  \(tally.messages) to send (\(tally.count(.sent)) sent, \(tally.remaining) waiting\(tally.count(.unknown) > 0 ? ", \(tally.count(.unknown)) unknown" : "")), "
              + "\(tally.count(.excluded)) left out")
        for (reason, count) in tally.exclusions { print("    \(count) \(reason.shown)") }
        let messages = (try? store.campaignMessages(c.id, after: 0, limit: Int.max,
                                                    states: [.queued, .handing, .sent, .failed, .unknown])) ?? []
        let pages = max(1, (messages.count + pageSize - 1) / pageSize)
        let shown = messages.dropFirst(page * pageSize).prefix(pageSize)
        if !shown.isEmpty { print("Messages, page \(min(page + 1, pages)) of \(pages):") }
        for m in shown {
            print("  \(m.position). \(m.name.shown) <\(m.address.shown)> · \(m.subject.shown)\(m.edited ? " (edited)" : "") · \(m.state.title)")
        }
        if c.state == .review {
            print("Next: funnel campaign show \(c.id) --message N (one in full), funnel campaign edit \(c.id) N, funnel campaign send \(c.id)")
        }
    }

    static func printMessage(_ m: CampaignMessage) {
        print("Message \(m.position) of campaign #\(m.campaignID), \(m.state.title)\(m.reason.map { " (\($0.shown))" } ?? "")")
        print("To: \(m.name.shown) <\(m.address.shown)>")
        print("Subject: \(m.subject.shown)")
        if let id = m.messageID { print("Message-ID: <\(id.shown)>") }
        if let error = m.error { print("Last error: \(error.shown)") }
        print("")
        print(VisibleText.escaped(m.body, keepingLineBreaks: true))
    }
}

/// Ctrl-C during a send: remembered, so the message in hand is finished and recorded first.
final class InterruptFlag: @unchecked Sendable {
    nonisolated(unsafe) static var flag: sig_atomic_t = 0
    var raised: Bool { Self.flag != 0 }

    static func install() -> InterruptFlag {
        signal(SIGINT) { _ in InterruptFlag.flag = 1 }
        signal(SIGTERM) { _ in InterruptFlag.flag = 1 }
        // A parent may have started us with them blocked (the mask is inherited): a handler
        // alone would then never run, and Ctrl-C would not stop the send.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        return InterruptFlag()
    }
}
