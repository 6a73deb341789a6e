import CacheAsideCheck
import CacheAsideModels
import Foundation
var bad = 0
var first: RunRecord?
let start = Date()
var points = 0
for seed in 0..<10000 {
    let r = Simulation.run(CacheAside(), workload: Workload(), choices: ChoiceSource(seed: UInt64(seed)))
    points += r.schedulingPoints
    if let f = r.failure { print(f); break }
    if !r.finalWorld.divergentKeys.isEmpty { bad += 1; if first == nil { first = r } }
}
print(bad, Date().timeIntervalSince(start), points)
if let first { for e in first.history.events { print(e.tick, e.client.map{"\($0)"} ?? "-", e.kind) } }
