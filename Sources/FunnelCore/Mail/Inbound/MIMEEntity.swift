import Foundation

/// One MIME entity (RFC 2045/2046): a header and a body, where the body of a multipart entity
/// is a list of entities split at its boundary. Bytes are kept as slices of the message, so
/// walking a message copies nothing until a part is decoded.
public struct MIMEEntity: Sendable {
    public var header: MessageHeader
    public var contentType: ContentType
    /// The body, still transfer-encoded.
    public var body: ArraySlice<UInt8>

    /// Nesting deeper than this is not mail: the walk stops (hostile input cannot recurse without bound).
    public static let maxDepth = 10
    /// The most parts read from one multipart body.
    public static let maxParts = 500

    public init(_ bytes: ArraySlice<UInt8>, default fallback: ContentType = .textPlain) {
        header = MessageHeader.parse(bytes)
        contentType = ContentType.of(header, default: fallback)
        body = bytes[(header.bodyStart ?? bytes.endIndex)...]
    }

    /// The lower-cased Content-Transfer-Encoding, if any.
    public var transferEncoding: String? { header.text("content-transfer-encoding")?.lowercased() }

    /// Whether the part is marked `Content-Disposition: attachment`.
    public var isAttachment: Bool {
        header.text("content-disposition").map { MIMEParameters.parse($0).value == "attachment" } ?? false
    }

    /// The body with its transfer encoding undone; at most `limit` encoded bytes are read.
    public func decodedBody(limit: Int = .max) -> [UInt8] {
        let slice = body.count > limit ? body.prefix(limit) : body
        return TransferEncoding.decode(slice, encoding: transferEncoding)
    }

    /// The parts of a multipart body (empty for any other type, or without a boundary).
    /// The preamble before the first delimiter and the epilogue after the last are ignored; a
    /// body that ends without its closing delimiter ends its last part at the end.
    public var parts: [MIMEEntity] {
        guard contentType.isMultipart, let boundary = contentType.boundary, !boundary.isEmpty, boundary.utf8.count <= 200 else { return [] }
        let partDefault: ContentType = contentType.mediaType == "multipart/digest" ? .messageRFC822 : .textPlain
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [MIMEEntity] = []
        var partStart: Int?
        var i = body.startIndex
        let end = body.endIndex
        while i < end {
            var lineEnd = i
            while lineEnd < end, body[lineEnd] != 0x0A { lineEnd += 1 }
            if let closing = Self.delimiterLine(body, from: i, to: lineEnd, delimiter: delimiter) {
                if let start = partStart {
                    // The line ending before the delimiter belongs to the delimiter (RFC 2046 §5.1.1).
                    var stop = i
                    if stop > start, body[stop - 1] == 0x0A { stop -= 1 }
                    if stop > start, body[stop - 1] == 0x0D { stop -= 1 }
                    parts.append(MIMEEntity(body[start..<max(start, stop)], default: partDefault))
                    if parts.count >= Self.maxParts { return parts }
                }
                if closing { return parts }
                partStart = lineEnd < end ? lineEnd + 1 : end
            }
            i = lineEnd < end ? lineEnd + 1 : end
        }
        if let start = partStart, start < end { parts.append(MIMEEntity(body[start..<end], default: partDefault)) }
        return parts
    }

    /// Whether the line [start, end) is the delimiter (false) or the closing delimiter (true):
    /// `--boundary` or `--boundary--`, then only white space.
    static func delimiterLine(_ bytes: ArraySlice<UInt8>, from start: Int, to end: Int, delimiter: [UInt8]) -> Bool? {
        guard end - start >= delimiter.count else { return nil }
        for (k, byte) in delimiter.enumerated() where bytes[start + k] != byte { return nil }
        var i = start + delimiter.count
        var closing = false
        if i + 1 < end, bytes[i] == UInt8(ascii: "-"), bytes[i + 1] == UInt8(ascii: "-") {
            closing = true
            i += 2
        }
        while i < end {
            guard bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D else { return nil }
            i += 1
        }
        return closing
    }

    /// The first text/plain part that is not an attachment, depth first, without entering
    /// message/rfc822 parts (a forwarded message's text is not the sender's).
    public func firstPlainText(depth: Int = 0) -> MIMEEntity? {
        guard depth <= Self.maxDepth else { return nil }
        if contentType.isMultipart {
            for part in parts {
                if let found = part.firstPlainText(depth: depth + 1) { return found }
            }
            return nil
        }
        return contentType.mediaType == "text/plain" && !isAttachment ? self : nil
    }

    /// The part's text: transfer-decoded, charset-decoded, line endings as `\n`, controls other
    /// than line feeds and tabs shown as visible escapes, at most `limit` bytes of UTF-8.
    public func text(limit: Int) -> String {
        // Encoded text is at most ~1.4 times its decoded size (base64); read a little more than needed.
        let decoded = decodedBody(limit: limit * 2 + 1024)
        var text = Charset.decode(decoded, charset: contentType.charset)
        if text.utf8.contains(0x0D) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        text = VisibleText.escaped(text, keepingLineBreaks: true)
        guard text.utf8.count > limit else { return text }
        var cut = String.UnicodeScalarView()
        var used = 0
        for character in text {
            let size = character.utf8.count
            if used + size > limit { break }
            cut.append(contentsOf: character.unicodeScalars)
            used += size
        }
        return String(cut)
    }
}
