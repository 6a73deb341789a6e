/// The outcome of `Checker.check()`: for each property, how many runs broke it, the first failing seed,
/// aggregated figures, and a shrunk counterexample.
public struct Report: Sendable {
    /// The strategy's name.
    public var strategyName: String
    /// The workload every run drew from.
    public var workload: Workload
    /// The faults that were enabled.
    public var faults: [Fault]
    /// How runs were generated.
    public var scheduler: SchedulerKind
    /// The seeds that were run.
    public var seeds: [UInt64]
    /// How many runs completed.
    public var runs: Int
    /// Scheduling points over all runs.
    public var schedulingPoints: Int
    /// One entry per property, in the order they were given.
    public var properties: [PropertyReport]
    /// The first run (by seed) that could not complete, if any: a defect in the strategy, not a verdict.
    public var runFailure: RunFailure?

    /// Whether every run completed and every property held in every run.
    public var holds: Bool { runFailure == nil && properties.allSatisfy { $0.failingRuns == 0 } }

    /// The properties that were violated, in order.
    public var violated: [PropertyReport] { properties.filter { $0.failingRuns > 0 } }
}

/// One property's results over all runs.
public struct PropertyReport: Sendable {
    /// The property's name.
    public var name: String
    /// What its measurements count, if it measures anything.
    public var measurementName: String?
    /// Whether its percentiles are over the measurements above zero only.
    public var percentilesOverPositive: Bool
    /// How many runs violated it.
    public var failingRuns: Int
    /// The smallest seed whose run violated it.
    public var firstFailingSeed: UInt64?
    /// Its measurements over all runs.
    public var measurements: MeasurementSummary
    /// The first failing run, shrunk.
    public var counterexample: Counterexample?

    /// Whether no run violated it.
    public var holds: Bool { failingRuns == 0 }

    /// The report on `property`.
    init(
        _ property: Property, failingRuns: Int, firstFailingSeed: UInt64?, measurements: MeasurementSummary,
        counterexample: Counterexample?
    ) {
        name = property.name
        measurementName = property.measurementName
        percentilesOverPositive = property.percentilesOverPositive
        self.failingRuns = failingRuns
        self.firstFailingSeed = firstFailingSeed
        self.measurements = measurements
        self.counterexample = counterexample
    }

    /// The `p`-th percentile of its measurements, over the ones the property says (see
    /// `Property.percentilesOverPositive`).
    public func percentile(_ p: Double) -> Int? {
        measurements.percentile(p, positiveOnly: percentilesOverPositive)
    }
}

/// A run that could not complete, with the choices that reproduce it.
public struct RunFailure: Sendable {
    /// Its seed.
    public var seed: UInt64
    /// What went wrong.
    public var failure: SimulationFailure
    /// Its choices.
    public var choices: [Int]
}

/// A failing run, as small as the shrinker could make it, and how to replay it.
public struct Counterexample: Sendable {
    /// The property it violates.
    public var property: String
    /// The seed it was found with; `nil` for a replayed run.
    public var seed: UInt64?
    /// How the minimal run violates the property.
    public var violation: Violation
    /// The minimal run.
    public var run: RunRecord
    /// The size of the run as the seed drew it.
    public var original: RunSize
    /// How many replays shrinking took.
    public var shrinkAttempts: Int

    /// The token that replays `run` (with the same strategy, workload and options).
    public var replayToken: String { ReplayToken.encode(run.choices) }
    /// The size of the minimal run.
    public var size: RunSize { RunSize(run) }
}

/// How big a run is, in the terms a shrink summary uses.
public struct RunSize: Sendable, Hashable, CustomStringConvertible {
    /// Steps on the cache, database, clock and locks.
    public var steps: Int
    /// Clients that invoked at least one operation.
    public var clients: Int
    /// Operations invoked.
    public var operations: Int

    /// The size of `run`.
    public init(_ run: RunRecord) {
        let operations = run.history.operations
        steps = run.history.stepCount
        clients = Set(operations.map(\.client)).count
        self.operations = operations.count
    }

    public var description: String { "\(steps) steps, \(clients) clients, \(operations) operations" }
}
