import Foundation
import FunnelCore

/// Long text written in the user's editor ($VISUAL, else $EDITOR, else vi), in an owner-only
/// temporary file that is removed afterwards: notes hold personal data.
enum ExternalEditor {
    static func edit(help: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0?.nilIfBlank }.first ?? "vi"
        let folder = FileManager.default.temporaryDirectory.path
        var template = Array("\(folder)/funnel-note-XXXXXX.txt".utf8CString)
        let fd = mkstemps(&template, 4) // created 0600
        guard fd >= 0 else { throw FunnelError.store("cannot create a temporary file for the editor") }
        let path = String(cString: template)
        defer { unlink(path) }
        let header = "\n# \(help)\n# Lines starting with # are ignored; an empty note is cancelled.\n"
        _ = header.withCString { write(fd, $0, strlen($0)) }
        close(fd)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The editor variable may carry arguments ("code --wait"): let the shell split it.
        process.arguments = ["-c", "\(editor) \"$1\"", "sh", path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw FunnelError.invalid("the editor (\(editor)) exited with status \(process.terminationStatus); nothing was saved")
        }
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("#") }.joined(separator: "\n").trimmed
    }
}
