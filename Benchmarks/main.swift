// Release benchmarks: `swift run -c release cacheaside-benchmarks [simulation|linearizability|all]`.
// Figures are medians over repetitions; the machines are shared and noisy, so compare ratios.
let selection = CommandLine.arguments.dropFirst().first ?? "all"
switch selection {
case "simulation": SimulationBenchmark.run()
case "linearizability": LinearizabilityBenchmark.run()
case "all":
    SimulationBenchmark.run()
    LinearizabilityBenchmark.run()
default:
    print("usage: cacheaside-benchmarks [simulation|linearizability|all]")
}
