/// Which runs a `Checker` explores, how, and how it shrinks what fails.
public struct Exploration: Sendable {
    /// The seeds to run.
    public var seeds: Range<UInt64>
    /// Run only the seeds with `seed % shard.count == shard.index` (for spreading work over machines).
    public var shard: (index: Int, count: Int)?
    /// How runs are generated.
    public var scheduler: SchedulerKind
    /// Threads to run seeds on; the report is the same for every value.
    public var jobs: Int
    /// Whether failing runs are shrunk.
    public var shrink: Bool
    /// Whether each first failing seed is run again and replayed, and a difference reported as a failure
    /// (`--check-determinism`).
    public var checkDeterminism = false
    /// At most this many replays per shrink.
    public var shrinkAttemptLimit: Int
    /// At most this many scheduling points replayed in all per shrink. Shrinking is bounded in counted
    /// units only, never in time, so the same failure shrinks to the same counterexample on any machine;
    /// this bound keeps shrinking a very long run (64 clients × 100 operations) to well under a minute.
    public var shrinkStepLimit: Int
    /// Stop exploring after this long and report what was done (`nil` = no limit). It is consulted only
    /// between runs, and a report cut short by it says so (its outcome is `undecided` unless something
    /// was violated). Shrinking a failure found in time still runs, under its counted limits.
    public var timeLimit: Duration?
    /// Consulted between runs; once it returns true, exploration stops and the report says it was
    /// interrupted (the command line sets it on Ctrl-C).
    public var shouldStop: (@Sendable () -> Bool)?
    /// Called now and then (about every 100 ms) from a worker thread while runs go on.
    package var progress: (@Sendable (ExplorationProgress) -> Void)?

    /// Seeds `0..<1000`, random scheduling, one job, shrinking on.
    public init(
        seeds: Range<UInt64> = 0..<1000, scheduler: SchedulerKind = .random, jobs: Int = 1, shrink: Bool = true,
        shrinkAttemptLimit: Int = 10_000, shrinkStepLimit: Int = 5_000_000
    ) {
        self.seeds = seeds
        self.scheduler = scheduler
        self.jobs = jobs
        self.shrink = shrink
        self.shrinkAttemptLimit = shrinkAttemptLimit
        self.shrinkStepLimit = shrinkStepLimit
    }

    /// The seeds actually run, in order.
    package var selectedSeeds: SeedSelection { SeedSelection(seeds, shard: shard) }
}

/// How a run's scheduling choices are generated (replays and shrinking do not depend on it).
public enum SchedulerKind: Sendable, Hashable, CustomStringConvertible {
    /// Every runnable client equally likely at every point.
    case random
    /// Probabilistic concurrency testing with `depth − 1` priority change points (`PCTScheduling`), from
    /// 1 to `maximumPCTDepth`. The points are drawn among the clients × operationsPerClient contested
    /// points PCT expects of a run, so a depth beyond that number plus one acts as that number plus one:
    /// every expected point is a change point, and there is nowhere to put more.
    case pct(depth: Int)
    /// Every schedule of one workload, depth first (`ExhaustiveExplorer`); seeds only pick the workload.
    case exhaustive(Exploration.ExhaustiveSearch)

    /// The deepest PCT a check accepts: one more than the contested points the largest workload
    /// (`Workload.maximumClients` × `maximumOperationsPerClient`) is expected to have.
    public static let maximumPCTDepth = Workload.maximumClients * Workload.maximumOperationsPerClient + 1

    func policy(seed: UInt64, workload: Workload) -> any SchedulingPolicy {
        switch self {
        case .random, .exhaustive: RandomScheduling()
        case .pct(let depth): PCTScheduling(depth: max(depth, 1), workload: workload)
        }
    }

    public var description: String {
        switch self {
        case .random: "random"
        case .pct(let depth): "pct (depth \(depth))"
        case .exhaustive(let search):
            "exhaustive" + (search.preemptionBound.map { " (at most \($0) preemptions)" } ?? "")
        }
    }
}
