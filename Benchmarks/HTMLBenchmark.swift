import CacheAsideCheck
import CacheAsideModels
import Foundation

/// How long writing the HTML report of a 64-client counterexample takes, and how big the page is — the
/// issue's bar is under a second and under 2 MB. The run is the unshrunk seed run (shrinking would make
/// it smaller, so this is the worst case the command line can meet with these flags).
enum HTMLBenchmark {
    static func run() {
        let workload = Workload(clients: 64, operationsPerClient: 8, keys: 2, writeRatio: 0.3)
        let checker = Checker(
            strategy: ModelCatalogue.entry(named: "cache-aside")!.make(60), workload: workload,
            properties: [.linearizability], exploration: Exploration(seeds: 0..<20, jobs: 1, shrink: false))
        let report = checker.check()
        guard let example = report.properties.first?.counterexample else {
            print("html: no counterexample in seeds 0..<20; nothing to draw")
            return
        }
        var times: [Double] = []
        var page = ""
        for _ in 0..<7 {
            let clock = ContinuousClock()
            let elapsed = clock.measure {
                page = HTMLReport(report: report, header: "64 clients × 8 ops") { "cacheaside-check --replay \($0)" }
                    .render()
            }
            times.append(elapsed.seconds * 1000)
        }
        let size = page.utf8.count
        print("html report of a 64-client counterexample (\(example.size)), median of 7:")
        print("  render time:         \(String(format: "%.1f", median(times))) ms")
        print("  page size:           \(size) bytes (\(String(format: "%.2f", Double(size) / 1_048_576)) MB)")
    }
}
