import Foundation
import Testing

/// Plain-text snapshots of rendered screens, kept in `Tests/FunnelUITests/__Snapshots__/<name>.txt`.
///
/// A missing file, or `FUNNEL_RECORD_SNAPSHOTS=1`, writes the snapshot and FAILS the test:
/// recording is never a pass, so a fresh clone passes only against committed snapshots that a
/// person has read. On a mismatch the actual text is written next to the system's temporary
/// files and the first differing line is named.
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__")

    static var recording: Bool { ProcessInfo.processInfo.environment["FUNNEL_RECORD_SNAPSHOTS"] == "1" }

    static func text(_ lines: [String]) -> String { lines.joined(separator: "\n") + "\n" }
}

func assertSnapshot(_ lines: [String], named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let file = Snapshot.directory.appendingPathComponent("\(name).txt")
    let actual = Snapshot.text(lines)
    let fm = FileManager.default
    guard !Snapshot.recording, let data = fm.contents(atPath: file.path) else {
        do {
            try fm.createDirectory(at: Snapshot.directory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: file)
            Issue.record("Recorded snapshot \(file.lastPathComponent): read it, then run again to compare\n\(actual)",
                         sourceLocation: sourceLocation)
        } catch {
            Issue.record("Cannot record snapshot \(file.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    let expected = String(decoding: data, as: UTF8.self)
    guard expected != actual else { return }
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let firstDifference = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        ?? min(expectedLines.count, actualLines.count)
    let saved = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("\(name).actual.txt")
    try? Data(actual.utf8).write(to: saved)
    let line = { (lines: [String], i: Int) in lines.indices.contains(i) ? "|\(lines[i])|" : "(none)" }
    Issue.record("""
        Snapshot \(name) differs at line \(firstDifference + 1):
          expected \(line(expectedLines, firstDifference))
          actual   \(line(actualLines, firstDifference))
        Actual written to \(saved.path); FUNNEL_RECORD_SNAPSHOTS=1 re-records.
        \(actual)
        """, sourceLocation: sourceLocation)
}
