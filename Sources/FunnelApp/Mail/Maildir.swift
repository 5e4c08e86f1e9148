import Foundation
import FunnelCore

/// A Maildir (as mutt, neomutt, aerc, mbsync and offlineimap keep one): every message is a
/// file in `new/` (not yet seen by a mail client) or `cur/` (seen); `tmp/` holds deliveries in
/// progress and is never read, and names starting with a dot (`.gitkeep`, editors' files) are
/// skipped. A message's key is its unique name, the part before the `:` that starts the flags
/// (`1733560000.M1P2.host:2,S` → `1733560000.M1P2.host`), so a client marking it read (moving
/// it to `cur/` and adding `:2,S`) does not make it new. Entries come in key order; a key in
/// both folders (a client caught mid-move) is given once.
public struct Maildir: Sequence {
    public let path: String
    /// (key, file path), sorted by key.
    let files: [(key: String, path: String)]

    public init(path: String) throws {
        self.path = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FunnelError.notFound("no Maildir at \(path): it does not exist")
        }
        let folders = ["new", "cur"].map { (path as NSString).appendingPathComponent($0) }
        guard isDirectory.boolValue,
              folders.allSatisfy({ FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && isDirectory.boolValue })
        else { throw FunnelError.invalid("\(path) is not a Maildir: it needs the folders new/ and cur/") }
        var seen = Set<String>()
        var files: [(key: String, path: String)] = []
        for folder in folders {
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
                throw FunnelError.invalid("\(folder) cannot be read: \(error.localizedDescription)")
            }
            for name in names where !name.hasPrefix(".") {
                let key = Self.key(name)
                if seen.insert(key).inserted { files.append((key, (folder as NSString).appendingPathComponent(name))) }
            }
        }
        self.files = files.sorted { $0.key < $1.key }
    }

    /// The unique name: the file name before its first `:` (the flags).
    public static func key(_ fileName: String) -> String {
        fileName.firstIndex(of: ":").map { String(fileName[..<$0]) } ?? fileName
    }

    public var count: Int { files.count }

    public func makeIterator() -> AnyIterator<MailboxEntry> {
        var iterator = files.makeIterator()
        return AnyIterator {
            iterator.next().map { MailboxEntry(key: $0.key, location: .file(path: $0.path)) }
        }
    }
}
