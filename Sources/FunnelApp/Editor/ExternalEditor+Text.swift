import Foundation
import FunnelCore

/// Opens `$VISUAL`, else `$EDITOR`, else `vi`, on a private temporary file (folder 0700, file
/// 0600: it may hold personal data) and returns what was saved. The command runs through
/// `/bin/sh -c`, so `EDITOR="code -w"` works. The terminal UI must suspend itself around this.
extension ExternalEditor {
    /// Lets the user edit `text` in their editor and returns what was saved. Runs the editor
    /// with `run(on:)` (the same launcher the board uses while it suspends the screen).
    public static func edit(_ text: String, fileName: String = "funnel.txt",
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        let folder = try PrivateFiles.temporaryFolder(in: environment["TMPDIR"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/" + fileName
        try PrivateFiles.write(Data(text.utf8), to: path)
        do {
            try ExternalEditor.run(on: path, environment: environment)
        } catch let error as ExternalEditorError {
            throw FunnelError.invalid(error.description)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FunnelError.invalid("the edited file is gone: nothing saved")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// `edit`, for text with instructions: lines starting with `#` are dropped from the result.
    public static func edit(help: String, fileName: String = "note.txt",
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        let header = "\n# \(help)\n# Lines starting with # are ignored; an empty text is cancelled.\n"
        return try edit(header, fileName: fileName, environment: environment)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("#") }.joined(separator: "\n").trimmed
    }

    /// Whether standard input and output are a terminal (an editor can be shown).
    public static var isInteractive: Bool { isatty(0) == 1 && isatty(1) == 1 }
}

/// Owner-only files and folders for personal data.
public enum PrivateFiles {
    /// A new folder only the owner can enter, in `parent` (else $TMPDIR, else /tmp).
    public static func temporaryFolder(in parent: String? = nil) throws -> String {
        let base = (parent?.nilIfBlank ?? ProcessInfo.processInfo.environment["TMPDIR"]?.nilIfBlank ?? "/tmp") + "/funnel.XXXXXX"
        var template = Array(base.utf8CString)
        guard let made = mkdtemp(&template) else {
            throw FunnelError.invalid("cannot create a temporary folder: \(String(cString: strerror(errno)))")
        }
        return String(cString: made)
    }

    /// Creates the folder (and its parents) with mode 0700 if it does not exist.
    public static func makeFolder(_ path: String) throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw FunnelError.invalid("\(path) is not a folder") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw FunnelError.invalid("cannot create the folder \(path): \(error.localizedDescription)")
        }
    }

    /// Writes a new file with mode 0600; refuses to overwrite an existing one.
    public static func write(_ data: Data, to path: String, exclusive: Bool = true) throws {
        let flags = O_WRONLY | O_CREAT | (exclusive ? O_EXCL : O_TRUNC)
        let fd = open(path, flags, 0o600)
        guard fd >= 0 else { throw FunnelError.invalid("cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                guard n > 0 else { throw FunnelError.invalid("cannot write \(path): \(String(cString: strerror(errno)))") }
                offset += n
            }
        }
    }
}
