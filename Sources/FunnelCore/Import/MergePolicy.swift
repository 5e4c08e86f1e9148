import Foundation

/// What an import does with a row whose email or LinkedIn profile already belongs to a
/// candidate (in the store, or an earlier row of the same file). Never a second copy.
public enum DuplicatePolicy: String, CaseIterable, Sendable, Codable {
    /// Fill the existing candidate's empty fields, add notes and tags; keep every non-empty value.
    case merge
    /// Leave the existing candidate as it is and report the row as skipped.
    case skip
    /// Report the row as an error (so a default, all-or-nothing import refuses the file).
    case error

    public static func parse(_ text: String) throws -> DuplicatePolicy {
        if let policy = DuplicatePolicy(rawValue: text.trimmed.lowercased()) { return policy }
        throw FunnelError.invalid("unknown duplicate policy '\(text)': expected merge, skip or error")
    }
}

/// A value the file gives that differs from the one the store keeps (the store's wins).
public struct MergeConflict: Sendable, Equatable {
    public var field: ImportField
    public var kept: String
    public var offered: String

    public init(field: ImportField, kept: String, offered: String) {
        self.field = field
        self.kept = kept
        self.offered = offered
    }
}

/// The result of merging a row into an existing candidate under the merge policy: empty fields
/// are filled, tags united, and a non-empty field is never overwritten; differing values are
/// reported as conflicts so the recruiter sees them rather than losing one silently.
public struct MergePlan: Sendable, Equatable {
    /// The existing candidate's profile with the empty fields filled from the row.
    public var draft: CandidateDraft
    /// The fields that were empty and are filled, in field order.
    public var filled: [ImportField]
    /// Tags the row adds.
    public var addedTags: [String]
    /// Whether the row's future role becomes the candidate's (they had none).
    public var addsFutureRole: Bool
    public var conflicts: [MergeConflict]

    /// Whether the candidate's own row changes (notes and touches aside).
    public var changesProfile: Bool { !filled.isEmpty || !addedTags.isEmpty }

    public static func plan(existing: Candidate, currentRole: FutureRole?, incoming record: ImportRecord) -> MergePlan {
        let row = record.draft
        var draft = CandidateDraft(
            firstName: existing.firstName, lastName: existing.lastName, email: existing.email, phone: existing.phone,
            location: existing.location, linkedinURL: existing.linkedinURL, title: existing.title,
            company: existing.company, source: existing.source, owner: existing.owner, tags: existing.tags,
            interests: existing.interests, preferredChannel: existing.preferredChannel, referredBy: existing.referredBy,
            stage: existing.stage, status: existing.status, nextFollowUp: existing.nextFollowUp)
        var filled: [ImportField] = []
        var conflicts: [MergeConflict] = []

        func merge(_ field: ImportField, _ path: WritableKeyPath<CandidateDraft, String?>) {
            guard let offered = row[keyPath: path] else { return }
            if let kept = draft[keyPath: path] {
                let same = field == .phone ? ImportRecord.digits(kept) == ImportRecord.digits(offered) : MergePlan.sameText(kept, offered)
                if record.provided.contains(field), !same {
                    conflicts.append(MergeConflict(field: field, kept: kept, offered: offered))
                }
            } else {
                draft[keyPath: path] = offered
                filled.append(field)
            }
        }

        // First name is never empty; a different one is reported, not taken.
        if !sameText(existing.firstName, row.firstName) {
            conflicts.append(MergeConflict(field: .firstName, kept: existing.firstName, offered: row.firstName))
        }
        if existing.lastName.isEmpty, !row.lastName.isEmpty {
            draft.lastName = row.lastName
            filled.append(.lastName)
        } else if !row.lastName.isEmpty, !sameText(existing.lastName, row.lastName) {
            conflicts.append(MergeConflict(field: .lastName, kept: existing.lastName, offered: row.lastName))
        }
        merge(.email, \.email)
        merge(.phone, \.phone)
        merge(.location, \.location)
        merge(.linkedinURL, \.linkedinURL)
        merge(.title, \.title)
        merge(.company, \.company)
        merge(.source, \.source)
        merge(.owner, \.owner)
        merge(.interests, \.interests)

        if let offered = row.preferredChannel {
            if let kept = draft.preferredChannel {
                if kept != offered { conflicts.append(MergeConflict(field: .preferredChannel, kept: kept.rawValue, offered: offered.rawValue)) }
            } else {
                draft.preferredChannel = offered
                filled.append(.preferredChannel)
            }
        }
        if record.provided.contains(.stage), row.stage != existing.stage {
            conflicts.append(MergeConflict(field: .stage, kept: existing.stage.rawValue, offered: row.stage.rawValue))
        }
        if record.provided.contains(.status), row.status != existing.status {
            conflicts.append(MergeConflict(field: .status, kept: existing.status.rawValue, offered: row.status.rawValue))
        }
        if let offered = row.nextFollowUp {
            if !existing.status.allowsOutreach {
                conflicts.append(MergeConflict(field: .nextFollowUp, kept: "none (do not contact)", offered: offered.iso))
            } else if let kept = existing.nextFollowUp {
                if kept != offered { conflicts.append(MergeConflict(field: .nextFollowUp, kept: kept.iso, offered: offered.iso)) }
            } else {
                draft.nextFollowUp = offered
                filled.append(.nextFollowUp)
            }
        }

        let addedTags = row.tags.filter { !existing.tags.contains($0) }
        draft.tags = existing.tags + addedTags

        var addsFutureRole = false
        if let role = record.futureRole {
            if let current = currentRole {
                if !sameText(current.title, role.title) || !sameText(current.location, role.location) || current.remote != role.remote {
                    conflicts.append(MergeConflict(field: .futureRoleTitle, kept: current.summary,
                                                   offered: FutureRole(id: 0, candidateID: 0, title: role.title,
                                                                       location: role.location, remote: role.remote,
                                                                       askedAt: Date(timeIntervalSince1970: 0)).summary))
                }
            } else {
                addsFutureRole = true
            }
        }
        return MergePlan(draft: draft, filled: filled, addedTags: addedTags, addsFutureRole: addsFutureRole, conflicts: conflicts)
    }

    /// Equal but for case, accents, width and surrounding or repeated white space.
    static func sameText(_ a: String, _ b: String) -> Bool { fold(a) == fold(b) }

    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
