import CacheAsideCheck
import CacheAsideModels
import XCTest

final class SimulationTests: XCTestCase {
    let workload = Workload()

    private func run(
        _ strategy: any CachingStrategy, seed: UInt64, workload: Workload? = nil, options: SimulationOptions = .init()
    ) -> RunRecord {
        Simulation.run(strategy, workload: workload ?? self.workload, choices: ChoiceSource(seed: seed), options: options)
    }

    func testSameSeedGivesIdenticalRunsInOneProcess() {
        for seed: UInt64 in 0..<200 {
            let first = run(CacheAside(), seed: seed)
            let second = run(CacheAside(), seed: seed)
            XCTAssertEqual(first.history, second.history, "seed \(seed)")
            XCTAssertEqual(first.choices, second.choices)
            XCTAssertEqual(first.finalWorld, second.finalWorld)
        }
    }

    func testReplayingRecordedChoicesReproducesTheRun() {
        for seed: UInt64 in 0..<200 {
            let original = run(CacheAside(), seed: seed, options: SimulationOptions(faults: Set(Fault.allCases)))
            let replayed = Simulation.run(
                CacheAside(), workload: workload, choices: ChoiceSource(replaying: original.choices),
                options: SimulationOptions(faults: Set(Fault.allCases)))
            XCTAssertEqual(original.history, replayed.history, "seed \(seed)")
            XCTAssertEqual(original.choices, replayed.choices)
        }
    }

    func testDifferentSeedsExploreDifferentInterleavings() {
        let histories = Set((0..<50 as Range<UInt64>).map { run(CacheAside(), seed: $0).history })
        XCTAssertGreaterThan(histories.count, 40)
    }

    func testSeededRunPerformsEveryOperationOfTheWorkload() {
        for seed: UInt64 in 0..<100 {
            let record = run(CacheAside(), seed: seed)
            XCTAssertEqual(record.plan.operationCount, 9)
            XCTAssertEqual(record.history.operations.filter(\.returned).count, 9)
        }
    }

    func testAllZeroChoicesRunEachClientToCompletionInTurn() {
        // Choice 0 everywhere: every slot reads (kind 0 would be "no operation", so give kinds explicitly)
        // and the scheduler never preempts: client 1's operations, then client 2's.
        let plan = WorkloadPlan(operations: [[.read(Key(1)), .write(Key(1))], [.read(Key(1))]])
        let record = Simulation.run(CacheAside(), plan: plan, keys: [Key(1)], choices: ChoiceSource(replaying: []))
        let order = record.history.steps.map(\.client.number)
        XCTAssertEqual(order, [1, 1, 1, 1, 1, 2, 2, 2], "read 3 steps + write 2, then a read that misses: 3")
        XCTAssertTrue(record.choices.allSatisfy { $0 == 0 })
    }

    func testEveryStepTakesOneTick() {
        let record = run(CacheAside(), seed: 7)
        let ticks = record.history.steps.map(\.tick)
        XCTAssertEqual(ticks, Array(1...ticks.count))
    }

    func testWritesWriteFreshUniqueValues() {
        for seed: UInt64 in 0..<50 {
            let written = run(CacheAside(), seed: seed).history.operations.compactMap { record -> Value? in
                if case .write(_, let value) = record.operation { return value }
                return nil
            }
            XCTAssertEqual(Set(written).count, written.count)
            XCTAssertFalse(written.contains(.initial))
        }
    }

