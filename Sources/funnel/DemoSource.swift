import Foundation
import FunnelCore

/// Where `funnel demo` finds the fictional desk, `sample-data/desk.json`, in this order:
/// 1. `--from PATH` (the file, or a folder holding desk.json);
/// 2. `$FUNNEL_SAMPLE_DATA` (same);
/// 3. the current folder and its parents (`swift run funnel demo` from the repository);
/// 4. the folders above the executable (`.build/<triple>/debug/funnel` in a checkout, and the
///    tests, which run the built binary from anywhere);
/// 5. the checkout this binary was compiled from.
/// The data is not compiled into the binary: it is read at the moment of the build so the demo
/// follows the file in the repository, and a binary copied elsewhere can be pointed at any desk.
enum DemoSource {
    static let relativePath = "sample-data/desk.json"

    static func locate(from explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                       currentDirectory: String = FileManager.default.currentDirectoryPath,
                       executable: URL? = Bundle.main.executableURL) throws -> String {
        if let explicit = explicit?.nilIfBlank { return try named(explicit, by: "--from") }
        if let variable = environment["FUNNEL_SAMPLE_DATA"]?.nilIfBlank { return try named(variable, by: "FUNNEL_SAMPLE_DATA") }
        var starts = [URL(fileURLWithPath: currentDirectory)]
        if let executable { starts.append(executable.resolvingSymlinksInPath().deletingLastPathComponent()) }
        // This file is Sources/funnel/DemoSource.swift of the checkout the binary was built from.
        starts.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent())
        for start in starts {
            var folder = start.standardizedFileURL
            while true {
                let candidate = folder.appendingPathComponent(relativePath).path
                if FileManager.default.isReadableFile(atPath: candidate) { return candidate }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        throw FunnelError.invalid(
            "cannot find \(relativePath): run funnel demo inside the Funnel folder, or give the file with --from PATH (or $FUNNEL_SAMPLE_DATA)")
    }

    /// A path the user gave: a desk.json file or a folder holding one.
    static func named(_ path: String, by source: String) throws -> String {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw FunnelError.invalid("no demo data at \(path) (from \(source))")
        }
        let file = isFolder.boolValue ? URL(fileURLWithPath: path).appendingPathComponent("desk.json").path : path
        guard FileManager.default.isReadableFile(atPath: file) else {
            throw FunnelError.invalid("cannot read the demo data \(file) (from \(source))")
        }
        return file
    }
}
