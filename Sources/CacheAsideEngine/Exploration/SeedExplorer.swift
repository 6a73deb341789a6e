/// Random and PCT exploration: one run per seed, each drawn in full from a PRNG seeded with it. Runs are
/// independent, so jobs take every `jobs`-th seed; the tally merges per-seed facts in seed order.
package struct SeedExplorer: Explorer {
    private let seeds: SeedSelection
    private let scheduler: SchedulerKind
    private let workload: Workload
    /// This job's share: the seeds at positions `first`, `first + stride`, … of `seeds`.
    private let first: Int
    private let stride: Int
    private var next: Int

    package init(seeds: SeedSelection, scheduler: SchedulerKind, workload: Workload) {
        self.init(seeds: seeds, scheduler: scheduler, workload: workload, first: 0, stride: 1)
    }

    private init(seeds: SeedSelection, scheduler: SchedulerKind, workload: Workload, first: Int, stride: Int) {
        self.seeds = seeds
        self.scheduler = scheduler
        self.workload = workload
        self.first = first
        self.stride = stride
        next = first
    }

    package var plannedRuns: Int? { seeds.count }
    package var tracesSchedules: Bool { false }

    package mutating func nextRun() -> RunRequest? {
        guard next < seeds.count else { return nil }
        let seed = seeds[next]
        next += stride
        return RunRequest(
            origin: RunOrigin(order: seed, seed: seed), choices: ChoiceSource(seed: seed),
            policy: scheduler.policy(seed: seed, workload: workload))
    }

    package mutating func observe(_ record: RunRecord, of request: RunRequest) -> Bool { true }

    package func runs(before origin: RunOrigin) -> Int? {
        let positions = seeds.count(before: origin.order)
        return positions > first ? (positions - first + stride - 1) / stride : 0
    }

    package func split(into jobs: Int) -> [SeedExplorer] {
        let jobs = max(1, min(jobs, seeds.count))
        return (0..<jobs).map {
            SeedExplorer(seeds: seeds, scheduler: scheduler, workload: workload, first: $0, stride: jobs)
        }
    }
}
