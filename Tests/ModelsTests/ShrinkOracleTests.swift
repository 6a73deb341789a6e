import CacheAsideCheck
import CacheAsideModels
import XCTest

/// The shrinker against brute force: for workloads small enough to replay every choice sequence up to
/// a length, the counterexample shrunk from the first failing seed is exactly as small (steps, clients,
/// operations) as the smallest failing run among all of them. Greedy passes reach a local minimum; this
/// is the check that, on these cases, it is the global one.
final class ShrinkOracleTests: XCTestCase {
    private struct Case {
        var model: String
        var property: Property
        var workload = Workload(clients: 2, operationsPerClient: 2, keys: 1)
    }

    private static let cases = [
        Case(model: "cache-aside", property: .convergence),
        Case(model: "cache-aside", property: .linearizability),
        Case(model: "delete-before-write", property: .convergence),
        Case(model: "update-on-write", property: .convergence),
        Case(model: "delete-before-write", property: .linearizability),
    ]

    /// The smallest failing run among every sequence of `length` choices, each below `values`.
    private func bruteForceMinimum(
        _ checker: Checker, _ fails: (RunRecord) -> Bool, length: Int, values: Int
    ) -> RunRecord? {
        var smallest: RunRecord?
        var choices = Array(repeating: 0, count: length)
        while true {
            let run = checker.replay(choices)
            if fails(run), smallest.map({ ShrinkOrder.size(of: run).lexicographicallyPrecedes(ShrinkOrder.size(of: $0)) }) ?? true {
                smallest = run
            }
            // The next sequence, counting in base `values`.
            guard let position = choices.lastIndex(where: { $0 < values - 1 }) else { return smallest }
            choices[position] += 1
            for later in (position + 1)..<length { choices[later] = 0 }
        }
    }

    func testShrinkingReachesTheBruteForceMinimum() throws {
        for example in Self.cases {
            let strategy = try XCTUnwrap(ModelCatalogue.entry(named: example.model)).make(60)
            let checker = Checker(strategy: strategy, workload: example.workload)
            let property = example.property
            let fails = { (run: RunRecord) in run.failure == nil && property.evaluate(run).violation != nil }
            let first = try XCTUnwrap((0..<1_000).lazy.map { checker.run(seed: $0) }.first(where: fails))
            let shrunk = checker.shrink(first, failing: fails)
            let minimum = try XCTUnwrap(bruteForceMinimum(checker, fails, length: 9, values: 3), example.model)
            XCTAssertFalse(shrunk.stoppedAtLimit, example.model)
            XCTAssertEqual(
                ShrinkOrder.size(of: shrunk.run), ShrinkOrder.size(of: minimum),
                "\(example.model) \(property.id)\nshrunk:\n\(LaneDiagram.render(shrunk.run))\nminimum:\n\(LaneDiagram.render(minimum))")
        }
    }
}
