import Foundation
import XCTest

/// `check-history` on input built to break it: every case ends with exit 2 and one `Error:` line naming
/// the problem (or the documented verdict), never a signal, a trap or a hang.
final class HostileHistoryInputTests: XCTestCase {
    private func temporaryFile(_ bytes: [UInt8], suffix: String = "edn") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString).\(suffix)")
        try Data(bytes).write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    private func assertRefused(
        _ outcome: (status: Int32, output: String, errors: String), mentioning fragment: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(outcome.status, 2, outcome.output + outcome.errors, file: file, line: line)
        XCTAssertTrue(outcome.errors.hasPrefix("Error: "), outcome.errors, file: file, line: line)
        XCTAssertTrue(outcome.errors.contains(fragment), outcome.errors, file: file, line: line)
        XCTAssertEqual(outcome.errors.split(separator: "\n").count, 1, outcome.errors, file: file, line: line)
    }

    func testSixtyKilobytesOfDiscardsIsAnErrorFromEveryKindOfInput() throws {
        let chained = Array(String(repeating: "#_", count: 32 * 1024).utf8)
        let nested = Array(String(repeating: "[#_", count: 22_000).utf8)
        for (bytes, fragment) in [(chained, "#_ has no form to discard"), (nested, "nested too deeply")] {
            let file = try temporaryFile(bytes)
            assertRefused(try ExecutableRun.run(["check-history", file.path]), mentioning: fragment)
            assertRefused(try ExecutableRun.run(["check-history", "-"], input: Data(bytes)), mentioning: fragment)
            let json = try ExecutableRun.run(["check-history", file.path, "--json"])
            XCTAssertEqual(json.status, 2, json.output + json.errors)
            XCTAssertTrue(json.output.contains(fragment), json.output)

            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            try Data(bytes).write(to: directory.appendingPathComponent("a.edn"))
            try Data("{:process 0, :type :invoke, :f :read}\n".utf8).write(to: directory.appendingPathComponent("b.edn"))
            let listed = try ExecutableRun.run(["check-history", directory.path])
            XCTAssertEqual(listed.status, 2, listed.output + listed.errors)
            XCTAssertTrue(listed.output.contains(fragment), listed.output)
        }
    }

    func testDevZeroEndsAtItsFirstNULForCheckHistoryAndMerge() throws {
        let start = Date()
        assertRefused(try ExecutableRun.run(["check-history", "/dev/zero"]), mentioning: "a NUL byte at byte offset 0")
        assertRefused(try ExecutableRun.run(["merge", "/dev/zero"]), mentioning: "/dev/zero has a NUL byte")
        XCTAssertLessThan(Date().timeIntervalSince(start), 30, "refused at the first chunk, not after reading a GiB")
    }

    func testAnInputOverMaxBytesIsRefusedNamingTheFlag() throws {
        let pair = #"{"process": 1, "type": "invoke", "f": "write", "key": 1, "value": 3}"# + "\n"
            + #"{"process": 1, "type": "ok", "f": "write", "key": 1, "value": 3}"# + "\n"
        let long = Data(String(repeating: pair, count: 1_000).utf8)
        assertRefused(try ExecutableRun.run(["check-history", "-", "--max-bytes", "10000"], input: long),
                      mentioning: "standard input is over the limit of 10000 bytes. Raise it with --max-bytes BYTES")
        let file = try temporaryFile(Array(long), suffix: "jsonl")
        assertRefused(try ExecutableRun.run(["check-history", file.path, "--max-bytes", "10000"]), mentioning: "--max-bytes")
        XCTAssertEqual(try ExecutableRun.run(["check-history", file.path, "--max-bytes", "\(long.count)"]).status, 0, "the limit is inclusive")
        assertRefused(try ExecutableRun.run(["merge", file.path, "--max-bytes", "100"]), mentioning: "over the limit of 100 bytes; raise it with --max-bytes")
        let zero = try ExecutableRun.run(["check-history", file.path, "--max-bytes", "0"])
        XCTAssertEqual(zero.status, 2)
        XCTAssertTrue(zero.errors.hasPrefix("Error: --max-bytes needs a whole number of bytes above 0"), zero.errors)
    }
}

/// A history in which nothing took effect is no evidence: "not exercised", exit 3, in every form.
final class NotExercisedHistoryTests: XCTestCase {
    func testAHistoryOfOnlyFailedOperationsIsNotExercisedNotAPass() throws {
        let onlyFailures = """
            {"process": 0, "type": "invoke", "f": "write", "key": 1, "value": 3}
            {"process": 0, "type": "fail", "f": "write", "key": 1, "value": 3}

            """
        let text = try ExecutableRun.run(["check-history", "-"], input: Data(onlyFailures.utf8))
        XCTAssertEqual(text.status, 3, text.output + text.errors)
        XCTAssertEqual(text.output, "-: not exercised (every operation failed, so there is nothing to check)\n")
        let json = try ExecutableRun.run(["check-history", "-", "--json"], input: Data(onlyFailures.utf8))
        XCTAssertEqual(json.status, 3)
        XCTAssertTrue(json.output.contains(#""verdict": "not exercised""#), json.output)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("not-exercised-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(onlyFailures.utf8).write(to: directory.appendingPathComponent("a.jsonl"))
        try Data(#"{"process": 0, "type": "invoke", "f": "read", "key": 1}"#.utf8).write(to: directory.appendingPathComponent("b.jsonl"))
        let both = try ExecutableRun.run(["check-history", directory.path])
        XCTAssertEqual(both.status, 3, both.output)
        XCTAssertTrue(both.output.hasSuffix("2 files: 1 linearizable, 0 not linearizable, 0 unknown, 0 unreadable, 1 not exercised\n"), both.output)
    }
}
