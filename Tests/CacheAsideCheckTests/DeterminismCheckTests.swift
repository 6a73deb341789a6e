import CacheAsideCheck
import CacheAsideModels
import XCTest

final class DeterminismCheckTests: XCTestCase {
    func testHiddenGlobalStateIsReportedAsNondeterminism() throws {
        var exploration = Exploration(seeds: 0..<200, shrink: false)
        exploration.checkDeterminism = true
        let report = Checker(strategy: GlobalCounterStrategy(), properties: [.convergence], exploration: exploration).check()
        let failure = try XCTUnwrap(report.runFailure)
        guard case .nondeterministic(let seed) = failure.failure else {
            return XCTFail("expected nondeterminism, got \(failure.failure)")
        }
        XCTAssertEqual(seed, failure.seed)
        XCTAssertTrue(failure.failure.description.contains("env.random"))
    }

    func testDeterministicStrategyPassesTheCheck() {
        var exploration = Exploration(seeds: 0..<300, shrink: false)
        exploration.checkDeterminism = true
        let report = Checker(strategy: CacheAside(), properties: [.convergence, .linearizability], exploration: exploration).check()
        XCTAssertNil(report.runFailure)
        XCTAssertFalse(report.holds)
    }
}