    func testStrategyAwaitingTaskSleepIsReportedAsEscape() {
        let started = ContinuousClock.now
        let record = run(SleepsForRealStrategy(), seed: 1)
        guard case .escaped(let client, let operation)? = record.failure else {
            return XCTFail("expected an escape, got \(String(describing: record.failure))")
        }
        XCTAssertEqual(client, .client(ClientID(1)))
        XCTAssertNotNil(operation)
        XCTAssertTrue(record.failure!.description.contains("env.clock.sleep"))
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(5))
    }

    /// The spawn itself is reported, as it happens, so what the stray task later does on another thread
    /// (and when) cannot change the report.
    func testStrategyCallingFromUnstructuredTaskIsReportedTheSameWayEveryTime() {
        var failures = Set<SimulationFailure>()
        for _ in 0..<200 {
            let record = run(UnstructuredTaskStrategy(), seed: 3, workload: Workload(writeRatio: 0))
            if let failure = record.failure { failures.insert(failure) }
        }
        XCTAssertEqual(failures, [.spawnedTask(.client(ClientID(1)), during: .read(Key(1)))])
    }

    func testLoopingStrategyExceedsTheStepBudget() {
        let started = ContinuousClock.now
        let record = run(LoopsForeverStrategy(), seed: 1, workload: Workload(writeRatio: 0), options: SimulationOptions(stepBudget: 500))
        guard case .stepBudgetExceeded(let budget, _, _)? = record.failure else {
            return XCTFail("expected the step budget to be exceeded, got \(String(describing: record.failure))")
        }
        XCTAssertEqual(budget, 500)
        XCTAssertTrue(record.failure!.description.contains("raise SimulationOptions.stepBudget"), record.failure!.description)
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(5))
    }

    func testUnexpectedErrorIsReportedWithClientAndOperation() {
        let record = run(ThrowsStrategy(), seed: 1, workload: Workload(writeRatio: 0))
        guard case .unexpectedError(_, let operation, let error)? = record.failure else {
            return XCTFail("expected an unexpected error, got \(String(describing: record.failure))")
        }
        XCTAssertEqual(operation?.isRead, true)
        XCTAssertTrue(error.contains("Oops"))
    }

    func testLockNeverReleasedIsReportedAsDeadlock() {
        let record = run(ForgetsToUnlockStrategy(), seed: 1, workload: Workload(clients: 2, operationsPerClient: 1, writeRatio: 0))
        guard case .deadlock(let waiting, let keys)? = record.failure else {
            return XCTFail("expected a deadlock, got \(String(describing: record.failure))")
        }
        XCTAssertEqual(waiting.count, 1)
        XCTAssertEqual(keys, [Key(1)])
        let text = record.failure?.description ?? ""
        XCTAssertTrue(text.contains("\(waiting[0]) waits for the lock on k1 that no running client will release"), text)
    }

    func testAClientWaitingOnTheChangeLogIsReportedAsWaitingForAnEntryNotForALock() {
        let plan = WorkloadPlan(operations: [[.read(Key(1))], [.write(Key(1))]])
        let record = Simulation.run(TailsTheChangeLogInARead(), plan: plan, keys: [Key(1)], choices: ChoiceSource(replaying: []))
        XCTAssertEqual(record.failure, .waitsForLogEntry(.client(ClientID(1)), during: .read(Key(1)), log: .changeLog, after: 5))
        let text = record.failure?.description ?? ""
        XCTAssertTrue(text.contains("client 1 waits during its read k1 for an entry after #5 on the change log"), text)
        XCTAssertTrue(text.contains("that no running client or worker will write"), text)
        XCTAssertFalse(text.contains("for lock"), text)
    }

    func testSleepersWakeAndLocksAreMutuallyExclusive() {
        for seed: UInt64 in 0..<100 {
            let record = run(SleepyLockedReader(), seed: seed, workload: Workload(clients: 3, operationsPerClient: 2, writeRatio: 0))
            XCTAssertNil(record.failure, "seed \(seed)")
            // Between one client's acquire and its release, no other client acquires.
            var holder: ClientID?
            for (_, client, step) in record.history.steps {
                switch (step.action, step.outcome) {
                case (.lockAcquire, .acquired(true)):
                    XCTAssertNil(holder, "seed \(seed): \(client) acquired while \(holder!) held the lock")
                    holder = client
                case (.lockRelease, .released(true)):
                    XCTAssertEqual(holder, client)
                    holder = nil
                default: break
                }
            }
            XCTAssertEqual(record.history.operations.filter(\.returned).count, 6)
            XCTAssertGreaterThanOrEqual(record.finalWorld.now, 30, "each read sleeps 5 ticks, one at a time")
        }
    }

    func testWorldInvariantRecordsFirstBreak() {
        let cacheNeverAhead = WorldInvariant("cache never holds v0 after a write") { world in
            !(world.cache.get(Key(1), at: world.now) == .initial && world.database.read(Key(1)) != .initial)
        }
        var options = SimulationOptions()
        options.worldInvariants = [cacheNeverAhead]
        let record = Simulation.run(
            CacheAside(), workload: workload, choices: ChoiceSource(replaying: ReplayTokenFixtures.staleSet),
            options: options)
        let index = try? XCTUnwrap(record.invariantBreaks[cacheNeverAhead.name])
        guard let index, case .step(let step) = record.history.events[index].kind else {
            return XCTFail("expected the invariant to break at a step")
        }
        XCTAssertEqual(step.action, .cacheSet(Key(1), .initial, ttl: 60))
    }

    func testRandomWithABoundBelowOneFailsTheRunInsteadOfTrapping() {
        let record = run(DrawsBelowZero(), seed: 1, workload: Workload(clients: 2, operationsPerClient: 1, writeRatio: 0))
        XCTAssertEqual(record.failure, .randomBoundBelowOne(.client(ClientID(1)), during: .read(Key(1)), bound: 0))
        XCTAssertEqual(
            record.failure?.description, "client 1 called env.random(below: 0) during its read k1; the bound must be at least 1")
    }

    /// The library speaks in its own parameters: a command-line flag in a message would mean nothing to
    /// someone calling `Checker` from a test.
    func testNoFailureMessageNamesACommandLineFlag() {
        let client = ActorID.client(ClientID(1))
        let failures: [SimulationFailure] = [
            .escaped(client, during: .read(Key(1))), .spawnedTask(client, during: nil),
            .stalled(client, during: .read(Key(1)), after: .seconds(60)),
            .stepBudgetExceeded(budget: 10, client: client, during: nil),
            .unexpectedError(client, during: .read(Key(1)), error: "E"), .concurrentSteps(client),
            .deadlock(waiting: [client], keys: [Key(1)]), .nondeterministic(seed: 3, difference: "event 4 was a, then b"),
            .waitsForLogEntry(client, during: .read(Key(1)), log: .changeLog, after: 0),
            .randomBoundBelowOne(client, during: nil, bound: 0),
        ]
        for failure in failures {
            XCTAssertFalse(failure.description.contains("--"), failure.description)
        }
    }
}

