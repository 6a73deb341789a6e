/// The outcome of `Checker.check()`: for each property, how many runs broke it, the first failing seed,
/// aggregated figures, and a shrunk counterexample; and how the exploration went.
public struct Report: Sendable {
    /// The strategy's name.
    public var strategyName: String
    /// The workload every run drew from.
    public var workload: Workload
    /// The faults that were enabled.
    public var faults: [Fault]
    /// How runs were generated.
    public var scheduler: SchedulerKind
    /// The seeds that were selected to run.
    package var seeds: SeedSelection
    /// How many runs were checked; with a `runFailure`, how many completed before it (the failing run
    /// did not complete, and runs past it are not counted, whichever job happened to make them).
    public var runs: Int
    /// Scheduling points over all runs.
    public var schedulingPoints: Int
    /// One entry per property, in the order they were given.
    public var properties: [PropertyReport]
    /// Each measure's figures over every run, by the measure's id (`Checker.measures`); empty when a run
    /// could not complete.
    public var measures: [String: Measure.Summary] = [:]
    /// The first run (in exploration order) that could not complete, if any: a defect in the strategy,
    /// not a verdict. Property verdicts are then undecided.
    package var runFailure: RunFailure?
    /// Why exploration stopped, and exhaustive search's counts.
    package var exploration: ExplorationSummary
    /// Why the check could not start (an invalid workload or exploration setting), if it could not.
    public var configurationError: String?
    /// What `Exploration.checkDeterminism` compared, when it was on.
    package var determinismCheck: DeterminismCheck?
    /// What the runs were made with; replay tokens carry it.
    package var fingerprint: RunFingerprint

    /// The check's verdict as a whole.
    public enum Outcome: Sendable, Hashable {
        /// Every property held over everything explored, and exploration was complete.
        case holds
        /// Some property was violated (a definite answer, even if exploration stopped early).
        case violated
        /// Nothing was violated, but something was not decided: exploration stopped early (time limit,
        /// interruption), a property's counted search budget ran out on some run, or no run exercised a
        /// property (`PropertyReport.Verdict.notExercised`).
        case undecided
        /// The check could not run or a run could not complete (invalid configuration, a strategy that
        /// escapes the simulation, loops, deadlocks, throws, or behaves nondeterministically).
        case couldNotRun
    }

    /// The check's verdict as a whole; the command line's exit status is 0, 1, 3 and 2 for these.
    public var outcome: Outcome {
        Outcome(
            couldRun: configurationError == nil && runFailure == nil && exploration.stop != .nondeterministic,
            verdicts: properties.map(\.verdict.name), explorationComplete: exploration.isComplete)
    }

    /// Why the check could not run, when `outcome` is `.couldNotRun`: the invalid setting, or what went
    /// wrong in the run that could not complete (or behaved nondeterministically), with the token that
    /// replays it. `nil` otherwise.
    public var problem: String? {
        if let configurationError { return configurationError }
        guard let runFailure else { return nil }
        let which = runFailure.seed.map { "seed \($0)" } ?? "a run"
        return "\(which): \(runFailure.failure) (replay token \(runFailure.replayToken))"
    }

    /// How many schedules an exhaustive search explored (`nil` when runs came from seeds): with
    /// `outcome == .holds`, the size of the proof.
    public var schedulesExplored: Int? { exploration.search?.schedules }

    /// Whether every property held in every run and everything planned was explored.
    public var holds: Bool { outcome == .holds }

    /// The properties that were violated, in order.
    public var violated: [PropertyReport] { properties.filter { $0.verdict == .violated } }
}

extension Report.Outcome {
    /// The one rule from property verdicts (`PropertyReport.Verdict.name`) to a check's outcome, for a check and
    /// for the merge of its shards alike: a run that could not complete or behaved nondeterministically
    /// outranks everything, a violation outranks what is undecided, and only a complete exploration on
    /// which every property held holds.
    package init(couldRun: Bool, verdicts: [String], explorationComplete: Bool) {
        if !couldRun {
            self = .couldNotRun
        } else if verdicts.contains(PropertyReport.Verdict.violated.name) {
            self = .violated
        } else if verdicts.contains(where: { $0 != PropertyReport.Verdict.holds.name }) || !explorationComplete {
            self = .undecided
        } else {
            self = .holds
        }
    }

    /// The command line's exit status for this outcome: 0 holds, 1 violated, 2 could not run, 3 undecided.
    package var exitStatus: Int32 {
        switch self {
        case .holds: 0
        case .violated: 1
        case .couldNotRun: 2
        case .undecided: 3
        }
    }
}

extension PropertyReport {
    /// A property's verdict over a whole check.
    public enum Verdict: Sendable, Hashable {
        /// No explored run violated it, every run decided it, and exploration was complete.
        case holds
        /// Some run violated it.
        case violated
        /// No run violated it, but it was not decided everywhere; the reason says why.
        case undecided(reason: String)
        /// No run had what it judges (a stampede limit with no expiry, staleness with no read): it was not
        /// violated, but it was not tested either, and is never reported as holding. The reason says what
        /// was missing.
        case notExercised(reason: String)
    }
}

extension PropertyReport.Verdict {
    /// `holds`, `violated`, `undecided` or `notExercised`, as JSON reports spell it.
    public var name: String {
        switch self {
        case .holds: "holds"
        case .violated: "violated"
        case .undecided: "undecided"
        case .notExercised: "notExercised"
        }
    }

