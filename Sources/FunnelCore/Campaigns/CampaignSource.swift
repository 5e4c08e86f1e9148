import Foundation

/// Where a campaign's group comes from. Written as text on the command line and in the store
/// (`reengagement`, `search:kubernetes lisbon`, `tag:python`, `stage:consideration`, `opening:12`).
public enum CampaignSource: Sendable, Equatable {
    /// Today's re-engagement group: running cadences due, never contacted, silent for the period.
    case reengagement
    case search(String)
    case tag(String)
    case stage(Stage)
    /// An opening's uncontacted matches (their future-role answer fits it).
    case opening(Int64)

    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let (kind, value) = trimmed.firstIndex(of: ":").map {
            (String(trimmed[..<$0]).lowercased(), String(trimmed[trimmed.index(after: $0)...]).trimmingCharacters(in: .whitespaces))
        } ?? (trimmed.lowercased(), "")
        switch kind {
        case "reengagement" where value.isEmpty, "re-engagement" where value.isEmpty:
            self = .reengagement
        case "search" where !value.isEmpty:
            self = .search(value)
        case "tag" where !value.isEmpty:
            self = .tag(Tags.normalize([value]).first ?? value)
        case "stage" where !value.isEmpty:
            self = .stage(try Stage.parse(value))
        case "opening":
            guard let id = Int64(value.hasPrefix("#") ? String(value.dropFirst()) : value), id > 0 else {
                throw FunnelError.invalid("'\(text)': an opening is named by its number, as in opening:12")
            }
            self = .opening(id)
        default:
            throw FunnelError.invalid("'\(text)' is not a campaign group: use reengagement, search:WORDS, tag:TAG, stage:STAGE or opening:ID")
        }
    }

    /// The text `init(parsing:)` reads back.
    public var text: String {
        switch self {
        case .reengagement: "reengagement"
        case let .search(query): "search:\(query)"
        case let .tag(tag): "tag:\(tag)"
        case let .stage(stage): "stage:\(stage.rawValue)"
        case let .opening(id): "opening:\(id)"
        }
    }

    /// For headings: "Today's re-engagement group", "search “kubernetes”".
    public var title: String {
        switch self {
        case .reengagement: "Today's re-engagement group"
        case let .search(query): "search “\(query)”"
        case let .tag(tag): "tag \(tag)"
        case let .stage(stage): "stage \(stage.title)"
        case let .opening(id): "matches of opening #\(id)"
        }
    }
}
