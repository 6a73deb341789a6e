import CacheAsideCheck
@testable import CacheAsideSimulation
@testable import CacheAsideEngine
import CacheAsideModels
import XCTest

/// A database with a capacity and a timeout: latency grows with the calls in flight, a call over the
/// timeout throws `DatabaseClient.Timeout` after the timeout while its work still occupies the database,
/// and with neither set (the default) nothing changes.
final class DatabaseCapacityTests: XCTestCase {
    /// A read that answers "no row" when the database times out, instead of failing the operation.
    private struct ShrugsAtTimeouts: CachingStrategy {
        func read(_ key: Key, in env: Environment) async throws -> Value? {
            do { return try await env.database.read(key) } catch is DatabaseClient.Timeout { return nil }
        }
        func write(_ key: Key, _ value: Value, in env: Environment) async throws { try await env.database.write(key, value) }
    }

    private func options(capacity: Int?, timeout: Ticks?) -> SimulationOptions {
        var options = SimulationOptions(latencies: SimulationOptions.Latencies(databaseRead: 2...2), timing: .concurrent)
        options.databaseCapacity = capacity
        options.databaseTimeout = timeout
        return options
    }

    /// Three readers of a cold key, all at once; a fourth reads another key five ticks later.
    private func run(_ strategy: any CachingStrategy, capacity: Int?, timeout: Ticks?) -> RunRecord {
        let plan = WorkloadPlan(
            operations: [[.read(Key(1))], [.read(Key(1))], [.read(Key(1))], [.read(Key(2))]],
            thinkTimes: [[0], [0], [0], [5]])
        return Simulation.run(
            strategy, plan: plan, keys: [Key(1), Key(2)], choices: ChoiceSource(replaying: []),
            options: options(capacity: capacity, timeout: timeout))
    }

    private func endTicks(_ run: RunRecord) -> [Ticks] {
        run.history.operations.map { $0.endTick ?? -1 }
    }

    func testTheRuleIsLatencyTimesOnePlusTheExcessOverTheCapacity() {
        XCTAssertEqual(SimulationOptions.loadedLatency(3, inFlight: 4, capacity: 4), 3, "within the capacity")
        XCTAssertEqual(SimulationOptions.loadedLatency(3, inFlight: 8, capacity: 4), 6)
        XCTAssertEqual(SimulationOptions.loadedLatency(3, inFlight: 6, capacity: 4), 4, "3 × 1.5, rounded down")
        XCTAssertEqual(SimulationOptions.loadedLatency(2, inFlight: 3, capacity: 0), 6, "a capacity below 1 counts as 1")
        XCTAssertEqual(SimulationOptions.loadedLatency(Ticks.max / 2, inFlight: 100, capacity: 1), Ticks.max)
    }

    func testLatencyGrowsWithTheCallsInFlight() {
        XCTAssertEqual(endTicks(run(ShrugsAtTimeouts(), capacity: nil, timeout: nil)), [2, 2, 2, 7])
        // One call at full speed: the second in flight takes twice as long, the third three times.
        let loaded = run(ShrugsAtTimeouts(), capacity: 1, timeout: nil)
        XCTAssertEqual(endTicks(loaded).prefix(3).sorted(), [2, 4, 6])
        XCTAssertTrue(loaded.history.operations.allSatisfy { $0.ending == .returned })
    }

    func testACallOverTheTimeoutThrowsAfterTheTimeout() throws {
        let run = run(CacheAside(), capacity: 1, timeout: 5)
        let failed = try XCTUnwrap(run.history.operations.first { $0.ending == .failed })
        XCTAssertEqual(failed.endTick, 6, "its read ran at tick 1 (after the cache's miss); the client waited the timeout, not the call's 6 ticks")
        let reason = run.history.events.compactMap { event -> String? in
            if case .failed(_, let reason) = event.kind { return reason }
            return nil
        }
        XCTAssertEqual(reason, ["db.read k1 timed out after 5 ticks"])
        let timedOut = run.history.steps.filter { $0.step.outcome == .fault(DatabaseClient.Timeout.faultName) }
        XCTAssertEqual(timedOut.count, 1)
        XCTAssertNil(run.failure)
        // A strategy that catches the error sees it and answers anyway.
        let shrugging = self.run(ShrugsAtTimeouts(), capacity: 1, timeout: 5)
        XCTAssertTrue(shrugging.history.operations.allSatisfy { $0.ending == .returned })
        XCTAssertEqual(shrugging.history.operations.compactMap(\.result).count, 3, "two rows read, the timed-out read answers nil")
    }

    /// The timed-out call (in flight until tick 6) still slows the read that starts at tick 5.
    func testATimedOutCallStillOccupiesTheDatabase() throws {
        let withTimeout = run(ShrugsAtTimeouts(), capacity: 1, timeout: 5)
        XCTAssertEqual(withTimeout.history.operations[3].endTick, 9, "two in flight at tick 5: 2 × 2 ticks")
        let late = run(ShrugsAtTimeouts(), capacity: 2, timeout: 5)
        XCTAssertEqual(late.history.operations[3].endTick, 7, "within a capacity of two: 2 ticks")
    }

