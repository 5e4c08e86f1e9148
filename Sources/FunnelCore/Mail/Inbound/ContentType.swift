/// A part's Content-Type (RFC 2045 §5): `type/subtype` and its parameters. A missing or
/// unreadable one is `text/plain; charset=us-ascii` (§5.2), except inside multipart/digest,
/// where a part defaults to message/rfc822 (RFC 2046 §5.1.5).
public struct ContentType: Sendable, Equatable {
    /// Lower-cased, `text/plain`.
    public var mediaType: String
    public var parameters: [String: String]

    public init(mediaType: String, parameters: [String: String] = [:]) {
        self.mediaType = mediaType
        self.parameters = parameters
    }

    public static let textPlain = ContentType(mediaType: "text/plain", parameters: ["charset": "us-ascii"])
    public static let messageRFC822 = ContentType(mediaType: "message/rfc822")

    public var type: String { String(mediaType.prefix(while: { $0 != "/" })) }
    public var isMultipart: Bool { type == "multipart" }
    public var charset: String? { parameters["charset"] }
    public var boundary: String? { parameters["boundary"] }

    /// The type in `header`, or `fallback` when it has none or it is not `type/subtype`.
    public static func of(_ header: MessageHeader, default fallback: ContentType = .textPlain) -> ContentType {
        guard let text = header.text("content-type") else { return fallback }
        let parsed = MIMEParameters.parse(text)
        let halves = parsed.value.split(separator: "/", omittingEmptySubsequences: false)
        guard halves.count == 2, !halves[0].isEmpty, !halves[1].isEmpty,
              parsed.value.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
        else { return fallback }
        return ContentType(mediaType: parsed.value, parameters: parsed.parameters)
    }
}
