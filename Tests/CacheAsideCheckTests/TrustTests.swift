import CacheAsideCheck
import CacheAsideModels
import XCTest

/// A report means what it says: a check that ran nothing, or could not decide, never "holds"; a run that
/// could not complete decides nothing; shrinking stays inside what the options allow; and nothing in a
/// report depends on the machine or on how runs were split between jobs.
final class TrustTests: XCTestCase {
    private func checker(_ workload: Workload = Workload(), exploration: Exploration = Exploration(seeds: 0..<50))
        -> Checker
    {
        Checker(strategy: CacheAside(), workload: workload, properties: [.convergence], exploration: exploration)
    }

    func testAConfigurationThatRunsNothingIsAnErrorNotAPass() {
        var emptyRange = checker()
        emptyRange.exploration.seeds = 5..<5
        var emptyShard = checker()
        emptyShard.exploration.seeds = 0..<20
        emptyShard.exploration.shard = (50, 100)
        let cases: [(Checker, String)] = [
            (checker(Workload(clients: 0)), "Workload.clients is 0"),
            (checker(Workload(clients: -1)), "Workload.clients is -1"),
            (checker(Workload(operationsPerClient: 0)), "Workload.operationsPerClient is 0"),
            (checker(Workload(keys: 0)), "Workload.keys is 0"),
            (checker(Workload(writeRatio: .nan)), "Workload.writeRatio is nan"),
            (checker(Workload(writeRatio: -1)), "Workload.writeRatio is -1"),
            (checker(Workload(writeRatio: 2)), "Workload.writeRatio is 2"),
            (checker(Workload(writeRatio: .infinity)), "Workload.writeRatio is inf"),
            (emptyRange, "is empty, so nothing would run"),
            (emptyShard, "selects none of the seeds"),
        ]
        for (checker, fragment) in cases {
            let report = checker.check()
            XCTAssertEqual(report.outcome, .couldNotRun, fragment)
            XCTAssertFalse(report.holds, fragment)
            XCTAssertEqual(report.runs, 0, fragment)
            XCTAssertTrue(report.configurationError?.contains(fragment) ?? false, "\(report.configurationError ?? "nil")")
        }
    }

    func testInvalidExplorationSettingsAreReportedNotTrapped() {
        var shard = checker()
        shard.exploration.shard = (0, 0)
        var depth = checker()
        depth.exploration.scheduler = .pct(depth: 0)
        var jobs = checker()
        jobs.exploration.jobs = 0
        var time = checker()
        time.exploration.timeLimit = .seconds(-1)
        var zeroTime = checker()
        zeroTime.exploration.timeLimit = .zero
        var preemptions = checker()
        preemptions.exploration.scheduler = .exhaustive(Exploration.ExhaustiveSearch(preemptionBound: -1))
        var budget = checker()
        budget.simulation.stepBudget = 0
        for (checker, fragment) in [
            (shard, "Exploration.shard"), (depth, "pct(depth: 0)"), (jobs, "Exploration.jobs"),
            (time, "Exploration.timeLimit"), (zeroTime, "Exploration.timeLimit"),
            (preemptions, "preemptionBound"), (budget, "stepBudget"),
        ] {
            let report = checker.check()
            XCTAssertEqual(report.outcome, .couldNotRun, fragment)
            XCTAssertTrue(report.configurationError?.contains(fragment) ?? false, "\(report.configurationError ?? "nil")")
        }
    }

    func testARunThatCouldNotCompleteDecidesNothing() throws {
        let checker = Checker(
            strategy: ForgetsToUnlockStrategy(), workload: Workload(clients: 2, operationsPerClient: 2),
            properties: [.convergence, .linearizability], exploration: Exploration(seeds: 0..<200))
        let report = checker.check()
        let failure = try XCTUnwrap(report.runFailure)
        let run = checker.replay(failure.choices)
        XCTAssertNotNil(run.failure)
        for evaluation in checker.evaluate(run) {
            XCTAssertNil(evaluation.violation)
            XCTAssertNotNil(evaluation.undecided)
        }
        XCTAssertEqual(report.outcome, .couldNotRun)
        XCTAssertTrue(report.properties.allSatisfy { !$0.holds })
    }

