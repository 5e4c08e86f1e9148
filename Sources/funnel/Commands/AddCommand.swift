import ArgumentParser
import FunnelApp
import FunnelCore
import FunnelStore

/// `funnel add`: one new candidate, validated like the board's form.
struct AddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a candidate and print the new id.",
        discussion: """
            Only --first is required. The email and LinkedIn URL are normalised and must be unique \
            on the desk; tags are lower-cased. The candidate enters the funnel at --stage \
            (default awareness), which starts their stage history.

            Examples:
              funnel add --first Zoë --last Müller --email zoe@example.com --title "Staff Engineer" --tag go,backend
              funnel add --first Ana --stage consideration --next 2w --referred-by 12 --json
            """,
        version: Funnel.version)

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("First name (required).", valueName: "name")) var first: String?
    @Option(help: ArgumentHelp("Last name.", valueName: "name")) var last: String?
    @Option(help: ArgumentHelp("Email address.", valueName: "address")) var email: String?
    @Option(help: "Phone number, as you would dial it.") var phone: String?
    @Option(help: "Where they live or work, e.g. \"Lisbon, PT\".") var location: String?
    @Option(help: ArgumentHelp("LinkedIn profile URL (linkedin.com/in/NAME).", valueName: "url")) var linkedin: String?
    @Option(help: "Current job title.") var title: String?
    @Option(help: "Current company.") var company: String?
    @Option(help: "Where they came from: referral, event, sourcing…") var source: String?
    @Option(help: "The recruiter who owns the relationship.") var owner: String?
    @Option(name: .customLong("tag"), help: ArgumentHelp("A tag; repeat it or give a comma list.", valueName: "tags"))
    var tags: [String] = []
    @Option(help: "Personal notes for nurturing: family, hobbies, what they care about.") var interests: String?
    @Option(help: ArgumentHelp("Preferred channel: email, phone, sms, whatsapp, linkedin, in_person, other.", valueName: "channel"))
    var channel: String?
    @Option(name: .customLong("referred-by"), help: ArgumentHelp("Id of the candidate who referred them.", valueName: "id"))
    var referredBy: String?
    @Option(help: "Stage: awareness (default), consideration, conversion, loyalty, advocacy.") var stage: String?
    @Option(help: "Status: active (default), not_looking, placed, do_not_contact.") var status: String?
    @Option(help: ArgumentHelp("Next follow-up: \(DateShortcut.help).", valueName: "date")) var next: String?
    @Flag(help: "Print the new candidate as JSON instead of the id.") var json = false

    func run() throws {
        guard let first, !first.trimmed.isEmpty else {
            throw FunnelError.invalid("a candidate needs a first name: pass --first NAME")
        }
        let moment = try AppClock.moment()
        let draft = CandidateDraft(
            firstName: first, lastName: last ?? "", email: email, phone: phone, location: location,
            linkedinURL: linkedin, title: title, company: company, source: source, owner: owner,
            tags: tags.flatMap(Tags.parse), interests: interests,
            preferredChannel: try channel.map(Channel.parse), referredBy: try referredBy.map(CandidateRef.parse),
            stage: try stage.map(Stage.parse) ?? .awareness, status: try status.map(Status.parse) ?? .active,
            nextFollowUp: try next.map { try DateShortcut.parse($0, today: moment.today) })
        let validated = try draft.validated() // bad input is reported before the store is touched
        let candidate = try store.open().add(validated, at: moment.now)
        if json {
            try JSONOutput.print(CandidateJSON(candidate: candidate))
        } else {
            print(candidate.id)
        }
    }
}