    /// Off by default: a capacity and a timeout that are never reached leave every run as it was.
    func testAnUnreachedCapacityAndTimeoutChangeNothing() {
        let workload = Workload(clients: 8, operationsPerClient: 4, keys: 3, writeRatio: 0.2, thinkTime: 0...5, warmStart: 10)
        var plain = SimulationOptions(latencies: SimulationOptions.Latencies(databaseRead: 1...4), timing: .concurrent)
        plain.faults = [.cacheRestart]
        var generous = plain
        generous.databaseCapacity = 1_000
        generous.databaseTimeout = 1_000
        for seed in UInt64(0)..<30 {
            let before = Simulation.run(CacheAside(ttl: 8), workload: workload, choices: ChoiceSource(seed: seed), options: plain)
            let after = Simulation.run(CacheAside(ttl: 8), workload: workload, choices: ChoiceSource(seed: seed), options: generous)
            XCTAssertEqual(before.history.events, after.history.events, "seed \(seed)")
            XCTAssertEqual(before.choices, after.choices, "seed \(seed)")
        }
    }

    func testTheScheduledFlushEmptiesTheCacheOnceAtItsTick() {
        var options = options(capacity: nil, timeout: nil)
        options.cacheFlushAt = 3
        let workload = Workload(clients: 2, operationsPerClient: 4, keys: 1, writeRatio: 0, thinkTime: 1...1, warmStart: 100)
        let run = Simulation.run(CacheAside(), workload: workload, choices: ChoiceSource(seed: 1), options: options)
        let flushes = run.history.events.filter(\.restartsTheCache)
        XCTAssertEqual(flushes.count, 1)
        XCTAssertGreaterThanOrEqual(flushes.first?.tick ?? -1, 3)
    }

    /// The options are parts of the fingerprint: a token made with one capacity is refused under another,
    /// naming it; unset, they leave the default fingerprint (pinned in `ReplayTokenTests`) where it was.
    func testReplayTokensCarryTheNewOptions() {
        let workload = Workload()
        var made = SimulationOptions()
        made.databaseCapacity = 6
        made.databaseTimeout = 10
        made.cacheFlushAt = 60
        let token = RunFingerprint(strategy: CacheAside(), workload: workload, options: made)
        for (part, change) in [
            (RunFingerprint.Part.databaseCapacity, { (o: inout SimulationOptions) in o.databaseCapacity = 7 }),
            (.databaseTimeout, { $0.databaseTimeout = nil }),
            (.cacheFlushAt, { $0.cacheFlushAt = 61 }),
        ] {
            var other = made
            change(&other)
            let mismatch = token.mismatch(with: RunFingerprint(strategy: CacheAside(), workload: workload, options: other))
            XCTAssertEqual(mismatch?.parts, [part])
        }
        XCTAssertNil(token.mismatch(with: RunFingerprint(strategy: CacheAside(), workload: workload, options: made)))
        let plain = RunFingerprint(strategy: CacheAside(), workload: workload, options: SimulationOptions())
        XCTAssertEqual(plain.digests.keys.sorted { $0.rawValue < $1.rawValue }, [.strategy, .strategySettings])
    }

    /// A call's latency now depends on the calls in flight, and a flush on the clock: exhaustive search
    /// must not prune schedules as if steps commuted, so it explores every one and says why.
    func testExhaustiveSearchDoesNotPruneWithACapacityATimeoutOrAFlush() {
        for change in [
            { (o: inout SimulationOptions) in o.databaseCapacity = 1 }, { $0.databaseTimeout = 3 }, { $0.cacheFlushAt = 2 },
        ] {
            var simulation = SimulationOptions()
            change(&simulation)
            let checker = Checker(
                strategy: CacheAside(), workload: Workload(clients: 2, operationsPerClient: 1), properties: [.convergence],
                simulation: simulation, exploration: Exploration(seeds: 0..<1, scheduler: .exhaustive(Exploration.ExhaustiveSearch())))
            XCTAssertEqual(checker.reductionWaiver(for: Exploration.ExhaustiveSearch()), .timedCalls)
            XCTAssertTrue(checker.check().exploration.search != nil)
        }
    }

    /// A writer that tries its transaction twice when the database times out.
    private struct RetriesItsTransaction: CachingStrategy {
        func read(_ key: Key, in env: Environment) async throws -> Value? { try await env.database.read(key) }
        func write(_ key: Key, _ value: Value, in env: Environment) async throws {
            for _ in 0..<2 {
                do {
                    try await env.database.transaction { tx in try await tx.write(key, value) }
                    return
                } catch is DatabaseClient.Timeout {
                    continue
                }
            }
        }
    }

    /// A begin that timed out leaves no transaction behind: the retry begins a new one instead of
    /// joining a transaction the client never got to use.
    func testATimedOutBeginIsNotJoinedByTheNextTransaction() {
        var options = SimulationOptions(latencies: SimulationOptions.Latencies(databaseWrite: 2...2), timing: .concurrent)
        options.databaseCapacity = 1
        options.databaseTimeout = 1
        let run = Simulation.run(
            RetriesItsTransaction(), plan: WorkloadPlan(operations: [[.write(Key(1))]], thinkTimes: [[0]]),
            keys: [Key(1)], choices: ChoiceSource(replaying: []), options: options)
        XCTAssertNil(run.failure)
        let begins = run.history.steps.filter { if case .databaseBegin = $0.step.action { true } else { false } }
        XCTAssertEqual(begins.count, 2, "each attempt begins its own transaction")
        XCTAssertEqual(run.finalWorld.database.read(Key(1)), Value.initial, "neither attempt committed")
    }
}