    /// A report with a run failure is the same at any job count: it counts the runs that completed before
    /// the failure, not the failing run itself.
    func testARunFailureReportDoesNotDependOnJobs() throws {
        var checker = Checker(
            strategy: ForgetsToUnlockStrategy(), workload: Workload(clients: 2, operationsPerClient: 2),
            properties: [.convergence], exploration: Exploration(seeds: 0..<400))
        let one = checker.check()
        checker.exploration.jobs = 3
        let three = checker.check()
        let failure = try XCTUnwrap(one.runFailure)
        XCTAssertEqual(three.runFailure?.seed, failure.seed)
        XCTAssertEqual(one.runs, three.runs)
        XCTAssertEqual(one.runs, Int(failure.seed!))
        XCTAssertEqual(TextReport(report: one) { $0 }.render(header: ""), TextReport(report: three) { $0 }.render(header: ""))
    }

    /// Every shrunk sequence is a run the generator could have drawn under the same options: a read-only
    /// workload stays read-only, a fault that is not enabled never fires — over many seeds and options.
    func testShrinkingStaysInsideTheWorkloadAndFaultsAsked() throws {
        let configurations: [(Workload, Set<Fault>, Property)] = [
            (Workload(clients: 6, operationsPerClient: 3, writeRatio: 0), [], .stampede(limit: 1)),
            (Workload(clients: 4, operationsPerClient: 3, keys: 2, writeRatio: 0), [.cacheRestart], .stampede(limit: 1)),
            (Workload(clients: 3, operationsPerClient: 3, writeRatio: 1), [], .linearizability),
            (Workload(clients: 3, operationsPerClient: 2, writeRatio: 0.3), [.lostDelete], .convergence),
        ]
        var shrunk = 0
        for (workload, faults, property) in configurations {
            let checker = Checker(
                strategy: CacheAside(ttl: 5), workload: workload, properties: [property],
                simulation: SimulationOptions(faults: faults, clockJumps: 10),
                exploration: Exploration(seeds: 0..<300, shrinkAttemptLimit: 3_000))
            let report = checker.check()
            guard let example = report.properties[0].counterexample else { continue }
            shrunk += 1
            let operations = example.run.history.operations
            if workload.writeRatio == 0 { XCTAssertFalse(operations.contains { !$0.operation.isRead }, "\(workload)") }
            if workload.writeRatio == 1 { XCTAssertFalse(operations.contains { $0.operation.isRead }, "\(workload)") }
            let faultEvents = example.run.history.events.filter {
                if case .fault = $0.kind { return true }
                if case .crashed = $0.kind { return true }
                return false
            }
            if !faults.contains(.cacheRestart) {
                XCTAssertFalse(faultEvents.contains { "\($0)".contains("restarted") }, "\(workload)")
            }
            if !faults.contains(.clientCrash) {
                XCTAssertFalse(faultEvents.contains { "\($0)".contains("crash") }, "\(workload)")
            }
            // The shrunk run replays to itself from its token: it is a run of this configuration.
            XCTAssertEqual(try checker.replay(token: example.replayToken).history, example.run.history)
        }
        XCTAssertGreaterThanOrEqual(shrunk, 3)
    }

