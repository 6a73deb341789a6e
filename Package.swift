// swift-tools-version:6.0
import PackageDescription

// No package dependencies, by the user's requirement: only the toolchain.
let package = Package(
    name: "cacheaside-check",
    products: [
        .library(name: "CacheAsideCheck", targets: ["CacheAsideCheck"]),
        .library(name: "CacheAsideModels", targets: ["CacheAsideModels"]),
        .library(name: "CacheAsideCheckTesting", targets: ["CacheAsideCheckTesting"]),
        .executable(name: "cacheaside-check", targets: ["cacheaside-check"]),
    ],
    targets: [
        .target(name: "CacheAsideCheck"),
        .target(name: "CacheAsideModels", dependencies: ["CacheAsideCheck"], path: "Models"),
        .target(name: "CacheAsideCheckTesting", dependencies: ["CacheAsideCheck"]),
        .executableTarget(name: "cacheaside-check", dependencies: ["CacheAsideCheck", "CacheAsideModels"]),
        .executableTarget(
            name: "cacheaside-benchmarks",
            dependencies: ["CacheAsideCheck", "CacheAsideModels"],
            path: "Benchmarks"
        ),
        .testTarget(name: "CacheAsideCheckTests", dependencies: ["CacheAsideCheck", "CacheAsideModels"]),
        .testTarget(name: "ModelsTests", dependencies: ["CacheAsideCheck", "CacheAsideModels"]),
        .testTarget(
            name: "CacheAsideCheckTestingTests",
            dependencies: ["CacheAsideCheck", "CacheAsideCheckTesting", "CacheAsideModels"]
        ),
        .testTarget(name: "CommandLineTests", dependencies: ["cacheaside-check", "CacheAsideCheck"]),
        .testTarget(
            name: "ExamplesTests",
            dependencies: ["CacheAsideCheck", "CacheAsideCheckTesting", "CacheAsideModels"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
