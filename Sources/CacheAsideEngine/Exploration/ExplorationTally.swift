/// What the runs of a check found, property by property: the one tally every explorer's runs go into.
///
/// Each parallel job keeps its own tally and they are merged at the end. Everything in it is either a
/// sum or "the first by exploration order" (`RunOrigin`), so the merged tally does not depend on how
/// the runs were split between jobs.
package struct ExplorationTally: Sendable {
    /// One property's findings.
    package struct PropertyTally: Sendable {
        package var failingRuns = 0
        /// The first violating run, with the choices that reproduce it.
        package var firstFailure: FirstRun?
        /// Runs on which the property could not be decided (a counted search budget ran out).
        package var undecidedRuns = 0
        /// Runs that had what the property judges (`Property.Evaluation.exercised`).
        package var exercisedRuns = 0
        package var firstUndecided: (origin: RunOrigin, reason: String)?
        package var measurements = Measure.Summary()
    }

    /// The first run (in exploration order) that showed something, and how to replay it.
    package struct FirstRun: Sendable {
        package var origin: RunOrigin
        package var choices: [Int]
        /// What happened in it, so that a replay that differs can say where (kept only for first runs).
        package var history: History
    }

    package var runs = 0
    package var schedulingPoints = 0
    package var properties: [PropertyTally]
    /// One histogram per measure, in `Checker.measures` order.
    package var measures: [Measure.Summary]
    /// The first run that could not complete.
    package var runFailure: (run: FirstRun, failure: SimulationFailure)?

    package init(propertyCount: Int, measureCount: Int = 0) {
        properties = Array(repeating: PropertyTally(), count: propertyCount)
        measures = Array(repeating: Measure.Summary(), count: measureCount)
    }

    /// Evaluates every property and takes every measure on `record` and counts what they say; returns
    /// whether the run could not complete (exploration stops there) and whether some property was violated.
    package mutating func add(
        _ record: RunRecord, origin: RunOrigin, properties checks: [Property], measures figures: [Measure] = []
    )
        -> (failed: Bool, violated: Bool)
    {
        runs += 1
        schedulingPoints += record.schedulingPoints
        if let failure = record.failure {
            if runFailure.map({ origin < $0.run.origin }) ?? true {
                runFailure = (FirstRun(origin: origin, choices: record.choices, history: record.history), failure)
            }
            return (true, false)
        }
        // `Measure.sharing` hands out one analysis's measures side by side, so the last analysis run is
        // the only one a later measure can share.
        var analysed: (analysis: String, figures: [[Int]])?
        let analyses = RunAnalyses(record)
        for index in figures.indices {
            guard let shared = figures[index].shared else {
                measures[index].add(figures[index].measure(record))
                continue
            }
            if analysed?.analysis != shared.analysis { analysed = (shared.analysis, shared.analyse(analyses)) }
            measures[index].add(analysed!.figures[shared.index])
        }
        var violated = false
        for index in checks.indices {
            let evaluation = checks[index].evaluate(analyses)
            properties[index].measurements.add(evaluation.measurements)
            if evaluation.exercised { properties[index].exercisedRuns += 1 }
            if evaluation.violation != nil {
                violated = true
                properties[index].failingRuns += 1
                if properties[index].firstFailure.map({ origin < $0.origin }) ?? true {
                    properties[index].firstFailure = FirstRun(origin: origin, choices: record.choices, history: record.history)
                }
            } else if let reason = evaluation.undecided {
                properties[index].undecidedRuns += 1
                if properties[index].firstUndecided.map({ origin < $0.origin }) ?? true {
                    properties[index].firstUndecided = (origin, reason)
                }
            }
        }
        return (false, violated)
    }

    /// Whether every property has been violated at least once (and there is at least one).
    package var everyPropertyViolated: Bool {
        !properties.isEmpty && properties.allSatisfy { $0.failingRuns > 0 }
    }

    /// Adds `other`'s findings; the result is the same whichever order tallies are merged in.
    package mutating func merge(_ other: ExplorationTally) {
        runs += other.runs
        schedulingPoints += other.schedulingPoints
        for index in properties.indices {
            let theirs = other.properties[index]
            properties[index].failingRuns += theirs.failingRuns
            properties[index].undecidedRuns += theirs.undecidedRuns
            properties[index].exercisedRuns += theirs.exercisedRuns
            properties[index].measurements.merge(theirs.measurements)
            if let first = theirs.firstFailure, properties[index].firstFailure.map({ first.origin < $0.origin }) ?? true {
                properties[index].firstFailure = first
            }
            if let first = theirs.firstUndecided,
                properties[index].firstUndecided.map({ first.origin < $0.origin }) ?? true
            {
                properties[index].firstUndecided = first
            }
        }
        for index in measures.indices { measures[index].merge(other.measures[index]) }
        if let failure = other.runFailure, runFailure.map({ failure.run.origin < $0.run.origin }) ?? true {
            runFailure = failure
        }
    }
}
