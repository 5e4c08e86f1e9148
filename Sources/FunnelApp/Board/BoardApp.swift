import Foundation
import FunnelCore
import FunnelStore
import FunnelUI

/// Opens the board on a store in a real terminal and runs it until the recruiter quits.
/// The terminal is passed in (ncurses in the binary, a fake one in tests).
public enum BoardApp {
    public static func run(store: Store, terminal: any Terminal, settings: UISettings = UISettings(),
                           environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let clock = { (try? AppClock.moment(environment: environment)) ?? Moment(now: Date(), timeZone: .current) }
        var (state, effects) = App.start(size: terminal.size, moment: clock(), settings: settings)
        var runner = StoreEffects(store: store, clock: clock, rules: settings.rules, environment: environment)
        // The first frame already shows the desk: run the opening reads before drawing.
        var queue = effects.flatMap { runner.run($0, terminal: terminal) }
        while !queue.isEmpty {
            effects = App.update(&state, queue.removeFirst())
            queue += effects.flatMap { runner.run($0, terminal: terminal) }
        }
        let runtime = Runtime(program: BoardProgram(state: state), runner: runner, terminal: terminal)
        runtime.run()
    }
}
