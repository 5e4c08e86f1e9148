/// Every failure the domain and the store report: one clear sentence, and a kind that maps to
/// an exit code on the command line (see docs/cli.md).
public struct FunnelError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The input is wrong: a bad date, email, stage, missing field. Exit code 2.
        case invalid
        /// The thing named does not exist (unknown candidate id). Exit code 3.
        case notFound
        /// The store cannot be used: unreadable, not SQLite, not a Funnel store, newer schema. Exit code 4.
        case store
        /// The operation is not allowed in this state (e.g. outreach to "do not contact"). Exit code 5.
        case refused
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public static func invalid(_ message: String) -> FunnelError { FunnelError(.invalid, message) }
    public static func notFound(_ message: String) -> FunnelError { FunnelError(.notFound, message) }
    public static func store(_ message: String) -> FunnelError { FunnelError(.store, message) }
    public static func refused(_ message: String) -> FunnelError { FunnelError(.refused, message) }

    public var description: String { message }
}
