import Foundation
import XCTest

/// The README's "Use it in your tests" example is `ReadmeExample.swift`, compiled and run by this target;
/// this test keeps the README's copy identical, so the documented example cannot rot.
final class ReadmeIsInSyncTests: XCTestCase {
    static let beginMarker = "<!-- example:begin -->"
    static let endMarker = "<!-- example:end -->"

    func testReadmeExampleIsReadmeExampleSwift() throws {
        let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let packageRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
        let readmeURL = packageRoot.appendingPathComponent("README.md")
        guard let readme = try? String(contentsOf: readmeURL, encoding: .utf8),
            readme.contains(Self.beginMarker), readme.contains(Self.endMarker)
        else {
            throw XCTSkip("README.md has no \(Self.beginMarker) … \(Self.endMarker) block yet")
        }
        let example = try String(
            contentsOf: testsDirectory.appendingPathComponent("ReadmeExample.swift"), encoding: .utf8)
        XCTAssertEqual(
            try Self.codeBlock(in: readme), example,
            "README.md's example differs from Tests/ExamplesTests/ReadmeExample.swift; copy the file into the README")
    }

    func testCodeBlockIsTheFencedCodeBetweenTheMarkers() throws {
        let readme = """
            intro
            \(Self.beginMarker)
            ```swift
            let x = 1
            ```
            \(Self.endMarker)
            outro
            """
        XCTAssertEqual(try Self.codeBlock(in: readme), "let x = 1\n")
    }

    /// The lines of the fenced code block between the markers, each ending with a newline, as the file is.
    static func codeBlock(in readme: String) throws -> String {
        let lines = readme.components(separatedBy: "\n")
        let begin = try XCTUnwrap(lines.firstIndex(of: beginMarker))
        let end = try XCTUnwrap(lines[begin...].firstIndex(of: endMarker))
        let fenced = lines[(begin + 1)..<end].drop { !$0.hasPrefix("```") }.dropFirst()
        let code = try XCTUnwrap(fenced.firstIndex { $0.hasPrefix("```") }.map { fenced[..<$0] })
        return code.map { $0 + "\n" }.joined()
    }
}
