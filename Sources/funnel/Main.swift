import ArgumentParser
import Foundation
import FunnelCore

/// Entry point: parses the command line and maps every failure to one sentence on stderr and a
/// meaningful exit code (docs/cli.md): 2 invalid input, 3 not found, 4 store problem, 5 refused.
@main
enum Main {
    static func main() {
        do {
            var command = try Funnel.parseAsRoot()
            try command.run()
        } catch let error as FunnelError {
            fail(error.message, code: exitCode(error.kind))
        } catch {
            Funnel.exit(withError: error)
        }
    }

    static func exitCode(_ kind: FunnelError.Kind) -> Int32 {
        switch kind {
        case .invalid: 2
        case .notFound: 3
        case .store: 4
        case .refused: 5
        }
    }

    static func fail(_ message: String, code: Int32) -> Never {
        StandardError.write("funnel: \(message)\n")
        exit(code)
    }
}
