import CacheAsideCheck
@testable import CacheAsideModels
import Foundation
import Synchronization
import Testing

/// The `compare` table: every model on the same seeds, and the cost figures the catalogue's claims rest on.
@Suite struct ComparisonTests {
    /// A small comparison: enough seeds for every figure to be non-trivial, cheap in a debug build.
    static let table = Comparison(seeds: 0..<300, jobs: 2).run()

    private func row(_ model: String) throws -> ComparisonRow {
        try #require(Self.table.rows.first { $0.model == model })
    }

    @Test func comparesEveryCatalogueModelOnEveryProperty() {
        #expect(Self.table.rows.map(\.model) == ModelCatalogue.names)
        #expect(Self.table.properties == ["linearizability", "convergence", "staleness ≤ 60", "stampede ≤ 1"])
        for row in Self.table.rows {
            #expect(row.runFailure == nil, "\(row.model): \(row.runFailure ?? "")")
            #expect(row.verdicts.allSatisfy { $0.runs == 300 })
        }
    }

    /// Stopped between runs (as Ctrl-C or --time-limit stops it), the table reports fewer runs for the model
    /// in hand, says which models were not run, and calls no property of the cut-short model "holds".
    @Test func aComparisonCutShortReportsFewerRunsAndNeverAPass() throws {
        let asked = Mutex(0)
        var comparison = Comparison(seeds: 0..<300, jobs: 1)
        comparison.shouldStop = { asked.withLock { $0 += 1; return $0 > 40 } }
        let table = comparison.run()
        #expect(table.stop == .interrupted)
        let row = try #require(table.rows.first)
        #expect(table.rows.count == 1)
        #expect(table.notRun == Array(ModelCatalogue.names.dropFirst()))
        let runs = try #require(row.verdicts.first?.runs)
        #expect(runs > 0 && runs < 300)
        // The same verdicts as a complete comparison over the seeds that were run: stopping only cuts.
        let prefix = Comparison(seeds: 0..<UInt64(runs), jobs: 1, entries: [ModelCatalogue.entries[0]]).run()
        for (cut, whole) in zip(row.verdicts, prefix.rows[0].verdicts) {
            #expect(!cut.holds, "\(cut.property) holds in a model cut short")
            #expect(cut.failingRuns == whole.failingRuns && cut.firstFailingSeed == whole.firstFailingSeed)
            #expect((cut.undecided == true) == (whole.failingRuns == 0))
        }
        #expect(table.renderText().contains("interrupted: 1 of \(ModelCatalogue.names.count) models run, \(row.model) after \(runs) of 300 runs"))
        #expect(table.renderJSON().contains(#""stop" : "interrupted""#))
    }

    @Test func singleFlightLoadsOncePerRefillWhileCacheAsideDoesNot() throws {
        #expect(try row("single-flight").maxDatabaseReadsPerRefill == 1)
        #expect(try row("cache-aside").maxDatabaseReadsPerRefill ?? 0 > 1)
    }

    @Test func theClassicRaceNeverExpiresSoItsRefillsAreColdOrInvalidations() throws {
        for row in Self.table.rows {
            #expect(row.refills(.expiry).maxLoads == nil, "\(row.model) refilled after an expiry")
            #expect(row.refills(.coldMiss).maxLoads != nil, "\(row.model) never missed cold")
        }
    }

    @Test func cacheAsideAnswersEveryReadWhenTheCacheIsDownAndReadThroughDoesNot() throws {
        let entries = ModelCatalogue.entries.filter { ["cache-aside", "read-through"].contains($0.name) }
        var comparison = Comparison(seeds: 0..<300, jobs: 2, entries: entries)
        comparison.faults = [.cacheUnavailable]
        let table = comparison.run()
        #expect(table.rows[0].unansweredReadRate == 0)
        #expect(table.rows[1].unansweredReadRate ?? 0 > 0)
    }

    @Test func versionedSetPaysForItsGuaranteeInDatabaseReads() throws {
        let versioned = try #require(try row("versioned-set").databaseReadsPerClientRead)
        let cacheAside = try #require(try row("cache-aside").databaseReadsPerClientRead)
        #expect(versioned > cacheAside)
    }

    @Test func theTableIsTheSameForEveryJobCount() {
        let oneJob = Comparison(seeds: 0..<300, jobs: 1).run()
        #expect(oneJob.rows == Self.table.rows)
        #expect(oneJob.renderJSON() == Self.table.renderJSON())
    }

    /// Nothing expires in the classic race, so no model's stampede is a pass: every row says so.
    @Test func theStampedeIsNotExercisedInTheClassicRace() throws {
        let stampede = try #require(Self.table.properties.firstIndex { $0.hasPrefix("stampede") })
        for row in Self.table.rows {
            #expect(row.verdicts[stampede].notExercised == true, "\(row.model)")
            #expect(!row.verdicts[stampede].holds)
        }
        let lines = Self.table.renderText().split(separator: "\n").filter { $0.hasPrefix("cache-aside ") }
        #expect(lines.first?.contains("not exercised") == true)
    }

    @Test func textShowsVerdictsAsHoldsOrRateAndFirstSeed() throws {
        let text = Self.table.renderText()
        let lines = text.split(separator: "\n")
        let lease = try #require(lines.first { $0.hasPrefix("lease ") })
        #expect(lease.contains("holds"))
        let cacheAside = try #require(lines.first { $0.hasPrefix("cache-aside ") })
        #expect(cacheAside.contains("✗ "))
        #expect(cacheAside.contains("%"))
        #expect(cacheAside.contains("@"))
    }

    @Test func jsonDecodesBackToTheSameRows() throws {
        let data = Data(Self.table.renderJSON().utf8)
        let document = try JSONDecoder().decode(ComparisonTable.Document.self, from: data)
        #expect(document.models == Self.table.rows)
        #expect(document.seeds == [0, 300])
    }
}
