import CacheAsideCheck
@testable import CacheAsideModels
import Testing

import CacheAsideEngine

/// The cost figures add up (issue 18, item 6): every database read is counted once — as a load of a
/// refill episode, an early refresh, a load inside a write, or a read around a failed cache call — and
/// the failed cache calls are exactly the cache steps that failed, on many runs of every catalogue model
/// with and without the cache failing.
@Suite struct LoadAccountingTests {
    /// Every catalogue model under the hot-key scenario's concurrency, small enough to run many seeds.
    static func runs(faults: Set<Fault>) -> [(model: String, run: RunRecord)] {
        var simulation = Scenario.hotKeyExpiry.simulation
        simulation.faults = faults
        let workload = Workload(clients: 6, operationsPerClient: 3, keys: 2, writeRatio: 0.3, thinkTime: 0...6, warmStart: 8)
        return ModelCatalogue.entries.flatMap { entry in
            (0..<40 as Range<UInt64>).map { seed in
                (entry.name, Simulation.run(entry.make(10), workload: workload, choices: ChoiceSource(seed: seed), options: simulation))
            }
        }
    }

    @Test(arguments: [Set<Fault>(), [.cacheUnavailable]])
    func everyDatabaseReadIsCountedOnceAndEveryFailedCacheCallIsCounted(faults: Set<Fault>) {
        var fallbacks = 0
        for (model, run) in Self.runs(faults: faults) {
            let analysis = RefillEpisodes(run: run)
            // Every actor's steps, the background workers' among them (`History.steps` has the clients' only).
            let steps: [Step] = run.history.events.compactMap { event in
                guard event.actor != nil, case .step(let step) = event.kind else { return nil }
                return step
            }
            let reads = steps.count { $0.action.isDatabaseRead }
            let accounted = analysis.episodes.reduce(0) { $0 + $1.loads } + analysis.loadsWithoutMiss
                + analysis.writePathLoads + analysis.fallbackLoads
            #expect(accounted == reads, "\(model): \(accounted) loads accounted for, \(reads) database reads")
            let failed = steps.count { step in
                guard step.action.component == .cache, case .fault = step.outcome else { return false }
                return true
            }
            #expect(analysis.failedCacheCalls == failed, "\(model)")
            if faults.isEmpty {
                #expect(analysis.fallbackLoads == 0 && analysis.failedCacheCalls == 0, "\(model)")
            }
            fallbacks += analysis.fallbackLoads
        }
        if !faults.isEmpty { #expect(fallbacks > 100, "the outage must move loads onto the database") }
    }

    /// A versioned write reads the primary: that is the write's cost, not an early refresh.
    @Test func aVersionedWritesReadIsAWritePathLoadNotAnEarlyOne() {
        let versioned = Self.runs(faults: []).filter { $0.model == "versioned-set" }.map { RefillEpisodes(run: $0.run) }
        #expect(versioned.reduce(0) { $0 + $1.writePathLoads } > 0)
        #expect(versioned.allSatisfy { $0.loadsWithoutMiss == 0 })
    }

    /// Single flight's waiters find the holder's fill: refills without a load are counted, so its loads
    /// per refill below 1 can be read, and the HTML chart has a bar for them.
    @Test func refillsWithoutALoadAreCountedAndDrawn() throws {
        let table = Comparison(
            scenario: .classicRace, seeds: 0..<200, jobs: 2, entries: ModelCatalogue.entries.filter { $0.name == "single-flight" }
        ).run()
        let row = try #require(table.rows.first)
        #expect(try #require(row.loadlessRefillShare) > 0)
        let bins = ComparisonTable.loadBins(row.refillLoadsHistogram)
        #expect(bins.first?.label == "0" && (bins.first?.count ?? 0) > 0)
        #expect(bins.map(\.count).reduce(0, +) == row.refillLoadsHistogram.reduce(0) { $0 + $1[1] })
    }

    /// A figure that is not zero never prints as zero.
    @Test func aFigureThatRoundsToZeroPrintsAsBelowOneHundredth() {
        #expect(ComparisonTable.decimal(0.004, places: 2) == "<0.01")
        #expect(ComparisonTable.decimal(0, places: 2) == "0.00")
        #expect(ComparisonTable.decimal(0.005, places: 2) == "0.01")
        #expect(ComparisonTable.percent(0.00002) == "<0.01%")
    }

    /// Under a cache outage a lease's refill still takes one load; the reads around the cache are fallbacks.
    @Test func aLeaseUnderACacheOutageLoadsOncePerRefillAndFallsBackAroundTheCache() throws {
        var scenario = Scenario.hotKeyExpiry
        scenario.simulation.faults = [.cacheUnavailable]
        let table = Comparison(
            scenario: scenario, seeds: 0..<60, jobs: 2, entries: ModelCatalogue.entries.filter { ["lease", "cache-aside"].contains($0.name) }
        ).run()
        let lease = try #require(table.rows.first { $0.model == "lease" })
        let cacheAside = try #require(table.rows.first { $0.model == "cache-aside" })
        #expect(lease.refills(.expiry).maxLoads == 1)
        #expect(lease.fallbackLoadsPerRun > cacheAside.fallbackLoadsPerRun)
        #expect(cacheAside.failedCacheCallsPerRun > 0)
        #expect(table.hasOtherLoads && table.renderText().contains("fallback loads/run"))
    }
}
