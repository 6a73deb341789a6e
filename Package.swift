// swift-tools-version:6.0
import PackageDescription

// No package dependencies, by the user's requirement: only the toolchain.
let package = Package(
    name: "cacheaside-check",
    products: [
        .library(name: "CacheAsideCheck", targets: ["CacheAsideCheck"]),
        // Checking histories recorded from a real system (`HistoryRecorder`, `check-history`).
        .library(name: "CacheAsideHistories", targets: ["CacheAsideHistories"]),
        .library(name: "CacheAsideModels", targets: ["CacheAsideModels"]),
        .library(name: "CacheAsideCheckTesting", targets: ["CacheAsideCheckTesting"]),
        .executable(name: "cacheaside-check", targets: ["cacheaside-check"]),
    ],
    targets: [
        // The library, one target per stage; each depends only on earlier ones (README, "Architecture").
        .target(name: "CacheAsideLinearizability"),
        .target(name: "CacheAsideSimulation", dependencies: ["CacheAsideLinearizability"]),
        .target(name: "CacheAsideEngine", dependencies: ["CacheAsideSimulation"]),
        .target(name: "CacheAsideHistories", dependencies: ["CacheAsideLinearizability"]),
        .target(name: "CacheAsideRendering", dependencies: ["CacheAsideEngine", "CacheAsideHistories"]),
        // The product users import: re-exports the simulation, engine and rendering stages, and holds the
        // DocC catalogue. Recorded histories are a product of their own.
        .target(name: "CacheAsideCheck", dependencies: ["CacheAsideSimulation", "CacheAsideEngine", "CacheAsideRendering"]),
        .target(name: "CacheAsideModels", dependencies: ["CacheAsideCheck"], path: "Models"),
        .target(name: "CacheAsideCheckTesting", dependencies: ["CacheAsideCheck"]),
        .executableTarget(
            name: "cacheaside-check", dependencies: ["CacheAsideCheck", "CacheAsideModels", "CacheAsideHistories"]),
        .executableTarget(
            name: "cacheaside-benchmarks",
            dependencies: ["CacheAsideCheck", "CacheAsideModels", "CacheAsideHistories"],
            path: "Benchmarks"
        ),
        .testTarget(
            name: "CacheAsideCheckTests",
            // The stages too, for `@testable import` of what the tests reach inside them.
            dependencies: [
                "CacheAsideCheck", "CacheAsideModels", "CacheAsideHistories", "CacheAsideLinearizability",
                "CacheAsideSimulation", "CacheAsideRendering",
            ]
        ),
        .testTarget(name: "ModelsTests", dependencies: ["CacheAsideCheck", "CacheAsideModels"]),
        .testTarget(
            name: "CacheAsideCheckTestingTests",
            dependencies: ["CacheAsideCheck", "CacheAsideCheckTesting", "CacheAsideModels"]
        ),
        .testTarget(name: "CommandLineTests", dependencies: ["cacheaside-check", "CacheAsideCheck", "CacheAsideHistories"]),
        .testTarget(
            name: "ExamplesTests",
            dependencies: ["CacheAsideCheck", "CacheAsideCheckTesting", "CacheAsideModels"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
