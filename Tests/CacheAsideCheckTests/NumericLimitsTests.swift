import CacheAsideCheck
import CacheAsideModels
import XCTest


/// Sleeps, then reads: how long comes from the test.
struct SleepsThenReads: CachingStrategy {
    var sleep: Ticks
    var ttl: Ticks?
    func read(_ key: Key, in env: Environment) async throws -> Value? {
        try await env.clock.sleep(sleep)
        return try await CacheAside(ttl: ttl).read(key, in: env)
    }
    func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await env.lock.acquire(key, lease: ttl)
        try await CacheAside(ttl: ttl).write(key, value, in: env)
        try await env.lock.release(key)
    }
}

/// Durations at the edges of `Int` — from strategies or options — saturate or read as "already
/// over"; nothing traps.
final class NumericLimitsTests: XCTestCase {
    let key = Key(1)
    let edges: [Ticks] = [.max, .max - 1, .min, -5, 0, 1]

    func testTTLPastTheEndOfTimeEndsThere() {
        var cache = ModelCache()
        cache.set(key, Value(version: 1), ttl: .max, at: 10)
        XCTAssertEqual(cache.entry(key, at: 10)?.expiresAt, .max)
        XCTAssertEqual(cache.get(key, at: .max - 1), Value(version: 1))
        XCTAssertNil(cache.get(key, at: .max))
    }

    func testTTLOfZeroOrLessStoresAnEntryThatHasAlreadyExpired() {
        for ttl: Ticks in [0, -1, .min] {
            var cache = ModelCache()
            cache.set(key, Value(version: 1), ttl: nil, at: 5)
            cache.set(key, Value(version: 2), ttl: ttl, at: 5)
            XCTAssertNil(cache.get(key, at: 5), "ttl \(ttl)")
            XCTAssertTrue(cache.add(key, Value(version: 3), ttl: ttl, at: 5), "an expired entry is absent to add, ttl \(ttl)")
            XCTAssertNil(cache.get(key, at: 5), "ttl \(ttl)")
        }
    }

    func testLeaseTTLAtTheEdges() {
        var longLease = ModelCache(leaseTTL: .max)
        guard case .miss(let token) = longLease.leaseGet(key, at: 3) else { return XCTFail("first miss takes the lease") }
        XCTAssertEqual(longLease.leaseGet(key, at: .max - 1), .missLeaseHeld)
        XCTAssertTrue(longLease.leaseSet(key, Value(version: 1), ttl: .max, token: token, at: .max - 1))

        var endedLease = ModelCache(leaseTTL: -1)
        guard case .miss(let stale) = endedLease.leaseGet(key, at: 3) else { return XCTFail("first miss takes the lease") }
        XCTAssertFalse(endedLease.leaseSet(key, Value(version: 1), ttl: nil, token: stale, at: 3), "the lease ended as given")
        guard case .miss = endedLease.leaseGet(key, at: 3) else { return XCTFail("an ended lease does not block the next miss") }
    }

    func testSleepsTTLsAndLocksAtTheEdgesRunToTheEnd() {
        let workload = Workload(clients: 3, operationsPerClient: 3, keys: 2)
        for sleep in edges {
            for ttl in edges {
                for seed: UInt64 in 0..<20 {
                    let record = Simulation.run(
                        SleepsThenReads(sleep: sleep, ttl: ttl), workload: workload, choices: ChoiceSource(seed: seed),
                        options: SimulationOptions(leaseTTL: ttl))
                    XCTAssertNil(record.failure, "sleep \(sleep), ttl \(ttl), seed \(seed)")
                    XCTAssertEqual(record.history.operations.count, 9, "sleep \(sleep), ttl \(ttl), seed \(seed)")
                    if sleep == .max { XCTAssertEqual(record.finalWorld.now, .max, "the clock stops at the end of time") }
                }
            }
        }
    }

