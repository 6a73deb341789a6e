import CacheAsideCheck
import CacheAsideModels
import XCTest

/// PCT honours its depth (at most depth − 1 preemptions, each exercised), is deterministic per seed and
/// finds the stale-set race.
final class PCTTests: XCTestCase {
    private let workload = Workload(clients: 3, operationsPerClient: 3, keys: 1)

    private func run(seed: UInt64, depth: Int) -> RunRecord {
        Simulation.run(
            CacheAside(), workload: workload, choices: ChoiceSource(seed: seed),
            policy: PCTScheduling(depth: depth, workload: workload))
    }

    /// Switches away from a client that still had steps to take. Cache-aside never sleeps or waits, so a
    /// client with steps left is always runnable and every such switch is a preemption.
    private func preemptions(in run: RunRecord) -> Int {
        let steppers = run.history.events.compactMap { event -> ClientID? in
            if case .step = event.kind { return event.client }
            return nil
        }
        var count = 0
        for index in steppers.indices.dropLast() where steppers[index] != steppers[index + 1] {
            if steppers[(index + 1)...].contains(steppers[index]) { count += 1 }
        }
        return count
    }

    func testDepthOneRunsEachClientToCompletionWithoutPreemption() {
        for seed: UInt64 in 0..<200 {
            XCTAssertEqual(preemptions(in: run(seed: seed, depth: 1)), 0, "seed \(seed)")
        }
    }

    func testPreemptionsNeverExceedDepthMinusOneAndReachIt() {
        for depth in 2...4 {
            let counts = (0..<300 as Range<UInt64>).map { preemptions(in: run(seed: $0, depth: depth)) }
            XCTAssertLessThanOrEqual(counts.max()!, depth - 1, "depth \(depth)")
            XCTAssertEqual(counts.max()!, depth - 1, "depth \(depth): some run should use every change point")
        }
    }

    func testFirstPickFollowsARandomPriorityOrder() {
        let firstClients = Set((0..<100 as Range<UInt64>).compactMap { run(seed: $0, depth: 1).history.events.first?.client })
        XCTAssertEqual(firstClients.count, 3)
    }

    func testSameSeedGivesTheSameRunAndReplaysWithoutThePolicy() {
        for seed: UInt64 in 0..<50 {
            let first = run(seed: seed, depth: 3)
            XCTAssertEqual(first.history, run(seed: seed, depth: 3).history)
            let replayed = Simulation.run(CacheAside(), workload: workload, choices: ChoiceSource(replaying: first.choices))
            XCTAssertEqual(first.history, replayed.history)
        }
    }

    func testCheckerWithPCTFindsTheStaleSetRace() {
        let checker = Checker(
            strategy: CacheAside(), workload: workload, properties: [.convergence],
            exploration: Exploration(seeds: 0..<200, scheduler: .pct(depth: 3), shrink: false))
        let report = checker.check()
        XCTAssertFalse(report.holds)
        XCTAssertEqual(report.scheduler, .pct(depth: 3))
    }
}
