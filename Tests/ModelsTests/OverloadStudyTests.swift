import CacheAsideCheck
@testable import CacheAsideModels
import Testing

/// The study the overload scenario answers — "after a flush overloads the database, which strategies get
/// back to their hit ratio and load, and which stay down?" — each claim computed from the `compare` table.
@Suite struct OverloadStudyTests {
    static let models = ["cache-aside", "retry-on-error", "backoff-retry", "single-flight", "lease"]

    /// The study's models in `overload`, over its first 20 seeds.
    static let table = Comparison(
        scenario: .overload, seeds: 0..<20, jobs: 2, entries: ModelCatalogue.entries.filter { models.contains($0.name) }
    ).run()

    private func recovery(_ model: String) throws -> ModelVerdict {
        let row = try #require(Self.table.rows.first { $0.model == model })
        let column = try #require(Self.table.propertyIDs.firstIndex(of: "recovery"))
        return row.verdicts[column]
    }

    @Test func theScenarioIsListedAndCompareJudgesRecovery() {
        #expect(Scenario.named("overload") != nil)
        #expect(Self.table.properties.contains("recovery ≤ 40"))
        #expect(Self.table.loadWindow == 10)
        for row in Self.table.rows { #expect(row.runFailure == nil, "\(row.model): \(row.runFailure ?? "")") }
    }

    @Test func retryingAtOnceNeverRecovers() throws {
        let naive = try recovery("retry-on-error")
        #expect(naive.failingRate >= 0.9, "retry-on-error recovered in \(naive.runs - naive.failingRuns) runs")
    }

    @Test func coalescingCuresRecoverInEveryRun() throws {
        for model in ["single-flight", "lease"] { #expect(try recovery(model).holds, "\(model)") }
    }

    @Test func waitingRatherThanRetryingRecoversAlmostAlways() throws {
        // No coalescing, so the first wave of misses still times out; but nothing feeds it.
        for model in ["backoff-retry", "cache-aside"] {
            #expect(try recovery(model).failingRate <= 0.1, "\(model)")
        }
    }

    @Test func timeoutsFeedTheNaiveRetries() throws {
        func timeouts(_ model: String) throws -> Double {
            try #require(Self.table.rows.first { $0.model == model }).databaseLoad.timeouts?.mean ?? 0
        }
        let naive = try timeouts("retry-on-error")
        for model in ["cache-aside", "backoff-retry", "single-flight", "lease"] {
            #expect(naive > 20 * (try timeouts(model)), "\(model)")
        }
        // Coalesced, the database never has more calls than keys, and never times out.
        for model in ["single-flight", "lease"] { #expect(try timeouts(model) == 0, "\(model)") }
        #expect(Self.table.renderText().contains("db timeouts/run"))
        let json = Self.table.renderJSON()
        #expect(json.contains("\"databaseCapacity\" : 6") && json.contains("\"cacheFlushAt\" : 60"))
        #expect(json.contains("\"timeouts\""))
    }

    @Test func theLoadChartShowsTheFlushAndTheLoadThatStaysUp() throws {
        let html = Self.table.renderHTML()
        #expect(html.components(separatedBy: "<title>cache flushed at t60</title>").count - 1 == Self.table.rows.count)
        // After the flush's window and the allowed 40 ticks, the naive model's load per window is still
        // many times a cure's.
        let later = 100 / Self.table.loadWindow
        func loadAfter(_ model: String) throws -> Double {
            let row = try #require(Self.table.rows.first { $0.model == model })
            let loads = Self.table.loadOverTime(row.databaseLoad.readsOverTime, runs: row.verdicts[0].runs)
            return loads.dropFirst(later).prefix(4).reduce(0, +)
        }
        #expect(try loadAfter("retry-on-error") > 10 * max(1, try loadAfter("lease")))
    }

    @Test func theTableIsTheSameForEveryJobCount() {
        let entries = ModelCatalogue.entries.filter { ["retry-on-error", "lease"].contains($0.name) }
        let one = Comparison(scenario: .overload, seeds: 0..<4, jobs: 1, entries: entries).run()
        let two = Comparison(scenario: .overload, seeds: 0..<4, jobs: 2, entries: entries).run()
        #expect(one.rows == two.rows)
        #expect(one.renderText() == two.renderText())
    }
}
