import CacheAsideCheck
import CacheAsideModels
import Dispatch
import Synchronization
import XCTest

/// Cache-aside whose write invalidates in a fire-and-forget task: the classic "don't make the caller
/// wait for the delete" shortcut. The task runs outside the simulation.
struct FireAndForgetDelete: CachingStrategy {
    func read(_ key: Key, in env: Environment) async throws -> Value? { try await CacheAside().read(key, in: env) }
    func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await env.database.write(key, value)
        Task { try? await env.cache.delete(key) }
    }
}

/// The same shortcut with a detached task.
struct DetachedDelete: CachingStrategy {
    func read(_ key: Key, in env: Environment) async throws -> Value? { try await CacheAside().read(key, in: env) }
    func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await env.database.write(key, value)
        Task.detached { try? await env.cache.delete(key) }
    }
}

/// A process-wide actor every run shares: under `--jobs` another run may hold it at any instant.
actor SharedReadCounter {
    static let shared = SharedReadCounter()
    private var reads = 0
    func count() -> Int {
        reads += 1
        return reads
    }
}

/// Cache-aside that counts its reads in a shared actor.
struct CountsReadsInSharedActor: CachingStrategy {
    func read(_ key: Key, in env: Environment) async throws -> Value? {
        _ = await SharedReadCounter.shared.count()
        return try await CacheAside().read(key, in: env)
    }
    func write(_ key: Key, _ value: Value, in env: Environment) async throws { try await CacheAside().write(key, value, in: env) }
}

/// Cache-aside that really sleeps (for no time at all, by default) before reading `sleepsOn`: a sleep
/// this short could once wake before the client suspended and go unseen.
struct SleepsBeforeReadingAKey: CachingStrategy {
    var sleepsOn: Key
    var duration: Duration = .zero
    func read(_ key: Key, in env: Environment) async throws -> Value? {
        if key == sleepsOn { try await Task.sleep(for: duration) }
        return try await CacheAside().read(key, in: env)
    }
    func write(_ key: Key, _ value: Value, in env: Environment) async throws { try await CacheAside().write(key, value, in: env) }
}

/// Cache-aside that waits for a `DispatchQueue.global()` callback before reading `awaitsOn`; the callback
/// answers a second later, long after the client has suspended (a millisecond is not enough
/// on a loaded machine: the client's thread can be preempted for longer between handing out the
/// callback and suspending, and then the await never suspends — the one race an escape report can lose).
/// The run does not wait for it: the escape is reported as soon as the client is seen suspended.
struct AwaitsADispatchCallbackBeforeReadingAKey: CachingStrategy {
    var awaitsOn: Key
    func read(_ key: Key, in env: Environment) async throws -> Value? {
        if key == awaitsOn {
            await withCheckedContinuation { continuation in
                DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(1)) { continuation.resume() }
            }
        }
        return try await CacheAside().read(key, in: env)
    }
    func write(_ key: Key, _ value: Value, in env: Environment) async throws { try await CacheAside().write(key, value, in: env) }
}

/// An escape is charged to the client and operation that caused it, the same way on every run and at any
/// number of jobs: never to whoever happened to be running when a stray task got round to its call.
final class EscapeDeterminismTests: XCTestCase {
    /// A check's rendering, and its run failure as a line: the part that must not depend on the job
    /// count. (How many runs the text counts before stopping at a failing run is the explorer's concern:
    /// each job stops at its own first failure, so it varies with `jobs`, though never between repeats.)
    private func report(
        _ strategy: any CachingStrategy, jobs: Int, seeds: Range<UInt64> = 0..<60,
        workload: Workload = Workload(clients: 3, operationsPerClient: 3, keys: 2)
    ) -> (text: String, failure: String, runFailure: RunFailure?, runs: Int) {
        let checker = Checker(
            strategy: strategy, workload: workload,
            properties: [.linearizability, .convergence],
            exploration: Exploration(seeds: seeds, jobs: jobs, shrinkAttemptLimit: 200))
        let report = checker.check()
        let text = TextReport(report: report) { "replay \($0)" }.render(header: "header")
        let failure = report.runFailure.map { "seed \($0.seed): \($0.failure) \($0.choices)" } ?? "none"
        return (text, failure, report.runFailure, report.runs)
    }

    /// Reads are rare in this workload (four keys, mostly writes).
    private let rareReads = Workload(clients: 2, operationsPerClient: 1, keys: 4, writeRatio: 0.9)

    /// The lowest seed in `0..<200` whose plan of `workload` has `operation`.
    private func firstSeed(planning operation: PlannedOperation, in workload: Workload) -> UInt64? {
        (0..<200 as Range<UInt64>).first { seed in
            var choices = ChoiceSource(seed: seed)
            return WorkloadPlan(drawing: workload, from: &choices).operations.joined().contains(operation)
        }
    }

