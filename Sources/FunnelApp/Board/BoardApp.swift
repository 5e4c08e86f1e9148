import Foundation
import FunnelCore
import FunnelStore
import FunnelUI

/// Opens the board on a store in a real terminal and runs it until the recruiter quits.
/// The terminal is passed in (ncurses in the binary, a fake one in tests).
public enum BoardApp {
    /// Returns the signal that ended the session (SIGTERM, SIGHUP, SIGINT), if one did, so the
    /// process can exit with 128 + its number as shells expect.
    @discardableResult
    public static func run(store: Store, terminal: any Terminal, settings: UISettings = UISettings(), config: Config? = nil,
                           environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Int32? {
        // Without a configuration, the defaults, with the rules the settings carry.
        let config = config ?? {
            var defaults = Config.defaults(environment: environment)
            defaults.rules = settings.rules
            return defaults
        }()
        let clock = { (try? AppClock.moment(environment: environment)) ?? Moment(now: Date(), timeZone: .current) }
        var (state, effects) = App.start(size: terminal.size, moment: clock(), settings: settings)
        var runner = StoreEffects(store: store, clock: clock, config: config, environment: environment)
        // The first frame already shows the desk: run the opening reads before drawing.
        var queue = effects.flatMap { runner.run($0, terminal: terminal) }
        while !queue.isEmpty {
            effects = App.update(&state, queue.removeFirst())
            queue += effects.flatMap { runner.run($0, terminal: terminal) }
        }
        let runtime = Runtime(program: BoardProgram(state: state), runner: runner, terminal: terminal)
        runtime.run()
        // Quit (or a signal) in the middle of a campaign's send: the message in hand was
        // recorded by its step; the run ends here, so the campaign says "stopped", not "sending".
        if let id = runtime.runner.campaignRun?.id {
            try runtime.runner.store.finishCampaignRun(id, at: clock().now)
        }
        return runtime.endingSignal
    }
}
