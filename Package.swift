// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "factcheck",
    // macOS 15: Synchronization's Mutex and String(validating:as:).
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "factcheck", targets: ["factcheck"]),
        .library(name: "FactCheckKit", targets: ["FactCheckKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Layer 1: libxml2 itself, found through pkg-config, with a small C shim.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // The workspace index's store: the system SQLite (with FTS5), found through pkg-config, and a
        // safe Swift layer that owns every SQLite pointer.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        .target(name: "SQLiteStore", dependencies: ["CSQLite"]),
        // The allocator libxml2 is given: malloc with a per-thread cache of small blocks.
        .target(name: "CXMLMemory"),
        // Layer 2: a safe Swift layer that owns every libxml2 pointer.
        .target(name: "LibXML", dependencies: ["CLibXML2", "CXMLMemory"]),
        // Layer 3: the annotation model, workflow, validation and exports.
        // SHA-256's compression function on the processor's SHA instructions, where it has them.
        .target(name: "CSHA256"),
        .target(
            name: "FactCheckKit",
            dependencies: ["LibXML", "CSHA256", "SQLiteStore"],
            plugins: ["EmbedData"]
        ),
        // Layer 4: the commands, as a library so tests can drive them.
        .target(
            name: "FactCheckCLI",
            dependencies: [
                "FactCheckKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "factcheck", dependencies: ["FactCheckCLI"]),
        // Writes the synthetic workspace `make bench` measures.
        .executableTarget(name: "factcheck-benchgen", dependencies: ["FactCheckKit"]),
        // libFuzzer targets (`make fuzz`): the properties they check, and one executable per input kind.
        // Built with FUZZING defined and libclang_rt.fuzzer_no_main linked in, each runs libFuzzer's
        // driver; otherwise each replays the inputs it is given through its check.
        .systemLibrary(name: "CLibFuzzer"),
        .target(name: "FactCheckFuzzing", dependencies: ["FactCheckKit", "LibXML", "CLibFuzzer"]),
        .executableTarget(name: "factcheck-fuzz-annotation", dependencies: ["FactCheckFuzzing"]),
        .executableTarget(name: "factcheck-fuzz-html", dependencies: ["FactCheckFuzzing"]),
        .executableTarget(name: "factcheck-fuzz-claimreview", dependencies: ["FactCheckFuzzing"]),

        // Build-time embedding of Schemas/ and the model's Models/ so the binary works from anywhere.
        .executableTarget(name: "EmbedDataTool"),
        .plugin(
            name: "EmbedData",
            capability: .buildTool(),
            dependencies: ["EmbedDataTool"]
        ),

        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "LibXMLTests", dependencies: ["LibXML", "CXMLMemory", "TestSupport"]),
        .testTarget(
            name: "FactCheckKitTests",
            dependencies: ["FactCheckKit", "LibXML", "TestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "FactCheckCLITests",
            dependencies: ["FactCheckCLI", "factcheck", "factcheck-fuzz-annotation", "factcheck-fuzz-html", "factcheck-fuzz-claimreview",
                           "TestSupport"],
            // Read from the source tree (#filePath), not bundled.
            exclude: ["Golden"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
