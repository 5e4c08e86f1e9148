import Foundation
import FunnelCore

/// Machine-readable output: JSON with snake_case keys, ISO 8601 instants, sorted keys, so
/// scripts and diffs see a stable shape (docs/cli.md documents each command's).
enum JSONOutput {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Prints a value as JSON on stdout, with the characters JSON leaves raw escaped (`JSONInvisibles`).
    static func print<T: Encodable>(_ value: T) throws {
        let data = try encoder().encode(value)
        Swift.print(String(decoding: JSONInvisibles.escaped(data), as: UTF8.self))
    }
}
