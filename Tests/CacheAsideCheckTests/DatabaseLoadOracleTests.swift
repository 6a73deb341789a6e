import CacheAsideCheck
@testable import CacheAsideEngine
import CacheAsideModels
import XCTest

/// The database-load figures across keys against a brute-force reading of the history: every database
/// read's interval, from its event to its actor's next event, and every window placed at every tick.
final class DatabaseLoadOracleTests: XCTestCase {
    /// The database reads of `run`: each one's event index, tick, and the index of its actor's next event
    /// (the end of the history if it has none).
    private func reads(_ run: RunRecord) -> [(index: Int, tick: Ticks, end: Int)] {
        let events = run.history.events
        return events.indices.compactMap { index in
            guard case .step(let step) = events[index].kind, let actor = events[index].actor else { return nil }
            switch step.action {
            case .databaseRead, .databaseVersionedRead: break
            default: return nil
            }
            let end = events.indices.dropFirst(index + 1).first { events[$0].actor == actor } ?? events.count
            return (index, events[index].tick, end)
        }
    }

    /// At each read's event, how many reads' intervals cover it; the most of these.
    private func bruteForcePeak(_ run: RunRecord) -> Int {
        let all = reads(run)
        return all.map { read in all.count { $0.index <= read.index && read.index < $0.end } }.max() ?? 0
    }

    /// Every window of `width` ticks starting at any tick from the first read to the last.
    private func bruteForceMostInWindow(_ run: RunRecord, width: Ticks) -> Int {
        let ticks = reads(run).map(\.tick)
        guard let first = ticks.min(), let last = ticks.max() else { return 0 }
        return (first...last).map { start in ticks.count { $0 >= start && $0 < start + width } }.max() ?? 0
    }

    private func runs() -> [RunRecord] {
        let concurrent = SimulationOptions(latencies: SimulationOptions.Latencies(databaseRead: 1...5), timing: .concurrent)
        let shapes: [(Workload, SimulationOptions)] = [
            (Workload(clients: 12, operationsPerClient: 4, keys: 4, writeRatio: 0.1, thinkTime: 0...6), concurrent),
            (Workload(clients: 6, operationsPerClient: 5, keys: 3, writeRatio: 0.3, thinkTime: 0...3, warmStart: 5), concurrent),
            (Workload(clients: 4, operationsPerClient: 3, keys: 2), SimulationOptions()),
        ]
        let strategies: [any CachingStrategy] = [CacheAside(ttl: 6), SingleFlight(ttl: 6), JitteredTTL(ttl: 6), VersionedSet(ttl: 6)]
        return shapes.flatMap { workload, options in
            strategies.flatMap { strategy in
                (UInt64(0)..<25).map { Simulation.run(strategy, workload: workload, choices: ChoiceSource(seed: $0), options: options) }
            }
        }
    }

    func testPeakInFlightAndBusiestWindowMatchTheBruteForceReading() {
        var peaks: Set<Int> = []
        for (number, run) in runs().enumerated() {
            let load = DatabaseLoad(run: run)
            XCTAssertEqual(load.peakInFlight, bruteForcePeak(run), "run \(number)")
            for width in [1, 3, 7] {
                XCTAssertEqual(load.mostReads(within: width), bruteForceMostInWindow(run, width: width), "run \(number), window \(width)")
            }
            XCTAssertEqual(load.readTicks.count, run.history.steps.count { $0.step.action.isDatabaseReadForOracle })
            XCTAssertEqual(load.buckets(width: 4), reads(run).map { $0.tick / 4 })
            peaks.insert(load.peakInFlight)
        }
        XCTAssertGreaterThan(peaks.count, 3, "the runs should differ in their peaks, or the oracle proves little")
    }

    /// Loads of one cause only: never more than every read, and the expiry loads are exactly the loads of
    /// the expiry episodes.
    func testExpiryLoadsAreTheExpiryEpisodesLoads() {
        for run in runs() {
            let expiry = DatabaseLoad(run: run, cause: .expiry)
            XCTAssertEqual(expiry.readTicks.count, RefillEpisodes(run: run).episodes(of: .expiry).reduce(0) { $0 + $1.loads })
            XCTAssertLessThanOrEqual(expiry.peakInFlight, DatabaseLoad(run: run).peakInFlight)
        }
    }

    /// By hand: two clients load two keys at once, with slow reads; a third loads later.
    func testTwoKeysLoadedTogetherAreTwoInFlight() {
        let plan = WorkloadPlan(
            operations: [[.read(Key(1))], [.read(Key(2))], [.read(Key(1))]], thinkTimes: [[0], [0], [20]])
        let run = Simulation.run(
            CacheAside(ttl: 60), plan: plan, keys: [Key(1), Key(2)], choices: ChoiceSource(replaying: []),
            options: SimulationOptions(latencies: SimulationOptions.Latencies(databaseRead: 3...3), timing: .concurrent))
        let load = DatabaseLoad(run: run)
        XCTAssertEqual(load.readTicks, [1, 1], "the third read hits")
        XCTAssertEqual(load.peakInFlight, 2)
        XCTAssertEqual(load.mostReads(within: 1), 2)
    }
}

extension StepAction {
    fileprivate var isDatabaseReadForOracle: Bool {
        switch self {
        case .databaseRead, .databaseVersionedRead: true
        default: false
        }
    }
}
