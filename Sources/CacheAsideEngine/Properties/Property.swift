/// A claim checked against every run: convergence, linearizability, a staleness bound, a stampede limit,
/// or a user invariant.
///
/// A property looks at a finished `RunRecord` and either holds or reports a violation in the run's own
/// terms. It may also report one measurement per observation (staleness per read, database reads per
/// refill), which the report aggregates over all runs into max and percentiles.
public struct Property: Sendable {
    /// What identifies the property whatever its parameters: `--property`, the JSON `id` and the HTML's
    /// anchors use it, e.g. `staleness`. A user invariant's id is its name.
    public var id: String
    /// What a person reads, with the parameters: e.g. `staleness ≤ 60`. The same as `id` when the
    /// property has no parameter.
    public var label: String
    /// What a measurement counts, for the report's figures (e.g. "staleness (ticks) of each read"), or
    /// `nil` if the property measures nothing.
    public var measurementName: String?
    /// Whether the report's percentiles are taken over the measurements above zero only (staleness: the
    /// stale reads, which the many current reads would otherwise drown) rather than over all of them.
    public var percentilesOverPositive: Bool
    /// A check the simulation runs after every step for this property (`Invariant.world` sets it); the
    /// checker hands it to every run, so it cannot be lost by replacing `Checker.simulation`.
    package var worldInvariant: WorldInvariant?
    /// What of a schedule the verdict can depend on; exhaustive search prunes only schedules that no
    /// reported property can tell apart. `.everything` unless the property says otherwise, so a custom
    /// property is never judged on a search it could see through.
    package var sensitivity: ScheduleSensitivity
    /// What must happen in a run for the property to judge anything (e.g. "a refill after an expiry"),
    /// for the report's "not exercised" reason; `nil` for a property every run exercises.
    public var subject: String?
    /// Evaluates the property on one run.
    public var evaluate: @Sendable (RunRecord) -> Property.Evaluation {
        // A caller that replaces the evaluation must be the one the tally runs.
        didSet { analyse = nil }
    }

    /// The same evaluation reading the run's shared analyses (`RunAnalyses`), for the built-in properties
    /// whose analysis a measure also takes; `nil` for every other property.
    package private(set) var analyse: (@Sendable (RunAnalyses) -> Property.Evaluation)?

    /// A property from an identifier, a label (default: the identifier) and an evaluation.
    package init(
        id: String, label: String? = nil, measurementName: String? = nil, percentilesOverPositive: Bool = false,
        worldInvariant: WorldInvariant? = nil, sensitivity: ScheduleSensitivity = .everything, subject: String? = nil,
        evaluate: @escaping @Sendable (RunRecord) -> Property.Evaluation
    ) {
        self.subject = subject
        self.sensitivity = sensitivity
        self.id = id
        self.label = label ?? id
        self.measurementName = measurementName
        self.percentilesOverPositive = percentilesOverPositive
        self.worldInvariant = worldInvariant
        self.evaluate = evaluate
    }

    /// A property evaluated on the run's shared analyses (`RunAnalyses`).
    package init(
        id: String, label: String? = nil, measurementName: String? = nil, percentilesOverPositive: Bool = false,
        sensitivity: ScheduleSensitivity = .everything, subject: String? = nil,
        analyse: @escaping @Sendable (RunAnalyses) -> Property.Evaluation
    ) {
        self.init(
            id: id, label: label, measurementName: measurementName, percentilesOverPositive: percentilesOverPositive,
            sensitivity: sensitivity, subject: subject
        ) { analyse(RunAnalyses($0)) }
        self.analyse = analyse
    }

    /// Evaluates the property on a run through the run's shared analyses when it has the form for it.
    package func evaluate(_ analyses: RunAnalyses) -> Property.Evaluation {
        analyse?(analyses) ?? evaluate(analyses.run)
    }
}

extension Property {
    /// The result of evaluating a property on one run.
    public struct Evaluation: Sendable, Hashable {
        /// Why the property does not hold, or `nil` if it holds.
        public var violation: Violation?
        /// The property's observations in this run (e.g. one staleness per read); `Measurement.unbounded`
        /// stands for a window that never closes.
        public var measurements: [Int]
        /// Why the property could not be decided on this run (a counted search budget ran out); nil when decided.
        public var undecided: String?
        /// Whether the run had anything the property judges (`Property.subject`): a stampede limit over a run
        /// with no expiry refill holds only vacuously, and a check in which no run exercised a property
        /// reports it as not exercised instead of as holding.
        public var exercised: Bool

        /// An evaluation.
        public init(violation: Violation? = nil, measurements: [Int] = [], undecided: String? = nil, exercised: Bool = true) {
            self.violation = violation
            self.measurements = measurements
            self.undecided = undecided
            self.exercised = exercised || violation != nil
        }

        /// The property holds.
        public static let holds = Property.Evaluation()
    }
}

/// How a property was violated in one run.
public struct Violation: Sendable, Hashable {
    /// One sentence in the run's own terms, e.g. "after the run the cache holds v0 for k1 while the
    /// database holds v1".
    public var explanation: String
    /// The index in `history.events` where it became visible, if there is one place.
    public var eventIndex: Int?

    /// A violation.
    public init(_ explanation: String, eventIndex: Int? = nil) {
        self.explanation = explanation
        self.eventIndex = eventIndex
    }
}

/// Measurement conventions shared by properties and reports.
package enum Measurement {
    /// A window that was still open when the run ended and that no TTL will close.
    package static let unbounded = Int.max
}