    func testClockJumpsOfAnyLimitRunAndReplay() {
        for limit in edges {
            for seed: UInt64 in 0..<200 {
                let options = SimulationOptions(clockJumps: limit)
                let record = Simulation.run(CacheAside(), workload: Workload(), choices: ChoiceSource(seed: seed), options: options)
                XCTAssertNil(record.failure)
                let again = Simulation.run(
                    CacheAside(), workload: Workload(), choices: ChoiceSource(replaying: record.choices), options: options)
                XCTAssertEqual(again.history, record.history, "limit \(limit), seed \(seed)")
            }
        }
    }

    /// The whole pipeline — every catalogue model, every property, shrinking — with edge TTLs, leases and
    /// jumps: a report, never a trap.
    func testEveryModelChecksWithEdgeDurations() {
        for entry in ModelCatalogue.entries {
            for ttl in [Ticks.max, 0, -5] {
                let checker = Checker(
                    strategy: entry.make(ttl), workload: Workload(clients: 3, operationsPerClient: 2, keys: 1),
                    properties: [.linearizability, .convergence, .staleness(bound: ttl), .stampede(limit: 1)],
                    simulation: SimulationOptions(leaseTTL: ttl, clockJumps: .max),
                    exploration: Exploration(seeds: 0..<30, shrinkAttemptLimit: 100))
                let report = checker.check()
                XCTAssertEqual(report.runs, 30, "\(entry.name), ttl \(ttl): \(String(describing: report.runFailure?.failure))")
            }
        }
    }

    private func checker(_ workload: Workload = Workload(), _ simulation: SimulationOptions = SimulationOptions()) -> Checker {
        Checker(strategy: CacheAside(), workload: workload, simulation: simulation, exploration: Exploration(seeds: 0..<20))
    }

    /// Each setting the command line caps is refused by the library too, in one line naming the setting,
    /// its limit and what to give: never a trap, never a run that quietly means something else.
    func testOutOfRangeWorkloadAndSimulationSettingsAreRefusedWithTheirLimit() {
        let most = Workload.maximumTicks
        var latency = SimulationOptions()
        latency.latencies.databaseRead = 1...Ticks.max
        var zeroLatency = SimulationOptions()
        zeroLatency.latencies.cacheCall = 0...3
        var workerSteps = SimulationOptions()
        workerSteps.workerStepsAfterClients = -1
        var pct = checker()
        pct.exploration.scheduler = .pct(depth: .max)
        let cases: [(Checker, String)] = [
            (checker(Workload(thinkTime: 0...Ticks.max)), "Workload.thinkTime is 0...\(Ticks.max); give bounds from 0 to \(most) ticks"),
            (checker(Workload(thinkTime: -5...5)), "Workload.thinkTime is -5...5; give bounds from 0 to \(most) ticks"),
            (checker(Workload(warmStart: .max)), "Workload.warmStart is \(Ticks.max); give at most \(most) ticks, or nil"),
            (checker(Workload(keys: 3, absentKeys: 4)), "Workload.absentKeys is 4; give 0 to keys (3)"),
            (checker(Workload(absentKeys: .min)), "Workload.absentKeys is \(Int.min); give 0 to keys (1)"),
            (checker(Workload(keySkew: .nan)), "Workload.keySkew is nan; give 0 (uniform) or more"),
            (checker(Workload(keySkew: -1)), "Workload.keySkew is -1.0; give 0 (uniform) or more"),
            (checker(simulation: latency), "SimulationOptions.Latencies.databaseRead is 1...\(Ticks.max); give bounds from 1 to \(most) ticks"),
            (checker(simulation: zeroLatency), "SimulationOptions.Latencies.cacheCall is 0...3; give bounds from 1 to \(most) ticks"),
            (checker(simulation: workerSteps), "SimulationOptions.workerStepsAfterClients is -1; give 0 or more"),
            (checker(simulation: SimulationOptions(stallTimeout: .zero)), "SimulationOptions.stallTimeout is 0.0 seconds; give a positive duration"),
            (pct, "SchedulerKind.pct(depth: \(Int.max)) asks for more priority change points than a run can have"),
        ]
        for (checker, fragment) in cases {
            let report = checker.check()
            XCTAssertEqual(report.outcome, .couldNotRun, fragment)
            XCTAssertEqual(report.runs, 0, fragment)
            let problem = report.configurationError ?? "nil"
            XCTAssertTrue(problem.contains(fragment), problem)
            XCTAssertFalse(problem.contains("\n"), "one line: \(problem)")
        }
    }

