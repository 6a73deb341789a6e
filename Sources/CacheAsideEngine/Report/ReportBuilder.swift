/// Assembles the one `Report` of a check from what exploration tallied and what the post-exploration
/// phase found (`PostExploration.Findings`): per property a verdict, the counts and figures, and its
/// counterexample. It runs nothing: every run was made before it is called.
struct ReportBuilder {
    /// What was checked: the strategy's name, the workload and options, as the report states them.
    let strategyName: String
    let workload: Workload
    let simulation: SimulationOptions
    let scheduler: SchedulerKind
    let properties: [Property]
    /// The measures' ids, in `Checker.measures` order.
    let measures: [String]
    let fingerprint: RunFingerprint
    /// The seeds the report covers (none for a replay).
    let seeds: SeedSelection

    func report(
        _ tally: ExplorationTally, _ summary: ExplorationSummary, _ findings: PostExploration.Findings,
        runsBeforeFailure: Int?
    ) -> Report {
        var report = Report(
            strategyName: strategyName, workload: workload, faults: simulation.faults.sorted(), scheduler: scheduler,
            seeds: seeds, runs: tally.runs, schedulingPoints: tally.schedulingPoints,
            properties: [], runFailure: nil, exploration: summary, configurationError: nil, determinismCheck: nil,
            fingerprint: fingerprint)
        if let (first, failure) = tally.runFailure {
            // What jobs tallied past the first failure overall depends on the split and on timing; only
            // the failure itself and the runs that completed before it are reported.
            report.runFailure = RunFailure(
                seed: first.origin.seed, failure: failure, choices: first.choices, fingerprint: fingerprint)
            report.runs = runsBeforeFailure ?? tally.runs
            report.schedulingPoints = 0
            report.properties = properties.map { property in
                PropertyReport(
                    property, failingRuns: 0, firstFailingSeed: nil, measurements: Measure.Summary(),
                    counterexample: nil, verdict: .undecided(reason: "a run could not complete"))
            }
            return report
        }
        report.measures = Dictionary(uniqueKeysWithValues: zip(measures, tally.measures))
        report.determinismCheck = findings.determinismCheck
        if let nondeterminism = findings.nondeterminism {
            report.runFailure = nondeterminism
            report.exploration.stop = .nondeterministic
        }
        report.properties = properties.indices.map { index in
            propertyReport(index, tally.properties[index], report.exploration, findings.counterexamples[index], runs: tally.runs)
        }
        return report
    }

    private func propertyReport(
        _ index: Int, _ found: ExplorationTally.PropertyTally, _ summary: ExplorationSummary,
        _ counterexample: Counterexample?, runs: Int
    ) -> PropertyReport {
        let property = properties[index]
        let verdict: PropertyReport.Verdict
        if found.failingRuns > 0 {
            verdict = .violated
        } else if found.exercisedRuns == 0, runs > 0 {
            let missing = property.subject.map { "no run had \($0)" } ?? "no run exercised it"
            // No run count in the reason: merged shards must give the unsharded reason.
            verdict = .notExercised(reason: missing)
        } else if !summary.isComplete {
            verdict = .undecided(reason: Self.incompleteness(summary))
        } else if let (_, reason) = found.firstUndecided {
            verdict = .undecided(reason: "undecided in \(found.undecidedRuns) run\(found.undecidedRuns == 1 ? "" : "s"): \(reason)")
        } else {
            verdict = .holds
        }
        return PropertyReport(
            property, failingRuns: found.failingRuns, undecidedRuns: found.undecidedRuns, exercisedRuns: found.exercisedRuns,
            firstFailingSeed: found.firstFailure?.origin.seed, measurements: found.measurements,
            counterexample: counterexample, verdict: verdict)
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
}
