// swift-tools-version: 6.0
// Funnel: a keyboard-driven terminal workstation for recruiters.
// Layout and the direction of dependencies are explained in docs/architecture.md.
import PackageDescription

let package = Package(
    name: "Funnel",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "funnel", targets: ["funnel"]),
        .executable(name: "funnel-bench", targets: ["funnel-bench"]),
        // For the fuzzers in Fuzz/ (their own package, docs/fuzzing.md); nothing here builds them.
        .library(name: "FunnelFuzzable", targets: ["FunnelCore", "FunnelStore", "FunnelUI", "FunnelTerminal"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
    ],
    targets: [
        // Pure domain and rules: no I/O, no clock (time is passed in).
        .target(name: "FunnelCore"),
        // SQLite through GRDB: migrations, records, paged queries, search, import/export, erase.
        .target(
            name: "FunnelStore",
            dependencies: [
                "FunnelCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        // Pure UI: state, reduce, views rendering into a Screen. No ncurses here.
        .target(name: "FunnelUI", dependencies: ["FunnelCore"]),
        // Tiny C helpers: wcwidth, async-signal-safe terminal restore.
        .target(name: "CShims"),
        // The system ncursesw library (wide characters).
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        // The ncurses implementation of FunnelUI.Terminal.
        .target(name: "FunnelTerminal", dependencies: ["FunnelUI", "CNcursesw", "CShims"]),
        // The runtime loop (keys -> reduce -> effects against the store -> render), config, paths.
        .target(
            name: "FunnelApp",
            dependencies: [
                "FunnelCore", "FunnelStore", "FunnelUI", "CShims",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .executableTarget(
            name: "funnel",
            dependencies: [
                "FunnelCore", "FunnelStore", "FunnelUI", "FunnelApp", "FunnelTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Generates a deterministic store of any size and prints timings (docs/performance.md).
        .executableTarget(
            name: "funnel-bench",
            dependencies: [
                "FunnelCore", "FunnelStore", "FunnelUI", "FunnelApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The hostile-input corpus (issue 9), loaded by the test targets that drive it.
        .target(name: "HostileCorpus", path: "Tests/HostileCorpus", exclude: ["bytes", "README.md", "corpus.json"],
                sources: ["HostileCorpus.swift"]),
        .testTarget(name: "FunnelCoreTests", dependencies: ["FunnelCore", "HostileCorpus"]),
        // Fixtures/ (the import corpus) are read by path (#filePath), not bundled.
        .testTarget(name: "FunnelStoreTests", dependencies: ["FunnelStore", "FunnelCore", "HostileCorpus"], exclude: ["Fixtures"]),
        // __Snapshots__/ are read by path (#filePath), not bundled.
        .testTarget(name: "FunnelUITests", dependencies: ["FunnelUI", "FunnelCore", "HostileCorpus"], exclude: ["__Snapshots__"]),
        // Key decoding and width agreement with the C library's wcwidth; no terminal needed.
        .testTarget(name: "FunnelTerminalTests", dependencies: ["FunnelTerminal", "FunnelUI", "CShims"]),
        .testTarget(name: "FunnelAppTests", dependencies: ["FunnelApp", "FunnelUI", "FunnelStore", "FunnelCore", "HostileCorpus",
                                                    .product(name: "GRDB", package: "GRDB.swift")]),
        // Run the built `funnel` binary as a process; the dependency makes `swift test` build it.
        // GRDB reads the store file independently of the binary (before/after dumps); Fixtures/ are read by path.
        .testTarget(name: "FunnelCLITests", dependencies: ["funnel", "FunnelStore", "FunnelCore", "HostileCorpus", .product(name: "GRDB", package: "GRDB.swift")],
                    exclude: ["Fixtures"]),
        // Drive the real binary inside tmux, then check the store; funnel-bench for the latency smoke test.
        .testTarget(name: "EndToEndTests", dependencies: ["funnel", "funnel-bench", "FunnelStore", "FunnelCore"]),
    ]
)
