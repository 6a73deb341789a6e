import CacheAsideCheck
import CacheAsideModels
import XCTest

final class PropertyTests: XCTestCase {
    let workload = Workload()

    private func staleSetRun(ttl: Ticks? = 60) -> RunRecord {
        Simulation.run(CacheAside(ttl: ttl), workload: workload, choices: ChoiceSource(replaying: ReplayTokenFixtures.staleSet))
    }

    // MARK: Convergence

    func testConvergenceNamesTheStaleKeyAndBothValues() throws {
        let violation = try XCTUnwrap(Property.convergence.evaluate(staleSetRun()).violation)
        XCTAssertEqual(
            violation.explanation,
            "after the run the cache holds v0 for k1 while the database holds v1 (until the entry expires at t65)")
    }

    func testConvergenceHoldsWhenEveryOperationRunsAlone() {
        let plan = WorkloadPlan(operations: [[.read(Key(1)), .write(Key(1))], [.read(Key(1)), .write(Key(1))]])
        let run = Simulation.run(CacheAside(), plan: plan, keys: [Key(1)], choices: ChoiceSource(replaying: []))
        XCTAssertNil(Property.convergence.evaluate(run).violation)
    }

    func testConvergenceAgreesWithDirectComparisonOfFinalState() {
        for seed: UInt64 in 0..<2_000 {
            let run = Simulation.run(CacheAside(), workload: Workload(keys: 2), choices: ChoiceSource(seed: seed))
            let world = run.finalWorld
            let diverged = world.keys.contains { key in
                world.cache.get(key, at: world.now).map { $0 != world.database.read(key) } ?? false
            }
            XCTAssertEqual(Property.convergence.evaluate(run).violation != nil, diverged, "seed \(seed)")
        }
    }

    // MARK: Staleness

    func testStaleSetWithoutTTLIsUnbounded() throws {
        let evaluation = Property.staleness(bound: nil).evaluate(staleSetRun(ttl: nil))
        XCTAssertEqual(evaluation.measurements.max(), Measurement.unbounded)
        let violation = try XCTUnwrap(evaluation.violation)
        XCTAssertTrue(violation.explanation.contains("unbounded"), violation.explanation)
    }

    func testStaleSetWithTTLLastsTheTTLAfterTheLateSet() {
        // The overwrite completed at t4 and the stale v0 was set at t5 with TTL 60: readable until t64,
        // so a read at t64 would be 60 ticks stale — within a bound of 60, over a bound of 59.
        let run = staleSetRun(ttl: 60)
        XCTAssertEqual(Property.staleness(bound: 60).evaluate(run).measurements.max(), 60)
        XCTAssertNil(Property.staleness(bound: 60).evaluate(run).violation)
        XCTAssertNotNil(Property.staleness(bound: 59).evaluate(run).violation)
    }

    func testStalenessMatchesBruteForceOracle() {
        for seed: UInt64 in 0..<1_500 {
            let run = Simulation.run(
                CacheAside(ttl: 8), workload: Workload(clients: 3, operationsPerClient: 3, keys: 2),
                choices: ChoiceSource(seed: seed))
            let measured = Property.staleness(bound: nil).evaluate(run).measurements
            // Same multiset: the property lists reads by invocation, the oracle by return.
            XCTAssertEqual(measured.sorted(), StalenessOracle.windows(run).sorted(), "seed \(seed)")
        }
    }

    /// What bound cache-aside with a TTL really keeps: a reader that loaded the old row sets it late, and
    /// the entry then lives a full TTL. The overwrite it missed completes at the earliest two ticks after
    /// its db.read (the writer's db.write, then its cache.delete), and the entry is readable until
    /// set + TTL − 1, so staleness ≤ TTL − 3 + R, where R is the longest time from a refill's db.read to
    /// its cache.set. The bound is reached, so it is exact, and the TTL alone is not a bound.
    func testCacheAsideStalenessIsBoundedByTTLPlusRefillDelay() {
        let ttl = 6
        var reached = false
        var exceededTTL = false
        for seed: UInt64 in 0..<3_000 {
            let run = Simulation.run(
                CacheAside(ttl: ttl), workload: Workload(clients: 3, operationsPerClient: 4),
                choices: ChoiceSource(seed: seed))
            let staleness = Property.staleness(bound: nil).evaluate(run).measurements.max() ?? 0
            let bound = ttl - 3 + Self.longestRefillDelay(run)
            XCTAssertLessThanOrEqual(staleness, bound, "seed \(seed)")
            if staleness == bound && staleness > 0 { reached = true }
            if staleness > ttl { exceededTTL = true }
        }
        XCTAssertTrue(reached, "the bound should be tight")
        XCTAssertTrue(exceededTTL, "staleness should exceed the TTL on some run")
    }

