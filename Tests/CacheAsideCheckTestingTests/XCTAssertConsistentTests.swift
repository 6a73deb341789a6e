import CacheAsideCheck
import CacheAsideCheckTesting
import XCTest

/// Pins down what `XCTAssertConsistent` reports. The failure path is checked by intercepting the failures
/// this test case would record (`recordFailure`), so the suite stays green; `XCTExpectFailure` does not
/// exist on Linux.
final class XCTAssertConsistentTests: XCTestCase {
    private var interceptedFailures: [(description: String, file: String, line: Int)] = []
    private var intercepting = false

    override func recordFailure(
        withDescription description: String, inFile filePath: String, atLine lineNumber: Int, expected: Bool
    ) {
        guard intercepting else {
            return super.recordFailure(
                withDescription: description, inFile: filePath, atLine: lineNumber, expected: expected)
        }
        interceptedFailures.append((description, filePath, lineNumber))
    }

    /// Runs `body`, returning the failures it recorded instead of failing this test.
    private func failures(of body: () -> Void) -> [(description: String, file: String, line: Int)] {
        intercepting = true
        defer { intercepting = false; interceptedFailures = [] }
        body()
        return interceptedFailures
    }

    func testPassesAndReturnsTheReportWhenEveryPropertyHolds() {
        var report: Report?
        XCTAssertTrue(failures { report = XCTAssertConsistent(Checkers.holding) }.isEmpty)
        XCTAssertEqual(report?.holds, true)
        XCTAssertEqual(report?.runs, 50)
    }

    func testFailsAtTheCallersLineWithTheFailureMessage() throws {
        var line = 0
        let recorded = failures {
            line = #line; XCTAssertConsistent(Checkers.staleSet, "after the TTL change")
        }
        let failure = try XCTUnwrap(recorded.first)
        XCTAssertEqual(recorded.count, 1)
        XCTAssertEqual(failure.file, #filePath)
        XCTAssertEqual(failure.line, line)
        let message = try XCTUnwrap(Checkers.staleSet.check().failureMessage)
        // XCTFail puts its own "failed - " first.
        XCTAssertTrue(failure.description.hasSuffix("XCTAssertConsistent (after the TTL change): \(message)"))
    }

    func testReplayingTheCounterexampleFailsWithTheSameLanes() throws {
        let example = try XCTUnwrap(Checkers.staleSet.check().violated.first?.counterexample)
        let recorded = failures { XCTAssertConsistent(Checkers.staleSet, replaying: example.replayToken) }
        let failure = try XCTUnwrap(recorded.first)
        XCTAssertTrue(failure.description.contains("XCTAssertConsistent: cache-aside violated convergence"))
        XCTAssertTrue(failure.description.contains(LaneDiagram.render(example.run)))
    }

    func testReplayingARunThatHoldsPasses() throws {
        let example = try XCTUnwrap(Checkers.staleSet.check().violated.first?.counterexample)
        let fixed = Checker(
            strategy: Checkers.holding.strategy, workload: Checkers.staleSet.workload, properties: [])
        var report: Report??
        XCTAssertTrue(failures { report = XCTAssertConsistent(fixed, replaying: example.replayToken) }.isEmpty)
        XCTAssertEqual(report??.holds, true)
    }

    func testAnUnreadableReplayTokenFails() throws {
        let recorded = failures { XCTAssertConsistent(Checkers.staleSet, replaying: "not a token") }
        let failure = try XCTUnwrap(recorded.first)
        XCTAssertTrue(failure.description.hasSuffix("XCTAssertConsistent: cannot replay: replay token 'not a token' does not start with '3'; copy the whole token from the report"))
    }
}
