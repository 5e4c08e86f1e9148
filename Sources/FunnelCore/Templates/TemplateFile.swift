import Foundation

/// A template as a text file for `$EDITOR`: `Channel:` and `Subject:` header lines, a blank
/// line, then the body. Lines starting with `#` before the headers are help and are dropped.
public enum TemplateFile {
    public static func text(name: String, channel: Channel, subject: String, body: String) -> String {
        """
        # Template '\(name)'. Lines starting with # are ignored; an empty body cancels.
        # Merge fields: \(MergeField.allCases.map { "{{\($0.rawValue)}}" }.joined(separator: " "))
        # A fallback for a missing value: {{first_name|there}}
        Channel: \(channel.rawValue)
        Subject: \(subject)

        \(body)
        """
    }

    public struct Parsed: Sendable, Equatable {
        public var channel: Channel
        public var subject: String
        public var body: String
    }

    /// The edited template, or nil when the body was emptied (cancel). Merge fields are not
    /// checked here: saving does that (`Template.validate`).
    public static func parse(_ text: String, defaultChannel: Channel) throws -> Parsed? {
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        var channel = defaultChannel
        var subject = ""
        while let first = lines.first {
            if first.hasPrefix("#") { lines.removeFirst(); continue }
            let lower = first.lowercased()
            if lower.hasPrefix("channel:") {
                channel = try Channel.parse(String(first.dropFirst("channel:".count)))
                lines.removeFirst()
            } else if lower.hasPrefix("subject:") {
                subject = String(first.dropFirst("subject:".count)).trimmed
                lines.removeFirst()
            } else {
                break
            }
        }
        while lines.first?.trimmed.isEmpty == true { lines.removeFirst() }
        while lines.last?.trimmed.isEmpty == true { lines.removeLast() }
        guard !lines.isEmpty else { return nil }
        return Parsed(channel: channel, subject: subject, body: lines.joined(separator: "\n") + "\n")
    }
}
