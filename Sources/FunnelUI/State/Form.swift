import FunnelCore

/// A form: a column of labelled fields, one focused. Forms are data: what each one is for is in
/// `FormPurpose`, and `FormSubmit` turns the values into an effect (or a field error).
public struct Form: Equatable, Sendable {
    public enum Value: Equatable, Sendable {
        case text(LineEditor)
        /// One of several options (label shown), by index.
        case choice(options: [String], index: Int)
        case toggle(Bool)
    }

    public struct Field: Equatable, Sendable {
        public var key: String
        public var label: String
        public var value: Value
        /// A hint shown when the field is empty or focused ("today, 3d, 2w, mon…").
        public var hint: String
        public var required: Bool

        public init(key: String, label: String, value: Value, hint: String = "", required: Bool = false) {
            self.key = key
            self.label = label
            self.value = value
            self.hint = hint
            self.required = required
        }

        public static func text(_ key: String, _ label: String, _ initial: String = "", hint: String = "", required: Bool = false) -> Field {
            Field(key: key, label: label, value: .text(LineEditor(initial)), hint: hint, required: required)
        }

        public static func choice(_ key: String, _ label: String, _ options: [String], selected: Int = 0, hint: String = "") -> Field {
            Field(key: key, label: label, value: .choice(options: options, index: max(0, min(selected, options.count - 1))), hint: hint)
        }

        public static func toggle(_ key: String, _ label: String, _ on: Bool = false) -> Field {
            Field(key: key, label: label, value: .toggle(on), hint: "Space toggles")
        }
    }

    public var title: String
    public var purpose: FormPurpose
    public var fields: [Field]
    public var focus: Int
    /// The field-level problem from the last submit, shown under the form.
    public var error: String?
    /// The values when the form opened: a form is dirty once they differ.
    public let initial: [Value]
    /// Asking "discard changes?" after Esc on a dirty form.
    public var confirmingDiscard: Bool = false
    /// A touch or message from this form is about this opening (opened from its matches).
    public var aboutOpening: Int64?

    public init(title: String, purpose: FormPurpose, fields: [Field], focus: Int = 0) {
        self.title = title
        self.purpose = purpose
        self.fields = fields
        self.focus = focus
        self.initial = fields.map(\.value)
    }

    public var isDirty: Bool { fields.map(\.value) != initial }

    public func text(_ key: String) -> String {
        guard let field = fields.first(where: { $0.key == key }) else { return "" }
        switch field.value {
        case let .text(editor): return editor.string
        case let .choice(options, index): return options.indices.contains(index) ? options[index] : ""
        case let .toggle(on): return on ? "yes" : "no"
        }
    }

    public func choiceIndex(_ key: String) -> Int {
        guard let field = fields.first(where: { $0.key == key }), case let .choice(_, index) = field.value else { return 0 }
        return index
    }

    public func isOn(_ key: String) -> Bool {
        guard let field = fields.first(where: { $0.key == key }), case let .toggle(on) = field.value else { return false }
        return on
    }

    public mutating func setText(_ key: String, _ value: String) {
        guard let i = fields.firstIndex(where: { $0.key == key }), case .text = fields[i].value else { return }
        fields[i].value = .text(LineEditor(value))
    }

    public mutating func focus(_ key: String) {
        if let i = fields.firstIndex(where: { $0.key == key }) { focus = i }
    }

    /// Keys inside the focused field: text editing, cycling a choice, toggling.
    mutating func edit(_ key: Key) -> Bool {
        guard fields.indices.contains(focus) else { return false }
        switch fields[focus].value {
        case var .text(editor):
            guard editor.handle(key) else { return false }
            fields[focus].value = .text(editor)
            return true
        case let .choice(options, index):
            // A letter jumps to the next option starting with it ("l": left voicemail, LinkedIn);
            // h and l step like the arrows only when no option starts with them.
            if case let .char(c) = key, c != " " {
                let letter = String(c).lowercased()
                let order = (1...options.count).map { (index + $0) % options.count }
                if let next = order.first(where: { options[$0].lowercased().hasPrefix(letter) }) {
                    fields[focus].value = .choice(options: options, index: next)
                    return true
                }
            }
            switch key {
            case .right, .char(" "), .char("l"):
                fields[focus].value = .choice(options: options, index: (index + 1) % options.count)
            case .left, .char("h"):
                fields[focus].value = .choice(options: options, index: (index - 1 + options.count) % options.count)
            case .char:
                return true
            default:
                return false
            }
            return true
        case let .toggle(on):
            switch key {
            case .char(" "), .left, .right, .char("y"), .char("n"):
                let value: Bool = key == .char("y") ? true : key == .char("n") ? false : !on
                fields[focus].value = .toggle(value)
                return true
            default:
                return false
            }
        }
    }
}

/// What a form is for, with what it needs to know to act on submit.
public enum FormPurpose: Equatable, Sendable {
    case addCandidate
    case editCandidate(Candidate)
    /// `openingID`: logged from a row of "Fits an open role", the touch is about that opening
    /// (unless the form's "About" is changed).
    case logTouch(candidateID: Int64, name: String, openingID: Int64? = nil)
    case futureRole(candidateID: Int64, name: String)
    case status(candidateID: Int64, current: Status)
    /// Logging one of the Today queue's quick outcomes (keys 1–6).
    case quickLog(candidateID: Int64, name: String, quick: QuickOutcome, openingID: Int64? = nil)
    case compose(candidateID: Int64, name: String)
    case addOpening
    case editOpening(Opening)
    case openingStatus(Opening)
    /// A campaign to a group (from Today: its re-engagement group).
    case campaign(CampaignSource)
    /// A campaign to everyone with one of these tags (from a candidate: theirs), the tag picked
    /// in the form.
    case campaignTag([String])

    /// What Enter does, for the form's key line: a campaign form renders the messages for
    /// review (nothing is saved or sent yet); every other form saves.
    public var submitVerb: String { isCampaign ? "review" : "save" }

    /// A form that makes a campaign (closed once the campaign exists).
    public var isCampaign: Bool {
        switch self {
        case .campaign, .campaignTag: true
        default: false
        }
    }
}