    /// The key of `rareReads` whose first read comes latest, and the seed of that read: jobs then reach
    /// it at different times, and each may run seeds past it before another finds it.
    private func rarestRead() throws -> (key: Key, seed: UInt64) {
        let firsts = (1...4).compactMap { number in
            firstSeed(planning: .read(Key(number)), in: rareReads).map { (key: Key(number), seed: $0) }
        }
        let rarest = try XCTUnwrap(firsts.max { $0.seed < $1.seed })
        XCTAssertGreaterThan(rarest.seed, 2, "the workload should make reads rare")
        return rarest
    }

    /// The report of `strategy` over seeds `0..<200` of `workload`, at one job and repeatedly at two and
    /// three: it must be the same every time, name `expectedSeed` (the lowest that escapes) and count the
    /// runs before it as completed, and it alone as not.
    private func assertSameEscapeEveryTime(
        _ strategy: any CachingStrategy, workload: Workload, expectedSeed: UInt64,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        let first = report(strategy, jobs: 1, seeds: 0..<200, workload: workload)
        XCTAssertEqual(first.runFailure?.seed, expectedSeed, first.failure, file: file, line: line)
        XCTAssertEqual(first.runs, Int(expectedSeed), "the runs before the escaping one", file: file, line: line)
        for attempt in 0..<8 {
            for jobs in [2, 3] {
                let again = report(strategy, jobs: jobs, seeds: 0..<200, workload: workload)
                XCTAssertEqual(again.failure, first.failure, "attempt \(attempt), \(jobs) jobs", file: file, line: line)
                XCTAssertEqual(again.runs, first.runs, "attempt \(attempt), \(jobs) jobs", file: file, line: line)
                XCTAssertEqual(again.text, first.text, "attempt \(attempt), \(jobs) jobs", file: file, line: line)
            }
        }
    }

    func testARealSleepOfNoTimeIsReportedAtTheLowestSeedThatSleepsAtAnyJobs() throws {
        let (key, seed) = try rarestRead()
        assertSameEscapeEveryTime(SleepsBeforeReadingAKey(sleepsOn: key), workload: rareReads, expectedSeed: seed)
        assertSameEscapeEveryTime(
            SleepsBeforeReadingAKey(sleepsOn: key, duration: .milliseconds(1)), workload: rareReads, expectedSeed: seed)
    }

    func testARealSleepInAWorkerIsReportedAtTheLowestSeedThatSleepsAtAnyJobs() throws {
        // The tailer sleeps once a write of k2 has committed, so the lowest seed that writes k2 escapes.
        let seed = try XCTUnwrap(firstSeed(planning: .write(Key(2)), in: rareReads))
        assertSameEscapeEveryTime(CDCWith(worker: TestTailer(sleepsOn: Key(2))), workload: rareReads, expectedSeed: seed)
        let failure = report(CDCWith(worker: TestTailer(sleepsOn: Key(2))), jobs: 2, seeds: 0..<200, workload: rareReads).failure
        XCTAssertTrue(failure.contains("tailer awaited something outside the simulation"), failure)
    }

    func testAContinuationResumedLaterFromAnotherThreadIsReportedAtTheLowestSeedThatAwaitsItAtAnyJobs() throws {
        let (key, seed) = try rarestRead()
        assertSameEscapeEveryTime(AwaitsADispatchCallbackBeforeReadingAKey(awaitsOn: key), workload: rareReads, expectedSeed: seed)
    }

    func testARealSleepIsChargedToTheClientAndOperationThatSleeps() {
        let plan = WorkloadPlan(operations: [[.read(Key(1))], [.write(Key(1)), .read(Key(2))]])
        let run = Simulation.run(SleepsBeforeReadingAKey(sleepsOn: Key(2)), plan: plan, keys: [Key(1), Key(2)], choices: ChoiceSource(replaying: []))
        XCTAssertEqual(run.failure, .escaped(.client(ClientID(2)), during: .read(Key(2))))
    }

    func testFireAndForgetTaskIsChargedToItsSpawnerOnEveryCheckAtAnyJobs() {
        let first = [1, 2].map { report(FireAndForgetDelete(), jobs: $0) }
        guard case .spawnedTask(let client, let operation?)? = first[0].runFailure?.failure else {
            return XCTFail("expected a spawned task, got \(first[0].failure)")
        }
        guard case .write = operation else { return XCTFail("the spawn happens in a write, got \(operation)") }
        XCTAssertEqual(first[0].runFailure?.seed, 0, "every seed with a write spawns; seed 0 has writes")
        XCTAssertTrue(first[0].failure.contains("\(client) started a task"))
        XCTAssertEqual(first[1].failure, first[0].failure)
        for attempt in 0..<20 {
            for (index, jobs) in [1, 2].enumerated() {
                let again = report(FireAndForgetDelete(), jobs: jobs)
                XCTAssertEqual(again.failure, first[0].failure, "attempt \(attempt), \(jobs) jobs")
                XCTAssertEqual(again.text, first[index].text, "attempt \(attempt), \(jobs) jobs")
            }
        }
    }

