import Foundation
import XCTest

/// `compare` cut short by Ctrl-C or `--time-limit` still prints its table, says how far it got, calls no
/// property of a model cut short "holds", and exits 3; it used to die on Ctrl-C with nothing printed.
final class CompareStopTests: XCTestCase {
    func testCtrlCPrintsThePartialTableAndExitsThree() throws {
        let (process, text) = try InterruptionTests.interrupted(["compare", "--seeds", "100000000", "--jobs", "1"])
        XCTAssertEqual(process.terminationReason, .exit, text)
        XCTAssertEqual(process.terminationStatus, 3, text)
        XCTAssertTrue(text.contains("\ninterrupted: 1 of "), text)
        XCTAssertTrue(text.contains(" models run, cache-aside after "), text)
        XCTAssertTrue(text.contains("; not run: "), text)
    }

    func testTheTimeLimitStopsCompareAndSaysSo() throws {
        let start = Date()
        let outcome = try ExecutableRun.run(["compare", "--seeds", "100000000", "--jobs", "1", "--time-limit", "1", "--json"])
        XCTAssertLessThan(Date().timeIntervalSince(start), 60)
        XCTAssertEqual(outcome.status, 3, outcome.errors)
        XCTAssertTrue(outcome.output.contains(#""stop" : "timeLimit""#), outcome.output)
        XCTAssertTrue(outcome.output.contains(#""undecided" : true"#) || outcome.output.contains(#""failingRuns" : "#), outcome.output)
        XCTAssertFalse(outcome.output.contains(#""undecided" : false"#))
    }

    func testATimeLimitIsValidated() {
        let outcome = CommandLineTests.run(["compare", "--time-limit", "0"])
        XCTAssertEqual(outcome.status, 2)
        XCTAssertTrue(outcome.errors.hasPrefix("Error: --time-limit"), outcome.errors)
    }
}

/// `check-history` on Ctrl-C prints what it decided so far and marks the rest interrupted; it used to die
/// with exit 130 and no output.
final class CheckHistoryInterruptionTests: XCTestCase {
    func testCtrlCWhileReadingPrintsTheFilesDecidedAndTheOneInterrupted() throws {
        let stale = FileManager.default.temporaryDirectory.appendingPathComponent("stale-\(UUID().uuidString).jsonl")
        try """
            {"process": 1, "type": "invoke", "f": "write", "key": 1, "value": 3}
            {"process": 1, "type": "ok", "f": "write", "key": 1, "value": 3}
            {"process": 2, "type": "invoke", "f": "read", "key": 1, "value": null}
            {"process": 2, "type": "ok", "f": "read", "key": 1, "value": null}

            """.write(to: stale, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: stale) }
        // Standard input stays open and empty, so reading it never ends: only Ctrl-C can.
        let input = Pipe()
        let (process, text) = try InterruptionTests.interrupted(["check-history", stale.path, "-"], standardInput: input)
        try input.fileHandleForWriting.close()
        XCTAssertEqual(process.terminationReason, .exit, text)
        XCTAssertEqual(process.terminationStatus, 1, "the violation found before Ctrl-C decides the status: \(text)")
        let lines = text.split(separator: "\n")
        XCTAssertEqual(lines.count, 3, text)
        XCTAssertTrue(lines[0].hasPrefix("\(stale.path): not linearizable"), text)
        XCTAssertEqual(lines[1], "-: unknown (interrupted before - was decided)")
        XCTAssertEqual(lines[2], "2 files: 0 linearizable, 1 not linearizable, 1 unknown, 0 unreadable")

        let alone = Pipe()
        let (single, json) = try InterruptionTests.interrupted(["check-history", "-", "--json"], standardInput: alone)
        try alone.fileHandleForWriting.close()
        XCTAssertEqual(single.terminationStatus, 3, json)
        XCTAssertEqual(json, #"{"file": "-", "reason": "interrupted before - was decided", "verdict": "unknown"}"# + "\n")
    }
}
