import Foundation
import XCTest

/// The README's "Exploring harder" example is `ExplorationExample.swift`, compiled and run by this target,
/// and `.ci/consumer-check` builds a package from the README's blocks: this keeps the README's copy
/// identical to the file, and the consumer's `Package.swift` block present.
final class ExplorationExampleIsInSyncTests: XCTestCase {
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The fenced code between `<!-- NAME:begin -->` and `<!-- NAME:end -->`, each line ending with a newline.
    static func block(_ name: String, in readme: String) throws -> String {
        let lines = readme.components(separatedBy: "\n")
        let begin = try XCTUnwrap(lines.firstIndex(of: "<!-- \(name):begin -->"), "README.md has no \(name) block")
        let end = try XCTUnwrap(lines[begin...].firstIndex(of: "<!-- \(name):end -->"))
        let fenced = lines[(begin + 1)..<end].drop { !$0.hasPrefix("```") }.dropFirst()
        let code = try XCTUnwrap(fenced.firstIndex { $0.hasPrefix("```") }.map { fenced[..<$0] })
        return code.map { $0 + "\n" }.joined()
    }

    func testReadmeExplorationExampleIsExplorationExampleSwift() throws {
        let readme = try String(contentsOf: Self.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let example = try String(
            contentsOf: Self.packageRoot.appendingPathComponent("Tests/ExamplesTests/ExplorationExample.swift"),
            encoding: .utf8)
        XCTAssertEqual(
            try Self.block("exploration", in: readme), example,
            "README.md's exploration example differs from Tests/ExamplesTests/ExplorationExample.swift")
    }

    func testReadmeConsumerPackageDependsOnTheProductsByIdentity() throws {
        let readme = try String(contentsOf: Self.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let manifest = try Self.block("consumer-package", in: readme)
        XCTAssertTrue(manifest.hasPrefix("// swift-tools-version:"), manifest)
        for product in ["CacheAsideCheck", "CacheAsideCheckTesting"] {
            XCTAssertTrue(manifest.contains(#".product(name: "\#(product)", package: "cacheaside-check")"#), product)
        }
        XCTAssertTrue(manifest.contains(#".package(path: "../cacheaside-check")"#))
    }
}
