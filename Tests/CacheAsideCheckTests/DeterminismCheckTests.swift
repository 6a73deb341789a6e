import CacheAsideCheck
import CacheAsideModels
import XCTest

final class DeterminismCheckTests: XCTestCase {
    func testHiddenGlobalStateIsReportedAsNondeterminism() throws {
        var exploration = Exploration(seeds: 0..<200, shrink: false)
        exploration.checkDeterminism = true
        let report = Checker(strategy: GlobalCounterStrategy(), properties: [.convergence], exploration: exploration).check()
        let failure = try XCTUnwrap(report.runFailure)
        guard case .nondeterministic(let seed, let difference) = failure.failure else {
            return XCTFail("expected nondeterminism, got \(failure.failure)")
        }
        XCTAssertEqual(seed, failure.seed)
        XCTAssertTrue(difference.hasPrefix("event "), difference)
        XCTAssertTrue(failure.failure.description.contains("env.random"))
        XCTAssertEqual(report.exploration.stop, .nondeterministic)
    }

    /// Without `checkDeterminism`, a first failure is still replayed before it is shrunk; one that does
    /// not fail again is the strategy's nondeterminism (an error, exit 2), never a counterexample whose
    /// run passes.
    func testAFirstFailureThatDoesNotReplayIsNondeterminismNotACounterexample() throws {
        let report = Checker(
            strategy: GlobalCounterStrategy(), properties: [.convergence], exploration: Exploration(seeds: 0..<200)
        ).check()
        XCTAssertEqual(report.exploration.stop, .nondeterministic)
        XCTAssertNil(report.properties[0].counterexample)
        guard case .nondeterministic(_, let difference)? = report.runFailure?.failure else {
            return XCTFail("expected nondeterminism, got \(String(describing: report.runFailure))")
        }
        XCTAssertTrue(difference.contains(" then "), difference)
        XCTAssertNotEqual(report.outcome, .holds)
        XCTAssertNotEqual(report.outcome, .violated)
    }

    func testDeterministicStrategyPassesTheCheck() {
        var exploration = Exploration(seeds: 0..<300, shrink: false)
        exploration.checkDeterminism = true
        let report = Checker(strategy: CacheAside(), properties: [.convergence, .linearizability], exploration: exploration).check()
        XCTAssertNil(report.runFailure)
        XCTAssertFalse(report.holds)
    }

    /// Under exhaustive search the check replays the schedule that failed (its seed names the workload,
    /// and drawing a random run from it would check some other run).
    func testUnderExhaustiveSearchTheFailingScheduleIsReplayedNotARandomRun() {
        var exploration = Exploration(seeds: 0..<1, scheduler: .exhaustive(Exploration.ExhaustiveSearch()))
        exploration.checkDeterminism = true
        let report = Checker(
            strategy: CacheAside(), workload: Workload(clients: 2, operationsPerClient: 1), properties: [.convergence],
            exploration: exploration
        ).check()
        XCTAssertEqual(report.outcome, .violated)
        XCTAssertEqual(report.determinismCheck?.seeds, [])
        XCTAssertEqual(report.determinismCheck?.schedules, 1)
        XCTAssertEqual(report.determinismCheck?.consistent, true)
        XCTAssertTrue(TextReport(report: report) { $0 }.render(header: "").contains("replayed 1 failing schedule"))
    }
}
