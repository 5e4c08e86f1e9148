import ArgumentParser
import Foundation
import FunnelApp
import FunnelCore
import FunnelStore

/// `funnel` with no subcommand opens the board; subcommands serve scripts and other tools.
struct Funnel: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "funnel",
        abstract: "The recruiter's desk in a terminal: the candidate funnel, follow-ups and future roles.",
        discussion: "With no subcommand, opens the board on the store. See docs/cli.md.",
        version: version,
        subcommands: [
            // Each subcommand lives in Commands/<Name>Command.swift.
            AddCommand.self,
            ShowCommand.self,
            ListCommand.self,
            MoveCommand.self,
            LogCommand.self,
            NoteCommand.self,
            FutureRoleCommand.self,
            SearchCommand.self,
            StatusCommand.self,
            DemoCommand.self,
            DueCommand.self,
            InboxCommand.self,
            TemplateCommand.self,
            OpeningCommand.self,
            MatchesCommand.self,
            ComposeCommand.self,
            CampaignCommand.self,
            ReportCommand.self,
            ImportCommand.self,
            ExportCommand.self,
            EraseCommand.self,
            BackupCommand.self,
            CheckCommand.self,
        ]
    )

    @OptionGroup var store: StoreOptions

    func run() throws {
        try openBoard(storePath: store.path)
    }
}

/// The store every command works on: `--db PATH`, else `$FUNNEL_DB`, else the XDG data folder.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store file (default: $FUNNEL_DB, else ~/.local/share/funnel/funnel.sqlite; for demo: ~/.local/share/funnel/demo.sqlite).",
                                            valueName: "path"))
    var db: String?

    /// The resolved path of the store file.
    var path: String { StoreLocation.resolve(db: db) }

    /// Opens (creating if needed) the store, matching with the vocabulary of config.toml (a
    /// changed vocabulary re-keys the stored answers once, so every process agrees).
    func open() throws -> Store { try Store.open(at: path).matching(with: Config.load().matching.vocabulary) }
}
