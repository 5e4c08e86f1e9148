import Foundation
import FunnelCore

/// An mbox file (mboxo or mboxrd, as mutt and neomutt write them; LF or CRLF): messages
/// separated by `From ` lines, each at the start of the file or after an empty line. The file
/// is scanned in chunks, never held whole in memory, and only for separators; a message is read
/// when its entry is asked for. `Content-Length` headers are ignored (they are often wrong);
/// the empty line before a separator belongs to the separator; the last message may end
/// without a newline; `>From ` quoting is undone when a body is read (`MboxQuoting`).
///
/// An entry's key is `offset:hash` — the byte offset of its `From ` line and 8 hex digits of
/// the `StableHash` of the bytes from there (at most 256, not past its header block). Mail
/// appended to the file leaves every earlier key as it was, so `after:` a stored key resumes
/// at the first new message; a file rewritten since (messages deleted or moved) no longer has
/// that key at that offset, and the scan starts again at the beginning (`resumed` is false).
public struct Mbox: Sequence {
    public let path: String
    let file: MailFile
    /// Where the scan starts: a separator's offset, or 0.
    let start: Int
    /// Whether the entry at `start` is skipped (it is the one named by `after`).
    let skipFirst: Bool
    /// True when `after` named an entry still in the file at its place: only later entries are given.
    public let resumed: Bool

    static let keyBytes = 256

    public init(path: String, after key: String? = nil) throws {
        self.path = path
        file = try MailFile(path: path)
        let head = try file.read(at: 0, count: 5)
        guard head.isEmpty || head == Array("From ".utf8) else {
            throw FunnelError.invalid("\(path) is not an mbox file: it does not start with a 'From ' line")
        }
        if let key, let (offset, _) = Self.parseKey(key), offset < file.size,
           try Self.isSeparator(file, at: offset), try Self.key(file, at: offset) == key {
            start = offset
            skipFirst = true
            resumed = true
        } else {
            start = 0
            skipFirst = false
            resumed = false
        }
    }

    public func makeIterator() -> MboxIterator {
        MboxIterator(file: file, scan: ChunkScanner(file: file, from: start), pending: nil, startAt: start, skipFirst: skipFirst)
    }

    static func parseKey(_ key: String) -> (Int, String)? {
        let parts = key.split(separator: ":")
        guard parts.count == 2, let offset = Int(parts[0]), offset >= 0 else { return nil }
        return (offset, String(parts[1]))
    }

    /// The key of the entry whose `From ` line is at `offset`.
    static func key(_ file: MailFile, at offset: Int) throws -> String {
        let bytes = try file.read(at: offset, count: keyBytes)
        // Stop at the end of the header block (the empty line), which later appends never change.
        let fromLineEnd = (bytes.firstIndex(of: 0x0A) ?? bytes.count - 1) + 1
        let end = fromLineEnd < bytes.count ? (MessageHeader.bodyStart(in: bytes[fromLineEnd...]) ?? bytes.count) : bytes.count
        return "\(offset):\(StableHash.hex(bytes[..<end], digits: 8))"
    }

    /// Whether a separator starts at `offset` (checked by reading around it).
    static func isSeparator(_ file: MailFile, at offset: Int) throws -> Bool {
        let before = Swift.min(offset, 3)
        let bytes = try file.read(at: offset - before, count: before + 5)
        return ChunkScanner.isSeparator(bytes, at: before)
    }
}

public struct MboxIterator: IteratorProtocol {
    let file: MailFile
    var scan: ChunkScanner
    /// The next entry's separator offset, once found.
    var pending: Int?
    var startAt: Int
    var skipFirst: Bool
    var started = false
    var failed = false

    public mutating func next() -> MailboxEntry? {
        do {
            return try advance()
        } catch {
            // A read error mid-scan ends the sequence; the entries already given stay valid.
            failed = true
            return nil
        }
    }

