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
