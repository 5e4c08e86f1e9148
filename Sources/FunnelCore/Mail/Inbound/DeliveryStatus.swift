import Foundation

/// An RFC 3464 delivery status notification, read from a `multipart/report;
/// report-type=delivery-status` message: one entry per recipient (its Final-Recipient and
/// Original-Recipient, Action, Status, Diagnostic-Code), and the Message-ID of the message it
/// reports on, from the returned `message/rfc822` or `text/rfc822-headers` part.
public struct DeliveryStatus: Sendable, Equatable {
    public struct Recipient: Sendable, Equatable {
        /// The address Funnel sent to: Original-Recipient when the report names it (Final-Recipient
        /// may be an alias's target), else Final-Recipient. Lower-cased.
        public var address: String
        public var finalRecipient: String?
        public var originalRecipient: String?
        /// Lower-cased: failed, delayed, delivered, relayed, expanded.
        public var action: String
        /// `5.1.1`; empty when the report has none.
        public var status: String
        /// Neutralised text, for a note; nil when absent.
        public var diagnostic: String?

        /// Failed for good: `Action: failed` with a permanent (5.x.x) status. A failed 4.x.x
        /// (a message that expired in a queue after temporary errors) is not: the address may
        /// be fine, and marking it bouncing would drop a real person from every campaign.
        public var isPermanentFailure: Bool { action == "failed" && status.hasPrefix("5.") }
    }

    public var recipients: [Recipient]
    /// Without angle brackets; nil when the report returned no headers (or none with an id).
    public var originalMessageID: String?

    /// The report in `entity`, or nil when it is not a delivery status report.
    public static func read(_ entity: MIMEEntity) -> DeliveryStatus? {
        guard entity.contentType.mediaType == "multipart/report" else { return nil }
        let reportType = entity.contentType.parameters["report-type"]?.lowercased()
        guard reportType == nil || reportType == "delivery-status" else { return nil }
        let parts = entity.parts
        guard let statusPart = parts.first(where: { ["message/delivery-status", "message/global-delivery-status"].contains($0.contentType.mediaType) })
        else { return nil }
        var recipients: [Recipient] = []
        let body = statusPart.decodedBody(limit: 1 << 20)[...]
        var position = body.startIndex
        var blocks = 0
        while position < body.endIndex, blocks < 1000 {
            let block = MessageHeader.parse(body[position...])
            blocks += 1
            if let recipient = recipient(block) { recipients.append(recipient) }
            guard let next = block.bodyStart, next > position else { break }
            position = next
        }
        var originalID: String?
        if let returned = parts.first(where: { ["message/rfc822", "text/rfc822-headers", "message/global", "message/global-headers"].contains($0.contentType.mediaType) }) {
            let header = MessageHeader.parse(returned.decodedBody(limit: 1 << 20)[...])
            originalID = header.raw("message-id").flatMap { MessageIDList.parse($0).first }
        }
        return DeliveryStatus(recipients: recipients, originalMessageID: originalID)
    }

    /// A per-recipient block, or nil for the per-message block (no Final-Recipient).
    static func recipient(_ block: MessageHeader) -> Recipient? {
        guard let final = block.text("final-recipient").flatMap(address) else { return nil }
        let original = block.text("original-recipient").flatMap(address)
        let action = block.text("action").map { firstWord($0).lowercased() } ?? ""
        let statusWord = block.text("status").map(firstWord) ?? ""
        let status = isStatusCode(statusWord) ? statusWord : ""
        let diagnostic = block.raw("diagnostic-code").map { HeaderText.unstructured($0) }
        return Recipient(address: original ?? final, finalRecipient: final, originalRecipient: original,
                         action: action, status: status, diagnostic: diagnostic?.isEmpty == false ? diagnostic : nil)
    }

    /// `rfc822; Zoe@Example.com` → `zoe@example.com` (the address type is dropped; any
    /// `<>` is removed); nil when what remains is not an address.
    static func address(_ text: String) -> String? {
        let value = text.firstIndex(of: ";").map { String(text[text.index(after: $0)...]) } ?? text
        return AddressHeader.addresses(Array(value.utf8)).first
    }

    static func firstWord(_ text: String) -> String {
        String(text.prefix(while: { !$0.isWhitespace && $0 != "(" && $0 != ";" }))
    }

    /// `class.subject.detail` (RFC 3463): 2, 4 or 5, then one to three digits twice.
    static func isStatusCode(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && ["2", "4", "5"].contains(parts[0])
            && parts.dropFirst().allSatisfy { (1...3).contains($0.count) && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }
}
