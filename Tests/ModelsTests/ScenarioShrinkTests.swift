import CacheAsideCheck
import CacheAsideModels
import XCTest

/// Issue 18 item 7: a failure in a preset scenario shrinks, from its first failing seed, to a trace a
/// person reads in ten seconds, and not because the budget ran out. Each bound is met with margin and was
/// missed before the chunked passes (`ShrinkPass+Chunks`); the figures before are in the comments.
final class ScenarioShrinkTests: XCTestCase {
    private func shrunk(
        _ scenario: Scenario, _ model: String, _ property: Property, file: StaticString = #filePath, line: UInt = #line
    ) throws -> Shrinker.Result {
        let strategy = try XCTUnwrap(ModelCatalogue.entry(named: model)).make(scenario.ttl)
        let checker = Checker(strategy: strategy, workload: scenario.workload, simulation: scenario.simulation)
        let fails = { (run: RunRecord) in run.failure == nil && property.evaluate(run).violation != nil }
        let first = try XCTUnwrap(
            (0..<UInt64(scenario.seeds)).lazy.map { checker.run(seed: $0) }.first(where: fails), "no failing seed",
            file: file, line: line)
        let result = checker.shrink(first, failing: fails)
        XCTAssertFalse(result.stoppedAtLimit, "stopped at the shrink limit", file: file, line: line)
        return result
    }

    private func assertAtMost(
        _ result: Shrinker.Result, steps: Int, clients: Int, operations: Int, file: StaticString = #filePath,
        line: UInt = #line
    ) {
        let size = RunSize(result.run)
        let trace = LaneDiagram.render(result.run)
        XCTAssertLessThanOrEqual(size.steps, steps, trace, file: file, line: line)
        XCTAssertLessThanOrEqual(size.clients, clients, trace, file: file, line: line)
        XCTAssertLessThanOrEqual(size.operations, operations, trace, file: file, line: line)
    }

    /// Before: 8 steps, 3 operations. The stale set needs only the reader and the writer.
    func testHotKeyConvergenceShrinksToTheBareStaleSet() throws {
        assertAtMost(try shrunk(.hotKeyExpiry, "cache-aside", .convergence), steps: 6, clients: 2, operations: 2)
    }

    /// Before: 9 steps, 3 operations. Two readers of the expired hot key, nothing else.
    func testHotKeyStampedeShrinksToTwoReaders() throws {
        assertAtMost(try shrunk(.hotKeyExpiry, "cache-aside", .stampede()), steps: 7, clients: 2, operations: 2)
    }

    /// Before: 14 steps.
    func testHotKeyStalenessUnderLeasedSingleFlightShrinksToTwoOperations() throws {
        let result = try shrunk(.hotKeyExpiry, "leased-single-flight", .staleness(bound: Scenario.hotKeyExpiry.ttl))
        assertAtMost(result, steps: 10, clients: 2, operations: 2)
    }

    /// Before: 15 steps, 7 operations: the writes before the race kept the racers' start times, and no
    /// single dropped operation could.
    func testWriteHeavyConvergenceShedsTheWritesBeforeTheRace() throws {
        assertAtMost(try shrunk(.writeHeavy, "cache-aside", .convergence), steps: 12, clients: 2, operations: 5)
    }

    /// Unchanged (5-7 steps), pinned so the chunked passes do not lose it.
    func testTheSmallScenariosStayAtTwoClients() throws {
        for scenario in [Scenario.classicRace, .slowRefill, .cdcLag] {
            let result = try shrunk(scenario, "cache-aside", .convergence)
            assertAtMost(result, steps: 6, clients: 2, operations: 2)
        }
    }
}
