import ArgumentParser
import Foundation
import FunnelCore
import FunnelStore

/// `funnel backup PATH`: a consistent copy of the store, safe while the app is open.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the store to a new owner-only file (SQLite online backup; safe while Funnel is open).")

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("The backup file to create.", valueName: "path"))
    var path: String

    @Flag(name: .long, help: "Replace the file if it exists.")
    var force = false

    func run() throws {
        let store = try self.store.open()
        let report = try store.backup(to: path, overwrite: force)
        let size = String(format: "%.1f MB", Double(report.bytes) / 1_048_576)
        FileHandle.standardOutput.write(Data("backed up \(report.candidates) candidate\(report.candidates == 1 ? "" : "s") to \(report.path) (\(size))\n".utf8))
    }
}
