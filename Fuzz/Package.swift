// swift-tools-version: 6.0
// The fuzzers of issue 9 (docs/fuzzing.md). A package of its own so that the root `swift build`
// and `swift test` never build them; it reaches the product's modules through the root package's
// `FunnelFuzzable` library. Build with the sanitizers on the command line (scripts/fuzz does):
//   swift build --package-path Fuzz -Xswiftc -sanitize=fuzzer,address
import PackageDescription

// Linked with lld: the default linker here (gold) links the sanitizer runtimes too, but warns
// "Cannot export local symbol '__asan_…'" for each of ~140 ASan helpers; lld links them clean.
let lld: [LinkerSetting] = [.unsafeFlags(["-use-ld=lld"])]

let package = Package(
    name: "FunnelFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Funnel", path: ".."),
        // The same pin as the root package: fuzz-import reads the store directly for its checks.
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        // Declares libFuzzer's LLVMFuzzerRunDriver so Swift can hand it the per-input callback.
        .target(name: "FuzzDriver"),
        .executableTarget(
            name: "fuzz-import",
            dependencies: ["FuzzDriver", .product(name: "FunnelFuzzable", package: "Funnel"),
                           .product(name: "GRDB", package: "GRDB.swift")],
            linkerSettings: lld
        ),
        .executableTarget(
            name: "fuzz-keys",
            dependencies: ["FuzzDriver", .product(name: "FunnelFuzzable", package: "Funnel")],
            linkerSettings: lld
        ),
    ],
    // The harnesses are single-threaded top-level code handed to libFuzzer as C callbacks:
    // Swift 5 mode, so their globals need no actor annotations.
    swiftLanguageModes: [.v5]
)
