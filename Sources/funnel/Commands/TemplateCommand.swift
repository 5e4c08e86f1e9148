import ArgumentParser
import Foundation
import FunnelApp
import FunnelCore
import FunnelStore

/// `funnel template list|show|add|edit`: the stored follow-up scripts.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "List, show, add and edit message templates (merge fields like {{first_name}}).",
        subcommands: [List.self, Show.self, Add.self, Edit.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the templates.")
        @OptionGroup var store: StoreOptions
        @Flag(name: .long, help: "Print JSON instead of text.") var json = false

        func run() throws {
            let templates = try store.open().templates()
            if json {
                try JSONOutput.print(templates.map(TemplateJSON.init))
                return
            }
            if templates.isEmpty { print("No templates yet: add one with `funnel template add NAME --body TEXT`."); return }
            for template in templates {
                print("\(template.name.shown)  [\(template.channel.rawValue)]  \(template.subject.shown)")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one template.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The template's name.") var name: String
        @Flag(name: .long, help: "Print JSON instead of text.") var json = false

        func run() throws {
            let template = try store.open().template(named: name)
            if json { try JSONOutput.print(TemplateJSON(template)); return }
            print("Name: \(template.name.shown)")
            print("Channel: \(template.channel.rawValue)")
            print("Subject: \(template.subject.shown)")
            print("")
            print(template.body, terminator: template.body.hasSuffix("\n") ? "" : "\n")
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a template (--body TEXT, or --edit to write it in $EDITOR).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The template's name (unique, case-insensitive).") var name: String
        @Option(name: .long, help: "email, phone, voicemail, sms, whatsapp, linkedin, in_person, other.") var channel = "email"
        @Option(name: .long, help: "The subject line (emails).") var subject = ""
        @Option(name: .long, help: "The body, with merge fields.") var body: String?
        @Flag(name: .long, help: "Write the body in $EDITOR.") var edit = false

        func run() throws {
            let channel = try Channel.parse(self.channel)
            let store = try self.store.open()
            if try store.templateIfExists(named: name) != nil {
                throw FunnelError.invalid("a template named '\(name)' already exists (use `funnel template edit \(name)`)")
            }
            if let body, !edit {
                let saved = try store.saveTemplate(validated: TemplateDraft(name: name, channel: channel, subject: subject, body: body),
                                                   replacing: false)
                print("Added template '\(saved.name)'.")
                return
            }
            guard edit, body == nil else {
                throw FunnelError.invalid(body == nil ? "give the body with --body TEXT or write it with --edit"
                                                      : "give either --body or --edit, not both")
            }
            let text = TemplateFile.text(name: name, channel: channel, subject: subject, body: "")
            guard let saved = try TemplateEditing.editAndSave(store: store, name: name, text: text, channel: channel, replacing: false) else {
                print("Cancelled: the body was empty, nothing saved.")
                return
            }
            print("Added template '\(saved.name)'.")
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Edit a template in $EDITOR (checked before it is saved).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The template's name.") var name: String

        func run() throws {
            let store = try self.store.open()
            let template = try store.template(named: name)
            let text = TemplateFile.text(name: template.name, channel: template.channel, subject: template.subject, body: template.body)
            guard let saved = try TemplateEditing.editAndSave(store: store, name: template.name, text: text,
                                                              channel: template.channel, replacing: true) else {
                print("Cancelled: the body was empty, nothing saved.")
                return
            }
            print("Saved template '\(saved.name)'.")
        }
    }
}

/// The edit loop shared by `add --edit` and `edit`: open the editor, check, save. An invalid
/// template is shown with its error and re-opened when a person is at the terminal; otherwise it
/// is refused with the error and nothing is saved.
enum TemplateEditing {
    static func editAndSave(store: Store, name: String, text: String, channel: Channel, replacing: Bool) throws -> Template? {
        var current = text
        while true {
            current = try ExternalEditor.edit(current, fileName: "template.txt")
            do {
                guard let parsed = try TemplateFile.parse(current, defaultChannel: channel) else { return nil }
                return try store.saveTemplate(validated: TemplateDraft(name: name, channel: parsed.channel, subject: parsed.subject,
                                                                        body: parsed.body), replacing: replacing)
            } catch let error as FunnelError where error.kind == .invalid && ExternalEditor.isInteractive {
                StandardError.write("funnel: \(error.message)\nPress Enter to edit again, or type q and Enter to give up: ")
                guard let answer = readLine(), answer.trimmed.lowercased() != "q" else {
                    throw FunnelError.invalid("\(error.message); nothing saved")
                }
            } catch let error as FunnelError where error.kind == .invalid {
                throw FunnelError.invalid("\(error.message); nothing saved")
            }
        }
    }
}

struct TemplateJSON: Encodable {
    var id: Int64
    var name: String
    var channel: String
    var subject: String
    var body: String
    var fields: [String]

    init(_ template: Template) {
        id = template.id
        name = template.name
        channel = template.channel.rawValue
        subject = template.subject
        body = template.body
        let used = ((try? MergeTemplate(parsing: template.subject).fields) ?? []) + ((try? MergeTemplate(parsing: template.body).fields) ?? [])
        var seen: [String] = []
        for field in used where !seen.contains(field.rawValue) { seen.append(field.rawValue) }
        fields = seen
    }
}
