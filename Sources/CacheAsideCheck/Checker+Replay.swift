extension Checker {
    /// A report on the single run `choices` describe: each property holds or is violated by that run,
    /// whose counterexample is the run itself (a replayed run is not shrunk again).
    public func replayReport(_ choices: [Int]) -> Report {
        let run = replay(choices)
        var failure: RunFailure?
        var propertyReports: [PropertyReport] = []
        if let simulationFailure = run.failure {
            failure = RunFailure(seed: 0, failure: simulationFailure, choices: run.choices)
        }
        for property in properties {
            let evaluation = failure == nil ? property.evaluate(run) : .holds
            var measurements = MeasurementSummary()
            measurements.add(evaluation.measurements)
            let counterexample = evaluation.violation.map { violation in
                Counterexample(
                    property: property.name, seed: nil, violation: violation, run: run, original: RunSize(run),
                    shrinkAttempts: 0)
            }
            propertyReports.append(
                PropertyReport(
                    property, failingRuns: evaluation.violation == nil ? 0 : 1, firstFailingSeed: nil,
                    measurements: measurements, counterexample: counterexample))
        }
        return Report(
            strategyName: strategy.name, workload: workload, faults: simulation.faults.sorted(),
            scheduler: exploration.scheduler, seeds: [], runs: 1, schedulingPoints: run.schedulingPoints,
            properties: propertyReports, runFailure: failure)
    }
}
