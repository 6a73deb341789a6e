import CacheAsideCheck
@testable import CacheAsideEngine
import CacheAsideModels
import XCTest

/// The recovery property against a brute-force reading of the history: for each cache restart, the
/// operations whose ends fall in each window (found from the operation records, not the event stream)
/// and the database reads whose ticks do, compared in floating point.
final class RecoveryOracleTests: XCTestCase {
    private struct Judged: Equatable {
        var tick: Ticks
        var recovered: Bool
        var hitPercent: Int
    }

    private func bruteForce(_ run: RunRecord, bound: Ticks) -> [Judged] {
        let events = run.history.events
        guard let lastTick = events.last?.tick else { return [] }
        let readTicks = events.compactMap { event -> Ticks? in
            guard case .step(let step) = event.kind else { return nil }
            switch step.action {
            case .databaseRead, .databaseVersionedRead: return event.tick
            default: return nil
            }
        }
        // Each ended read: its end tick, whether its client read the database between invoke and end,
        // its key, invoke tick and end index.
        let reads = run.history.operations.compactMap { record -> (tick: Ticks, hit: Bool, key: Key, invoked: Ticks, end: Int)? in
            guard record.operation.isRead, record.ending == .returned || record.ending == .failed,
                let end = record.endIndex, let endTick = record.endTick
            else { return nil }
            let loaded = (record.invokeIndex...end).contains { index in
                guard events[index].client == record.client, case .step(let step) = events[index].kind else { return false }
                switch step.action {
                case .databaseRead, .databaseVersionedRead: return true
                default: return false
                }
            }
            return (endTick, record.ending == .returned && !loaded, record.operation.key, record.invokeTick, end)
        }
        var judged: [Judged] = []
        for event in events where event.restartsTheCache {
            let d = event.tick
            guard d > 0, lastTick >= d + 2 * bound - 1 else { continue }
            let steady = max(0, d - bound)..<d
            let after = (d + bound)..<(d + 2 * bound)
            // Cold: for each key, the read invoked at or after d that ends first.
            let cold = Set(Dictionary(grouping: reads.filter { $0.invoked >= d }, by: \.key).values.compactMap { $0.map(\.end).min() })
            let steadyReads = reads.filter { steady.contains($0.tick) }
            let afterReads = reads.filter { after.contains($0.tick) && !cold.contains($0.end) }
            let coldInWindow = reads.count { after.contains($0.tick) && cold.contains($0.end) }
            guard !steadyReads.isEmpty, !afterReads.isEmpty else { continue }
            let steadyHit = Double(steadyReads.count { $0.hit }) / Double(steadyReads.count)
            let afterHit = Double(afterReads.count { $0.hit }) / Double(afterReads.count)
            let steadyLoad = Double(readTicks.count { steady.contains($0) }) / Double(steady.count)
            let afterLoad = Double(readTicks.count { after.contains($0) })
            let allowed = 1.5 * steadyLoad * Double(after.count) + Double(afterReads.count) / 20 + Double(coldInWindow)
            let recovered = afterHit >= steadyHit / 1.5 - 1e-12 && afterLoad <= allowed + 1e-9
            judged.append(Judged(tick: d, recovered: recovered, hitPercent: Int(afterHit * 100 + 1e-9)))
        }
        return judged
    }

    private func runs() -> [RunRecord] {
        var overloaded = SimulationOptions(latencies: SimulationOptions.Latencies(databaseRead: 1...3), timing: .concurrent)
        overloaded.databaseCapacity = 2
        overloaded.databaseTimeout = 4
        overloaded.cacheFlushAt = 15
        var restarts = SimulationOptions(latencies: SimulationOptions.Latencies(databaseRead: 1...4), timing: .concurrent)
        restarts.faults = [.cacheRestart]
        let shapes: [(Workload, SimulationOptions)] = [
            (Workload(clients: 10, operationsPerClient: 8, keys: 3, writeRatio: 0, thinkTime: 0...3, warmStart: 1_000), overloaded),
            (Workload(clients: 6, operationsPerClient: 6, keys: 2, writeRatio: 0.2, thinkTime: 0...4, warmStart: 20), restarts),
        ]
        let strategies: [any CachingStrategy] = [RetryOnError(ttl: nil), SingleFlight(ttl: nil), CacheAside(ttl: 12)]
        return shapes.flatMap { workload, options in
            strategies.flatMap { strategy in
                (UInt64(0)..<20).map { Simulation.run(strategy, workload: workload, choices: ChoiceSource(seed: $0), options: options) }
            }
        }
    }