/// Choice sequences of known runs.
enum ReplayTokenFixtures {
    /// The textbook stale set on the default workload: client 1 writes, client 2 reads (slot 3), the
    /// reader misses and reads v0, the writer writes v1 and deletes, the reader sets v0.
    static let staleSet = [0, 0, 2, 0, 0, 0, 0, 0, 1, 1, 0, 1]
}

final class ClockJumpTests: XCTestCase {
    func testClockJumpsAreChoicesThatReplayAndLetEntriesExpire() {
        let options = SimulationOptions(clockJumps: 100)
        var jumped = 0
        var expiredHit = false
        for seed: UInt64 in 0..<300 {
            let run = Simulation.run(CacheAside(ttl: 20), workload: Workload(), choices: ChoiceSource(seed: seed), options: options)
            let replayed = Simulation.run(
                CacheAside(ttl: 20), workload: Workload(), choices: ChoiceSource(replaying: run.choices), options: options)
            XCTAssertEqual(run.history, replayed.history, "seed \(seed)")
            let jumps = run.history.events.filter { if case .clockAdvanced = $0.kind { true } else { false } }
            if !jumps.isEmpty { jumped += 1 }
            // A miss after a fill with no delete in between can only be an expiry.
            var filled = false
            for (_, _, step) in run.history.steps {
                switch (step.action, step.outcome) {
                case (.cacheSet, _): filled = true
                case (.cacheDelete, _): filled = false
                case (.cacheGet, .value(nil)) where filled: expiredHit = true
                default: break
                }
            }
        }
        XCTAssertGreaterThan(jumped, 50)
        XCTAssertTrue(expiredHit, "some entry should expire after a jump")
    }

    func testZeroingTheJumpChoicesRemovesEveryJump() throws {
        let options = SimulationOptions(clockJumps: 100)
        let run = try XCTUnwrap(
            (0..<300 as Range<UInt64>).lazy.map {
                Simulation.run(CacheAside(), workload: Workload(), choices: ChoiceSource(seed: $0), options: options)
            }.first { $0.history.events.contains { if case .clockAdvanced = $0.kind { true } else { false } } })
        let withoutJumps = zip(run.choices, run.choiceBounds).map { $1 == 101 ? 0 : $0 }
        let replayed = Simulation.run(CacheAside(), workload: Workload(), choices: ChoiceSource(replaying: withoutJumps), options: options)
        XCTAssertFalse(replayed.history.events.contains { if case .clockAdvanced = $0.kind { true } else { false } })
        XCTAssertEqual(replayed.finalWorld.now, replayed.history.stepCount)
    }
}
