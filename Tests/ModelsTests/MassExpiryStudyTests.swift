import CacheAsideCheck
@testable import CacheAsideModels
import Testing

/// The study the mass-expiry scenario answers — "keys filled together expire together: does TTL variation
/// spread the database's load, and do the per-key cures?" — each claim computed from the `compare` table.
@Suite struct MassExpiryStudyTests {
    static let models = ["cache-aside", "cache-aside-jittered-ttl", "single-flight", "lease", "early-refresh"]

    /// The study's models in `mass-expiry`, over its first 60 seeds.
    static let table = Comparison(
        scenario: .massExpiry, seeds: 0..<60, jobs: 2, entries: ModelCatalogue.entries.filter { models.contains($0.name) }
    ).run()

    private func load(_ model: String) throws -> DatabaseLoadFigures {
        try #require(Self.table.rows.first { $0.model == model }).databaseLoad
    }

    @Test func theScenarioIsListedAndTheWindowIsATenthOfItsTTL() {
        #expect(Scenario.named("mass-expiry") != nil)
        #expect(Self.table.loadWindow == 3)
        for row in Self.table.rows { #expect(row.runFailure == nil, "\(row.model): \(row.runFailure ?? "")") }
    }

    @Test func jitterLowersThePeakDatabaseLoadAcrossKeys() throws {
        let plain = try load("cache-aside")
        let jittered = try load("cache-aside-jittered-ttl")
        #expect(try #require(jittered.peakInFlight).mean < #require(plain.peakInFlight).mean)
        #expect(try #require(jittered.mostReadsInWindow).mean < #require(plain.mostReadsInWindow).mean)
        // The waves of expiries are what it spreads: by a clear margin there.
        #expect(try #require(jittered.peakExpiryLoadsInFlight).mean < 0.8 * #require(plain.peakExpiryLoadsInFlight).mean)
    }

    @Test func perKeyCuresLoadOncePerExpiryYetEveryKeyStillExpiresInStep() throws {
        for model in ["single-flight", "lease"] {
            let row = try #require(Self.table.rows.first { $0.model == model })
            #expect(row.refills(.expiry).maxLoads == 1, "\(model)")
            // One load per key, all keys at once: the peak is about the number of keys, not below it.
            let peak = try #require(row.databaseLoad.peakExpiryLoadsInFlight)
            #expect(peak.max == Scenario.massExpiry.workload.keys, "\(model)")
        }
        // Early refresh keeps keys from expiring, but its refreshes are loads all the same.
        let refresh = try load("early-refresh")
        #expect(try #require(refresh.peakExpiryLoadsInFlight).mean < #require(try load("cache-aside").peakExpiryLoadsInFlight).mean / 4)
        #expect(try #require(refresh.peakInFlight).mean > #require(try load("cache-aside-jittered-ttl").peakInFlight).mean)
    }

    @Test func loadOverTimeHoldsEveryDatabaseRead() throws {
        let row = try #require(Self.table.rows.first { $0.model == "cache-aside" })
        let charted = row.databaseLoad.readsOverTime.reduce(0) { $0 + $1[1] }
        let answered = Double(row.verdicts[0].runs * Scenario.massExpiry.workload.clients * Scenario.massExpiry.workload.operationsPerClient)
        #expect(abs(Double(charted) - answered * (row.databaseReadsPerClientRead ?? 0)) < 1)
    }

    @Test func noJitterIsCacheAsideRunForRun() {
        let scenario = Scenario.massExpiry
        func report(_ strategy: any CachingStrategy) -> Report {
            var checker = Checker(
                strategy: strategy, workload: scenario.workload, properties: [.convergence, .stampede(limit: 1)],
                simulation: scenario.simulation, exploration: Exploration(seeds: 0..<5, shrink: false))
            checker.measures = DatabaseLoadFigures.measures(window: 3)
            return checker.check()
        }
        let plain = report(CacheAside(ttl: 30))
        #expect(report(JitteredTTL(ttl: 30, jitter: 0)).measures == plain.measures)
        #expect(report(JitteredTTL(ttl: 30, jitter: 0.5)).measures != plain.measures)
    }

    @Test func theFiguresAreInTheJSONAndTheHTML() {
        let json = Self.table.renderJSON()
        for key in ["\"databaseLoad\"", "\"peakInFlight\"", "\"mostReadsInWindow\"", "\"readsOverTime\"", "\"peakExpiryLoadsInFlight\""] {
            #expect(json.contains(key), "\(key)")
        }
        let html = Self.table.renderHTML()
        #expect(html.contains("Database load across keys"))
        #expect(html.components(separatedBy: "load-over-time").count - 1 == Self.table.rows.count)
        #expect(Self.table.renderText().contains("most db reads in 3 ticks"))
    }
}
