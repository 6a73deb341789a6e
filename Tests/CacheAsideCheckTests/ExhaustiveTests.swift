import CacheAsideCheck
import CacheAsideModels
import XCTest

/// Exhaustive search: it counts schedules as combinatorics says it should, finds the stale-set race,
/// proves a fixed model on a small bound, enumerates faults, its reduction loses no violation, and it
/// never calls "holds" what it did not explore.
final class ExhaustiveTests: XCTestCase {
    private func checker(
        _ strategy: any CachingStrategy, _ workload: Workload, properties: [Property] = [.convergence],
        faults: Set<Fault> = [], seed: UInt64 = 0, search: Exploration.ExhaustiveSearch = Exploration.ExhaustiveSearch()
    ) -> Checker {
        Checker(
            strategy: strategy, workload: workload, properties: properties,
            simulation: SimulationOptions(faults: faults),
            exploration: Exploration(seeds: seed..<(seed + 1), scheduler: .exhaustive(search), shrinkAttemptLimit: 2_000))
    }

    /// Three writers of two steps each: 6! / (2!·2!·2!) = 90 interleavings.
    private let threeWriters = Workload(clients: 3, operationsPerClient: 1, keys: 1, writeRatio: 1)

    func testPlainSearchExploresEveryInterleavingOnce() {
        let report = checker(CacheAside(), threeWriters, search: Exploration.ExhaustiveSearch(reduction: false)).check()
        XCTAssertEqual(report.exploration.stop, .completed)
        XCTAssertEqual(report.exploration.search?.schedules, 90)
        XCTAssertEqual(report.runs, 90)
        XCTAssertEqual(report.outcome, .holds)
    }

    func testZeroPreemptionsExploresEachOrderOfClientsOnce() {
        let report = checker(CacheAside(), threeWriters, search: Exploration.ExhaustiveSearch(preemptionBound: 0, reduction: false))
            .check()
        XCTAssertEqual(report.exploration.search?.schedules, 6)
        XCTAssertGreaterThan(report.exploration.search?.prunedByPreemptionBound ?? 0, 0)
    }

    func testFindsTheStaleSetRaceAndShrinksItToAReplayableRun() throws {
        let checker = checker(
            CacheAside(), Workload(clients: 2, operationsPerClient: 1, keys: 1), search: Exploration.ExhaustiveSearch(allWorkloads: true))
        let report = checker.check()
        XCTAssertEqual(report.exploration.stop, .everyPropertyViolated)
        XCTAssertEqual(report.outcome, .violated)
        let example = try XCTUnwrap(report.properties[0].counterexample)
        XCTAssertNotNil(Property.convergence.evaluate(try checker.replay(token: example.replayToken)).violation)
        XCTAssertEqual(example.size.clients, 2)
    }

    func testProvesLeaseForTwoClientsTwoOperations() {
        let properties: [Property] = [.convergence, .linearizability, .staleness(bound: 60)]
        let report = checker(
            Lease(), Workload(clients: 2, operationsPerClient: 2, keys: 1), properties: properties,
            search: Exploration.ExhaustiveSearch(allWorkloads: true)
        ).check()
        XCTAssertEqual(report.exploration.stop, .completed)
        XCTAssertTrue(report.holds)
        XCTAssertGreaterThan(report.exploration.search?.schedules ?? 0, 1_000)
    }

    /// The JSON report says what the text says: schedules against pruned, and whether "holds" is a proof
    /// (a completed unbounded search) or only no violation among bounded schedules.
    func testTheJSONReportSaysWhetherTheSearchIsAProof() throws {
        func search(_ search: Exploration.ExhaustiveSearch) throws -> JSONReport.SearchEntry {
            let report = checker(Lease(), Workload(clients: 2, operationsPerClient: 1), search: search).check()
            let json = JSONReport(report: report, options: [:], seedRange: 0..<1, shard: nil) { $0 }
            return try XCTUnwrap(json.search)
        }
        let unbounded = try search(Exploration.ExhaustiveSearch())
        XCTAssertTrue(unbounded.proof)
        XCTAssertGreaterThan(unbounded.schedules, 1)
        XCTAssertFalse(try search(Exploration.ExhaustiveSearch(preemptionBound: 0)).proof)
        let plain = try search(Exploration.ExhaustiveSearch(reduction: false))
        XCTAssertEqual(plain.reductionWaiver, "switchedOff")
        XCTAssertGreaterThanOrEqual(plain.schedules, unbounded.schedules)
    }

    func testEnumeratesFaultsAsChoices() {
        // Lease keeps convergence without faults (above) but not when a delete can be lost.
        let report = checker(
            Lease(), Workload(clients: 2, operationsPerClient: 2, keys: 1), faults: [.lostDelete],
            search: Exploration.ExhaustiveSearch(allWorkloads: true)
        ).check()
        XCTAssertEqual(report.outcome, .violated)
        let run = report.properties[0].counterexample?.run
        XCTAssertTrue(run?.history.events.contains { "\($0)".contains("dropped") } ?? false)
    }

