import Foundation

/// The five columns of the funnel, in order. Loyalty and advocacy are people already placed.
public enum Stage: String, CaseIterable, Codable, Sendable, Comparable {
    case awareness, consideration, conversion, loyalty, advocacy

    /// Position in the funnel, 0-based; the order the board shows and reports count in.
    public var index: Int { Stage.allCases.firstIndex(of: self)! }

    /// The next stage, or nil at the end of the funnel (advocacy).
    public var next: Stage? { index + 1 < Stage.allCases.count ? Stage.allCases[index + 1] : nil }

    /// The previous stage, or nil at the start of the funnel (awareness).
    public var previous: Stage? { index > 0 ? Stage.allCases[index - 1] : nil }

    /// Display name: "Awareness".
    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// Stages in which a candidate can go stale (not yet placed).
    public var isPipeline: Bool { self < .loyalty }

    public static func < (a: Stage, b: Stage) -> Bool { a.index < b.index }

    /// Parses a stage name, case-insensitively; a unique prefix is accepted ("cons" → consideration).
    public static func parse(_ text: String) throws -> Stage {
        // Stored values are exact: skip the folding (it costs on every board row).
        if let exact = Stage(rawValue: text) { return exact }
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let exact = Stage(rawValue: key) { return exact }
        let matches = key.isEmpty ? [] : Stage.allCases.filter { $0.rawValue.hasPrefix(key) }
        if matches.count == 1 { return matches[0] }
        throw FunnelError.invalid(
            "unknown stage '\(text)': expected one of \(Stage.allCases.map(\.rawValue).joined(separator: ", "))")
    }
}
