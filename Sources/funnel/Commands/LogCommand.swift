import ArgumentParser
import FunnelApp
import FunnelCore
import FunnelStore

/// `funnel log`: one touch (call, email, message, meeting), its outcome and the next follow-up.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Log a touch with a candidate and set (or clear) the next follow-up.",
        discussion: """
            The touch is stamped now; the candidate's last touch and next follow-up change with it, \
            in one transaction. Without --next or --no-next the next follow-up is left as it is. \
            Outbound touches to a candidate marked do not contact are refused (exit 5); a note or \
            an inbound touch is accepted.

            Channels: \(Channel.allCases.map(\.rawValue).joined(separator: ", ")).
            Outcomes: \(Outcome.allCases.map(\.rawValue).joined(separator: ", ")).

            Examples:
              funnel log 42 --channel phone --outcome left_voicemail --next 3d
              funnel log 42 --channel email --direction in --outcome interested --note "Wants Lisbon" --next mon
              funnel log 42 --channel email --template check-in --no-next
            """,
        version: Funnel.version)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The candidate's id.") var id: String
    @Option(help: "How: email, phone, voicemail, sms, whatsapp, linkedin, in_person, other, note.") var channel: String
    @Option(help: "out (we reached out, the default) or in (they did).") var direction: String = "out"
    @Option(help: "What came of it: sent, no_answer, left_voicemail, replied, interested, not_now, declined, bounced.")
    var outcome: String?
    @Option(help: "A line of notes.") var note: String?
    @Option(help: ArgumentHelp("Next follow-up: \(DateShortcut.help).", valueName: "date")) var next: String?
    @Flag(name: .customLong("no-next"), help: "Clear the next follow-up (nothing planned).") var noNext = false
    @Option(help: ArgumentHelp("The template the message was built from.", valueName: "name")) var template: String?
    @Option(help: ArgumentHelp("The opening the touch was about (funnel matches shows who was reached).", valueName: "id"))
    var opening: String?
    @Flag(help: "Print the logged touch as JSON.") var json = false

    func run() throws {
        let id = try CandidateRef.parse(self.id)
        if next != nil && noNext { throw FunnelError.invalid("give either --next or --no-next, not both") }
        let moment = try AppClock.moment()
        let followUp: FollowUpUpdate = if let next {
            .set(try DateShortcut.parse(next, today: moment.today))
        } else if noNext {
            .clear
        } else {
            .keep
        }
        var draft = TouchDraft(at: moment.now, channel: try Channel.parse(channel), direction: try Direction.parse(direction),
                               outcome: try outcome.map(Outcome.parse), note: note?.trimmed ?? "",
                               openingID: try opening.map(OpeningRef.parse))
        let store = try self.store.open()
        if let template {
            try PlainText.check(template.trimmed, field: "template name")
            draft.template = try store.template(named: template.trimmed).name
        }
        let (touch, _) = try store.logTouch(id, draft, followUp: followUp)
        if json {
            try JSONOutput.print(TouchJSON(touch: touch))
            return
        }
        let candidate = try store.candidate(id)
        var line = "Logged \(touch.channel.title)"
        if let outcome = touch.outcome { line += " (\(outcome.title))" }
        if let openingID = touch.openingID { line += " about opening #\(openingID)" }
        line += " for #\(id) \(candidate.fullName.shown); next follow-up: "
        line += candidate.nextFollowUp.map { HumanText.followUp($0, moment) } ?? "none"
        print(line)
    }
}
