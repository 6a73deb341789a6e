import CacheAsideModels
import XCTest

@testable import CacheAsideCheck

/// Staleness against the database (`Property.stalenessAgainstDatabase`, `DatabaseStaleness.measures`):
/// hand-made runs whose figures can be read off the lanes, a brute-force oracle on many small random runs,
/// and the direction the issue asks for — a wider gap between the database write and the invalidation
/// makes the figures larger, where staleness against completed writes cannot see it.
final class DatabaseStalenessTests: XCTestCase {
    private func read(_ key: Int) -> PlannedOperation { PlannedOperation.read(Key(key)) }
    private func write(_ key: Int) -> PlannedOperation { PlannedOperation.write(Key(key)) }

    /// A cache-aside write of `k1` whose database write answers after `gap` ticks, so its delete comes
    /// that much later, while a reader hits the old entry from a warm cache in between.
    private func slowDeleteRun(gap: Ticks) -> RunRecord {
        let plan = WorkloadPlan(
            operations: [[write(1)], [read(1)]], thinkTimes: [[0], [3]], warmEntries: [Key(1): 100])
        let options = SimulationOptions(latencies: SimulationOptions.Latencies(databaseWrite: gap...gap))
        return Simulation.run(CacheAside(ttl: 100), plan: plan, keys: [Key(1)], choices: ChoiceSource(seed: 0), options: options)
    }

    // MARK: Hand-made

    /// Client 1's db.write lands at t1 and its delete only at t21; client 2 hits the old entry at t4. The
    /// write has not completed, so staleness against completed writes sees nothing; against the database
    /// the read is 3 ticks behind, the cache disagrees for the 20 ticks of the gap, and the write is
    /// consistent only after them.
    func testSlowDeleteLeavesTheCacheBehindTheDatabaseForTheGap() throws {
        let run = slowDeleteRun(gap: 20)
        let analysis = DatabaseStalenessAnalysis(run: run)
        XCTAssertEqual(analysis.lags.map(\.ticks), [3])
        XCTAssertEqual(analysis.inconsistencyWindows, [20])
        XCTAssertEqual(analysis.writeLags, [20])
        XCTAssertEqual(Property.staleness(bound: nil).evaluate(run).measurements, [0])
        let violation = try XCTUnwrap(Property.stalenessAgainstDatabase(bound: 2).evaluate(run).violation)
        XCTAssertEqual(
            violation.explanation,
            "client 2's read of k1 at t4 returned v0, but the database had committed v1 at t1: 3 ticks behind the "
                + "database, over the bound of 2")
        XCTAssertNil(Property.stalenessAgainstDatabase(bound: 3).evaluate(run).violation)
    }

    /// With a one-tick gap the delete lands before the reader: it misses, loads v1 and is current.
    func testPromptDeleteKeepsTheReadCurrent() {
        let analysis = DatabaseStalenessAnalysis(run: slowDeleteRun(gap: 1))
        XCTAssertEqual(analysis.lags.map(\.ticks), [0])
        XCTAssertEqual(analysis.inconsistencyWindows, [1])
        XCTAssertEqual(analysis.writeLags, [1])
    }

    /// The classic stale set without a TTL: the refill puts v0 back after v1's delete, and nothing ends it.
    func testStaleSetWithoutTTLNeverConverges() throws {
        let run = Simulation.run(
            CacheAside(ttl: nil), workload: Workload(), choices: ChoiceSource(replaying: ReplayTokenFixtures.staleSet))
        let analysis = DatabaseStalenessAnalysis(run: run)
        XCTAssertEqual(analysis.inconsistencyWindows.last, Measurement.unbounded)
        XCTAssertEqual(analysis.writeLags.max(), Measurement.unbounded)
        XCTAssertEqual(analysis.lags.last?.ticks, Measurement.unbounded)
        let violation = try XCTUnwrap(Property.stalenessAgainstDatabase(bound: nil).evaluate(run).violation)
        XCTAssertTrue(violation.explanation.hasPrefix("after the run the cache still holds v0 for k1"), violation.explanation)
        XCTAssertEqual(DatabaseStalenessOracle.figures(run).windows.sorted(), analysis.inconsistencyWindows.sorted())
    }

