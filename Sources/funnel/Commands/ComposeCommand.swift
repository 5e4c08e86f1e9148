import ArgumentParser
import Foundation
import FunnelApp
import FunnelCore
import FunnelStore

/// `funnel compose ID --template NAME`: render, edit, send (or write to the outbox), log.
struct ComposeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compose",
        abstract: "Write an email to a candidate from a template, edit it, send it and log the touch.",
        discussion: """
            Sends with the [mail] sendmail command of config.toml (e.g. "msmtp -t"), or writes a .eml
            file to the outbox folder when none is configured. A failed send logs nothing.
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: "The candidate's id.") var id: Int64
    @Option(name: .long, help: "The template to start from.") var template: String
    @Option(help: ArgumentHelp("The opening the message is about: fills {{opening.title}}, {{opening.company}}, "
        + "{{opening.location}} and logs the touch as about it.", valueName: "id"))
    var opening: String?
    @Flag(name: .long, help: "Do not open $EDITOR (it is skipped anyway when not on a terminal).") var noEdit = false
    @Flag(name: .long, help: "Send with the configured command (an error if none is configured).") var send = false
    @Flag(name: .long, help: "Write a .eml file to the outbox even if a command is configured.") var outbox = false

    func validate() throws {
        if send && outbox { throw ValidationError("give either --send or --outbox, not both") }
    }

    func run() throws {
        let moment = try AppClock.moment()
        let opened = try store.open()
        let config = try Config.load().completed(by: opened)
        let composer = Composer(store: opened, config: config, moment: moment)
        let delivery: MailDelivery
        if send {
            guard let command = config.mail.sendmail else {
                throw FunnelError.invalid("--send needs a [mail] sendmail command in config.toml (e.g. sendmail = \"msmtp -t\")")
            }
            delivery = .command(command)
        } else if outbox {
            delivery = .outbox(config.mail.outbox)
        } else {
            delivery = composer.defaultDelivery
        }
        var draft = try composer.prepare(candidateID: id, templateName: template, opening: try opening.map(OpeningRef.parse))
        if !noEdit && ExternalEditor.isInteractive {
            var text = draft.editableText
            while true {
                text = try ExternalEditor.edit(text, fileName: "message.txt")
                do {
                    guard let edited = try composer.applyEdit(text, to: draft) else {
                        print("Cancelled: nothing sent, nothing logged.")
                        return
                    }
                    draft = edited
                    break
                } catch let error as FunnelError {
                    StandardError.write("funnel: \(error.message)\nPress Enter to edit again, or type q and Enter to give up: ")
                    guard let answer = readLine(), answer.trimmed.lowercased() != "q" else {
                        print("Cancelled: nothing sent, nothing logged.")
                        return
                    }
                }
            }
        }
        let result = try composer.deliver(draft, via: delivery)
        let about = result.touch.openingID.map { " about opening #\($0)" } ?? ""
        print("Message to \(draft.candidate.fullName.shown) <\(draft.candidate.email ?? "")> \(result.receipt.summary.shown).")
        if let next = result.nextFollowUp {
            print("Logged touch #\(result.touch.id)\(about); next follow-up \(next.iso).")
        } else {
            print("Logged touch #\(result.touch.id)\(about); re-engagement: due again in \(config.rules.reengageEveryDays) days unless they answer.")
        }
    }
}
