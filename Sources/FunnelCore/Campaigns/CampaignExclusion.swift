import Foundation

/// Why someone in a campaign's group is left out, shown at review and kept with the campaign.
public enum CampaignExclusion: Error, Sendable, Equatable {
    case doNotContact
    case placed
    case noValidEmail
    /// The address bounced (a delivery report said it fails for good) and was not edited since.
    case bouncing
    /// The name holds a control character, which cannot go in a To header.
    case unsafeName
    /// The template needs fields this person has no value for (named).
    case missingFields([MergeField])
    /// Contacted within the re-engagement cadence (`reengage_every_days`, the days given).
    case contactedRecently(withinDays: Int)

    /// The sentence stored and shown: "do not contact", "missing {{future_role.title}}".
    public var reason: String {
        switch self {
        case .doNotContact: "do not contact"
        case .placed: "placed"
        case .noValidEmail: "no valid email"
        case .bouncing: "address bounces (edit the email)"
        case .unsafeName: "name holds a control character (edit the name)"
        case let .missingFields(fields): "missing " + fields.map { "{{\($0.rawValue)}}" }.joined(separator: ", ")
        // One reason for all of them (the review counts people by reason), no date.
        case let .contactedRecently(days): "contacted in the last \(days) days"
        }
    }
}

/// Who a campaign may send to (docs/campaigns.md). Pure: the store passes what it read.
public enum CampaignRule {
    /// Why `candidate` is left out, or nil if a message is rendered for them. "Do not contact" is
    /// checked first and always wins: such a person is never offered for outreach.
    public static func exclusion(_ candidate: Candidate, source: CampaignSource, rules: Rules, at moment: Moment) -> CampaignExclusion? {
        guard candidate.status.allowsOutreach else { return .doNotContact }
        if candidate.status == .placed, source == .reengagement { return .placed }
        guard let email = candidate.email, Email.isValid(email) else { return .noValidEmail }
        if candidate.emailBouncedAt != nil { return .bouncing }
        // The header writer's own rule (controls, bidi overrides): what it would refuse in To.
        if HeaderWriter.forbiddenCharacter(in: candidate.fullName) != nil {
            return .unsafeName
        }
        if let last = candidate.lastTouchAt {
            let day = Day(last, in: moment.timeZone)
            if day.days(until: moment.today) < rules.reengageEveryDays { return .contactedRecently(withinDays: rules.reengageEveryDays) }
        }
        return nil
    }
}
