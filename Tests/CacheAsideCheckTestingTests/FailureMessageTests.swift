import CacheAsideCheck
import CacheAsideCheckTesting
import XCTest

final class FailureMessageTests: XCTestCase {
    func testAHoldingReportHasNoFailureMessage() {
        XCTAssertNil(Checkers.holding.check().failureMessage)
    }

    func testFailureMessageNamesTheStrategyAndTheViolatedProperty() throws {
        let report = Checkers.staleSet.check()
        let message = try XCTUnwrap(report.failureMessage)
        let property = try XCTUnwrap(report.violated.first)
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.first, "cache-aside violated convergence (1 of 1 properties, 200 runs, seeds 0…199)")
        XCTAssertTrue(lines.contains(
            "── convergence: violated in \(property.failingRuns) of 200 runs, first by seed \(property.firstFailingSeed!)"))
    }

    func testFailureMessageShowsTheShrunkCounterexampleAsLanes() throws {
        let report = Checkers.staleSet.check()
        let message = try XCTUnwrap(report.failureMessage)
        let example = try XCTUnwrap(report.violated.first?.counterexample)
        XCTAssertTrue(message.contains(example.violation.explanation))
        XCTAssertTrue(message.contains(LaneDiagram.render(example.run)))
        XCTAssertTrue(message.contains("shrunk from \(example.original) to \(example.size)"))
    }

    func testReplayLineReplaysExactlyTheShrunkRun() throws {
        let report = Checkers.staleSet.check()
        let message = try XCTUnwrap(report.failureMessage)
        let example = try XCTUnwrap(report.violated.first?.counterexample)
        let token = try XCTUnwrap(replayToken(in: message))
        XCTAssertEqual(token, example.replayToken)
        let checker = Checkers.staleSet
        let run = try checker.replay(token: token)
        XCTAssertEqual(run.history, example.run.history)
        XCTAssertEqual(checker.evaluate(run).first?.violation, example.violation)
    }

    func testARunThatCannotCompleteIsReportedWithItsReplayLine() throws {
        let report = Checkers.broken.check()
        let failure = try XCTUnwrap(report.runFailure)
        let message = try XCTUnwrap(report.failureMessage)
        XCTAssertTrue(message.hasPrefix("cache-aside: the run of seed \(failure.seed!) could not complete: \(failure.failure)"))
        XCTAssertEqual(replayToken(in: message), failure.replayToken)
    }

    func testAReplayedRunIsNotDescribedBySeeds() throws {
        let checker = Checkers.staleSet
        let example = try XCTUnwrap(checker.check().violated.first?.counterexample)
        let message = try XCTUnwrap(checker.replayReport(example.run.choices).failureMessage)
        XCTAssertTrue(message.hasPrefix("cache-aside violated convergence (1 of 1 properties, one replayed run)"))
        XCTAssertTrue(message.contains("── convergence: violated by the replayed run"))
    }
}