    /// The reason, when undecided or not exercised.
    public var undecidedReason: String? {
        switch self {
        case .undecided(let reason), .notExercised(let reason): reason
        case .holds, .violated: nil
        }
    }
}

/// One property's results over all runs.
public struct PropertyReport: Sendable {
    /// The property's identifier (`Property.id`), e.g. `staleness`.
    public var id: String
    /// The property's label (`Property.label`), e.g. `staleness ≤ 60`.
    public var label: String
    /// What its measurements count, if it measures anything.
    public var measurementName: String?
    /// Whether its percentiles are over the measurements above zero only.
    public var percentilesOverPositive: Bool
    /// How many runs violated it.
    public var failingRuns: Int
    /// How many runs could not decide it (a counted search budget ran out).
    public var undecidedRuns: Int
    /// How many runs had what it judges.
    public var exercisedRuns: Int
    /// The smallest seed whose run violated it.
    public var firstFailingSeed: UInt64?
    /// Its measurements over all runs.
    public var measurements: Measure.Summary
    /// The first failing run, shrunk.
    public var counterexample: Counterexample?
    /// Its verdict.
    public var verdict: PropertyReport.Verdict

    /// Whether its verdict is `holds`.
    public var holds: Bool { verdict == .holds }

    /// The report on `property`.
    init(
        _ property: Property, failingRuns: Int, undecidedRuns: Int = 0, exercisedRuns: Int = 0, firstFailingSeed: UInt64?,
        measurements: Measure.Summary, counterexample: Counterexample?, verdict: PropertyReport.Verdict
    ) {
        id = property.id
        label = property.label
        measurementName = property.measurementName
        percentilesOverPositive = property.percentilesOverPositive
        self.failingRuns = failingRuns
        self.undecidedRuns = undecidedRuns
        self.exercisedRuns = exercisedRuns
        self.firstFailingSeed = firstFailingSeed
        self.measurements = measurements
        self.counterexample = counterexample
        self.verdict = verdict
    }

    /// The `p`-th percentile of its measurements, over the ones the property says (see
    /// `Property.percentilesOverPositive`).
    public func percentile(_ p: Double) -> Int? {
        measurements.percentile(p, positiveOnly: percentilesOverPositive)
    }
}

/// What `--check-determinism` did: which first failing runs it reran and replayed, and whether all of
/// them came out the same.
package struct DeterminismCheck: Sendable, Hashable, Codable {
    /// The seeds checked (each property's first failing seed, without repeats), each drawn again and
    /// replayed.
    package var seeds: [UInt64]
    /// How many failing schedules of an exhaustive search were replayed again (they have no seed).
    package var schedules: Int = 0
    /// Whether every repetition gave the same history as the run it repeated.
    package var consistent: Bool

    /// A check of `seeds` and `schedules` that found them `consistent` or not.
    package init(seeds: [UInt64], schedules: Int = 0, consistent: Bool) {
        self.seeds = seeds
        self.schedules = schedules
        self.consistent = consistent
    }
}

/// A run that could not complete, with the choices that reproduce it.
package struct RunFailure: Sendable {
    /// Its seed (`nil` for a replayed run, or a schedule of an exhaustive search over every workload).
    package var seed: UInt64?
    /// What went wrong.
    package var failure: SimulationFailure
    /// Its choices.
    package var choices: [Int]
    /// What it was made with.
    package var fingerprint: RunFingerprint

    /// The token that replays it.
    package var replayToken: String { ReplayToken(choices: choices, fingerprint: fingerprint).encoded }
}

/// A failing run, as small as the shrinker could make it, and how to replay it.
public struct Counterexample: Sendable {
    /// The label of the property it violates (`Property.label`).
    public var property: String
    /// The identifier of the property it violates (`Property.id`).
    public var propertyID: String
    /// The seed it was found with; `nil` for a replayed run.
    public var seed: UInt64?
    /// How the minimal run violates the property.
    public var violation: Violation
    /// The minimal run.
    public var run: RunRecord
    /// The size of the run as the seed drew it.
    package var original: RunSize
    /// How many replays shrinking took.
    public var shrinkAttempts: Int
    /// Whether shrinking stopped at its attempt or step limit (`Exploration.shrinkAttemptLimit`,
    /// `shrinkStepLimit`) rather than at a run no single edit could simplify.
    public var shrinkStoppedAtLimit: Bool
    /// What the run was made with.
    package var fingerprint: RunFingerprint

    /// The token that replays `run` (with the same strategy, workload and options).
    public var replayToken: String { ReplayToken(choices: run.choices, fingerprint: fingerprint).encoded }
    /// The size of the minimal run.
    package var size: RunSize { RunSize(run) }
}

/// How big a run is, in the terms a shrink summary uses.
package struct RunSize: Sendable, Hashable, CustomStringConvertible {
    /// Steps on the cache, database, clock and locks.
    package var steps: Int
    /// Clients that invoked at least one operation.
    package var clients: Int
    /// Operations invoked.
    package var operations: Int

    /// The size of `run`.
    package init(_ run: RunRecord) {
        let operations = run.history.operations
        steps = run.history.stepCount
        clients = Set(operations.map(\.client)).count
        self.operations = operations.count
    }

    package var description: String { "\(steps) steps, \(clients) clients, \(operations) operations" }
}
