import FunnelCore

/// The opening forms: add, edit, and set the status (closing as filled may name who was placed).
extension Forms {
    static let workModes = WorkMode.allCases
    static let openingStates = Opening.State.allCases

    public static func addOpening() -> Form {
        Form(title: "Add an opening", purpose: .addOpening, fields: openingFields(nil))
    }

    public static func editOpening(_ opening: Opening) -> Form {
        Form(title: "Edit opening #\(opening.id)", purpose: .editOpening(opening), fields: openingFields(opening))
    }

    static func openingFields(_ opening: Opening?) -> [Form.Field] {
        [
            .text("title", "Title", opening?.title ?? "", hint: "Staff Engineer, Sr. Backend Engineer…", required: true),
            .text("company", "Company", opening?.company ?? ""),
            .text("location", "Location", opening?.location ?? "", hint: "a city, or empty for remote"),
            .choice("mode", "Work mode", workModes.map(\.rawValue),
                    selected: opening.flatMap { workModes.firstIndex(of: $0.workMode) } ?? 0, hint: "←/→: onsite, hybrid, remote"),
            .text("owner", "Owner", opening?.owner ?? ""),
            .text("notes", "Notes", opening?.notes ?? "", hint: "Ctrl-X opens $EDITOR"),
        ]
    }

    /// The status form. `placed` pre-fills the person placed (the selected match) for "filled".
    public static func openingStatus(_ opening: Opening, placed: (id: Int64, name: String)? = nil) -> Form {
        let current = openingStates.firstIndex(of: opening.status) ?? 0
        return Form(title: "Status of opening #\(opening.id) \(opening.title)", purpose: .openingStatus(opening), fields: [
            .choice("status", "Status", openingStates.map(\.title), selected: current,
                    hint: "filled and closed are final: no more matches"),
            .text("placed", "Placed", placed.map { "\($0.id)" } ?? "",
                  hint: placed.map { "#\($0.id) is \($0.name); filled only: moves them to Conversion" }
                      ?? "candidate # when filled from the desk: moves them to Conversion"),
        ])
    }

    static func openingDraft(_ form: Form) -> OpeningDraft {
        OpeningDraft(title: form.text("title"), location: form.text("location"), company: form.text("company"),
                     workMode: workModes[form.choiceIndex("mode")], owner: form.text("owner"), notes: form.text("notes"))
    }

    /// The effect of a submitted opening form; nil when the form is not an opening form.
    static func submitOpening(_ form: Form) throws -> Effect? {
        switch form.purpose {
        case .addOpening:
            return .addOpening(try openingDraft(form).validated())
        case let .editOpening(opening):
            return .editOpening(opening.id, try openingDraft(form).validated(), status: nil)
        case let .openingStatus(opening):
            let state = openingStates[form.choiceIndex("status")]
            let placedText = form.text("placed").trimmed.drop { $0 == "#" }
            var placed: Int64?
            if !placedText.isEmpty {
                guard let id = Int64(placedText), id > 0 else {
                    throw FunnelError.invalid("Placed is a candidate number, like 183")
                }
                guard state == .filled else { throw FunnelError.invalid("Only a filled opening has a placed candidate: clear Placed") }
                placed = id
            }
            if state == opening.status, placed == nil { throw FunnelError.invalid("The opening is already \(state.title)") }
            if state.isClosed { return .closeOpening(opening.id, as: state, placed: placed) }
            let draft = OpeningDraft(title: opening.title, location: opening.location, company: opening.company,
                                     workMode: opening.workMode, owner: opening.owner, notes: opening.notes)
            return .editOpening(opening.id, draft, status: state)
        default:
            return nil
        }
    }
}
