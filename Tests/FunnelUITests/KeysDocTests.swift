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
        tables(try String(contentsOf: path, encoding: .utf8))
    }

    static func tables(_ text: String) -> [KeyContext: [Row]] {
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

    /// The keys of the key table that no row of `rows` lists for their action, as "key: title".
    static func undocumented(_ context: KeyContext, rows: [Row]) -> [String] {
        Keymap.help(for: context).flatMap { binding in
            binding.keys.filter { key in
                !rows.contains { $0.action == binding.action.title && $0.keys.contains(key.description) }
            }.map { "\($0): \(binding.action.title)" }
        }
    }

    @Test(arguments: KeyContext.allCases)
    func everyKeyOfTheTableIsDocumented(context: KeyContext) throws {
        let rows = try Self.tables()[context] ?? []
        for missing in Self.undocumented(context, rows: rows) {
            Issue.record("docs/keys.md, ## \(context.rawValue.capitalized): no row lists \(missing)")
        }
    }

    /// The check above can fail: dropping one row of the real doc (or one key of a row) is noticed,
    /// on the screen it was dropped from only.
    @Test func aMissingKeyIsNoticed() throws {
        let text = try String(contentsOf: Self.path, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func without(_ prefix: String, under heading: String) throws -> String {
            let start = try #require(lines.firstIndex(of: heading))
            let index = try #require(lines[start...].firstIndex { $0.hasPrefix(prefix) }, "no \(prefix) under \(heading)")
            var copy = lines
            copy.remove(at: index)
            return copy.joined(separator: "\n")
        }
        let cases: [(heading: String, row: String, context: KeyContext, missing: [String])] = [
            ("## Board", "| `t` |", .board, ["t: Today: who is due"]),
            ("## Board", "| `o` |", .board, ["o: Sort by activity / name / engagement"]),
            ("## Today", "| `5` |", .today, ["5: Log: not now (asks the future role)"]),
            ("## Today", "| `Esc` `q` |", .today, ["Esc: Back", "q: Back"]),
            ("## Report", "| `Ctrl-R` |", .report, ["Ctrl-R: Reload from the store"]),
            ("## Candidate", "| `R` |", .candidate, ["R: Report: the funnel overview"]),
        ]
        for (heading, row, context, missing) in cases {
            let tables = Self.tables(try without(row, under: heading))
            #expect(Self.undocumented(context, rows: tables[context] ?? []) == missing, "\(heading) without \(row)")
            for other in KeyContext.allCases where other != context {
                #expect(Self.undocumented(other, rows: tables[other] ?? []).isEmpty, "\(other) after dropping \(row)")
            }
        }
        // A key dropped from a row that keeps its other keys.
        let edited = text.replacingOccurrences(of: "| `>` `L` | Move to next stage | the selected person |",
                                               with: "| `>` | Move to next stage | the selected person |")
        #expect(edited != text)
        #expect(Self.undocumented(.today, rows: Self.tables(edited)[.today] ?? []) == ["L: Move to next stage"])
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
