import CacheAsideCheck
import CacheAsideModels
import XCTest

/// Partial-order reduction loses nothing for the local-cache models on two hosts: local-cache steps,
/// tracked gets, deliveries and lost connections reach under sleep sets exactly the outcomes and verdicts
/// they reach without (`ReductionOracleTests` samples the catalogue on one host). The TTL-only models are
/// searched at 2 clients × 2 operations; the tracking models at 3 clients × 1 operation (and 2 × 1 with
/// lost messages), since every point with a message on its way branches on its delivery and 2 × 2 has
/// over 160,000 schedules.
final class LocalCacheReductionOracleTests: XCTestCase {
    private let models = [
        "local-cache-ttl", "local-cache-tracking", "local-cache-tracking-placeholder",
        "local-cache-tracking-placeholder-no-flush", "local-cache-lease",
    ]

    private func checker(_ name: String, faults: Set<Fault>, ttl: Ticks?) throws -> Checker {
        let entry = try XCTUnwrap(ModelCatalogue.entry(named: name))
        let tracks = name.contains("tracking")
        var workload =
            tracks ? Workload(clients: faults.isEmpty ? 3 : 2, operationsPerClient: 1) : Workload(clients: 2, operationsPerClient: 2)
        workload.hosts = 2
        return Checker(
            strategy: entry.make(ttl), workload: workload, properties: [.linearizability, .convergence, .staleness(bound: nil)],
            simulation: SimulationOptions(faults: faults),
            exploration: Exploration(seeds: 0..<1, scheduler: .exhaustive(Exploration.ExhaustiveSearch())))
    }

    func testReductionReachesExactlyTheOutcomesOfTheUnreducedSearchOnTwoHosts() throws {
        var compared = 0
        for name in models {
            for faults in [[], [Fault.invalidationLoss]] as [Set<Fault>] {
                let oracle = ReductionOracle(checker: try checker(name, faults: faults, ttl: 60))
                guard let reduced = oracle.search(reduction: true, limit: 10_000),
                    let plain = oracle.search(reduction: false, limit: 10_000)
                else { continue }
                compared += 1
                let label = "\(name) \(faults.map(\.rawValue))"
                XCTAssertEqual(reduced.verdicts, plain.verdicts, "verdicts differ: \(label)")
                XCTAssertEqual(reduced.outcomes, plain.outcomes, "outcomes differ: \(label)")
                print("LOCAL-ORACLE \(label): \(reduced.schedules) of \(plain.schedules) schedules, \(plain.outcomes.count) outcomes")
            }
        }
        XCTAssertEqual(compared, 2 * models.count, "every configuration fits the limits")
    }

    /// The exhaustive search at 3 clients × 1 operation on two hosts finds the tracking race and proves
    /// the placeholder fix free of it (for the workload seed 0 draws).
    func testExhaustiveSearchFindsTheTrackingRaceAndNotWithThePlaceholder() throws {
        for (name, converges) in [("local-cache-tracking", false), ("local-cache-tracking-placeholder", true)] {
            let report = try checker(name, faults: [], ttl: 60).check()
            let convergence = try XCTUnwrap(report.properties.first { $0.id == "convergence" })
            XCTAssertEqual(convergence.holds, converges, name)
            XCTAssertNotEqual(report.outcome, .undecided, name)
        }
    }
}
