import Foundation

/// Where a candidate stands, orthogonal to the stage. `doNotContact` is never offered for outreach.
public enum Status: String, CaseIterable, Codable, Sendable {
    case active
    case notLooking = "not_looking"
    case placed
    case doNotContact = "do_not_contact"

    public var title: String {
        switch self {
        case .active: "active"
        case .notLooking: "not looking"
        case .placed: "placed"
        case .doNotContact: "do not contact"
        }
    }

    /// Whether any outreach (follow-up, re-engagement, template, compose) may be proposed.
    public var allowsOutreach: Bool { self != .doNotContact }

    /// Parses "not looking", "not-looking", "not_looking", "dnc", case-insensitively.
    public static func parse(_ text: String) throws -> Status {
        if let exact = Status(rawValue: text) { return exact }
        let key = normalizedKey(text)
        if let status = Status(rawValue: key) { return status }
        if key == "dnc" { return .doNotContact }
        throw FunnelError.invalid(
            "unknown status '\(text)': expected one of \(Status.allCases.map(\.rawValue).joined(separator: ", "))")
    }
}
