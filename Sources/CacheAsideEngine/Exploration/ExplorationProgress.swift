/// How far a check has got, for a progress line: handed to `Exploration.progress` now and then.
package struct ExplorationProgress: Sendable, Hashable {
    /// Runs (seeds, or schedules for exhaustive search) completed so far.
    package var runsDone: Int
    /// Runs planned in all (`nil` when unknown, as for exhaustive search).
    package var runsPlanned: Int?
    /// Runs that violated at least one property so far.
    package var violations: Int
    /// Time since the check started.
    package var elapsed: Duration

    /// A snapshot.
    package init(runsDone: Int, runsPlanned: Int?, violations: Int, elapsed: Duration) {
        self.runsDone = runsDone
        self.runsPlanned = runsPlanned
        self.violations = violations
        self.elapsed = elapsed
    }

    /// Runs per second so far.
    package var runsPerSecond: Double {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return seconds > 0 ? Double(runsDone) / seconds : 0
    }

    /// The time left at the current rate, if the number of runs is known.
    package var estimatedTimeLeft: Duration? {
        guard let runsPlanned, runsPerSecond > 0 else { return nil }
        return .milliseconds(Int64(Double(max(runsPlanned - runsDone, 0)) / runsPerSecond * 1000))
    }
}
