import Foundation
import FunnelCore

/// Where a composed message goes: a sendmail-compatible command, or a `.eml` file in the outbox.
public enum MailDelivery: Sendable, Equatable {
    case command(String)
    case outbox(String)

    /// What happened, for the message line: "sent with msmtp -t" / "written to …".
    public enum Receipt: Sendable, Equatable {
        case sent(command: String)
        case written(path: String)

        public var summary: String {
            switch self {
            case let .sent(command): "sent with `\(command)`"
            case let .written(path): "written to \(path) (not sent: no [mail] sendmail command configured)"
            }
        }
    }

    /// Sends or writes the message. The message is rendered first: a header the writer refuses
    /// (see `HeaderWriter`) is an error before any command runs or file is written. A command that
    /// exits non-zero is an error carrying its standard error, so the caller logs nothing.
    public func deliver(_ message: MailMessage, fileStem: String) throws -> Receipt {
        switch self {
        case let .command(command):
            let text = try message.rendered(lineEnding: "\n")
            try Self.run(command, input: Data(text.utf8))
            return .sent(command: command)
        case let .outbox(folder):
            let text = try message.rendered(lineEnding: "\r\n")
            try PrivateFiles.makeFolder(folder)
            var path = folder + "/" + fileStem + ".eml"
            var n = 2
            while FileManager.default.fileExists(atPath: path) {
                path = folder + "/" + fileStem + "-\(n).eml"
                n += 1
            }
            try PrivateFiles.write(Data(text.utf8), to: path)
            return .written(path: path)
        }
    }

    /// Runs `command` through `/bin/sh -c` with `input` on standard input. Output goes to a private
    /// temporary file (no pipe to fill up and block on) and is quoted back on failure.
    static func run(_ command: String, input: Data) throws {
        let folder = try PrivateFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let outputPath = folder + "/output"
        try PrivateFiles.write(Data(), to: outputPath)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        defer { try? output.close() }
        let stdin = Pipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.standardInput = stdin
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            throw FunnelError.refused("cannot run the mail command `\(command)`: \(error.localizedDescription); nothing was logged")
        }
        // The command may exit without reading everything: a broken pipe must not kill us.
        signal(SIGPIPE, SIG_IGN)
        try? stdin.fileHandleForWriting.write(contentsOf: input)
        try? stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        guard process.terminationStatus == 0, process.terminationReason == .exit else {
            let said = String(decoding: FileManager.default.contents(atPath: outputPath) ?? Data(), as: UTF8.self).trimmed
            let how = process.terminationReason == .exit ? "exited with status \(process.terminationStatus)"
                : "was killed by signal \(process.terminationStatus)"
            throw FunnelError.refused("the mail command `\(command)` \(how)\(said.isEmpty ? "" : ": \(said)"); nothing was logged")
        }
    }
}
