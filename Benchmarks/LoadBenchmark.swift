import CacheAsideCheck
import CacheAsideModels
import Foundation

/// What load costs the simulation: scheduling points per second as the number of clients grows (the
/// scheduler's cost per step must not grow with it), and runs per second of the hot-key scenario, both on
/// one core; then the wall time of `compare --scenario hot-key-expiry` on every core.
enum LoadBenchmark {
    static func run() {
        print("scheduling points/s by clients (cache-aside, 3 ops each, 1 key, half writes, one core, median of 5):")
        for timing in SimulationOptions.Timing.allCases {
            var rates: [Int: Double] = [:]
            for clients in [4, 16, 64] {
                let workload = Workload(clients: clients, operationsPerClient: 3)
                let options = SimulationOptions(timing: timing)
                let seeds = UInt64(60_000 / clients)
                rates[clients] = median(
                    (0..<5).map { repetition in
                        var points = 0
                        let first = UInt64(repetition) * seeds
                        let elapsed = ContinuousClock().measure {
                            for seed in first..<(first + seeds) {
                                points += Simulation.run(
                                    CacheAside(), workload: workload, choices: ChoiceSource(seed: seed), options: options
                                ).schedulingPoints
                            }
                        }
                        return Double(points) / elapsed.seconds
                    })
            }
            let line = [4, 16, 64].map { "\($0) clients \(Int(rates[$0]!))" }.joined(separator: ", ")
            print("  \(timing.rawValue): \(line); 64 vs 4: \(String(format: "%.2f", rates[4]! / rates[64]!))× slower")
        }

        let scenario = Scenario.hotKeyExpiry
        let strategy = CacheAside(ttl: scenario.ttl)
        let runsPerRepetition: UInt64 = 300
        let runRates = (0..<5).map { repetition in
            let first = UInt64(repetition) * runsPerRepetition
            let elapsed = ContinuousClock().measure {
                for seed in first..<(first + runsPerRepetition) {
                    _ = Simulation.run(
                        strategy, workload: scenario.workload, choices: ChoiceSource(seed: seed), options: scenario.simulation)
                }
            }
            return Double(runsPerRepetition) / elapsed.seconds
        }
        print("hot-key-expiry runs/s, cache-aside, simulation only, one core, median of 5: \(Int(median(runRates)))")

        let jobs = ProcessInfo.processInfo.activeProcessorCount
        let elapsed = ContinuousClock().measure { _ = Comparison(scenario: scenario, jobs: jobs).run() }
        print(
            "compare --scenario hot-key-expiry (\(ModelCatalogue.entries.count) models × \(scenario.seeds) seeds, \(jobs) jobs): "
                + "\(String(format: "%.2f", elapsed.seconds)) s")
    }
}