    private func checker(simulation: SimulationOptions) -> Checker { checker(Workload(), simulation) }

    /// The largest accepted durations, with clock jumps to the end of time, check to the end.
    func testTheLongestAcceptedDurationsCheckWithoutTrapping() {
        let most = Workload.maximumTicks
        let latencies = SimulationOptions.Latencies(cacheCall: 1...most, databaseRead: 1...most, databaseWrite: 1...most, logRead: 1...most)
        for model in [CacheAside(ttl: 60) as any CachingStrategy, CDCInvalidation(), WriteBehind(), RefreshAhead()] {
            let checker = Checker(
                strategy: model,
                workload: Workload(clients: 3, operationsPerClient: 2, keys: 2, thinkTime: 0...most, warmStart: most, absentKeys: 2),
                properties: [.linearizability, .convergence, .staleness(bound: 60)],
                simulation: SimulationOptions(clockJumps: .max, latencies: latencies, timing: .concurrent,
                                              stallTimeout: .seconds(Int64.max)),
                exploration: Exploration(seeds: 0..<30, shrinkAttemptLimit: 50))
            let report = checker.check()
            XCTAssertNil(report.configurationError)
            XCTAssertEqual(report.runs, 30, "\(model.name): \(String(describing: report.runFailure?.failure))")
        }
    }

    /// `Simulation.run` takes options no check validated (tests, the shrinker, the explorer): the widest
    /// ranges an `Int` holds draw and park without overflowing.
    func testUnvalidatedExtremesRunWithoutTrapping() {
        var options = SimulationOptions(clockJumps: .max, timing: .concurrent)
        options.latencies.databaseRead = Ticks.min...Ticks.max
        options.latencies.cacheCall = 1...Ticks.max
        for absent in [Int.min, -3, 0, 2, Int.max] {
            let workload = Workload(
                clients: 2, operationsPerClient: 2, keys: 2, thinkTime: Ticks.min...Ticks.max, warmStart: .max,
                absentKeys: absent)
            for seed: UInt64 in 0..<20 {
                let record = Simulation.run(CacheAside(ttl: 60), workload: workload, choices: ChoiceSource(seed: seed), options: options)
                XCTAssertNil(record.failure, "absent \(absent), seed \(seed)")
            }
        }
    }

    func testChangesWithALimitOfIntMaxReadsToTheEndOfTheLog() {
        var log = ChangeLog()
        for version in 1...5 { log.append(Key(1), Value(version: version), at: version) }
        XCTAssertEqual(log.entries(after: 2, limit: .max).map(\.position), [3, 4, 5])
        XCTAssertEqual(log.entries(after: .min, limit: .max).count, 5)
        XCTAssertEqual(log.entries(after: .max, limit: .max).count, 0)
        XCTAssertEqual(log.entries(after: 0, limit: .min).map(\.position), [1], "a limit below 1 reads one entry")
        for seed: UInt64 in 0..<50 {
            let record = Simulation.run(CDCWith(worker: TestTailer(limit: .max)), workload: Workload(), choices: ChoiceSource(seed: seed))
            XCTAssertNil(record.failure, "seed \(seed)")
        }
    }

    /// A depth the run cannot use stops at the points it has: every expected point becomes a change
    /// point, and drawing them takes no longer than that.
    func testPCTDeeperThanTheRunUsesEveryExpectedPointAndStops() {
        let deepest = SchedulerKind.maximumPCTDepth
        var checker = checker(Workload(clients: 2, operationsPerClient: 2))
        checker.exploration.scheduler = .pct(depth: deepest)
        let report = checker.check()
        XCTAssertNil(report.configurationError)
        XCTAssertEqual(report.runs, 20)
        var policy = PCTScheduling(depth: .max, estimatedLength: 4)
        var rng = SplitMix64(seed: 1)
        _ = policy.pick(among: [ClientID(1), ClientID(2)], lastRun: nil, rng: &rng)
    }
}
