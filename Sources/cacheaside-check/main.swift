import CacheAsideCheck
import CacheAsideModels
import Foundation
let checker = Checker(strategy: CacheAside(), properties: [.convergence, .staleness(bound: 60), .stampede()], exploration: Exploration(seeds: 0..<10000, jobs: 2))
let report = checker.check()
for p in report.properties {
  print(p.name, p.failingRuns, p.firstFailingSeed as Any, p.measurements.max as Any, p.measurements.positiveCount)
  if let c = p.counterexample { print(c.original, "->", c.size, c.shrinkAttempts, c.violation.explanation); print(LaneDiagram.render(c.run, marking: c.violation.eventIndex.map{[$0: "here"]} ?? [:])); print(c.replayToken) }
}
