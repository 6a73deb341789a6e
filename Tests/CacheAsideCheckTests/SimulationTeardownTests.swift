import CacheAsideModels
import XCTest

import CacheAsideCheck
@testable import CacheAsideSimulation

/// A worker that catches every error and calls on: the end of the run cannot stop it by throwing.
private struct SwallowingWorker: BackgroundWorker {
    var name: String { "swallower" }
    func run(from position: Int, in env: Environment) async throws {
        while true { _ = try? await env.database.changes(after: position) }
    }
}

/// A worker that retries a failed read three times, then gives up (returns).
private struct RetryingWorker: BackgroundWorker {
    var name: String { "retrier" }
    func run(from position: Int, in env: Environment) async throws {
        var position = position
        var failures = 0
        while failures < 3 {
            do {
                for change in try await env.database.changes(after: position) { position = change.position }
            } catch {
                failures += 1
            }
        }
    }
}

/// A finished run lets go of the tasks it parked (idle workers, clients behind a failure), so a check of
/// many seeds holds one run at a time however long it goes on.
final class SimulationTeardownTests: XCTestCase {
    /// Runs `body` `count` times after one warm-up run and returns how many more runs are alive after.
    private func runsLeftAlive(after count: Int, _ body: (UInt64) -> RunRecord) -> Int {
        _ = body(0)
        let before = SimulationRun.liveRuns
        for seed in 1...UInt64(count) { _ = body(seed) }
        return SimulationRun.liveRuns - before
    }

    func testRunsWhoseWorkerEndsIdleOnTheChangeLogAreFreed() {
        let leftAlive = runsLeftAlive(after: 200) { seed in
            Simulation.run(CDCInvalidation(), workload: Workload(), choices: ChoiceSource(seed: seed))
        }
        XCTAssertEqual(leftAlive, 0)
    }

    func testRunsOfEveryCatalogueModelWithFaultsAreFreed() {
        for model in ModelCatalogue.entries {
            let leftAlive = runsLeftAlive(after: 50) { seed in
                Simulation.run(
                    model.make(60), workload: Workload(clients: 3, operationsPerClient: 3),
                    choices: ChoiceSource(seed: seed), options: SimulationOptions(faults: Set(Fault.allCases)))
            }
            XCTAssertEqual(leftAlive, 0, model.name)
        }
    }

    func testRunsThatFailWithClientsParkedBehindTheFailureAreFreed() {
        let leftAlive = runsLeftAlive(after: 100) { seed in
            let run = Simulation.run(
                ThrowsStrategy(), workload: Workload(clients: 4, operationsPerClient: 3, writeRatio: 0.3),
                choices: ChoiceSource(seed: seed))
            XCTAssertNotNil(run.failure)
            return run
        }
        XCTAssertEqual(leftAlive, 0)
    }

    func testAWorkerThatRetriesABoundedNumberOfTimesIsUnwoundAndFreed() {
        let leftAlive = runsLeftAlive(after: 50) { seed in
            let run = Simulation.run(
                CDCWith(worker: RetryingWorker()), workload: Workload(), choices: ChoiceSource(seed: seed))
            XCTAssertNil(run.failure)
            return run
        }
        XCTAssertEqual(leftAlive, 0)
    }

    func testAWorkerThatSwallowsEveryStopEndsTheRunWithoutAFailureOrAHang() {
        let run = Simulation.run(
            CDCWith(worker: SwallowingWorker()), workload: Workload(), choices: ChoiceSource(seed: 1))
        XCTAssertNil(run.failure, "unwinding a finished run never changes its record")
    }
}
