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

    // MARK: Where the history comes from

    private let staleRead = [
        #"{"process": 1, "type": "invoke", "f": "write", "key": 1, "value": 3}"#,
        #"{"process": 1, "type": "ok", "f": "write", "key": 1, "value": 3}"#,
        #"{"process": 2, "type": "invoke", "f": "read", "key": 1, "value": null}"#,
        #"{"process": 2, "type": "ok", "f": "read", "key": 1, "value": null}"#,
    ]

    private let linearizable = [
        #"{"process": 1, "type": "invoke", "f": "write", "key": 1, "value": 3}"#,
        #"{"process": 1, "type": "ok", "f": "write", "key": 1, "value": 3}"#,
    ]

    /// Runs the executable with `input` on standard input; `closeInput: false` leaves it open, unwritten.
    private func run(
        _ arguments: [String], input: String = "", closeInput: Bool = true, standardOutput: FileHandle? = nil
    ) throws -> (status: Int32, output: String, errors: String) {
        try ExecutableRun.run(arguments, input: Data(input.utf8), closeInput: closeInput, standardOutput: standardOutput)
    }

    func testDashReadsStandardInput() throws {
        let outcome = try run(["check-history", "-"], input: staleRead.joined(separator: "\n"))
        XCTAssertEqual(outcome.status, 1, outcome.errors)
        XCTAssertTrue(outcome.output.hasPrefix("-: 2 operations on 1 key"), outcome.output)
    }

    func testFIFOIsReadToItsEnd() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("history-\(UUID().uuidString).fifo").path
        XCTAssertEqual(mkfifo(path, 0o600), 0)
        defer { unlink(path) }
        let text = staleRead.joined(separator: "\n") + "\n"
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: path) else { return }
            handle.write(Data(text.utf8))
            try? handle.close()
        }
        writer.start()
        let outcome = try run(["check-history", path])
        XCTAssertEqual(outcome.status, 1, outcome.errors)
        XCTAssertTrue(outcome.output.contains("not linearizable"), outcome.output)
    }

    func testEmptyFileIsNamedAsEmpty() throws {
        let file = try write([])
        try Data().write(to: file)
        let outcome = try run(["check-history", file.path])
        XCTAssertEqual(outcome.status, 2)
        XCTAssertEqual(outcome.errors.split(separator: "\n").count, 1, outcome.errors)
        XCTAssertTrue(outcome.errors.hasPrefix("Error: \(file.path) is empty."), outcome.errors)
    }

    func testDirectoryChecksEachFileAndExitsWithTheWorstStatus() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("histories-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try (linearizable.joined(separator: "\n") + "\n").write(to: directory.appendingPathComponent("a.jsonl"), atomically: true, encoding: .utf8)
        try (staleRead.joined(separator: "\n") + "\n").write(to: directory.appendingPathComponent("b.jsonl"), atomically: true, encoding: .utf8)
        let outcome = try run(["check-history", directory.path])
        XCTAssertEqual(outcome.status, 1, outcome.output + outcome.errors)
        let lines = outcome.output.split(separator: "\n")
        XCTAssertEqual(lines.count, 3, outcome.output)
        XCTAssertTrue(lines[0].hasSuffix("a.jsonl: linearizable (1 operations on 1 key)"), outcome.output)
        XCTAssertTrue(lines[1].contains("b.jsonl: not linearizable"), outcome.output)
        XCTAssertEqual(lines[2], "2 files: 1 linearizable, 1 not linearizable, 0 unknown, 0 unreadable")
        try "not json\n".write(to: directory.appendingPathComponent("c.jsonl"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try run(["check-history", directory.path]).status, 2, "an unreadable file is the worst")
    }

    func testFailedWriteToStandardOutputIsExitTwoWithOneLine() throws {
        guard let full = FileHandle(forWritingAtPath: "/dev/full") else { throw XCTSkip("no /dev/full") }
        let file = try write(linearizable)
        let outcome = try run(["check-history", file.path], standardOutput: full)
        XCTAssertEqual(outcome.status, 2)
        XCTAssertEqual(outcome.errors.split(separator: "\n").count, 1, outcome.errors)
        XCTAssertTrue(outcome.errors.hasPrefix("Error: cannot write the result to standard output"), outcome.errors)
    }

    // MARK: Limits

    func testHugeTimeLimitIsAcceptedNotATrap() throws {
        let file = try write(linearizable)
        XCTAssertEqual(try run(["check-history", file.path, "--time-limit", "1e18"]).status, 0)
        XCTAssertEqual(try run(["check-history", file.path, "--time-limit", "inf"]).status, 2)
    }

    func testTimeLimitBoundsReadingTheInputToo() throws {
        // Standard input stays open and empty: reading it never ends, so only the deadline can.
        let start = Date()
        let outcome = try run(["check-history", "-", "--time-limit", "0.3"], closeInput: false)
        XCTAssertEqual(outcome.status, 3, outcome.output + outcome.errors)
        XCTAssertTrue(outcome.output.hasPrefix("-: unknown (the time limit (0.3 s) ran out"), outcome.output)
        XCTAssertLessThan(Date().timeIntervalSince(start), 30, "ended by the deadline, not by a hang")
    }

    func testUnknownNamesTheLimitAndTheFlagThatRaisesIt() throws {
        // Ten processes, each writing a value and then compare-and-setting it away, all concurrent: the
        // compare-and-sets keep it outside the unique-value check, and a 1-step search cannot decide.
        var lines: [String] = []
        for process in 0..<10 {
            lines.append(#"{"process": \#(process), "type": "invoke", "f": "cas", "key": 1, "value": [null, \#(process + 1)]}"#)
        }
        for process in 0..<10 {
            lines.append(#"{"process": \#(process), "type": "ok", "f": "cas", "key": 1, "succeeded": \#(process == 0)}"#)
        }
        let file = try write(lines)
        let outcome = try run(["check-history", file.path, "--search-limit", "1"])
        XCTAssertEqual(outcome.status, 3, outcome.output + outcome.errors)
        XCTAssertTrue(outcome.output.contains("key 1: unknown (the search-step limit (1 steps) ran out; raise it with --search-limit STEPS)"), outcome.output)
        let memory = try run(["check-history", file.path, "--memory-limit", "0"])
        XCTAssertEqual(memory.status, 2, "a zero limit is a usage error")
        XCTAssertEqual(try run(["check-history", file.path]).status, 0, "the default limits decide it")
    }

    // MARK: Jepsen EDN

    func testEDNHistoryIsDetectedOrChosenAndSeveralFilesGetOneLineEach() throws {
        let edn = FileManager.default.temporaryDirectory.appendingPathComponent("history-\(UUID().uuidString).edn")
        try """
            [{:process 0, :type :invoke, :f :write, :value [1 3]}
             {:process 0, :type :ok, :f :write, :value [1 3]}
             {:process 1, :type :invoke, :f :read, :value [1 nil]}
             {:process 1, :type :ok, :f :read, :value [1 3]}]

            """.write(to: edn, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: edn) }
        XCTAssertEqual(try run(["check-history", edn.path]).status, 0)
        XCTAssertEqual(try run(["check-history", "--format", "edn", edn.path]).status, 0)
        let forced = try run(["check-history", "--format", "jsonl", edn.path])
        XCTAssertEqual(forced.status, 2, "read as JSON Lines it is malformed")
        let jsonl = try write(staleRead)
        let both = try run(["check-history", edn.path, jsonl.path])
        XCTAssertEqual(both.status, 1)
        let lines = both.output.split(separator: "\n")
        XCTAssertEqual(lines.count, 3, both.output)
        XCTAssertEqual(lines[0], "\(edn.path): linearizable (2 operations on 1 key)")
        XCTAssertEqual(lines[2], "2 files: 1 linearizable, 1 not linearizable, 0 unknown, 0 unreadable")
        XCTAssertEqual(try run(["check-history", "--format", "yaml", edn.path]).status, 2)
    }

    func testStalenessIsPrintedInTheFilesTimeUnit() throws {
        let file = try write([
            #"{"process": 1, "type": "invoke", "f": "write", "key": 1, "value": 3, "time": 0}"#,
            #"{"process": 1, "type": "ok", "f": "write", "key": 1, "value": 3, "time": 10}"#,
            #"{"process": 2, "type": "invoke", "f": "read", "key": 1, "value": null, "time": 25}"#,
            #"{"process": 2, "type": "ok", "f": "read", "key": 1, "value": null, "time": 30}"#,
        ])
        let outcome = try run(["check-history", file.path])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.output.hasSuffix("staleness (in the file's time unit): 1 of 1 reads stale; max 15, p50 15, p99 15\n"), outcome.output)
        let json = try run(["check-history", file.path, "--json"])
        XCTAssertTrue(json.output.contains(#""staleness": {"max": 15, "p50": 15, "p99": 15, "reads": 1, "staleReads": 1}"#), json.output)
        let untimed = try run(["check-history", try write(linearizable).path])
        XCTAssertTrue(untimed.output.hasSuffix("staleness: not measured (the events have no \"time\" fields)\n"), untimed.output)
    }
}
