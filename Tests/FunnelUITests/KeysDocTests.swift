import Foundation
@testable import FunnelUI
import Testing

/// docs/keys.md must list every key of `Keymap.bindings`, per screen, and must not claim a key
/// does an action the table does not bind it to.
@Suite struct KeysDocTests {
    struct Row {
        var keys: [String]
        var action: String
        var line: Int
    }

    static let path = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/keys.md")

    /// The tables of docs/keys.md by screen: each row's keys (its `code` spans) and action.
    static func tables() throws -> [KeyContext: [Row]] {
        let text = try String(contentsOf: path, encoding: .utf8)
        var tables: [KeyContext: [Row]] = [:]
        var context: KeyContext?
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("## ") {
                context = KeyContext(rawValue: line.dropFirst(3).trimmingCharacters(in: .whitespaces).lowercased())
                continue
            }
            guard let context, line.hasPrefix("|"), !line.hasPrefix("|--"), !line.hasPrefix("| Keys") else { continue }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3 else { continue }
            let spans = cells[1].split(separator: "`", omittingEmptySubsequences: false).enumerated()
                .filter { $0.offset % 2 == 1 }.map { String($0.element) }
            tables[context, default: []].append(Row(keys: spans, action: cells[2], line: number + 1))
        }
        return tables
    }

    @Test func everyScreenHasASection() throws {
        let tables = try Self.tables()
        for context in KeyContext.allCases {
            #expect(tables[context]?.isEmpty == false, "docs/keys.md has no table under \"## \(context.rawValue.capitalized)\"")
        }
    }

    @Test(arguments: KeyContext.allCases)
    func everyKeyOfTheTableIsDocumented(context: KeyContext) throws {
        let rows = try Self.tables()[context] ?? []
        for binding in Keymap.help(for: context) {
            for key in binding.keys {
                let listed = rows.contains { $0.action == binding.action.title && $0.keys.contains(key.description) }
                #expect(listed, "docs/keys.md, ## \(context.rawValue.capitalized): no row lists `\(key)` for \"\(binding.action.title)\"")
            }
        }
    }

    @Test(arguments: KeyContext.allCases)
    func theDocClaimsNoBindingTheTableLacks(context: KeyContext) throws {
        let titles = Set(Action.allCases.map(\.title))
        let bindings = Keymap.help(for: context)
        for row in try Self.tables()[context] ?? [] where titles.contains(row.action) {
            for key in row.keys {
                let bound = bindings.contains { $0.action.title == row.action && $0.keys.map(\.description).contains(key) }
                #expect(bound, "docs/keys.md line \(row.line): `\(key)` does not do \"\(row.action)\" on the \(context.rawValue) screen")
            }
        }
    }

    @Test func theParserReadsTheDoc() throws {
        let board = try #require(try Self.tables()[.board])
        let first = try #require(board.first)
        #expect(first.keys == ["k", "Up"])
        #expect(first.action == "Up")
    }
}