    /// Any sequence replayed under a read-only workload is read-only: a value that would mean "write"
    /// under another write ratio is out of range for its choice and reads as 0 (no operation). Before,
    /// deleting a block of choices while shrinking shifted a scheduling value 2 onto a kind choice and
    /// turned a read into a write.
    func testAReplayedSequenceCannotLeaveTheWorkloadsOperationKinds() {
        let readOnly = Workload(clients: 3, operationsPerClient: 2, writeRatio: 0)
        let writeOnly = Workload(clients: 3, operationsPerClient: 2, writeRatio: 1)
        for values in [[2, 2, 2, 2, 2, 2], [1, 2, 1, 2, 1, 2], [2, 1, 2, 1, 2, 1]] {
            let reads = Simulation.run(CacheAside(), workload: readOnly, choices: ChoiceSource(replaying: values))
            XCTAssertTrue(reads.plan.operations.joined().allSatisfy { if case .read = $0 { true } else { false } }, "\(values)")
            let writes = Simulation.run(CacheAside(), workload: writeOnly, choices: ChoiceSource(replaying: values))
            XCTAssertTrue(writes.plan.operations.joined().allSatisfy { if case .write = $0 { true } else { false } }, "\(values)")
        }
        // Under a mixed workload the same values mean what they always meant: 1 read, 2 write.
        let mixed = Simulation.run(
            CacheAside(), workload: Workload(clients: 2, operationsPerClient: 1), choices: ChoiceSource(replaying: [1, 2]))
        XCTAssertEqual(mixed.plan.operations, [[.read(Key(1))], [.write(Key(1))]])
    }

    /// The old `--write-ratio 0` stampede counterexample had a write in it (16 readers, TTL 5).
    func testAReadOnlyStampedeShrinksToReadsOnly() throws {
        let checker = Checker(
            strategy: CacheAside(ttl: 5), workload: Workload(clients: 16, operationsPerClient: 4, writeRatio: 0),
            properties: [.stampede(limit: 1)], exploration: Exploration(seeds: 0..<200, shrinkAttemptLimit: 2_000))
        let example = try XCTUnwrap(checker.check().properties[0].counterexample)
        XCTAssertTrue(example.run.history.operations.allSatisfy { $0.operation.isRead })
    }

    /// Shrinking is bounded in counted units, so a shrink cut short by its limit gives the same
    /// counterexample twice (it depended on wall time before).
    func testAShrinkCutShortByItsLimitIsTheSameEveryTime() throws {
        let checker = Checker(
            strategy: CacheAside(), workload: Workload(clients: 12, operationsPerClient: 10),
            properties: [.convergence, .linearizability],
            exploration: Exploration(seeds: 0..<3, jobs: 2, shrinkAttemptLimit: 10_000, shrinkStepLimit: 2_000))
        let first = checker.check()
        let second = checker.check()
        let example = try XCTUnwrap(first.violated.first?.counterexample)
        XCTAssertTrue(example.shrinkStoppedAtLimit)
        XCTAssertEqual(
            first.properties.map { $0.counterexample?.run.choices }, second.properties.map { $0.counterexample?.run.choices })
        XCTAssertTrue(TextReport(report: first) { $0 }.render(header: "").contains("stopped at the shrink limit"))
    }

    func testCheckDeterminismSaysWhatItCompared() {
        var checker = checker(Workload(), exploration: Exploration(seeds: 0..<100))
        checker.exploration.checkDeterminism = true
        let report = checker.check()
        XCTAssertEqual(report.determinismCheck?.consistent, true)
        XCTAssertFalse(report.determinismCheck?.seeds.isEmpty ?? true)
        XCTAssertTrue(TextReport(report: report) { $0 }.render(header: "").contains("determinism check: reran and replayed seed"))
    }

    func testAReplayTokenFromAnotherConfigurationFailsTheAssertionPath() throws {
        let original = checker(Workload(clients: 3, operationsPerClient: 3))
        let token = try XCTUnwrap(original.check().violated.first?.counterexample?.replayToken)
        var other = original
        other.strategy = Lease()
        XCTAssertThrowsError(try other.replayReport(token: token))
        XCTAssertEqual(try original.replayReport(token: token).outcome, .violated)
    }

    func testTheSeedSelectionIsNotMaterialised() {
        let seeds = SeedSelection(0..<UInt64.max, shard: (3, 1_000))
        XCTAssertEqual(seeds.first, 3)
        XCTAssertEqual(seeds[1], 1_003)
        XCTAssertEqual(SeedSelection(0..<20, shard: (50, 100)).count, 0)
        XCTAssertEqual(SeedSelection(5..<25, shard: (1, 4)).map { $0 }, [5, 9, 13, 17, 21])
        XCTAssertEqual(Array(SeedSelection(5..<25, shard: (1, 4))), (5..<25).filter { $0 % 4 == 1 })
    }
}
