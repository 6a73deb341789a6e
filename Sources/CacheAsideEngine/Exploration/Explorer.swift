/// Decides which runs a check executes: the one thing random seeds, PCT, exhaustive search and replay do
/// differently (shuttle's single `Scheduler` trait is the model).
///
/// An explorer only hands out choice sequences (a seeded source, or a recorded one to replay) and learns
/// what each run did. It never runs anything itself: `ExplorationDriver` executes every request through
/// `Simulation.run`, evaluates every property into one `ExplorationTally`, and `ReportBuilder` makes the
/// report. Nothing downstream asks which explorer ran.
package protocol Explorer: Sendable {
    /// The number of runs it will hand out, when known in advance (for progress lines).
    var plannedRuns: Int? { get }
    /// Whether its runs must record their scheduling points (`RunRecord.schedule`).
    var tracesSchedules: Bool { get }
    /// The next run to execute, or `nil` when exploration is over.
    mutating func nextRun() -> RunRequest?
    /// What a requested run did. Returns whether the run is a new explored run to be tallied (exhaustive
    /// search also replays runs that only redirect its walk, which are not).
    mutating func observe(_ record: RunRecord, of request: RunRequest) -> Bool
    /// Called after each tallied run with whether every property has now been violated.
    mutating func tallied(everyPropertyViolated: Bool)
    /// Why it stopped handing out runs, once `nextRun()` has returned `nil`.
    var stop: ExplorationSummary.Stop { get }
    /// Its own figures for the report (exhaustive search's counts), if any.
    var searchStatistics: SearchStatistics? { get }
    /// Explorers for `jobs` threads that together hand out the same runs as this one, or `[self]` when its
    /// runs depend on each other. Merging their tallies must not depend on the split.
    func split(into jobs: Int) -> [Self]
    /// How many of its runs come before `origin` in exploration order, when it can tell without having
    /// run them: a report that stops at a failing run counts the runs that completed before it, whatever
    /// the split and whatever a job ran past it before it was found.
    func runs(before origin: RunOrigin) -> Int?
}

extension Explorer {
    package mutating func tallied(everyPropertyViolated: Bool) {}
    package var searchStatistics: SearchStatistics? { nil }
    package var stop: ExplorationSummary.Stop { .completed }
    package func split(into jobs: Int) -> [Self] { [self] }
    package func runs(before origin: RunOrigin) -> Int? { nil }
}

/// One run an explorer asks for.
package struct RunRequest: Sendable {
    /// Where the run comes from, for ordering and for the report.
    package var origin: RunOrigin
    /// The choices: generated from a seed, or replayed.
    package var choices: ChoiceSource
    /// How scheduling picks are generated (ignored when replaying).
    package var policy: any SchedulingPolicy
}

/// Where a run comes from: its place in the exploration order (what "first failing run" means, so the
/// same run is first whichever job found it) and the seed to show for it.
package struct RunOrigin: Sendable, Hashable, Comparable {
    /// Its position in the exploration order: the seed for seeded runs, the schedule number for an
    /// exhaustive search, 0 for a replay.
    package var order: UInt64
    /// The seed a person can rerun it with (`--seed`), if there is one.
    package var seed: UInt64?

    /// A run's origin.
    package init(order: UInt64, seed: UInt64?) {
        self.order = order
        self.seed = seed
    }

    package static func < (lhs: RunOrigin, rhs: RunOrigin) -> Bool { lhs.order < rhs.order }
}
