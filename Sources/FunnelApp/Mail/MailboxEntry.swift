import Foundation
import FunnelCore

/// One message in a mailbox, not yet read: its stable `key` is known without opening it, so a
/// caller that has seen the key skips the message without reading or parsing a byte of it.
/// `message()` reads the header only, and the body only when classifying needs it (a
/// delivery report) or the text is asked for.
public struct MailboxEntry {
    enum Location {
        /// A Maildir file, read whole from its path.
        case file(path: String)
        /// A range of an mbox file; `unescape` undoes the mboxrd/mboxo `>From ` quoting.
        case range(MailFile, start: Int, length: Int)
    }

    /// Maildir: the file's unique name (before `:2,`); mbox: `offset:hash` (see `MboxMailbox`).
    public let key: String
    let location: Location

    /// The first read of a message: enough for any header block but a pathological one.
    static let headChunk = 16 * 1024
    /// A header block longer than this is cut here (it is not mail any reader needs).
    static let maxHeader = 1 << 20
    /// The most bytes of one message read for its body (a report, the text part); a larger
    /// message is read up to here, which holds any report and any text part that comes first.
    public static let maxMessage = 16 << 20

    /// The message, parsed. `readingText`: also decode its first text/plain part.
    public func message(readingText: Bool = false) throws -> InboundMessage {
        let (file, start, length, unescape) = try opened()
        var bytes = try file.read(at: start, count: min(length, Self.headChunk))
        while MessageHeader.bodyStart(in: bytes[...]) == nil, bytes.count < length, bytes.count < Self.maxHeader {
            bytes += try file.read(at: start + bytes.count, count: min(length - bytes.count, bytes.count))
        }
        let header = MessageHeader.parse(bytes[...])
        guard InboundMessage.needsBody(header, readingText: readingText) else {
            return InboundMessage(header: header, message: nil)
        }
        if bytes.count < min(length, Self.maxMessage) {
            bytes += try file.read(at: start + bytes.count, count: min(length, Self.maxMessage) - bytes.count)
        }
        if unescape { bytes = MboxQuoting.unescaped(bytes) }
        return InboundMessage(header: header, message: bytes[...], readingText: readingText)
    }

    /// The message's bytes as stored (mbox quoting undone), at most `maxMessage`.
    public func bytes() throws -> [UInt8] {
        let (file, start, length, unescape) = try opened()
        let bytes = try file.read(at: start, count: min(length, Self.maxMessage))
        return unescape ? MboxQuoting.unescaped(bytes) : bytes
    }

    func opened() throws -> (MailFile, Int, Int, Bool) {
        switch location {
        case .file(let path):
            let file = try MailFile(path: path)
            return (file, 0, file.size, false)
        case .range(let file, let start, let length):
            return (file, start, length, true)
        }
    }
}

/// mboxrd quoting (also right for mboxo, whose writers only quote `From `): a body line that
/// starts with `From ` is stored as `>From `, and one that already started with `>…>From ` gets
/// one more `>`. Reading takes one `>` off every line that matches `^>+From `.
enum MboxQuoting {
    static func unescaped(_ bytes: [UInt8]) -> [UInt8] {
        let from = Array("From ".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var lineStart = true
        var i = 0
        while i < bytes.count {
            if lineStart, bytes[i] == UInt8(ascii: ">") {
                var j = i
                while j < bytes.count, bytes[j] == UInt8(ascii: ">") { j += 1 }
                if j + from.count <= bytes.count, Array(bytes[j..<j + from.count]) == from {
                    i += 1  // drop one ">"
                }
            }
            let byte = bytes[i]
            out.append(byte)
            lineStart = byte == 0x0A
            i += 1
        }
        return out
    }
}
