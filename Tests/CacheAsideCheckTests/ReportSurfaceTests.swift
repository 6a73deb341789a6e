import CacheAsideCheck
import CacheAsideModels
import XCTest

/// What a library user reads off a `Report` now that its exploration internals are package API:
/// `problem` says why a check could not run, `schedulesExplored` how big an exhaustive proof was.
final class ReportSurfaceTests: XCTestCase {
    func testProblemNamesTheInvalidSettingOrTheRunThatCouldNotComplete() throws {
        let holding = Checker(strategy: CacheAside(), exploration: Exploration(seeds: 0..<20)).check()
        XCTAssertNil(holding.problem)

        let invalid = Checker(strategy: CacheAside(), workload: Workload(clients: 0)).check()
        XCTAssertEqual(invalid.outcome, .couldNotRun)
        XCTAssertEqual(invalid.problem, invalid.configurationError)
        XCTAssertNotNil(invalid.problem)

        let throwing = Checker(strategy: ThrowsStrategy(), exploration: Exploration(seeds: 0..<20)).check()
        XCTAssertEqual(throwing.outcome, .couldNotRun)
        let problem = try XCTUnwrap(throwing.problem)
        XCTAssertTrue(problem.hasPrefix("seed "), problem)
        XCTAssertTrue(problem.contains("replay token "), problem)
    }

    func testSchedulesExploredIsTheExhaustiveSearchsCountAndNilForSeeds() {
        let workload = Workload(clients: 2, operationsPerClient: 1, keys: 1)
        XCTAssertNil(Checker(strategy: CacheAside(), workload: workload, exploration: Exploration(seeds: 0..<5)).check().schedulesExplored)
        for reduction in [true, false] {
            let search = Exploration(
                seeds: 0..<1, scheduler: .exhaustive(Exploration.ExhaustiveSearch(reduction: reduction)))
            let report = Checker(strategy: CacheAside(), workload: workload, exploration: search).check()
            XCTAssertEqual(report.schedulesExplored, report.exploration.search?.schedules)
            XCTAssertGreaterThan(report.schedulesExplored ?? 0, 1)
        }
    }
}
