/// Checks a caching strategy: runs it as the exploration says (seeds, PCT, exhaustive search, or one
/// replayed run), evaluates every property on every run, shrinks the first failing run of each violated
/// property, and returns a `Report`.
///
/// ```swift
/// let report = Checker(strategy: CacheAside(ttl: 60), properties: [.convergence]).check()
/// print(report.holds)
/// ```
///
/// Every explorer goes through the same pipeline: `ExplorationDriver` executes what it asks for through
/// `Simulation.run` into one `ExplorationTally`, `PostExploration` replays and shrinks the first failures,
/// and `ReportBuilder` assembles the report.
public struct Checker: Sendable {
    /// The strategy under test.
    public var strategy: any CachingStrategy
    /// The workload each run draws.
    public var workload: Workload
    /// What each run is checked against.
    public var properties: [Property]
    /// Faults, step budget and world invariants.
    public var simulation: SimulationOptions
    /// Which runs to explore and how to shrink failures.
    public var exploration: Exploration
    /// Figures taken from every run beside the verdicts (costs); the report files them by id
    /// (`Report.measures`). None by default.
    public var measures: [Measure] = []

    /// A checker; by default it checks convergence over seeds `0..<1000` of the default workload.
    public init(
        strategy: any CachingStrategy, workload: Workload = Workload(), properties: [Property] = [.convergence],
        simulation: SimulationOptions = SimulationOptions(), exploration: Exploration = Exploration()
    ) {
        self.strategy = strategy
        self.workload = workload
        self.properties = properties
        self.simulation = simulation
        self.exploration = exploration
    }

    /// Explores the runs `exploration` selects, then shrinks the first failing run of each violated
    /// property. An invalid configuration, or one that selects no run at all, gives a report whose
    /// `configurationError` says what to change (a check that ran nothing never holds).
    public func check() -> Report {
        if let problem = configurationProblem { return invalidReport(problem) }
        switch exploration.scheduler {
        case .exhaustive(let search):
            var bounded = self
            if !simulation.faults.isEmpty { bounded.simulation.faultLimit = search.faultBound }
            return bounded.explore(
                bounded.exhaustiveExplorer(search), shrinks: exploration.shrink, seeds: exploration.selectedSeeds)
        case .random, .pct:
            return explore(
                SeedExplorer(seeds: exploration.selectedSeeds, scheduler: exploration.scheduler, workload: workload),
                shrinks: exploration.shrink, seeds: exploration.selectedSeeds)
        }
    }

    /// A report on the single run `choices` describe: each property holds or is violated by that run,
    /// whose counterexample is the run itself (a replayed run is not shrunk again).
    public func replayReport(_ choices: [Int]) -> Report {
        if let problem = workloadProblem ?? simulationProblem { return invalidReport(problem) }
        return explore(ReplayExplorer(choices: choices), shrinks: false, seeds: SeedSelection(0..<0))
    }

    /// A report on the run a replay token describes; throws if the token is damaged or was made with a
    /// different strategy, workload or simulation options (the error's description says which, and
    /// names the option that differs).
    public func replayReport(token: String) throws -> Report {
        try report(replaying: token)
    }

    /// `replayReport(token:)` with the mismatch typed, for the command line's and the test helpers'
    /// wording of it.
    package func report(replaying token: String) throws(ReplayToken.DecodingError) -> Report {
        replayReport(try decode(token))
    }

    /// The run drawn in full from `seed`.
    public func run(seed: UInt64) -> RunRecord {
        Simulation.run(
            strategy, workload: workload, choices: ChoiceSource(seed: seed), options: simulationWithPropertyChecks,
            policy: exploration.scheduler.policy(seed: seed, workload: workload))
    }

    /// The run a recorded choice sequence describes (from a `RunRecord`, or a decoded replay token).
    public func replay(_ choices: [Int]) -> RunRecord {
        Simulation.run(
            strategy, workload: workload, choices: ChoiceSource(replaying: choices), options: simulationWithPropertyChecks)
    }

    /// The smallest run reachable from `run` that is still `failing`, by `shrinker`'s passes: positional
    /// edits of the choices, and edits by meaning replayed through a guide (`RunOutline`).
    package func shrink(
        _ run: RunRecord, with shrinker: Shrinker = Shrinker(), failing: @escaping (RunRecord) -> Bool
    ) -> Shrinker.Result {
        let options = simulationWithPropertyChecks
        let guided = Shrinker.GuidedReplay(
            traced: { [strategy, workload] choices in
                Simulation.run(
                    strategy, workload: workload, choices: ChoiceSource(replaying: choices), options: options,
                    tracesSchedule: true)
            },
            following: { [strategy, workload] outline in
                Simulation.run(strategy, workload: workload, following: outline, options: options)
            },
            layout: WorkloadChoiceLayout(workload))
        return shrinker.shrink(run, isFailing: failing, replay: { replay($0) }, guided: guided)
    }

