import CacheAsideCheck
import CacheAsideModels
import Foundation

/// Seeds per second and scheduling points per second for the default workload on one core, and the
/// median time to shrink a failing run.
enum SimulationBenchmark {
    static func run() {
        let strategy = CacheAside(ttl: 60)
        let workload = Workload()
        let seedsPerRepetition: UInt64 = 20_000
        var seedRates: [Double] = []
        var pointRates: [Double] = []
        for repetition in 0..<7 {
            let first = UInt64(repetition) * seedsPerRepetition
            let clock = ContinuousClock()
            var points = 0
            let elapsed = clock.measure {
                for seed in first..<(first + seedsPerRepetition) {
                    points += Simulation.run(strategy, workload: workload, choices: ChoiceSource(seed: seed))
                        .schedulingPoints
                }
            }
            let seconds = elapsed.seconds
            seedRates.append(Double(seedsPerRepetition) / seconds)
            pointRates.append(Double(points) / seconds)
        }
        print("simulation, cache-aside, default workload (3 clients × 3 ops, 1 key), one core, median of 7:")
        print("  seeds/s:             \(Int(median(seedRates)))")
        print("  scheduling points/s: \(Int(median(pointRates)))")
        clientSweep(strategy)

        // Shrinking: the first 21 failing seeds for convergence, time per shrink.
        let checker = Checker(strategy: strategy, properties: [.convergence])
        var shrinkTimes: [Double] = []
        var attempts: [Double] = []
        var seed: UInt64 = 0
        while shrinkTimes.count < 21 {
            let run = checker.run(seed: seed)
            seed += 1
            guard Property.convergence.evaluate(run).violation != nil else { continue }
            let clock = ContinuousClock()
            var tries = 0
            let elapsed = clock.measure {
                tries = Shrinker().shrink(run) { Property.convergence.evaluate($0).violation != nil } replay: {
                    checker.replay($0)
                }.attempts
            }
            shrinkTimes.append(elapsed.seconds * 1000)
            attempts.append(Double(tries))
        }
        print("shrinking convergence counterexamples (21 failing seeds):")
        print("  median shrink time:  \(String(format: "%.2f", median(shrinkTimes))) ms, max \(String(format: "%.2f", shrinkTimes.max()!)) ms")
        print("  median attempts:     \(Int(median(attempts)))")
    }
}

extension SimulationBenchmark {
    /// Seeds and scheduling points per second as the client count grows (3 ops each, 1 key): a scheduling
    /// point should cost the same whether 4 or 64 clients could run.
    static func clientSweep(_ strategy: some CachingStrategy) {
        print("simulation by client count (3 ops each, 1 key), one core, median of 5:")
        for clients in [4, 16, 64] {
            let workload = Workload(clients: clients)
            let seeds = UInt64(60_000 / clients)
            var seedRates: [Double] = []
            var pointRates: [Double] = []
            for repetition in 0..<5 {
                let first = UInt64(repetition) * seeds
                var points = 0
                let elapsed = ContinuousClock().measure {
                    for seed in first..<(first + seeds) {
                        points += Simulation.run(strategy, workload: workload, choices: ChoiceSource(seed: seed))
                            .schedulingPoints
                    }
                }
                seedRates.append(Double(seeds) / elapsed.seconds)
                pointRates.append(Double(points) / elapsed.seconds)
            }
            let clientsText = "\(clients) clients:".padding(toLength: 12, withPad: " ", startingAt: 0)
            print("  \(clientsText) seeds/s \(Int(median(seedRates))), scheduling points/s \(Int(median(pointRates)))")
        }
    }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

extension Duration {
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}
