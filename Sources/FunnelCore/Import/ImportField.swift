import Foundation

/// A field of the store a spreadsheet column can fill. The raw value is the canonical name: it is
/// what `--map COLUMN=FIELD` accepts and what `funnel export --format csv` writes as its header,
/// so an export re-imports with no mapping at all.
public enum ImportField: String, CaseIterable, Sendable, Codable {
    /// The candidate's id in the store the file came from: kept when it is free in this store (so
    /// an export restores into an empty store with the same ids), and used to resolve `referred_by`.
    case id
    case firstName = "first_name"
    case lastName = "last_name"
    /// "Jane van der Berg": split into a first name (the first word) and a last name (the rest).
    case fullName = "name"
    case email
    case phone
    case location
    case linkedinURL = "linkedin_url"
    case title
    case company
    case source
    case owner
    case tags
    case interests
    /// How the recruiter reaches them: a channel name ("LinkedIn", "phone"); an email address or
    /// a phone number found here fills the email or phone instead.
    case preferredChannel = "preferred_channel"
    /// The `id` (in the same file) of the candidate who referred this one.
    case referredBy = "referred_by"
    case stage
    case status
    case nextFollowUp = "next_follow_up"
    /// Free text that becomes a touch of channel "note", logged at the time of the import.
    case notes
    case createdAt = "created_at"
    case stageEnteredAt = "stage_entered_at"
    case futureRoleTitle = "future_role_title"
    case futureRoleLocation = "future_role_location"
    case futureRoleRemote = "future_role_remote"
    case futureRoleAskedAt = "future_role_asked_at"
    case lastTouchAt = "last_touch_at"
    case lastTouchChannel = "last_touch_channel"
    case lastTouchDirection = "last_touch_direction"
    case lastTouchOutcome = "last_touch_outcome"
    case lastTouchNote = "last_touch_note"
    case lastTouchTemplate = "last_touch_template"

    /// Fields that several columns may fill together: locations are joined ("Lisbon, Portugal"),
    /// notes become one note each, tags are united. Any other field named by two columns is an error.
    public var isCombinable: Bool { self == .location || self == .notes || self == .tags }

    /// The columns `funnel export --format csv` writes, in order. Every one is read back by the
    /// import under the same name (round trip), `name` and `notes` being import-only conveniences.
    public static let exportColumns: [ImportField] = allCases.filter { $0 != .fullName && $0 != .notes }

    /// Header spellings recognised without `--map`, as header keys (see `key(_:)`): lower case,
    /// accents dropped, everything but letters and digits removed, so `First Name`, `first_name`,
    /// `FIRST-NAME` and `First name:` are all `firstname`.
    public var synonyms: [String] {
        switch self {
        case .id: ["id"]
        case .firstName: ["firstname", "first", "givenname", "forename", "fname"]
        case .lastName: ["lastname", "last", "surname", "familyname", "lname"]
        case .fullName: ["name", "fullname", "candidate", "candidatename", "contactname", "person"]
        case .email: ["email", "emailaddress", "mail", "workemail", "personalemail", "emails", "emailid"]
        case .phone: ["phone", "phonenumber", "mobile", "mobilephone", "mobilenumber", "cell", "cellphone",
                      "telephone", "tel", "phone1"]
        case .location: ["location", "city", "town", "citystate", "region", "basedin", "place", "country", "locality"]
        case .linkedinURL: ["linkedinurl", "linkedin", "linkedinprofile", "linkedinprofileurl", "linkedinlink",
                            "profile", "profileurl", "liurl"]
        case .title: ["title", "jobtitle", "currenttitle", "position", "currentposition", "role", "currentrole",
                      "headline"]
        case .company: ["company", "currentcompany", "employer", "currentemployer", "organisation", "organization"]
        case .source: ["source", "leadsource", "candidatesource", "origin", "sourcedfrom"]
        case .owner: ["owner", "recruiter", "assignedto", "ownername", "assignee"]
        case .tags: ["tags", "tag", "labels", "label", "keywords", "skills"]
        case .interests: ["interests", "personalnotes", "hobbies", "nurturenotes"]
        case .preferredChannel: ["preferredchannel", "contactmethod", "methodofcontact", "methodusedtocontact",
                                 "method", "contactedvia", "channel", "contactchannel", "howcontacted",
                                 "preferredcontact", "preferredcontactmethod"]
        case .referredBy: ["referredby", "referrer"]
        case .stage: ["stage", "funnelstage", "pipelinestage"]
        case .status: ["status", "candidatestatus"]
        case .nextFollowUp: ["nextfollowup", "followup", "followupdate", "nextfollowupdate", "nextcontact",
                             "nextcontactdate", "nextactiondate"]
        case .notes: ["notes", "note", "comments", "comment", "remarks"]
        case .createdAt: ["createdat", "created", "createdon", "dateadded", "added"]
        case .stageEnteredAt: ["stageenteredat"]
        case .futureRoleTitle: ["futureroletitle", "futurerole", "futuretitle", "desiredrole", "desiredtitle"]
        case .futureRoleLocation: ["futurerolelocation", "futurelocation", "desiredlocation", "preferredlocation"]
        case .futureRoleRemote: ["futureroleremote", "remote", "openstoremote"]
        case .futureRoleAskedAt: ["futureroleaskedat"]
        case .lastTouchAt: ["lasttouchat"]
        case .lastTouchChannel: ["lasttouchchannel"]
        case .lastTouchDirection: ["lasttouchdirection"]
        case .lastTouchOutcome: ["lasttouchoutcome"]
        case .lastTouchNote: ["lasttouchnote"]
        case .lastTouchTemplate: ["lasttouchtemplate"]
        }
    }

    /// The field a header key names, from the synonyms table.
    static let bySynonym: [String: ImportField] = {
        var table: [String: ImportField] = [:]
        for field in allCases {
            for synonym in field.synonyms {
                precondition(table[synonym] == nil, "synonym \(synonym) listed twice")
                table[synonym] = field
            }
        }
        return table
    }()

    /// The field a header cell names, if it is a known spelling.
    public static func recognise(_ header: String) -> ImportField? { bySynonym[key(header)] }

    /// A field named on the command line (`--map Cell=phone`): the canonical name or any synonym.
    public static func parse(_ text: String) throws -> ImportField {
        if let field = ImportField(rawValue: text.trimmed.lowercased()) ?? recognise(text) { return field }
        throw FunnelError.invalid(
            "unknown field '\(text)' in --map: expected one of \(allCases.map(\.rawValue).joined(separator: ", "))")
    }

    /// The comparable form of a header cell: case, accents, spaces and punctuation ignored.
    public static func key(_ header: String) -> String {
        let folded = header.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        return String(String.UnicodeScalarView(folded.unicodeScalars.filter {
            CharacterSet.alphanumerics.contains($0)
        }))
    }
}

extension ImportField {
    /// Notes and interests keep line breaks and tabs; every other column is one line of plain text.
    public var plainTextKind: PlainText.Kind {
        switch self {
        case .notes, .interests, .lastTouchNote: .multiLine
        default: .singleLine
        }
    }
}
