import Foundation
import FunnelCore

/// The mailboxes `funnel inbox` reads: a Maildir folder or an mbox file. Both give their
/// messages lazily as `MailboxEntry` values (key first, message on demand), in a stable order.
/// Formats and rules: docs/mailbox.md.
public enum MailboxReader {
    public static func open(maildir path: String) throws -> Maildir { try Maildir(path: path) }

    /// `after`: the last key a previous run saw in this file; only later messages are given
    /// when it is still there (`Mbox.resumed`).
    public static func open(mbox path: String, after key: String? = nil) throws -> Mbox { try Mbox(path: path, after: key) }

    /// Either, by what is at `path`: a folder is a Maildir, a file an mbox.
    public static func open(path: String) throws -> AnySequence<MailboxEntry> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FunnelError.notFound("no mailbox at \(path): it does not exist")
        }
        return isDirectory.boolValue ? AnySequence(try open(maildir: path)) : AnySequence(try open(mbox: path))
    }
}