    /// The run a replay token describes; throws if the token is damaged or was made with a different
    /// strategy, workload or simulation options (the error's description says which).
    public func replay(token: String) throws -> RunRecord {
        replay(try decode(token))
    }

    /// The choices of `token`, once it is known to belong to this checker.
    private func decode(_ token: String) throws(ReplayToken.DecodingError) -> [Int] {
        let decoded = try ReplayToken(decoding: token)
        try decoded.check(against: fingerprint)
        return decoded.choices
    }

    /// What this checker's runs are made with, as replay tokens record it.
    package var fingerprint: RunFingerprint {
        RunFingerprint(strategy: strategy, workload: workload, options: simulation)
    }

    /// Every property's evaluation of `run`, in `properties` order. A run that could not complete decides
    /// nothing: each evaluation is then undecided, with the failure as its reason.
    public func evaluate(_ run: RunRecord) -> [Property.Evaluation] {
        if let failure = run.failure {
            return properties.map { _ in Property.Evaluation(undecided: "the run could not complete: \(failure)") }
        }
        return properties.map { $0.evaluate(run) }
    }

    /// `simulation` plus the per-step checks the properties carry (user world invariants).
    var simulationWithPropertyChecks: SimulationOptions {
        guard properties.contains(where: { $0.worldInvariant != nil }) else { return simulation }
        var options = simulation
        options.worldInvariants += properties.compactMap(\.worldInvariant)
        return options
    }

    /// Runs `explorer` through the one pipeline: driver, tally, report builder.
    func explore<E: Explorer>(_ explorer: E, shrinks: Bool, seeds: SeedSelection) -> Report {
        let outcome = ExplorationDriver(checker: self).explore(explorer)
        let checksDeterminism = exploration.checkDeterminism && !(explorer is ReplayExplorer)
        // Described once: describing the strategy and options costs more than a run.
        let fingerprint = self.fingerprint
        let findings = PostExploration(
            checker: self, shrinks: shrinks, checksDeterminism: checksDeterminism, fingerprint: fingerprint
        ).follow(outcome.tally)
        return ReportBuilder(
            strategyName: strategy.name, workload: workload, simulation: simulation, scheduler: exploration.scheduler,
            properties: properties, measures: measures.map(\.id), fingerprint: fingerprint, seeds: seeds
        ).report(outcome.tally, outcome.summary, findings, runsBeforeFailure: outcome.runsBeforeFailure)
    }

    /// A copy whose arrays and sets have storage of their own (`map` always allocates), so parallel jobs
    /// do not retain and release the same heap objects on every run: the reference counts would bounce
    /// between cores.
    func copyForJob() -> Checker {
        var copy = self
        copy.properties = properties.map { $0 }
        copy.measures = measures.map { $0 }
        copy.simulation.faults = Set(simulation.faults.sorted())
        copy.simulation.worldInvariants = simulation.worldInvariants.map { $0 }
        return copy
    }

    /// `original`, shrunk against the property at `index` when `shrinks`; `seed` is the one it was
    /// found with, if any.
    func counterexample(
        property index: Int, original: RunRecord, seed: UInt64?, shrinks: Bool, fingerprint: RunFingerprint
    ) -> Counterexample {
        let property = properties[index]
        var minimal = Shrinker.Result(run: original, attempts: 0, stoppedAtLimit: false)
        if shrinks {
            let shrinker = Shrinker(attemptLimit: exploration.shrinkAttemptLimit, stepLimit: exploration.shrinkStepLimit)
            minimal = shrink(original, with: shrinker) { candidate in
                candidate.failure == nil && property.evaluate(candidate).violation != nil
            }
        }
        let violation = property.evaluate(minimal.run).violation ?? Violation("violated")
        return Counterexample(
            property: property.label, propertyID: property.id, seed: seed, violation: violation, run: minimal.run,
            original: RunSize(original), shrinkAttempts: minimal.attempts, shrinkStoppedAtLimit: minimal.stoppedAtLimit,
            fingerprint: fingerprint)
    }

    /// The report of a check that could not start.
    private func invalidReport(_ problem: String) -> Report {
        Report(
            strategyName: strategy.name, workload: workload, faults: simulation.faults.sorted(),
            scheduler: exploration.scheduler, seeds: SeedSelection(0..<0), runs: 0, schedulingPoints: 0,
            properties: properties.map {
                PropertyReport(
                    $0, failingRuns: 0, firstFailingSeed: nil, measurements: Measure.Summary(), counterexample: nil,
                    verdict: .undecided(reason: "the check could not start"))
            },
            runFailure: nil, exploration: ExplorationSummary(stop: .completed, plannedRuns: 0, search: nil),
            configurationError: problem, determinismCheck: nil, fingerprint: fingerprint)
    }
}