    /// The longest gap between a client's db.read and its following cache.set in one operation.
    static func longestRefillDelay(_ run: RunRecord) -> Int {
        var lastRead: [ClientID: Ticks] = [:]
        var longest = 0
        for (tick, client, step) in run.history.steps {
            switch step.action {
            case .databaseRead: lastRead[client] = tick
            case .cacheSet:
                if let read = lastRead.removeValue(forKey: client) { longest = max(longest, tick - read) }
            default: break
            }
        }
        return longest
    }

    // MARK: Stampede

    func testTwoReadersMissingTogetherIsAStampede() throws {
        // Two readers, client 2 preempts client 1 right after its miss: both load the row.
        let plan = WorkloadPlan(operations: [[.read(Key(1))], [.read(Key(1))]])
        let run = Simulation.run(CacheAside(), plan: plan, keys: [Key(1)], choices: ChoiceSource(replaying: [0, 1, 1]))
        let evaluation = Property.stampede(limit: 1, cause: .coldMiss).evaluate(run)
        XCTAssertEqual(evaluation.measurements, [2])
        let violation = try XCTUnwrap(evaluation.violation)
        XCTAssertEqual(
            violation.explanation,
            "2 database reads of k1 for one refill after a cold miss (the first miss at t1, load 2 at t5), over the limit of 1")
        // The default stampede is the one at expiry: a cold cache is not its business.
        XCTAssertEqual(Property.stampede().evaluate(run), Property.Evaluation(measurements: [], exercised: false))
    }

    func testSequentialReadersRefillOnce() {
        let plan = WorkloadPlan(operations: [[.read(Key(1))], [.read(Key(1))]])
        let run = Simulation.run(CacheAside(), plan: plan, keys: [Key(1)], choices: ChoiceSource(replaying: []))
        XCTAssertEqual(Property.stampede(cause: nil).evaluate(run), Property.Evaluation(measurements: [1]))
    }

    // MARK: Linearizability

    func testLinearizabilityNamesTheStaleReadAndTheWriteItMissed() throws {
        let run = Simulation.run(
            CacheAside(), workload: workload, choices: ChoiceSource(replaying: [0, 0, 0, 0, 0, 2, 0, 1, 1, 2, 0, 1]))
        let violation = try XCTUnwrap(Property.linearizability.evaluate(run).violation)
        XCTAssertEqual(
            violation.explanation,
            "client 2's read of k1 at t6 returned v0, but client 1's write of v1 had completed at t4: "
                + "db.write at t3, cache.delete at t4")
    }

    func testLinearizabilityHoldsForRunsWithoutConcurrency() {
        for seed: UInt64 in 0..<200 {
            var choices = ChoiceSource(seed: seed)
            let plan = WorkloadPlan(drawing: Workload(), from: &choices)
            // No scheduling choices: each client runs to completion before the next starts.
            let run = Simulation.run(CacheAside(), plan: plan, keys: [Key(1)], choices: ChoiceSource(replaying: []))
            XCTAssertNil(Property.linearizability.evaluate(run).violation, "seed \(seed)")
        }
    }
}

extension PropertyTests {
    func testStampedeMatchesIntervalOracle() {
        let strategies: [any CachingStrategy] = [CacheAside(ttl: 5), SingleFlight(ttl: 5), Lease(ttl: 5), VersionedSet(ttl: 5)]
        for strategy in strategies {
            for seed: UInt64 in 0..<500 {
                let run = Simulation.run(
                    strategy, workload: Workload(clients: 3, operationsPerClient: 3, keys: 2, writeRatio: 0.3),
                    choices: ChoiceSource(seed: seed), options: SimulationOptions(clockJumps: 10))
                let measured = Property.stampede(cause: nil).evaluate(run).measurements
                XCTAssertEqual(measured, StampedeOracle.loadsPerEpisode(run), "\(strategy.name) seed \(seed)")
            }
        }
    }
}
