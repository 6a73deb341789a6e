// Release benchmarks: `swift run -c release cacheaside-benchmarks [simulation|linearizability|linearizability-hard [DIR]|exploration|history|load|html|memory|all]`.
// Figures are medians over repetitions; the machines are shared and noisy, so compare ratios.
let selection = CommandLine.arguments.dropFirst().first ?? "all"
switch selection {
case "simulation": SimulationBenchmark.run()
case "linearizability": LinearizabilityBenchmark.run()
case "linearizability-hard": LinearizabilityBenchmark.runHard(export: CommandLine.arguments.dropFirst(2).first)
case "exploration": ExplorationBenchmark.run()
case "history": HistoryBenchmark.run()
case "load": LoadBenchmark.run()
case "proofs": ExplorationBenchmark.proofs()
case "html": HTMLBenchmark.run()
case "memory": MemoryBenchmark.run()
case "pct-sweep": ExplorationBenchmark.pctSweep()
case "jobs-breakdown": ExplorationBenchmark.jobsBreakdown()
case "all":
    SimulationBenchmark.run()
    LinearizabilityBenchmark.run()
    ExplorationBenchmark.run()
    HistoryBenchmark.run()
    LoadBenchmark.run()
    HTMLBenchmark.run()
    MemoryBenchmark.run()
default:
    print("usage: cacheaside-benchmarks [simulation|linearizability|linearizability-hard [DIR]|exploration|history|load|html|memory|all]")
}
