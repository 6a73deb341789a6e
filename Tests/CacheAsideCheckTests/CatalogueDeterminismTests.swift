import CacheAsideCheck
import CacheAsideModels
import XCTest

/// A self-check of "determinism is the product": every catalogue model, over 120 seeds with
/// and without every fault, with clock jumps, renders the same report — text and JSON, shrunk counterexamples included —
/// at one job and at two.
final class CatalogueDeterminismTests: XCTestCase {
    private func renderings(_ entry: CatalogueEntry, faults: Set<Fault>, jobs: Int) -> String {
        let seeds: Range<UInt64> = 0..<120
        let checker = Checker(
            strategy: entry.make(20), workload: Workload(clients: 3, operationsPerClient: 3, keys: 2),
            properties: [.linearizability, .convergence, .staleness(bound: 20), .stampede(limit: 1)],
            simulation: SimulationOptions(faults: faults, leaseTTL: 10, clockJumps: 30),
            exploration: Exploration(seeds: seeds, jobs: jobs, shrinkAttemptLimit: 300))
        let report = checker.check()
        let text = TextReport(report: report) { "replay \($0)" }.render(header: entry.name)
        let json = JSONReport(report: report, options: [:], seedRange: seeds, shard: nil) { "replay \($0)" }.encoded()
        let failure = report.runFailure.map { "seed \($0.seed): \($0.failure)" } ?? "no run failure"
        return text + "\n" + json + "\n" + failure
    }

    func testEveryModelReportsTheSameAtOneAndTwoJobs() {
        for entry in ModelCatalogue.entries {
            for faults in [[], Set(Fault.allCases)] {
                let one = renderings(entry, faults: faults, jobs: 1)
                let two = renderings(entry, faults: faults, jobs: 2)
                XCTAssertEqual(two, one, "\(entry.name), faults \(faults.map(\.rawValue).sorted())")
                XCTAssertTrue(one.hasSuffix("no run failure"), "\(entry.name) completes every run: \(one.suffix(300))")
            }
        }
    }
}
