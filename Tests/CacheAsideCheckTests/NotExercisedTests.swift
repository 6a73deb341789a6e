import CacheAsideCheck
import CacheAsideModels
import XCTest

/// A verdict over nothing is not "holds": a property whose subject never occurred in any run (no expiry
/// refill for the stampede, no read for staleness) is reported as not exercised — its own word in the
/// text, JSON and JUnit, and an undecided outcome (exit 3).
final class NotExercisedTests: XCTestCase {
    func testTheStampedeOverTheClassicRaceIsNotExercised() throws {
        let report = Checker(strategy: CacheAside(), properties: [.stampede()], exploration: Exploration(seeds: 0..<300))
            .check()
        guard case .notExercised(let reason) = report.properties[0].verdict else {
            return XCTFail("expected not exercised, got \(report.properties[0].verdict)")
        }
        XCTAssertTrue(reason.contains("a refill after expiry"), reason)
        XCTAssertEqual(report.properties[0].exercisedRuns, 0)
        XCTAssertEqual(report.outcome, .undecided)
        XCTAssertFalse(report.holds)
        let text = TextReport(report: report) { $0 }.render(header: "")
        XCTAssertTrue(text.contains("not exercised"), text)
        let json = JSONReport(report: report, options: [:], seedRange: 0..<300, shard: nil) { $0 }
        XCTAssertEqual(json.properties[0].verdict, "notExercised")
        XCTAssertFalse(json.holds)
    }

    /// The same property is exercised, and judged, once entries expire while clients read.
    func testTheStampedeIsExercisedWhenEntriesExpire() {
        let report = Checker(
            strategy: CacheAside(ttl: 5), workload: Workload(clients: 4, operationsPerClient: 6, writeRatio: 0.1),
            properties: [.stampede()], simulation: SimulationOptions(clockJumps: 10),
            exploration: Exploration(seeds: 0..<300)
        ).check()
        XCTAssertGreaterThan(report.properties[0].exercisedRuns, 0)
        if case .notExercised = report.properties[0].verdict { XCTFail("exercised in \(report.properties[0].exercisedRuns) runs") }
    }

    /// Exercised is counted per run against an independent count: the runs with at least one expiry
    /// refill episode, as `RefillEpisodes` finds them.
    func testExercisedRunsCountTheRunsWithAnExpiryRefill() {
        let checker = Checker(
            strategy: CacheAside(ttl: 4), workload: Workload(clients: 3, operationsPerClient: 4), properties: [.stampede()],
            simulation: SimulationOptions(clockJumps: 6), exploration: Exploration(seeds: 0..<200, shrink: false))
        let expected = (0..<200).count { seed in
            let run = checker.run(seed: UInt64(seed))
            return run.failure == nil && !Property.stampede().evaluate(run).measurements.isEmpty
        }
        XCTAssertGreaterThan(expected, 0)
        XCTAssertEqual(checker.check().properties[0].exercisedRuns, expected)
    }

    func testStalenessWithNoReadIsNotExercised() {
        let report = Checker(
            strategy: CacheAside(), workload: Workload(clients: 2, operationsPerClient: 2, writeRatio: 1),
            properties: [.staleness(bound: 60), .convergence], exploration: Exploration(seeds: 0..<50)
        ).check()
        guard case .notExercised = report.properties[0].verdict else {
            return XCTFail("expected not exercised, got \(report.properties[0].verdict)")
        }
        XCTAssertEqual(report.properties[1].verdict, .holds)
    }
}
