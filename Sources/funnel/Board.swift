import Foundation
import FunnelApp
import FunnelCore
import FunnelStore
import FunnelTerminal
import FunnelUI

/// Opens the board on the store at `storePath` in this terminal. The store is opened (and a
/// bad path reported) before the terminal is taken, so errors print as plain sentences.
func openBoard(storePath: String) throws {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
        throw FunnelError.invalid("the board needs a terminal (stdin and stdout must be a TTY); scripts use the subcommands: funnel --help")
    }
    let environment = ProcessInfo.processInfo.environment
    let loaded = try Config.load(environment: environment)
    let store = try Store.open(at: storePath).matching(with: loaded.matching.vocabulary)
    let config = try loaded.completed(by: store)
    let terminal: NcursesTerminal
    do {
        terminal = try NcursesTerminal.start()
    } catch {
        throw FunnelError.invalid("\(error)")
    }
    let settings = UISettings(unicode: Locale.isUTF8(environment), color: (environment["NO_COLOR"] ?? "").isEmpty,
                              rules: config.rules)
    let signal: Int32?
    do {
        signal = try BoardApp.run(store: store, terminal: terminal, settings: settings, config: config, environment: environment)
    } catch {
        terminal.stop()
        throw error
    }
    terminal.stop()
    if let signal { exit(128 + signal) }
}

extension Locale {
    /// Whether the character set the terminal was given (LC_ALL, else LC_CTYPE, else LANG) is UTF-8.
    static func isUTF8(_ environment: [String: String]) -> Bool {
        let value = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let lower = value.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8")
    }
}
