import Foundation
import Testing

/// `--help` and `--version` for the root command and every subcommand.
@Suite struct HelpTests {
    static let subcommands = ["add", "show", "list", "move", "log", "note", "future-role", "search", "status", "demo"]

    @Test(arguments: [[String]()] + subcommands.map { [$0] })
    func helpAndVersion(_ command: [String]) throws {
        let sandbox = try Sandbox()
        let help = try sandbox.run(command + ["--help"])
        #expect(help.code == 0, "\(help)")
        #expect(help.stdout.contains("USAGE: funnel \(command.first.map { $0 + " " } ?? "")"))
        if let name = command.first {
            #expect(help.stdout.contains("Examples:"))
            #expect(help.stdout.contains("funnel \(name)"))
        }
        let version = try sandbox.run(command + ["--version"])
        #expect(version.code == 0)
        #expect(version.stdout == "0.1.0\n")
        // Asking for help creates no store.
        #expect(!FileManager.default.fileExists(atPath: sandbox.store))
    }

    @Test func rootHelpListsEverySubcommand() throws {
        let help = try Sandbox().run("--help")
        for name in Self.subcommands { #expect(help.stdout.contains("  \(name) ")) }
    }
}
