import CacheAsideHistories
import CacheAsideCheck
import Foundation

/// Measures the linearizability checker on random register histories (issue 3's speed targets, one
/// core, release build): 3 clients × 4 operations, 4 × 8, 8 × 25 on one key, and one 50-client,
/// 1,700-operation, 10-key history. Histories are generated before timing; only `check` is timed.
enum LinearizabilityBenchmark {
    private struct Scenario {
        var name: String
        var shape: RandomRegisterHistory
        var histories: Int
        var target: String
        /// Whether to corrupt each history into a (usually) non-linearizable one.
        var corrupt = false
    }

    /// Prints histories/s (median of 5 repetitions) and the slowest single history per scenario.
    static func run() {
        let scenarios = [
            Scenario(name: "3 clients x 4 ops, 1 key", shape: RandomRegisterHistory(clients: 3, operationsPerClient: 4),
                     histories: 20_000, target: ">= 30,000/s"),
            Scenario(name: "4 clients x 8 ops, 1 key", shape: RandomRegisterHistory(clients: 4, operationsPerClient: 8),
                     histories: 10_000, target: ">= 15,000/s"),
            Scenario(name: "8 clients x 25 ops, 1 key", shape: RandomRegisterHistory(clients: 8, operationsPerClient: 25),
                     histories: 1_000, target: ">= 1,000/s"),
            Scenario(name: "50 clients x 34 ops, 10 keys (1,700 ops)",
                     shape: RandomRegisterHistory(clients: 50, operationsPerClient: 34, keys: 10),
                     histories: 5, target: "< 0.2 s each"),
            // Harder variants, for information: cut-short operations, repeated values, violations.
            Scenario(name: "8 clients x 25 ops, 10% cut short",
                     shape: RandomRegisterHistory(clients: 8, operationsPerClient: 25, crashFraction: 0.1),
                     histories: 1_000, target: "none"),
            Scenario(name: "8 clients x 25 ops, values 0..<3",
                     shape: RandomRegisterHistory(clients: 8, operationsPerClient: 25, valueRange: 3),
                     histories: 1_000, target: "none"),
            Scenario(name: "8 clients x 25 ops, one result corrupted",
                     shape: RandomRegisterHistory(clients: 8, operationsPerClient: 25),
                     histories: 1_000, target: "none", corrupt: true),
        ]
        print("Linearizability checker (reads 50%, cas 10%, writes 40%; seeded; median of 5 runs)")
        let checker = LinearizabilityChecker()
        for scenario in scenarios {
            let histories = (0..<scenario.histories).map { index in
                let history = scenario.shape.generate(seed: UInt64(index) + 1)
                return scenario.corrupt ? RandomRegisterHistory.corrupted(history, seed: UInt64(index)) : history
            }
            var rates: [Double] = []
            // Each history's fastest time over the repetitions, so a preempted run does not count as slow.
            var fastest = [Duration](repeating: .seconds(1_000), count: histories.count)
            var linearizable = 0
            for _ in 0..<5 {
                linearizable = 0
                let clock = ContinuousClock()
                let start = clock.now
                for (index, history) in histories.enumerated() {
                    let before = clock.now
                    if checker.check(history).isLinearizable { linearizable += 1 }
                    fastest[index] = min(fastest[index], clock.now - before)
                }
                rates.append(Double(histories.count) / seconds(clock.now - start))
            }
            let slowest = fastest.max() ?? .zero
            let median = rates.sorted()[rates.count / 2]
            let rate = median.formatted(.number.precision(.fractionLength(0)))
            print("  \(scenario.name): \(rate) histories/s, slowest \(milliseconds(slowest)) ms,"
                + " \(linearizable)/\(histories.count) linearizable (target \(scenario.target))")
        }
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func milliseconds(_ duration: Duration) -> String {
        (seconds(duration) * 1000).formatted(.number.precision(.fractionLength(3)))
    }
}