    /// Nines are whole and counted in integers: 999 of 1000 is 3, 99.95% is still 3, all is none.
    func testNinesCountWholeNinesOfConsistentWrites() {
        XCTAssertEqual(DatabaseStaleness.nines(consistent: 999, of: 1000), 3)
        XCTAssertEqual(DatabaseStaleness.nines(consistent: 9995, of: 10000), 3)
        XCTAssertEqual(DatabaseStaleness.nines(consistent: 5, of: 10), 0)
        XCTAssertEqual(DatabaseStaleness.nines(consistent: 90, of: 100), 1)
        XCTAssertNil(DatabaseStaleness.nines(consistent: 7, of: 7))
    }

    // MARK: Exhaustive search

    /// A bound compares a read's start with a commit's tick, a step exhaustive search could move under
    /// `.operationTicks`, so the bounded property sees everything and search explores every interleaving.
    func testBoundedPropertySeesEveryTickAndWaivesReduction() {
        XCTAssertEqual(Property.stalenessAgainstDatabase(bound: 60).sensitivity, .everything)
        XCTAssertEqual(Property.stalenessAgainstDatabase(bound: nil).sensitivity, .orderOfConflictingSteps)
        let checker = Checker(
            strategy: CacheAside(ttl: 60), workload: Workload(clients: 2, operationsPerClient: 1),
            properties: [.convergence, .stalenessAgainstDatabase(bound: 60)],
            exploration: Exploration(seeds: 0..<1, scheduler: .exhaustive(Exploration.ExhaustiveSearch())))
        XCTAssertEqual(checker.check().exploration.search?.waiver, .property("staleness vs database ≤ 60"))
        XCTAssertEqual(BuiltInProperties.property("staleness-vs-database", .init(stalenessBound: 7, stampedeLimit: 1))?.label,
                       "staleness vs database ≤ 7")
    }

    // MARK: Oracle

    /// The analysis equals the tick-by-tick oracle on many small random runs of strategies that write the
    /// database and the cache in different orders, with slow calls, think time, warm and absent keys.
    func testFiguresMatchTickByTickOracle() {
        let strategies: [any CachingStrategy] = [
            CacheAside(ttl: 8), UpdateOnWrite(ttl: 8), WriteThrough(ttl: nil), CDCInvalidation(ttl: 12),
            WriteBehind(ttl: 10), NegativeCaching(ttl: 6, negativeTTL: 3), VersionedSet(ttl: 9), Lease(ttl: 7),
            DeleteBeforeWrite(ttl: 8), DelayedDoubleDelete(ttl: 8),
        ]
        var compared = 0
        var nonZero = 0
        for (number, strategy) in strategies.enumerated() {
            for seed: UInt64 in 0..<120 {
                let workload = Workload(
                    clients: 3, operationsPerClient: 3, keys: 2, writeRatio: 0.5, thinkTime: 0...3,
                    warmStart: seed % 3 == 0 ? 6 : nil, absentKeys: seed % 4 == 1 ? 1 : 0)
                let options = SimulationOptions(
                    latencies: SimulationOptions.Latencies(cacheCall: 1...3, databaseRead: 1...3, databaseWrite: 1...4, logRead: 1...3))
                let run = Simulation.run(strategy, workload: workload, choices: ChoiceSource(seed: seed), options: options)
                guard run.failure == nil else { continue }
                let analysis = DatabaseStalenessAnalysis(run: run)
                let oracle = DatabaseStalenessOracle.figures(run)
                let label = "\(strategy.name) seed \(seed) (strategy \(number))"
                XCTAssertEqual(analysis.lags.map(\.ticks).sorted(), oracle.reads.sorted(), "reads, \(label)")
                XCTAssertEqual(analysis.inconsistencyWindows.sorted(), oracle.windows.sorted(), "windows, \(label)")
                XCTAssertEqual(analysis.writeLags.sorted(), oracle.writeLags.sorted(), "write lags, \(label)")
                compared += 1
                if analysis.inconsistencyWindows.contains(where: { $0 > 0 }) { nonZero += 1 }
            }
        }
        XCTAssertGreaterThan(compared, 1000)
        XCTAssertGreaterThan(nonZero, 300, "the oracle must be compared on runs where the cache disagrees")
    }

