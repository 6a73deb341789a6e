import CacheAsideCheck
import CacheAsideCheckTesting
import CacheAsideModels
import XCTest

/// User invariants through the public API only: how they become properties, where a world invariant's
/// violation points, and what a history invariant's violation carries.
final class InvariantTests: XCTestCase {
    /// The database keeps its initial row of k1: broken by the first write of k1.
    let databaseNeverWritten = Invariant.world("database never written") { world in
        world.database.read(Key(1)) == .initial
    }

    func testInvariantsAreReportedAsPropertiesAfterTheOthers() {
        let checker = Checker(
            strategy: CacheAside(), properties: [.convergence],
            invariants: [databaseNeverWritten, .history("no operations") { _ in nil }])
        XCTAssertEqual(checker.properties.map(\.id), ["convergence", "database never written", "no operations"])
        XCTAssertEqual(checker.check().properties.map(\.id), checker.properties.map(\.id))
    }

    func testWorldInvariantViolationPointsAtTheStepAfterWhichItBroke() throws {
        let checker = Checker(
            strategy: CacheAside(), workload: Workload(clients: 1, operationsPerClient: 2, writeRatio: 1),
            properties: [], invariants: [databaseNeverWritten], exploration: Exploration(seeds: 0..<5))
        let example = try XCTUnwrap(checker.check().properties[0].counterexample)
        let index = try XCTUnwrap(example.violation.eventIndex)
        guard case .step(let step) = example.run.history.events[index].kind else {
            return XCTFail("the violation points at \(example.run.history.events[index]), not a step")
        }
        XCTAssertEqual(step.action, .databaseWrite(Key(1), Value(version: 1)))
        XCTAssertEqual(example.size.operations, 1, "shrunk to the one write that breaks it")
    }

    func testWorldInvariantThatHoldsAfterEveryStepHolds() {
        let rowsOnlyGrow = Invariant.world("rows only grow") { world in
            world.keys.allSatisfy { key in world.database.read(key).map { $0 >= .initial } ?? false }
        }
        let checker = Checker(
            strategy: CacheAside(), properties: [], invariants: [rowsOnlyGrow],
            exploration: Exploration(seeds: 0..<50))
        XCTAssertTrue(checker.check().holds)
    }

    /// The per-step check travels with the property, so replacing the simulation options keeps it.
    func testWorldInvariantIsStillCheckedAfterEveryStepIfTheSimulationOptionsWereReplaced() throws {
        var checker = Checker(
            strategy: CacheAside(), workload: Workload(clients: 1, operationsPerClient: 1, writeRatio: 1),
            properties: [], invariants: [databaseNeverWritten], exploration: Exploration(seeds: 0..<1))
        checker.simulation = SimulationOptions()
        let example = try XCTUnwrap(checker.check().properties[0].counterexample)
        XCTAssertEqual(
            example.violation.explanation, "“database never written” stopped holding after client 1's db.write k1=v1 at t1")
        let index = try XCTUnwrap(example.violation.eventIndex)
        XCTAssertNotEqual(index, example.run.history.events.count - 1, "the step, not the end of the run")
    }

    /// A world invariant is declared one way, as a checker's invariant: it travels with its property
    /// (reported like the others), and the simulation options stay as given.
    func testCheckerLeavesTheSimulationOptionsAsGiven() {
        let checker = Checker(strategy: CacheAside(), invariants: [databaseNeverWritten])
        XCTAssertTrue(checker.simulation.worldInvariants.isEmpty)
        XCTAssertEqual(checker.properties.last?.id, "database never written")
    }

    func testHistoryInvariantViolationKeepsItsExplanationAndMarkedEvent() throws {
        let noWrites = Invariant.history("no writes") { history in
            guard let write = history.operations.first(where: { !$0.operation.isRead }) else { return nil }
            return Violation("\(write.client) wrote", eventIndex: write.invokeIndex)
        }
        let checker = Checker(
            strategy: CacheAside(), workload: Workload(clients: 2, operationsPerClient: 2),
            properties: [], invariants: [noWrites], exploration: Exploration(seeds: 0..<20))
        let example = try XCTUnwrap(checker.check().properties[0].counterexample)
        XCTAssertEqual(example.violation, Violation("client 1 wrote", eventIndex: 0))
        XCTAssertEqual(example.size.operations, 1)
        let message = try XCTUnwrap(checker.check().failureMessage)
        let marked = message.split(separator: "\n").filter { $0.hasSuffix("◀ no writes broken here") }
        XCTAssertEqual(marked.count, 1)
        XCTAssertTrue(marked[0].contains("▶ write k1=v1"), String(marked[0]))
    }
}
