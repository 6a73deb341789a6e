import CacheAsideCheck
import CacheAsideModels
import XCTest

/// Exhaustive search: it counts schedules as combinatorics says it should, finds the stale-set race,
/// proves a fixed model on a small bound, enumerates faults, and its reduction loses no violation.
final class ExhaustiveTests: XCTestCase {
    private func checker(
        _ strategy: any CachingStrategy, _ workload: Workload, properties: [Property] = [.convergence],
        faults: Set<Fault> = [], seed: UInt64 = 0
    ) -> Checker {
        Checker(
            strategy: strategy, workload: workload, properties: properties,
            simulation: SimulationOptions(faults: faults),
            exploration: Exploration(seeds: seed..<(seed + 1), shrinkAttemptLimit: 2_000))
    }

    /// Three writers of two steps each: 6! / (2!·2!·2!) = 90 interleavings.
    private let threeWriters = Workload(clients: 3, operationsPerClient: 1, keys: 1, writeRatio: 1)

    func testPlainSearchExploresEveryInterleavingOnce() {
        let outcome = checker(CacheAside(), threeWriters).checkExhaustively(ExhaustiveSearch(reduction: false))
        XCTAssertEqual(outcome.statistics.stop, .exhausted)
        XCTAssertEqual(outcome.statistics.schedules, 90)
        XCTAssertEqual(outcome.report.runs, 90)
        XCTAssertEqual(outcome.summary, "explored all 90 schedules (0 pruned), no reduction: no violation")
    }

    func testZeroPreemptionsExploresEachOrderOfClientsOnce() {
        let outcome = checker(CacheAside(), threeWriters)
            .checkExhaustively(ExhaustiveSearch(preemptionBound: 0, reduction: false))
        XCTAssertEqual(outcome.statistics.schedules, 6)
        XCTAssertGreaterThan(outcome.statistics.prunedByPreemptionBound, 0)
    }

    func testFindsTheStaleSetRaceAndShrinksItToAReplayableRun() throws {
        let checker = checker(CacheAside(), Workload(clients: 2, operationsPerClient: 1, keys: 1))
        let outcome = checker.checkExhaustively(ExhaustiveSearch(allWorkloads: true))
        XCTAssertEqual(outcome.statistics.stop, .violation)
        let example = try XCTUnwrap(outcome.report.properties[0].counterexample)
        XCTAssertNotNil(Property.convergence.evaluate(try checker.replay(token: example.replayToken)).violation)
        XCTAssertEqual(example.size.clients, 2)
    }

    func testProvesLeaseForTwoClientsTwoOperations() {
        let properties: [Property] = [.convergence, .linearizability, .staleness(bound: 60)]
        let outcome = checker(Lease(), Workload(clients: 2, operationsPerClient: 2, keys: 1), properties: properties)
            .checkExhaustively(ExhaustiveSearch(allWorkloads: true))
        XCTAssertEqual(outcome.statistics.stop, .exhausted, outcome.summary)
        XCTAssertTrue(outcome.report.holds)
        XCTAssertGreaterThan(outcome.statistics.schedules, 1_000)
    }

    func testEnumeratesFaultsAsChoices() {
        // Lease keeps convergence without faults (above) but not when a delete can be lost.
        let outcome = checker(
            Lease(), Workload(clients: 2, operationsPerClient: 2, keys: 1), faults: [.lostDelete]
        ).checkExhaustively(ExhaustiveSearch(allWorkloads: true))
        XCTAssertEqual(outcome.statistics.stop, .violation)
        let run = outcome.report.properties[0].counterexample?.run
        XCTAssertTrue(run?.history.events.contains { "\($0)".contains("dropped") } ?? false)
    }

    func testReductionFindsTheSameViolationsInFewerSchedules() {
        let workload = Workload(clients: 2, operationsPerClient: 2, keys: 2)
        for seed: UInt64 in 0..<3 {
            let checker = checker(CacheAside(), workload, properties: [.convergence, .linearizability], seed: seed)
            let plain = checker.checkExhaustively(ExhaustiveSearch(reduction: false, stopAtFirstViolation: false))
            let reduced = checker.checkExhaustively(ExhaustiveSearch(stopAtFirstViolation: false))
            XCTAssertEqual(
                plain.report.properties.map(\.holds), reduced.report.properties.map(\.holds), "seed \(seed)")
            XCTAssertLessThan(reduced.statistics.schedules, plain.statistics.schedules, "seed \(seed)")
        }
    }

    func testCheckWithTheExhaustiveSchedulerReturnsTheSearchReport() {
        var checker = checker(CacheAside(), threeWriters)
        checker.exploration.scheduler = .exhaustive(ExhaustiveSearch(reduction: false))
        let report = checker.check()
        XCTAssertEqual(report.runs, 90)
        XCTAssertTrue(report.holds)
    }

    func testTimeLimitStopsTheSearchCleanly() {
        var checker = checker(CacheAside(), Workload(clients: 3, operationsPerClient: 3, keys: 1))
        checker.exploration.timeLimit = .milliseconds(200)
        let outcome = checker.checkExhaustively(ExhaustiveSearch(reduction: false, stopAtFirstViolation: false))
        XCTAssertEqual(outcome.statistics.stop, .timeLimit)
        XCTAssertEqual(outcome.report.runs, outcome.statistics.schedules)
        XCTAssertTrue(outcome.summary.hasPrefix("stopped at the time limit after"), outcome.summary)
    }
}
