import CacheAsideCheck
import CacheAsideModels
import XCTest

/// Latencies, think time, key skew, warm starts and concurrent time: each a choice whose 0 is the simplest
/// value, and each leaving the classic workload's runs exactly as they were when left at its default.
final class TimeAndLoadTests: XCTestCase {
    func testTheClassicWorkloadDrawsNoChoiceForTheNewKnobs() {
        var choices = ChoiceSource(seed: 7)
        let plan = WorkloadPlan(drawing: Workload(), from: &choices)
        XCTAssertEqual(choices.recorded.count, 9, "one kind per operation slot, nothing else")
        XCTAssertEqual(plan.thinkTimes, [])
        XCTAssertEqual(plan.warmEntries, [:])
    }

    func testChoiceZeroPicksTheHottestKeyAndSkewMakesItHot() {
        let skewed = Workload(clients: 64, operationsPerClient: 10, keys: 4, keySkew: 1.2)
        // Kind 1 (read) and key choice 0, five times: five reads of k1.
        var hottest = ChoiceSource(replaying: Array([[1, 0], [1, 0], [1, 0], [1, 0], [1, 0]].joined()))
        let oneClient = Workload(clients: 1, operationsPerClient: 5, keys: 4, keySkew: 1.2)
        XCTAssertEqual(
            WorkloadPlan(drawing: oneClient, from: &hottest).operations, [Array(repeating: .read(Key(1)), count: 5)])
        var choices = ChoiceSource(seed: 3)
        let operations = WorkloadPlan(drawing: skewed, from: &choices).operations.joined()
        let counts = Dictionary(grouping: operations, by: \.key).mapValues(\.count)
        XCTAssertGreaterThan(counts[Key(1)] ?? 0, (counts[Key(2)] ?? 0) + (counts[Key(4)] ?? 0))
        var uniform = ChoiceSource(seed: 3)
        let flat = WorkloadPlan(drawing: Workload(clients: 64, operationsPerClient: 10, keys: 4), from: &uniform)
        let flatCounts = Dictionary(grouping: flat.operations.joined(), by: \.key).mapValues(\.count)
        XCTAssertLessThan(flatCounts[Key(1)] ?? 0, counts[Key(1)] ?? 0)
    }

    func testAWarmStartCachesEveryKeyWithExpiriesWithinTheSpreadAndChoiceZeroLeavesItCold() throws {
        let workload = Workload(clients: 1, operationsPerClient: 1, keys: 3, warmStart: 30)
        let run = Simulation.run(CacheAside(ttl: 30), workload: workload, choices: ChoiceSource(seed: 11))
        XCTAssertEqual(Set(run.plan.warmEntries.keys), [Key(1), Key(2), Key(3)])
        XCTAssertTrue(run.plan.warmEntries.values.allSatisfy { (1...30).contains($0) })
        let cold = Simulation.run(CacheAside(ttl: 30), workload: workload, choices: ChoiceSource(replaying: [1]))
        XCTAssertEqual(cold.plan.warmEntries, [:])
        XCTAssertEqual(cold.history.steps.first?.step.outcome, .value(nil), "a cold cache misses")
    }

    func testASlowDatabaseReadParksItsReaderAndChoiceZeroIsTheFastest() throws {
        let plan = WorkloadPlan(operations: [[.read(Key(1))]])
        for timing in SimulationOptions.Timing.allCases {
            let options = SimulationOptions(latencies: SimulationOptions.Latencies(databaseRead: 3...9), timing: timing)
            let fastest = Simulation.run(CacheAside(), plan: plan, keys: [Key(1)], choices: ChoiceSource(replaying: []), options: options)
            let slowest = Simulation.run(CacheAside(), plan: plan, keys: [Key(1)], choices: ChoiceSource(replaying: [6]), options: options)
            func gap(_ run: RunRecord) -> Ticks {
                let steps = run.history.steps
                return steps[2].tick - steps[1].tick  // db.read → cache.set
            }
            XCTAssertEqual(gap(fastest), 3, "\(timing)")
            XCTAssertEqual(gap(slowest), 9, "\(timing)")
        }
    }

    func testAHitTakesOneTickInEitherTiming() {
        let plan = WorkloadPlan(operations: [[.read(Key(1)), .read(Key(1))]])
        for timing in SimulationOptions.Timing.allCases {
            let run = Simulation.run(
                CacheAside(), plan: plan, keys: [Key(1)], choices: ChoiceSource(replaying: []),
                options: SimulationOptions(timing: timing))
            XCTAssertEqual(ReadCosts(run: run).latencies.last, 1, "\(timing)")
            XCTAssertEqual(ReadCosts(run: run).hits, 1, "\(timing)")
        }
    }

    func testInConcurrentTimeClientsShareTicksAndThinkTimeSpreadsThem() {
        let plan = WorkloadPlan(operations: [[.read(Key(1))], [.read(Key(1))]], thinkTimes: [[0], [50]])
        let run = Simulation.run(
            CacheAside(), plan: plan, keys: [Key(1)], choices: ChoiceSource(replaying: []),
            options: SimulationOptions(timing: .concurrent))
        let ticks = run.history.steps.map(\.tick)
        XCTAssertEqual(ticks.first, 0)
        XCTAssertEqual(run.history.operations.map(\.invokeTick), [0, 50])
        // Two clients with no think time act in the same tick.
        let together = Simulation.run(
            CacheAside(), plan: WorkloadPlan(operations: [[.read(Key(1))], [.read(Key(1))]]), keys: [Key(1)],
            choices: ChoiceSource(replaying: [0, 1]), options: SimulationOptions(timing: .concurrent))
        XCTAssertEqual(together.history.steps.prefix(2).map(\.tick), [0, 0])
    }

