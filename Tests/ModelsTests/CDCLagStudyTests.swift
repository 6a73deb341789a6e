import CacheAsideCheck
import CacheAsideModels
import Testing

/// What the `cdc-lag` scenario shows about change-data-capture invalidation, computed over its default
/// seeds: a hit's stale window ends with the tailer's delete, so it is bounded by the tailer's lag; the
/// one thing the lag does not bound is the stale set — a refill that read the old row before the commit
/// and sets it after the tailer's delete — which the tool finds, shrinks and draws with the tailer in its
/// own lane.
@Suite struct CDCLagStudyTests {
    static let scenario = Scenario.cdcLag
    static let strategy = CDCInvalidation(ttl: scenario.ttl)

    /// Every run of the scenario's default seeds.
    static let runs: [RunRecord] = (0..<UInt64(scenario.seeds)).map { seed in
        Simulation.run(strategy, workload: scenario.workload, choices: ChoiceSource(seed: seed), options: scenario.simulation)
    }

    /// The longest a tailer can take from a commit to its delete in `run`: a log read's latency (the lag
    /// option), then one delete per change read with it, each waiting for the cache's answer — once for the
    /// batch the tailer was busy with when the change committed, and once for the change's own batch.
    static func lagBound(_ run: RunRecord) -> Ticks {
        let latencies = scenario.simulation.latencies
        let largestBatch = run.history.events.compactMap { event -> Int? in
            guard event.worker != nil, case .step(let step) = event.kind, case .entries(let read) = step.outcome else { return nil }
            return read.count
        }.max() ?? 0
        return 2 * (latencies.logRead.upperBound + latencies.cacheCall.upperBound * largestBatch)
    }

    /// The cache sets that put back a row the tailer had already invalidated: the value set was overwritten
    /// by a commit whose delete the tailer had made before the set. Nothing deletes such an entry again
    /// until the key's next write: the stale set CDC still allows.
    static func staleSets(_ run: RunRecord) -> [Int] {
        var row: [Key: Value?] = [:]
        var invalidated: [Key: Int] = [:]  // key → commits deleted by the tailer so far
        var commits: [Key: Int] = [:]
        var result: [Int] = []
        for (index, event) in run.history.events.enumerated() {
            guard case .step(let step) = event.kind else { continue }
            switch step.action {
            case .databaseWrite(let key, let value):
                row[key] = value
                commits[key, default: 0] += 1
            case .cacheDelete(let key) where event.worker != nil:
                invalidated[key] = commits[key, default: 0]
            case .cacheSet(let key, let value, _) where event.client != nil:
                if let current = row[key], current != value, invalidated[key, default: 0] == commits[key, default: 0] {
                    result.append(index)
                }
            default: break
            }
        }
        return result
    }

    @Test func everyRunEndsWithTheTailerCaughtUp() {
        for (seed, run) in Self.runs.enumerated() {
            #expect(run.failure == nil, "seed \(seed)")
            let deletes = run.history.events.filter { event in
                guard event.worker != nil, case .step(let step) = event.kind, case .cacheDelete = step.action else { return false }
                return true
            }
            #expect(deletes.count >= run.finalWorld.database.changeLog.lastPosition, "seed \(seed): the tailer stopped early")
        }
    }

    @Test func aHitsStaleWindowIsBoundedByTheTailersLagWhenNoStaleSetHappens() throws {
        var worst = 0
        var stale = 0
        for run in Self.runs where Self.staleSets(run).isEmpty {
            let windows = Property.staleness(bound: nil).evaluate(run).measurements
            let longest = windows.max() ?? 0
            #expect(longest <= Self.lagBound(run))
            worst = max(worst, longest)
            stale += windows.filter { $0 > 0 }.count
        }
        #expect(stale > 100, "the lag must show: reads within it see the old row")
        // The bound is the lag's, not the TTL's: far below it.
        #expect(worst < Self.scenario.ttl! / 2)
    }

    @Test func theStaleSetStillHappensAndIsWhatBreaksConvergence() throws {
        let withStaleSet = Self.runs.filter { !Self.staleSets($0).isEmpty }
        let divergent = Self.runs.filter { Property.convergence.evaluate($0).violation != nil }
        #expect(!divergent.isEmpty)
        for run in divergent { #expect(!Self.staleSets(run).isEmpty, "a divergent run without a stale set") }
        // A stale set outlives the lag: bounded only by the TTL, plus the refill that set it late.
        let latencies = Self.scenario.simulation.latencies
        let ttlPlusRefill = Self.scenario.ttl! + latencies.databaseRead.upperBound + latencies.cacheCall.upperBound
        let longest = withStaleSet.map { Property.staleness(bound: nil).evaluate($0).measurements.max() ?? 0 }.max() ?? 0
        #expect(longest > Self.scenario.ttl!, "a stale set lives a whole TTL after the overwrite")
        #expect(longest <= ttlPlusRefill)
    }

    /// The stale set, shrunk and drawn: a reader's refill read the old row, the tailer deleted after the
    /// commit, and the reader's set landed after the delete — with the tailer in a lane of its own.
    @Test func theShrunkStaleSetIsDrawnWithTheTailerInItsOwnLane() throws {
        let checker = Checker(
            strategy: Self.strategy, workload: Self.scenario.workload, properties: [.convergence],
            simulation: Self.scenario.simulation, exploration: Exploration(seeds: 0..<200))
        let report = checker.check()
        let counterexample = try #require(report.properties[0].counterexample)
        let run = counterexample.run
        #expect(!Self.staleSets(run).isEmpty, "the shrunk run is a stale set")
        #expect(run.history.stepCount < counterexample.original.steps)
        let lanes = LaneDiagram.render(run)
        let header = try #require(lanes.split(separator: "\n").first)
        #expect(header.contains("tailer"))
        #expect(lanes.contains("db.changes after #"))
        // Replaying the shrunk choices draws the same run.
        #expect(checker.replay(run.choices).history == run.history)
    }
}
