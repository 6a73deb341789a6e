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
    /// At most this many replays per shrink.
    public var shrinkAttemptLimit: Int
    /// At most this long per shrink.
    public var shrinkTimeLimit: Duration

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

    func policy(seed: UInt64) -> any SchedulingPolicy {
        switch self {
        case .random: RandomScheduling()
        }
    }

    public var description: String {
        switch self {
        case .random: "random"
        }
    }
}
