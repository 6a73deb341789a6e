import CacheAsideCheck
import CacheAsideModels
import XCTest

/// The report does not depend on how many threads ran the seeds: same text, same JSON, byte for byte.
final class ParallelDeterminismTests: XCTestCase {
    private func renderings(jobs: Int, scheduler: SchedulerKind, faults: Set<Fault> = []) -> (text: String, json: String) {
        let checker = Checker(
            strategy: CacheAside(), workload: Workload(clients: 3, operationsPerClient: 3, keys: 2),
            properties: [.linearizability, .convergence, .staleness(bound: 60), .stampede(limit: 1)],
            simulation: SimulationOptions(faults: faults),
            exploration: Exploration(seeds: 0..<400, scheduler: scheduler, jobs: jobs, shrinkAttemptLimit: 500))
        let report = checker.check()
        let text = TextReport(report: report) { "replay \($0)" }.render(header: "header")
        let json = JSONReport(report: report, options: [:], seedRange: 0..<400, shard: nil) { "replay \($0)" }.encoded()
        return (text, json)
    }

    func testReportIsIdenticalForOneTwoAndThreeJobs() {
        for scheduler in [SchedulerKind.random, .pct(depth: 3)] {
            let one = renderings(jobs: 1, scheduler: scheduler)
            for jobs in [2, 3] {
                let many = renderings(jobs: jobs, scheduler: scheduler)
                XCTAssertEqual(many.text, one.text, "\(scheduler), \(jobs) jobs")
                XCTAssertEqual(many.json, one.json, "\(scheduler), \(jobs) jobs")
            }
        }
    }

    func testReportWithFaultsIsIdenticalForOneAndTwoJobs() {
        let faults: Set<Fault> = [.lostDelete, .clientCrash]
        XCTAssertEqual(
            renderings(jobs: 2, scheduler: .random, faults: faults).json,
            renderings(jobs: 1, scheduler: .random, faults: faults).json)
    }

    func testTimeLimitStopsCleanlyAndCountsTheRunsDone() {
        var exploration = Exploration(seeds: 0..<1_000_000, jobs: 2, shrink: false)
        exploration.timeLimit = .milliseconds(300)
        let progress = ProgressRecorder()
        exploration.progress = { progress.record($0) }
        let report = Checker(strategy: CacheAside(), properties: [.convergence], exploration: exploration).check()
        XCTAssertGreaterThan(report.runs, 0)
        XCTAssertLessThan(report.runs, 1_000_000)
        XCTAssertEqual(report.seeds.count, 1_000_000)
        XCTAssertFalse(progress.snapshots.isEmpty, "a 300 ms check reports progress every 100 ms")
        XCTAssertTrue(progress.snapshots.allSatisfy { $0.runsPlanned == 1_000_000 && $0.runsDone <= report.runs })
    }
}

/// Collects progress snapshots from worker threads.
private final class ProgressRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [ExplorationProgress] = []
    func record(_ progress: ExplorationProgress) { lock.withLock { recorded.append(progress) } }
    var snapshots: [ExplorationProgress] { lock.withLock { recorded } }
}
