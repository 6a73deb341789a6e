import Foundation
import XCTest

/// `check-history` as a user runs it: exit status 0, 1 or 2 and what it prints, through the executable.
final class CheckHistoryCommandTests: XCTestCase {
    private func write(_ lines: [String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("history-\(UUID().uuidString).jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func testStaleReadAfterCompletedWriteIsNotLinearizable() throws {
        let file = try write([
            #"{"process": 1, "type": "invoke", "f": "write", "key": "user:7", "value": 3}"#,
            #"{"process": 1, "type": "ok", "f": "write", "key": "user:7", "value": 3}"#,
            #"{"process": 2, "type": "invoke", "f": "read", "key": "user:7", "value": null}"#,
            #"{"process": 2, "type": "ok", "f": "read", "key": "user:7", "value": null}"#,
        ])
        let outcome = try ProcessDeterminismTests.runProcess(["check-history", file.path])
        XCTAssertEqual(outcome.status, 1)
        let text = String(decoding: outcome.output, as: UTF8.self)
        XCTAssertTrue(text.contains("not linearizable"), text)
    }

    func testConcurrentReadMaySeeEitherValue() throws {
        let file = try write([
            #"{"process": 1, "type": "invoke", "f": "write", "key": 1, "value": 3}"#,
            #"{"process": 2, "type": "invoke", "f": "read", "key": 1, "value": null}"#,
            #"{"process": 2, "type": "ok", "f": "read", "key": 1, "value": 3}"#,
            #"{"process": 1, "type": "info", "f": "write", "key": 1, "value": 3}"#,
        ])
        let outcome = try ProcessDeterminismTests.runProcess(["check-history", file.path])
        XCTAssertEqual(outcome.status, 0, String(decoding: outcome.output, as: UTF8.self))
    }

    func testMalformedLineIsNamedWithItsNumber() throws {
        let file = try write([
            #"{"process": 1, "type": "invoke", "f": "write", "key": 1, "value": 3}"#,
            #"{"process": 1, "type": "done", "f": "write", "key": 1, "value": 3}"#,
        ])
        let outcome = try ProcessDeterminismTests.runProcess(["check-history", file.path])
        XCTAssertEqual(outcome.status, 2)
        let text = String(decoding: outcome.errors, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("Error: line 2:"), text)
        XCTAssertEqual(text.split(separator: "\n").count, 1, text)
    }

    func testMissingFileIsAUsageError() throws {
        let outcome = try ProcessDeterminismTests.runProcess(["check-history", "/nonexistent/history.jsonl"])
        XCTAssertEqual(outcome.status, 2)
        XCTAssertTrue(String(decoding: outcome.errors, as: UTF8.self).hasPrefix("Error: "))
    }
}