    func testSpawnNamesTheClientAndOperationThatStartedTheTask() {
        let workload = Workload(clients: 3, operationsPerClient: 3, keys: 2)
        for seed: UInt64 in 0..<100 {
            let plain = Simulation.run(CacheAside(), workload: workload, choices: ChoiceSource(seed: seed))
            let spawning = Simulation.run(FireAndForgetDelete(), workload: workload, choices: ChoiceSource(seed: seed))
            // Both strategies behave alike up to the first write's database step, so the first write
            // invoked in the plain run is the one that spawns.
            let firstWrite = plain.history.events.first { event in
                if case .invoke(.write) = event.kind { return true }
                return false
            }
            guard let firstWrite, case .invoke(let operation) = firstWrite.kind else {
                XCTAssertNil(spawning.failure, "seed \(seed) has no write, so nothing spawns")
                continue
            }
            XCTAssertEqual(spawning.failure, .spawnedTask(.client(firstWrite.client!), during: operation), "seed \(seed)")
        }
    }

    func testDetachedTaskIsReportedAtItsSpawnAlike() {
        let one = report(DetachedDelete(), jobs: 1)
        guard case .spawnedTask(_, .write?)? = one.runFailure?.failure else {
            return XCTFail("expected a spawned task in a write, got \(one.failure)")
        }
        for _ in 0..<10 { XCTAssertEqual(report(DetachedDelete(), jobs: 2).failure, one.failure) }
    }

    /// An uncontended actor would run inline and a contended one (held by another job's run) would not,
    /// so entering any actor is an escape: reported identically whichever happens.
    func testSharedActorGivesTheSameReportAtOneAndTwoJobs() {
        let one = report(CountsReadsInSharedActor(), jobs: 1)
        guard case .escaped(_, .read?)? = one.runFailure?.failure else {
            return XCTFail("expected an escape in a read, got \(one.failure)")
        }
        XCTAssertTrue(one.failure.contains("an actor"))
        let two = report(CountsReadsInSharedActor(), jobs: 2)
        for attempt in 0..<20 {
            XCTAssertEqual(report(CountsReadsInSharedActor(), jobs: 1).failure, one.failure, "attempt \(attempt)")
            let again = report(CountsReadsInSharedActor(), jobs: 2)
            XCTAssertEqual(again.failure, one.failure, "attempt \(attempt)")
            XCTAssertEqual(again.text, two.text, "attempt \(attempt)")
        }
    }

    /// The later run is refused and says so; the earlier run is not touched.
    func testEnvironmentKeptFromAFinishedRunIsRefusedAndReported() {
        let strategy = KeepsItsFirstEnvironment()
        let workload = Workload(clients: 1, operationsPerClient: 1, keys: 1, writeRatio: 0)
        let first = Simulation.run(strategy, workload: workload, choices: ChoiceSource(seed: 0))
        XCTAssertNil(first.failure)
        let second = Simulation.run(strategy, workload: workload, choices: ChoiceSource(seed: 0))
        XCTAssertEqual(second.failure, .escaped(.client(ClientID(1)), during: .read(Key(1))))
        XCTAssertEqual(second.history.operations.count, 0, "the refused call took no step")
    }

    /// A stray task outlives its run and keeps calling; the runs after it, on the same thread, are the
    /// same as if it did not exist.
    func testStrayTaskCannotTouchLaterRuns() {
        let workload = Workload(clients: 3, operationsPerClient: 3, keys: 2)
        let clean = (0..<50).map { seed in Simulation.run(CacheAside(), workload: workload, choices: ChoiceSource(seed: UInt64(seed))) }
        _ = Simulation.run(KeepsCallingFromAStrayTask(), workload: workload, choices: ChoiceSource(seed: 0))
        for seed in 0..<50 {
            let again = Simulation.run(CacheAside(), workload: workload, choices: ChoiceSource(seed: UInt64(seed)))
            XCTAssertEqual(again.history, clean[seed].history, "seed \(seed)")
            XCTAssertEqual(again.choices, clean[seed].choices, "seed \(seed)")
            XCTAssertNil(again.failure)
        }
        KeepsCallingFromAStrayTask.stop.store(true, ordering: .relaxed)
    }
}

/// Keeps the first environment it is given and uses it in every later run: a leftover of a finished
/// run, called on the same thread during another.
final class KeepsItsFirstEnvironment: CachingStrategy, @unchecked Sendable {
    private var kept: Environment?
    func read(_ key: Key, in env: Environment) async throws -> Value? {
        if kept == nil { kept = env }
        return try await kept!.database.read(key)
    }
    func write(_ key: Key, _ value: Value, in env: Environment) async throws { try await env.database.write(key, value) }
}

/// Leaves a task behind that calls into its environment in a loop until told to stop.
struct KeepsCallingFromAStrayTask: CachingStrategy {
    static let stop = Atomic<Bool>(false)
    func read(_ key: Key, in env: Environment) async throws -> Value? {
        Task.detached {
            while !Self.stop.load(ordering: .relaxed) {
                _ = try? await env.cache.get(key)
                try? await env.clock.sleep(1)
                _ = env.random(below: 3)
                _ = env.clock.now
                await Task.yield()
            }
        }
        return try await env.database.read(key)
    }
    func write(_ key: Key, _ value: Value, in env: Environment) async throws { try await env.database.write(key, value) }
}
