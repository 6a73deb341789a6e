/// Makes the one `Report` of a check from its tally, whichever explorer produced it: per property a
/// verdict, the counts and figures, and the first failing run shrunk into a counterexample.
struct ReportBuilder {
    let checker: Checker
    /// Whether failing runs are shrunk (a replayed run is shown as it is).
    let shrinks: Bool
    /// The seeds the report covers (none for a replay).
    let seeds: SeedSelection
    /// Whether first failing seeds are rerun and replayed (`Exploration.checkDeterminism`).
    let checksDeterminism: Bool

    func report(_ tally: ExplorationTally, _ summary: ExplorationSummary, runsBeforeFailure: Int?) -> Report {
        var report = Report(
            strategyName: checker.strategy.name, workload: checker.workload,
            faults: checker.simulation.faults.sorted(), scheduler: checker.exploration.scheduler,
            seeds: seeds, runs: tally.runs, schedulingPoints: tally.schedulingPoints,
            properties: [], runFailure: nil, exploration: summary, configurationError: nil, determinismCheck: nil,
            fingerprint: checker.fingerprint)
        if let (first, failure) = tally.runFailure {
            // What jobs tallied past the first failure overall depends on the split and on timing; only
            // the failure itself and the runs that completed before it are reported.
            report.runFailure = RunFailure(
                seed: first.origin.seed, failure: failure, choices: first.choices, fingerprint: checker.fingerprint)
            report.runs = runsBeforeFailure ?? tally.runs
            report.schedulingPoints = 0
            report.properties = checker.properties.map { property in
                PropertyReport(
                    property, failingRuns: 0, firstFailingSeed: nil, measurements: MeasurementSummary(),
                    counterexample: nil, verdict: .undecided(reason: "a run could not complete"))
            }
            return report
        }
        report.properties = checker.properties.indices.map { index in
            propertyReport(index, tally.properties[index], summary)
        }
        if checksDeterminism {
            let seeds = tally.properties.compactMap { $0.firstFailure?.origin.seed }.uniqueSorted()
            let failing = seeds.lazy.compactMap(checker.determinismFailure).first
            report.determinismCheck = DeterminismCheck(seeds: seeds, consistent: failing == nil)
            if let failing {
                report.runFailure = failing
                report.exploration.stop = .nondeterministic
            }
        }
        return report
    }

    private func propertyReport(
        _ index: Int, _ found: ExplorationTally.PropertyTally, _ summary: ExplorationSummary
    ) -> PropertyReport {
        let property = checker.properties[index]
        let verdict: PropertyVerdict
        if found.failingRuns > 0 {
            verdict = .violated
        } else if !summary.isComplete {
            verdict = .undecided(reason: Self.incompleteness(summary))
        } else if let (_, reason) = found.firstUndecided {
            verdict = .undecided(reason: "undecided in \(found.undecidedRuns) run\(found.undecidedRuns == 1 ? "" : "s"): \(reason)")
        } else {
            verdict = .holds
        }
        return PropertyReport(
            property, failingRuns: found.failingRuns, undecidedRuns: found.undecidedRuns,
            firstFailingSeed: found.firstFailure?.origin.seed, measurements: found.measurements,
            counterexample: found.firstFailure.map { counterexample(property: index, first: $0) }, verdict: verdict)
    }

    /// Why a property without a violation is not known to hold when exploration stopped early.
    static func incompleteness(_ summary: ExplorationSummary) -> String {
        switch summary.stop {
        case .timeLimit: "exploration stopped at the time limit"
        case .interrupted: "exploration was interrupted"
        case .nondeterministic: "the strategy is not deterministic"
        case .runFailure: "a run could not complete"
        case .completed, .everyPropertyViolated: "exploration incomplete"
        }
    }

    /// The first failing run of the property at `index`, replayed and (when shrinking) shrunk.
    private func counterexample(property index: Int, first: ExplorationTally.FirstRun) -> Counterexample {
        let original = checker.replay(first.choices)
        return checker.counterexample(property: index, original: original, seed: first.origin.seed, shrinks: shrinks)
    }
}
