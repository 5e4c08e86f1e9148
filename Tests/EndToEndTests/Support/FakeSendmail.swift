import Foundation

extension Workspace {
    /// A sendmail that takes its time (so the progress line can be seen) and keeps every message
    /// it is given as a file named after its Message-ID, in the folder returned; and the
    /// config.toml that makes it the mail command, with the recruiter's name and address.
    func fakeSendmail(delay: String = "0.15") throws -> URL {
        let sent = folder.appendingPathComponent("sent")
        try FileManager.default.createDirectory(at: sent, withIntermediateDirectories: true)
        let script = folder.appendingPathComponent("fake-sendmail.sh")
        try """
            #!/bin/sh
            sleep \(delay)
            message=$(cat)
            id=$(printf '%s\\n' "$message" | sed -n 's/^Message-ID: <\\(.*\\)>.*/\\1/p' | head -n 1)
            printf '%s\\n' "$message" > "\(sent.path)/$id.eml"
            """.write(to: script, atomically: true, encoding: .utf8)
        let config = folder.appendingPathComponent("config/funnel")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try """
            [recruiter]
            name = "Sam Rivera"
            email = "sam@agency.example"
            [mail]
            sendmail = "sh \(script.path)"
            """.write(to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        return sent
    }
}