    func testRefillEpisodesAreToldApartByCause() {
        // k1 warm until t2, then read after it expired; a write invalidates; then a read misses again.
        let plan = WorkloadPlan(
            operations: [[.read(Key(1)), .write(Key(1)), .read(Key(1))]], thinkTimes: [[5, 0, 0]],
            warmEntries: [Key(1): 2])
        let run = Simulation.run(
            CacheAside(ttl: 30), plan: plan, keys: [Key(1), Key(2)], choices: ChoiceSource(replaying: []),
            options: SimulationOptions(timing: .concurrent))
        XCTAssertEqual(RefillEpisodes(run: run).episodes.map(\.cause), [.expiry, .invalidation])
        XCTAssertEqual(RefillEpisodes(run: run).episodes.map(\.loads), [1, 1])
        let cold = Simulation.run(
            CacheAside(ttl: 30), plan: WorkloadPlan(operations: [[.read(Key(1))]]), keys: [Key(1)],
            choices: ChoiceSource(replaying: []))
        XCTAssertEqual(RefillEpisodes(run: cold).episodes.map(\.cause), [.coldMiss])
    }

    func testASlowRefillStretchesStalenessPastTheTTLButNotPastTTLPlusTheRefill() {
        let scenario = Scenario.slowRefill
        let report = Checker(
            strategy: CacheAside(ttl: scenario.ttl), workload: scenario.workload,
            properties: [.staleness(bound: scenario.ttl)], simulation: scenario.simulation,
            exploration: Exploration(seeds: 0..<1_000, jobs: 2, shrink: false)
        ).check()
        let ttl = scenario.ttl!
        let longestRefill = scenario.simulation.latencies.databaseRead.upperBound
            + scenario.simulation.latencies.cacheCall.upperBound
        let worst = report.properties[0].measurements.maxBounded ?? 0
        XCTAssertGreaterThan(worst, ttl)
        XCTAssertLessThanOrEqual(worst, ttl + longestRefill)
    }

    func testAnAbsentKeyReadsNothingUntilAWriteInsertsIt() {
        let plan = WorkloadPlan(
            operations: [[.read(Key(2)), .write(Key(2)), .read(Key(2)), .read(Key(1))]], absentKeys: [Key(2)])
        let run = Simulation.run(
            CacheAside(), plan: plan, keys: [Key(1), Key(2)], choices: ChoiceSource(replaying: []))
        let reads = run.history.operations.filter(\.operation.isRead).map(\.result)
        XCTAssertEqual(reads, [nil, Value(version: 1), Value.initial])
        // Cache-aside caches no "no row": the first read left nothing behind to invalidate.
        XCTAssertFalse(run.history.steps.prefix(2).contains { if case .cacheSet = $0.step.action { true } else { false } })
        XCTAssertNil(Property.linearizability.evaluate(run).violation)
    }

    func testWorkloadsWithAbsentKeysAreLinearizableWithoutConcurrency() {
        let workload = Workload(keys: 2, absentKeys: 1)
        for seed: UInt64 in 0..<200 {
            var choices = ChoiceSource(seed: seed)
            let plan = WorkloadPlan(drawing: workload, from: &choices)
            XCTAssertEqual(plan.absentKeys, [Key(2)])
            let run = Simulation.run(CacheAside(), plan: plan, keys: workload.allKeys, choices: ChoiceSource(replaying: []))
            XCTAssertNil(Property.linearizability.evaluate(run).violation, "seed \(seed)")
        }
        // With concurrency, a read of the absent key that returns "no row" after an insert completed is
        // caught: the register starts at "no row", not at v0.
        let stale = (UInt64(0)..<2_000).contains { seed -> Bool in
            let run = Simulation.run(CacheAside(), workload: Workload(clients: 3, keys: 1, absentKeys: 1), choices: ChoiceSource(seed: seed))
            return Property.linearizability.evaluate(run).violation != nil
        }
        XCTAssertTrue(stale)
    }

    /// Cache-aside whose writes delete the row instead of replacing it: the smallest strategy that uses
    /// `env.database.delete`.
    private struct DeletingWrites: CachingStrategy {
        var name: String { "deleting writes" }
        func read(_ key: Key, in env: Environment) async throws -> Value? {
            try await CacheAside().read(key, in: env)
        }
        func write(_ key: Key, _ value: Value, in env: Environment) async throws {
            try await env.database.delete(key)
            try await env.cache.delete(key)
        }
    }

    func testADeletedRowReadsAsNoRowAndTheLanesSaySo() {
        let plan = WorkloadPlan(operations: [[.read(Key(1)), .write(Key(1)), .read(Key(1))]])
        let run = Simulation.run(DeletingWrites(), plan: plan, keys: [Key(1)], choices: ChoiceSource(replaying: []))
        XCTAssertEqual(run.history.operations.filter(\.operation.isRead).map(\.result), [Value.initial, nil])
        XCTAssertNil(run.finalWorld.database.read(Key(1)))
        let lanes = LaneDiagram.render(run)
        XCTAssertTrue(lanes.contains("db.delete k1"), lanes)
        XCTAssertTrue(lanes.contains("k1 row deleted"), lanes)
        XCTAssertTrue(lanes.contains("k1 → no row"), lanes)
        // The run model behind the lanes, the JSON and the HTML says the same: the row ends at the delete.
        let model = RunModel(run)
        XCTAssertTrue(model.events.contains { $0.databaseEffect == "k1 row deleted" })
        XCTAssertTrue(model.events.contains { $0.databaseEffect == "k1 → no row" })
        XCTAssertEqual(model.databaseContents.map(\.value), ["v0"])
        XCTAssertNotNil(model.databaseContents[0].until, "the delete ended the only row")
    }
}
