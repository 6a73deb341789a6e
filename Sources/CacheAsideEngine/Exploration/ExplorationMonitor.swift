import Synchronization

/// Shared by the jobs of one check: counts finished runs, tells them when the time limit has passed, and
/// hands a progress snapshot to `Exploration.progress` at most every `reportInterval`.
///
/// Only created when a time limit or a progress callback is set, so a plain check touches no shared
/// state at all (each job still owns its results; see `Checker.check()`).
final class ExplorationMonitor: Sendable {
    private let start: ContinuousClock.Instant
    private let deadline: ContinuousClock.Instant?
    private let report: (@Sendable (ExplorationProgress) -> Void)?
    private let planned: Int?
    private let runs = Atomic<Int>(0)
    private let violations = Atomic<Int>(0)
    /// Nanoseconds after `start` of the last report; a job claims a report by advancing it.
    private let lastReport = Atomic<Int64>(0)
    private static let reportInterval: Int64 = 100_000_000

    /// A monitor for `exploration`, or `nil` when it has neither a time limit nor a progress callback.
    init?(_ exploration: Exploration, planned: Int?) {
        guard exploration.timeLimit != nil || exploration.progress != nil else { return nil }
        let start = ContinuousClock.now
        self.start = start
        deadline = exploration.timeLimit.map { start + $0 }
        report = exploration.progress
        self.planned = planned
    }

    /// Whether the time limit has passed.
    var isOutOfTime: Bool { deadline.map { ContinuousClock.now >= $0 } ?? false }

    /// Counts one finished run and, if it is time, reports progress (on the calling job's thread).
    func runFinished(violated: Bool) {
        let done = runs.add(1, ordering: .relaxed).newValue
        if violated { violations.add(1, ordering: .relaxed) }
        guard let report else { return }
        let elapsed = ContinuousClock.now - start
        let nanoseconds = elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
        let last = lastReport.load(ordering: .relaxed)
        guard nanoseconds - last >= Self.reportInterval,
            lastReport.compareExchange(expected: last, desired: nanoseconds, ordering: .relaxed).exchanged
        else { return }
        report(
            ExplorationProgress(
                runsDone: done, runsPlanned: planned, violations: violations.load(ordering: .relaxed),
                elapsed: elapsed))
    }
}
