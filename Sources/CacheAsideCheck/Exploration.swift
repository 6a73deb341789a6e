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
    /// At most this long per shrink.
    public var shrinkTimeLimit: Duration
    /// Stop exploring after this long and report what was done (`nil` = no limit). Shrinking a failure
    /// found in time still runs, under its own limit.
    public var timeLimit: Duration?
    /// Called now and then (about every 100 ms) from a worker thread while seeds run.
    public var progress: (@Sendable (ExplorationProgress) -> Void)?

    /// Seeds `0..<1000`, random scheduling, one job, shrinking on.
    public init(
        seeds: Range<UInt64> = 0..<1000, scheduler: SchedulerKind = .random, jobs: Int = 1, shrink: Bool = true,
        shrinkAttemptLimit: Int = 10_000, shrinkTimeLimit: Duration = .seconds(10)
    ) {
        self.seeds = seeds
        self.scheduler = scheduler
        self.jobs = jobs
        self.shrink = shrink
        self.shrinkAttemptLimit = shrinkAttemptLimit
        self.shrinkTimeLimit = shrinkTimeLimit
    }

    /// The seeds actually run, in order.
    var selectedSeeds: [UInt64] {
        guard let shard else { return Array(seeds) }
        return seeds.filter { Int($0 % UInt64(shard.count)) == shard.index }
    }
}

/// How a run's scheduling choices are generated (replays and shrinking do not depend on it).
public enum SchedulerKind: Sendable, Hashable, CustomStringConvertible {
    /// Every runnable client equally likely at every point.
    case random
    /// Probabilistic concurrency testing with `depth − 1` priority change points (`PCTScheduling`).
    case pct(depth: Int)
    /// Every schedule of one workload, depth first (`ExhaustiveExplorer`); seeds only pick the workload.
    case exhaustive(ExhaustiveSearch)

    func policy(seed: UInt64, workload: Workload) -> any SchedulingPolicy {
        switch self {
        case .random, .exhaustive: RandomScheduling()
        case .pct(let depth): PCTScheduling(depth: depth, workload: workload)
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
