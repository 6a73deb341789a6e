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
}