    mutating func advance() throws -> MailboxEntry? {
        if failed { return nil }
        if !started {
            started = true
            var first = try scan.separator(fromLine: startAt)
            if skipFirst, let at = first {
                first = try scan.separator(fromLine: scan.lineAfter(at))
            }
            pending = first
        }
        guard let separator = pending else { return nil }
        let messageStart = try scan.lineAfter(separator)
        let following = try scan.separator(fromLine: messageStart)
        var end = file.size
        if let following {
            end = following - (try scan.blankLineLength(before: following))
        } else {
            // The last message: writers end it with the same empty line as every other.
            let tail = try file.read(at: max(messageStart, file.size - 4), count: 4)
            if tail.suffix(4) == [0x0D, 0x0A, 0x0D, 0x0A] {
                end -= 2
            } else if tail.suffix(2) == [0x0A, 0x0A] {
                end -= 1
            }
        }
        pending = following
        scan.discard(before: (following ?? file.size) - 3)
        let key = try Mbox.key(file, at: separator)
        return MailboxEntry(key: key, location: .range(file, start: messageStart, length: max(0, end - messageStart)))
    }
}

/// A forward-only window over a file, refilled in chunks: the separator search touches each
/// byte about once and holds one chunk (plus a few bytes behind) in memory.
public struct ChunkScanner {
    let file: MailFile
    var windowStart = 0
    var window: [UInt8] = []
    static let chunk = 1 << 20

    /// `from`: where the scan starts (a resumed scan never reads what comes before).
    init(file: MailFile, from start: Int) {
        self.file = file
        windowStart = start
    }

    /// Loads bytes so that [.., end) is in the window (or the file ends first).
    mutating func load(through end: Int) throws {
        while windowStart + window.count < min(end, file.size) {
            window += try file.read(at: windowStart + window.count, count: Self.chunk)
        }
    }

    /// Forgets the bytes before `offset` once they are a chunk's worth.
    mutating func discard(before offset: Int) {
        let drop = offset - windowStart
        if drop > Self.chunk, drop <= window.count {
            window.removeFirst(drop)
            windowStart = offset
        }
    }

    /// The start of the line after the one starting at `offset`, or the file's size.
    mutating func lineAfter(_ offset: Int) throws -> Int {
        var from = offset
        while true {
            try load(through: from + 1)
            let stop = windowStart + window.count
            if from >= stop { return file.size }
            let found = window.withUnsafeBufferPointer { buffer -> Int? in
                let base = buffer.baseAddress! + (from - windowStart)
                guard let hit = memchr(base, 0x0A, stop - from) else { return nil }
                return from + (UnsafeRawPointer(hit) - UnsafeRawPointer(base))
            }
            if let found { return found + 1 }
            from = stop
            if stop >= file.size { return file.size }
            try load(through: stop + Self.chunk)
        }
    }

    /// The first separator at or after the line starting at `offset`, or nil.
    mutating func separator(fromLine offset: Int) throws -> Int? {
        var line = offset
        while line < file.size {
            discard(before: line - 3)
            try load(through: line + 5)
            let local = line - windowStart
            if window[local] == UInt8(ascii: "F") {
                let before = min(local, 3)
                if Self.isSeparator(Array(window[(local - before)..<min(window.count, local + 5)]), at: before) { return line }
            }
            line = try lineAfter(line)
        }
        return nil
    }

    /// 2 when the separator at `offset` follows "\r\n", 1 after "\n", 0 at the file's start.
    mutating func blankLineLength(before offset: Int) throws -> Int {
        guard offset >= 2 else { return offset }
        let local = offset - windowStart
        if local >= 3, window[local - 2] == 0x0D { return 2 }
        return 1
    }

    /// Whether `bytes[at...]` starts `From ` at the start of the file (`at == 0` with nothing
    /// before) or after an empty line (`\n\n` or `\r\n\r\n` right before).
    static func isSeparator(_ bytes: [UInt8], at: Int) -> Bool {
        guard bytes.count >= at + 5, Array(bytes[at..<at + 5]) == Array("From ".utf8) else { return false }
        if at == 0 { return true }
        guard bytes[at - 1] == 0x0A else { return false }
        if at >= 2, bytes[at - 2] == 0x0A { return true }
        if at >= 3, bytes[at - 2] == 0x0D, bytes[at - 3] == 0x0A { return true }
        // The file starts with an empty line, then the separator.
        return at == 1 || (at == 2 && bytes[0] == 0x0D)
    }
}
