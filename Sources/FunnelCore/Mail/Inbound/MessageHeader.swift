import Foundation

/// The header block of a message (RFC 5322 §2.2), from raw bytes: fields in order, names
/// compared case-insensitively, repeated fields kept, folded lines unfolded (the line ending
/// goes, the white space after it stays, §2.2.3). LF-only and CRLF files read alike; a lone
/// CR is taken as part of the value. Parsing stops at the first empty line, where the body
/// starts; a line that is neither a field nor a continuation (8-bit junk, a stray mbox
/// `From ` line) is skipped. Values stay bytes until a reader asks for them.
public struct MessageHeader: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        /// Lower-cased.
        public var name: String
        /// Unfolded, without the leading white space; the raw bytes.
        public var value: [UInt8]
    }

    public var fields: [Field]
    /// Where the body starts in the parsed bytes (after the empty line), or nil when the bytes
    /// ended before an empty line (a message without a body, or a prefix read too short).
    public var bodyStart: Int?
    /// The bytes of the block itself (up to and including the empty line).
    public var length: Int

    /// The most fields read from one block: more is not mail, and bounds the work.
    public static let maxFields = 2000

    public init(fields: [Field], bodyStart: Int?, length: Int) {
        self.fields = fields
        self.bodyStart = bodyStart
        self.length = length
    }

    /// The first field named `name` (lower-case), as raw bytes.
    public func raw(_ name: String) -> [UInt8]? {
        fields.first(where: { $0.name == name })?.value
    }

    /// Every field named `name` (lower-case), in order.
    public func all(_ name: String) -> [[UInt8]] {
        fields.filter { $0.name == name }.map(\.value)
    }

    /// The first field named `name` as text (UTF-8, else Latin-1), trimmed; not RFC 2047-decoded.
    public func text(_ name: String) -> String? {
        guard let value = raw(name) else { return nil }
        var start = value.startIndex, end = value.endIndex
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        while start < end, isBlank(value[start]) { start += 1 }
        while end > start, isBlank(value[end - 1]) { end -= 1 }
        return Charset.utf8OrLatin1(value[start..<end])
    }

    public func has(_ name: String) -> Bool { fields.contains(where: { $0.name == name }) }

    /// Parses the block at the start of `bytes`.
    public static func parse(_ bytes: ArraySlice<UInt8>) -> MessageHeader {
        var fields: [Field] = []
        var i = bytes.startIndex
        let end = bytes.endIndex
        var bodyStart: Int?
        var current: Field?
        while i < end {
            // One line: [i, lineEnd) without its ending; next is the following line.
            var lineEnd = i
            while lineEnd < end, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let next = lineEnd < end ? lineEnd + 1 : end
            var contentEnd = lineEnd
            if contentEnd > i, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            if contentEnd == i, lineEnd < end {
                bodyStart = next
                i = next
                break
            }
            let first = bytes[i]
            if first == 0x20 || first == 0x09 {
                // A continuation: the line ending goes, the line (white space first) is appended.
                current?.value.append(contentsOf: bytes[i..<contentEnd])
            } else if let colon = fieldColon(bytes, from: i, to: contentEnd) {
                if let field = current { fields.append(field) }
                current = nil
                if fields.count >= maxFields { i = next; continue }
                var nameEnd = colon
                while nameEnd > i, bytes[nameEnd - 1] == 0x20 || bytes[nameEnd - 1] == 0x09 { nameEnd -= 1 }
                var valueStart = colon + 1
                while valueStart < contentEnd, bytes[valueStart] == 0x20 || bytes[valueStart] == 0x09 { valueStart += 1 }
                let name = String(decoding: bytes[i..<nameEnd].map { $0 | (($0 >= 0x41 && $0 <= 0x5A) ? 0x20 : 0) }, as: UTF8.self)
                current = Field(name: name, value: Array(bytes[valueStart..<contentEnd]))
            } else {
                // Not a field: close the open one so junk is never glued to it.
                if let field = current { fields.append(field) }
                current = nil
            }
            i = next
        }
        if let field = current, fields.count < maxFields { fields.append(field) }
        return MessageHeader(fields: fields, bodyStart: bodyStart, length: (bodyStart ?? end) - bytes.startIndex)
    }

    public static func parse(_ bytes: [UInt8]) -> MessageHeader { parse(bytes[...]) }

    /// The colon ending a field name of printable ASCII (white space allowed before the colon,
    /// as obsolete syntax has it), or nil when the line is not a field.
    static func fieldColon(_ bytes: ArraySlice<UInt8>, from start: Int, to end: Int) -> Int? {
        var i = start
        while i < end, bytes[i] > 0x20, bytes[i] < 0x7F, bytes[i] != UInt8(ascii: ":") { i += 1 }
        guard i > start, i - start <= 200 else { return nil }
        var j = i
        while j < end, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
        return j < end && bytes[j] == UInt8(ascii: ":") ? j : nil
    }

    /// Where the first empty line ends in `bytes` (the body's start), or nil when there is none:
    /// for a reader that reads a file's head in chunks until the header block is whole.
    public static func bodyStart(in bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        var lineStart = i
        while i < bytes.endIndex {
            if bytes[i] == 0x0A {
                let length = i - lineStart
                if length == 0 || (length == 1 && bytes[lineStart] == 0x0D) { return i + 1 }
                lineStart = i + 1
            }
            i += 1
        }
        return nil
    }
}