    // MARK: The gap shows up

    /// Sums over the figures of `seeds` runs with the gap between the database write and the invalidation
    /// set by `options(gap)`.
    private func figures(_ strategy: any CachingStrategy, gap: Ticks, _ options: (Ticks) -> SimulationOptions)
        -> (windowTicks: Int, readsBehind: Int, readsBehindCompletedWrites: Int)
    {
        var checker = Checker(
            strategy: strategy, workload: Workload(thinkTime: 0...40), properties: [.staleness(bound: nil)],
            simulation: options(gap), exploration: Exploration(seeds: 0..<200, jobs: 2, shrink: false))
        checker.measures = DatabaseStaleness.measures
        let report = checker.check()
        let windows = report.measures[DatabaseStaleness.ID.windows] ?? Measure.Summary()
        return (
            windows.total, report.measures[DatabaseStaleness.ID.reads]?.positiveCount ?? 0,
            report.properties[0].measurements.positiveCount
        )
    }

    /// A slower invalidation — the write's database call answering later (cache-aside, update-on-write,
    /// write-through), or the CDC tailer lagging — leaves the cache behind the database longer and more reads
    /// behind it, on the same seeds; staleness against completed writes does not grow with it.
    func testFiguresGrowWithTheGapBetweenDatabaseWriteAndInvalidation() {
        let slowWrite = { (gap: Ticks) in SimulationOptions(latencies: SimulationOptions.Latencies(databaseWrite: gap...gap)) }
        let laggingTailer = { (gap: Ticks) in SimulationOptions(latencies: SimulationOptions.Latencies(logRead: gap...gap)) }
        let cases: [(any CachingStrategy, (Ticks) -> SimulationOptions)] = [
            (CacheAside(ttl: 60), slowWrite), (UpdateOnWrite(ttl: 60), slowWrite), (WriteThrough(ttl: 60), slowWrite),
            (CDCInvalidation(ttl: 60), laggingTailer),
        ]
        for (strategy, options) in cases {
            let measured = [1, 5, 20].map { figures(strategy, gap: $0, options) }
            for (narrow, wide) in zip(measured, measured.dropFirst()) {
                XCTAssertLessThan(narrow.windowTicks, wide.windowTicks, "\(strategy.name): \(measured)")
                XCTAssertLessThan(narrow.readsBehind, wide.readsBehind, "\(strategy.name): \(measured)")
            }
            // A CDC write completes before its tailer invalidates, so both measures see that gap; for the
            // others the write is still in flight and only the database measure sees it.
            if strategy is CDCInvalidation {
                XCTAssertGreaterThanOrEqual(measured[2].readsBehind, measured[2].readsBehindCompletedWrites, "\(strategy.name): \(measured)")
            } else {
                XCTAssertGreaterThan(measured[2].readsBehind, measured[2].readsBehindCompletedWrites, "\(strategy.name): \(measured)")
            }
        }
        let cacheAside = [1, 20].map { figures(CacheAside(ttl: 60), gap: $0, slowWrite) }
        XCTAssertLessThanOrEqual(cacheAside[1].readsBehindCompletedWrites, cacheAside[0].readsBehindCompletedWrites)
    }
}