    func testRecoveryMatchesTheBruteForceReading() {
        var outcomes: Set<Bool> = []
        var unjudged = 0
        for (number, run) in runs().enumerated() {
            for bound in [5, 10] {
                let analysis = RecoveryAnalysis(run: run, bound: bound).disturbances
                let found = analysis.map { Judged(tick: $0.tick, recovered: $0.recovered, hitPercent: $0.hitPercent) }
                XCTAssertEqual(found, bruteForce(run, bound: bound), "run \(number), bound \(bound)")
                let evaluation = Property.recovery(within: bound).evaluate(run)
                XCTAssertEqual(evaluation.violation == nil, found.allSatisfy(\.recovered))
                XCTAssertEqual(evaluation.exercised, !found.isEmpty)
                XCTAssertEqual(evaluation.measurements, found.map(\.hitPercent))
                outcomes.formUnion(found.map(\.recovered))
                if found.isEmpty { unjudged += 1 }
            }
        }
        XCTAssertEqual(outcomes, [true, false], "the runs should both recover and not, or the oracle proves little")
        XCTAssertGreaterThan(unjudged, 0, "some runs have no judged disturbance")
    }

    /// By hand: a warm key read every tick, flushed at tick 10; a plain reader refills it at once.
    func testAWarmKeyFlushedAndRefilledRecovers() throws {
        var options = SimulationOptions(timing: .concurrent)
        options.cacheFlushAt = 10
        let plan = WorkloadPlan(
            operations: [Array(repeating: .read(Key(1)), count: 30)], thinkTimes: [Array(repeating: 1, count: 30)],
            warmEntries: [Key(1): 1_000])
        let run = Simulation.run(CacheAside(ttl: nil), plan: plan, keys: [Key(1)], choices: ChoiceSource(replaying: []), options: options)
        let judged = try XCTUnwrap(RecoveryAnalysis(run: run, bound: 5).disturbances.first)
        XCTAssertEqual(judged.tick, 10)
        XCTAssertEqual(judged.steady.hits, judged.steady.endedReads, "every read before the flush hits")
        XCTAssertEqual(judged.steady.databaseReads, 0)
        XCTAssertEqual(judged.coldReads, 0, "the cold miss right after the flush ends before the judged window")
        XCTAssertEqual(judged.after.hits, judged.after.endedReads, "refilled within 5 ticks")
        XCTAssertTrue(judged.recovered)
        XCTAssertEqual(bruteForce(run, bound: 5), [Judged(tick: 10, recovered: true, hitPercent: 100)])
        // Judged over 20 ticks instead, the run (about 60 ticks) still reaches the window's end; over 30 it does not.
        XCTAssertEqual(RecoveryAnalysis(run: run, bound: 20).disturbances.count, 1)
        XCTAssertEqual(RecoveryAnalysis(run: run, bound: 30).disturbances.count, 0)
    }

    /// A key nobody reads until the judged window misses there once: a cold read, not a failure to recover.
    func testTheFirstReadOfAKeyAfterTheFlushIsCold() throws {
        var options = SimulationOptions(timing: .concurrent)
        options.cacheFlushAt = 10
        let reads: [PlannedOperation] = Array(repeating: .read(Key(1)), count: 30)
        let plan = WorkloadPlan(
            operations: [reads, Array(repeating: .read(Key(2)), count: 3) + [.read(Key(2))]],
            thinkTimes: [Array(repeating: 1, count: 30), [1, 1, 1, 10]],
            warmEntries: [Key(1): 1_000, Key(2): 1_000])
        let run = Simulation.run(
            CacheAside(ttl: nil), plan: plan, keys: [Key(1), Key(2)], choices: ChoiceSource(replaying: []), options: options)
        let judged = try XCTUnwrap(RecoveryAnalysis(run: run, bound: 5).disturbances.first)
        XCTAssertEqual(judged.coldReads, 1, "k2's read from t16 is its first since the flush")
        XCTAssertTrue(judged.recovered)
        XCTAssertEqual(bruteForce(run, bound: 5).map(\.recovered), [true])
    }

    /// A check with no cache restart has nothing to judge: not exercised, never "holds".
    func testRecoveryWithoutADisturbanceIsNotExercised() {
        let report = Checker(strategy: CacheAside(), properties: [.recovery(within: 10)], exploration: Exploration(seeds: 0..<50))
            .check()
        guard case .notExercised(let reason) = report.properties[0].verdict else {
            return XCTFail("expected not exercised, got \(report.properties[0].verdict)")
        }
        XCTAssertTrue(reason.contains("a cache restart or flush"), reason)
        XCTAssertFalse(report.holds)
    }
}
