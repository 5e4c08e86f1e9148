import ArgumentParser
import Foundation
import FunnelApp
import FunnelCore
import FunnelStore

/// `funnel note`: a plain note on a candidate's timeline (a touch with channel "note").
struct NoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note",
        abstract: "Add a plain note to a candidate's timeline.",
        discussion: """
            The note is the rest of the command line. With no text, the note is read from standard \
            input when it is not a terminal, else written in $VISUAL or $EDITOR (lines starting \
            with # are dropped). A note does not change the next follow-up.

            Examples:
              funnel note 42 Met at the Lisbon meetup, two kids, loves climbing
              echo "Long note" | funnel note 42
            """,
        version: Funnel.version)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The candidate's id.") var id: String
    @Argument(help: "The note.") var text: [String] = []
    @Flag(help: "Print the note as JSON.") var json = false

    func run() throws {
        let id = try CandidateRef.parse(self.id)
        let store = try self.store.open()
        let candidate = try store.candidate(id) // an unknown id is reported before an editor opens
        var note = text.joined(separator: " ")
        if text.isEmpty {
            if isatty(STDIN_FILENO) == 1 {
                note = try ExternalEditor.edit(help: "Note for #\(id) \(candidate.fullName.shown).")
            } else {
                note = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            }
        }
        let now = try AppClock.moment().now
        let (touch, _) = try store.logTouch(id, .note(note.trimmed, at: now))
        if json {
            try JSONOutput.print(TouchJSON(touch: touch))
        } else {
            print("Noted on #\(id) \(candidate.fullName.shown).")
        }
    }
}
