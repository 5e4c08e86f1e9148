import Foundation

/// A rendered message as the recruiter edits it in `$EDITOR`: a `Subject:` line, a blank line,
/// then the body. Lines starting with `#` before the subject are instructions and are dropped.
public enum EditableMessage {
    public static func text(_ message: RenderedMessage, to recipient: String) -> String {
        """
        # To: \(recipient)
        # Edit the subject and the message; save and quit to continue.
        # An empty message cancels (nothing is sent or logged).
        Subject: \(message.subject)

        \(message.body)
        """
    }

    /// The edited message, or nil when the recruiter emptied it (cancel).
    public static func parse(_ text: String) throws -> RenderedMessage? {
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        while let first = lines.first, first.hasPrefix("#") || (first.trimmed.isEmpty && !lines.isEmpty) {
            lines.removeFirst()
        }
        if lines.allSatisfy({ $0.trimmed.isEmpty }) { return nil }
        guard let first = lines.first, first.lowercased().hasPrefix("subject:") else {
            throw FunnelError.invalid("the edited message must start with a 'Subject:' line")
        }
        let subject = String(first.dropFirst("subject:".count)).trimmed
        var body = Array(lines.dropFirst())
        while body.first?.trimmed.isEmpty == true { body.removeFirst() }
        while body.last?.trimmed.isEmpty == true { body.removeLast() }
        guard !body.isEmpty else { throw FunnelError.invalid("the edited message has no body: nothing sent") }
        guard !subject.isEmpty else { throw FunnelError.invalid("the edited message has an empty subject") }
        return RenderedMessage(subject: subject, body: body.joined(separator: "\n") + "\n")
    }
}
