import CacheAsideCheck
import CacheAsideModels
import XCTest

/// The shrink cases that used to stop above the minimum (issue 16): each shrinks, from the first failing
/// seed, to the smallest run that shows its failure — pinned as steps, clients, operations — and the
/// result is 1-minimal in the shrink order (no single deletion, zeroing, dropped client or operation
/// gives a simpler failing run).
final class ShrinkMinimumTests: XCTestCase {
    private struct Case {
        var checker: Checker
        var property: Property

        init(
            _ model: String, workload: Workload = Workload(), options: SimulationOptions = SimulationOptions(),
            _ property: Property = .convergence
        ) throws {
            let entry = try XCTUnwrap(ModelCatalogue.entry(named: model))
            checker = Checker(strategy: entry.make(60), workload: workload, simulation: options)
            self.property = property
        }

        init(
            _ strategy: any CachingStrategy, workload: Workload, options: SimulationOptions,
            exploration: Exploration = Exploration(), _ property: Property
        ) {
            checker = Checker(strategy: strategy, workload: workload, simulation: options, exploration: exploration)
            self.property = property
        }

        func fails(_ run: RunRecord) -> Bool { run.failure == nil && property.evaluate(run).violation != nil }

        func firstFailingRun() throws -> RunRecord {
            try XCTUnwrap((0..<1_000).lazy.map { checker.run(seed: $0) }.first(where: fails), "no failing seed")
        }

        func shrunk() throws -> Shrinker.Result { checker.shrink(try firstFailingRun(), failing: fails) }
    }

    private func assertShrinks(
        _ example: Case, to expected: (steps: Int, clients: Int, operations: Int), file: StaticString = #filePath,
        line: UInt = #line
    ) throws -> RunRecord {
        let result = try example.shrunk()
        let size = RunSize(result.run)
        XCTAssertFalse(result.stoppedAtLimit, "stopped at the shrink limit", file: file, line: line)
        XCTAssertEqual(
            [size.steps, size.clients, size.operations], [expected.steps, expected.clients, expected.operations],
            "\(size)\n\(LaneDiagram.render(result.run))", file: file, line: line)
        assertOneMinimal(example, result.run, file: file, line: line)
        return result.run
    }

    /// No single positional edit of `run`'s choices gives a simpler failing run.
    private func assertOneMinimal(_ example: Case, _ run: RunRecord, file: StaticString, line: UInt) {
        for index in run.choices.indices {
            var deleted = run.choices
            deleted.remove(at: index)
            var zeroed = run.choices
            zeroed[index] = 0
            for candidate in [deleted, zeroed] where candidate != run.choices {
                let replayed = example.checker.replay(candidate)
                XCTAssertFalse(
                    example.fails(replayed) && ShrinkOrder.isSimpler(replayed, than: run),
                    "editing choice \(index) gives a simpler failing run: \(RunSize(replayed))", file: file, line: line)
            }
        }
    }

    func testSlowRefillUnderDelayedDoubleDeleteShrinksToOneReaderAndOneWriter() throws {
        for slowest in [10, 20] {
            let options = SimulationOptions(latencies: SimulationOptions.Latencies(databaseRead: 1...slowest))
            _ = try assertShrinks(Case("delayed-double-delete", options: options), to: (7, 2, 2))
        }
    }

    func testChangeDataCaptureDropsTheRedundantClient() throws {
        _ = try assertShrinks(Case("cdc-invalidation"), to: (6, 2, 2))
    }

    func testAWarmEntryIsPreferredWhenItShortensTheTrace() throws {
        let run = try assertShrinks(
            Case("cache-aside", workload: Workload(warmStart: 60), options: SimulationOptions(faults: [.lostDelete])),
            to: (2, 1, 1))
        // Cold, the same lost delete needs a read to fill the cache first: five steps.
        XCTAssertFalse(run.plan.warmEntries.isEmpty)
        let cold = try Case("cache-aside", options: SimulationOptions(faults: [.lostDelete])).shrunk().run
        XCTAssertEqual(RunSize(cold).steps, 5)
    }

    func testAStaleSetNeedingADelayKeepsTwoClients() throws {
        // The stale set must land late enough to outlive the bound: the delay is another operation, and
        // it belongs to the writer rather than to a third client — a second write, a step shorter than a
        // read (`readsToWrites`).
        _ = try assertShrinks(Case("cache-aside", workload: Workload(warmStart: 60), .staleness(bound: 60)), to: (7, 2, 3))
    }

    /// Sixty-four thinking clients on a warm cache: the stale set between two of them shrinks to two
    /// clients within the budget (it used to stop at the limit with 23 steps, or keep 59 clients), because
    /// dropping an operation keeps the next one's start time and pauses are lowered together.
    func testTheHotKeyScenarioShrinksToTwoClientsWithinTheBudget() throws {
        let scenario = Scenario.hotKeyExpiry
        let strategy = try XCTUnwrap(ModelCatalogue.entry(named: "cache-aside")).make(scenario.ttl)
        let inScenario = Case(strategy, workload: scenario.workload, options: scenario.simulation, .convergence)
        let result = try inScenario.shrunk()
        XCTAssertFalse(result.stoppedAtLimit)
        XCTAssertEqual(RunSize(result.run).clients, 2, LaneDiagram.render(result.run))
        XCTAssertLessThanOrEqual(RunSize(result.run).steps, 8, LaneDiagram.render(result.run))
    }

    func testLockedCacheAsideWithALostDeleteShrinksToOneClient() throws {
        let example = Case(
            LockedCacheAside(), workload: Workload(clients: 3, operationsPerClient: 3, keys: 2),
            options: SimulationOptions(faults: [.lostDelete]), .convergence)
        _ = try assertShrinks(example, to: (9, 1, 2))
        // The README's exploration example: PCT, two keys, a cache that also restarts.
        let underPCT = Case(
            LockedCacheAside(), workload: Workload(clients: 3, operationsPerClient: 3, keys: 2),
            options: SimulationOptions(faults: [.lostDelete, .cacheRestart]),
            exploration: Exploration(scheduler: .pct(depth: 3)), .convergence)
        _ = try assertShrinks(underPCT, to: (9, 1, 2))
    }
}