    /// A restart of an empty cache is not a choice, and restarts wake sleeping clients instead of
    /// switching the reduction off, so such proofs finish (every workload of 2 × 2 is in the exploration
    /// benchmark's proofs, timed in release; here a few drawn workloads keep the debug suite fast).
    func testProvesLockedCacheAsideConvergesUnderCacheRestarts() {
        for seed: UInt64 in 0..<3 {
            let report = checker(
                LockedCacheAside(), Workload(clients: 2, operationsPerClient: 2, keys: 1), faults: [.cacheRestart],
                seed: seed
            ).check()
            XCTAssertEqual(report.exploration.stop, .completed)
            XCTAssertEqual(report.outcome, .holds, "seed \(seed)")
        }
        let report = checker(
            LockedCacheAside(), Workload(clients: 2, operationsPerClient: 1, keys: 1), faults: [.cacheRestart],
            search: Exploration.ExhaustiveSearch(allWorkloads: true)
        ).check()
        XCTAssertEqual(report.exploration.stop, .completed)
        XCTAssertEqual(report.outcome, .holds)
        XCTAssertTrue(report.exploration.search?.reduction ?? false)
    }

    /// With restarts enabled, the reduced search finds exactly the violations plain search finds.
    func testReductionUnderCacheRestartsLosesNoViolation() {
        for seed: UInt64 in 0..<3 {
            let properties: [Property] = [.convergence, .linearizability]
            let workload = Workload(clients: 2, operationsPerClient: 2, keys: 1)
            let plain = checker(
                CacheAside(), workload, properties: properties, faults: [.cacheRestart], seed: seed,
                search: Exploration.ExhaustiveSearch(reduction: false, stopWhenEveryPropertyIsViolated: false)
            ).check()
            let reduced = checker(
                CacheAside(), workload, properties: properties, faults: [.cacheRestart], seed: seed,
                search: Exploration.ExhaustiveSearch(stopWhenEveryPropertyIsViolated: false)
            ).check()
            XCTAssertEqual(plain.properties.map(\.verdict), reduced.properties.map(\.verdict), "seed \(seed)")
            XCTAssertLessThanOrEqual(
                reduced.exploration.search?.schedules ?? 0, plain.exploration.search?.schedules ?? 0, "seed \(seed)")
        }
    }

    func testReductionFindsTheSameViolationsInFewerSchedules() {
        let workload = Workload(clients: 2, operationsPerClient: 2, keys: 2)
        for seed: UInt64 in 0..<3 {
            let properties: [Property] = [.convergence, .linearizability]
            let plain = checker(
                CacheAside(), workload, properties: properties, seed: seed,
                search: Exploration.ExhaustiveSearch(reduction: false, stopWhenEveryPropertyIsViolated: false)
            ).check()
            let reduced = checker(
                CacheAside(), workload, properties: properties, seed: seed,
                search: Exploration.ExhaustiveSearch(stopWhenEveryPropertyIsViolated: false)
            ).check()
            XCTAssertEqual(plain.properties.map(\.verdict), reduced.properties.map(\.verdict), "seed \(seed)")
            XCTAssertLessThan(
                reduced.exploration.search?.schedules ?? 0, plain.exploration.search?.schedules ?? 0, "seed \(seed)")
        }
    }

    /// The search does not stop at the first property's violation while another is unexplored: a
    /// property it reports as holding held over every schedule.
    func testKeepsSearchingUntilEveryPropertyIsViolatedOrTheSpaceIsDone() {
        let properties: [Property] = [.convergence, .staleness(bound: 1_000)]
        let stopping = checker(
            CacheAside(), Workload(clients: 2, operationsPerClient: 2, keys: 1), properties: properties,
            search: Exploration.ExhaustiveSearch(allWorkloads: true)
        ).check()
        let everything = checker(
            CacheAside(), Workload(clients: 2, operationsPerClient: 2, keys: 1), properties: properties,
            search: Exploration.ExhaustiveSearch(allWorkloads: true, stopWhenEveryPropertyIsViolated: false)
        ).check()
        XCTAssertEqual(stopping.properties[0].verdict, .violated)
        XCTAssertEqual(stopping.properties[1].verdict, everything.properties[1].verdict)
        XCTAssertEqual(stopping.properties[1].verdict, .holds)
        XCTAssertEqual(stopping.exploration.stop, .completed)
        XCTAssertEqual(stopping.exploration.search?.schedules, everything.exploration.search?.schedules)
    }

    func testTimeLimitMakesTheSearchUndecidedNotAPass() {
        var checker = checker(
            CacheAside(), Workload(clients: 3, operationsPerClient: 3, keys: 1), properties: [.staleness(bound: 1_000)],
            search: Exploration.ExhaustiveSearch(reduction: false))
        checker.exploration.timeLimit = .milliseconds(200)
        let report = checker.check()
        XCTAssertEqual(report.exploration.stop, .timeLimit)
        XCTAssertEqual(report.outcome, .undecided)
        XCTAssertFalse(report.holds)
        XCTAssertEqual(report.properties[0].verdict, .undecided(reason: "exploration stopped at the time limit"))
        XCTAssertEqual(report.runs, report.exploration.search?.schedules)
    }

    func testInterruptionStopsTheSearchBetweenRuns() {
        var checker = checker(CacheAside(), threeWriters, search: Exploration.ExhaustiveSearch(reduction: false))
        checker.exploration.shouldStop = { true }
        let report = checker.check()
        XCTAssertEqual(report.exploration.stop, .interrupted)
        XCTAssertEqual(report.runs, 0)
        XCTAssertEqual(report.outcome, .undecided)
    }
}
