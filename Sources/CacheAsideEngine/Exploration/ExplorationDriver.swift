import Dispatch
import Synchronization

/// Executes what an explorer asks for: every run through `Simulation.run`, every verdict into one
/// `ExplorationTally`, on `Exploration.jobs` threads when the explorer can be split.
///
/// Wall-clock limits (`Exploration.timeLimit`) and `Exploration.shouldStop` are consulted only between
/// runs, and a stop they cause is recorded in the summary, so a report says when it is partial.
///
/// A run that cannot complete ends the check, and the report names the first such run in exploration
/// order. Jobs share the lowest failing position found so far: a job does not start a run past it (that
/// run could not change the report), and keeps running the ones before it (one of them may fail first).
/// So whichever job finds which failure first, every run before the reported one has been run — unless
/// a job was stopped early — and the report counts exactly those that completed (`runsBeforeFailure`).
struct ExplorationDriver {
    let checker: Checker

    /// What exploration found, merged over the jobs.
    struct Outcome {
        var tally: ExplorationTally
        var summary: ExplorationSummary
        /// With a run failure: how many runs before it, in exploration order, completed.
        var runsBeforeFailure: Int?
    }

    /// What one job did.
    private struct JobResult {
        var tally: ExplorationTally
        var stop: ExplorationSummary.Stop
        var statistics: SearchStatistics?
        /// Runs it tallied that completed (every one but a failing one).
        var completedRuns: Int
    }

    /// Runs `explorer` to the end (or to a stop) and returns the merged tally and how exploration went.
    func explore<E: Explorer>(_ explorer: E) -> Outcome {
        let parts = explorer.split(into: max(1, checker.exploration.jobs))
        let monitor = ExplorationMonitor(checker.exploration, planned: explorer.plannedRuns)
        let lowestFailure = LowestFailure()
        let results = UnsafeResultSlots<JobResult>(count: parts.count)
        if parts.count == 1 {
            results[0] = exploreJob(parts[0], checker: checker, monitor: monitor, lowestFailure: lowestFailure)
        } else {
            DispatchQueue.concurrentPerform(iterations: parts.count) { job in
                results[job] = exploreJob(
                    parts[job], checker: checker.copyForJob(), monitor: monitor, lowestFailure: lowestFailure)
            }
        }
        var tally = ExplorationTally(propertyCount: checker.properties.count, measureCount: checker.measures.count)
        var stop = ExplorationSummary.Stop.completed
        var statistics: SearchStatistics?
        for job in parts.indices {
            let result = results[job]!
            tally.merge(result.tally)
            stop = Self.moreSevere(stop, result.stop)
            statistics = statistics ?? result.statistics
        }
        // A job may have completed runs past the failure before it was found; only those before count.
        let runsBeforeFailure = tally.runFailure.map { failure in
            parts.indices.reduce(0) { sum, job in
                let completed = results[job]!.completedRuns
                return sum + (parts[job].runs(before: failure.run.origin).map { min($0, completed) } ?? completed)
            }
        }
        return Outcome(
            tally: tally, summary: ExplorationSummary(stop: stop, plannedRuns: explorer.plannedRuns, search: statistics),
            runsBeforeFailure: runsBeforeFailure)
    }

    private func exploreJob<E: Explorer>(
        _ explorer: E, checker: Checker, monitor: ExplorationMonitor?, lowestFailure: LowestFailure
    ) -> JobResult {
        var explorer = explorer
        var tally = ExplorationTally(propertyCount: checker.properties.count, measureCount: checker.measures.count)
        let options = checker.simulationWithPropertyChecks
        let shouldStop = checker.exploration.shouldStop
        func result(_ stop: ExplorationSummary.Stop, failed: Bool = false) -> JobResult {
            JobResult(
                tally: tally, stop: stop, statistics: explorer.searchStatistics,
                completedRuns: tally.runs - (failed ? 1 : 0))
        }
        while true {
            if monitor?.isOutOfTime == true { return result(.timeLimit) }
            if let shouldStop, shouldStop() { return result(.interrupted) }
            guard let request = explorer.nextRun() else { break }
            if request.origin.order > lowestFailure.order { return result(.runFailure) }
            let record = Simulation.run(
                checker.strategy, workload: checker.workload, choices: request.choices, options: options,
                policy: request.policy, tracesSchedule: explorer.tracesSchedules)
            guard explorer.observe(record, of: request) else { continue }
            let (failed, violated) = tally.add(record, origin: request.origin, properties: checker.properties, measures: checker.measures)
            monitor?.runFinished(violated: violated)
            if failed {
                lowestFailure.lower(to: request.origin.order)
                return result(.runFailure, failed: true)
            }
            explorer.tallied(everyPropertyViolated: tally.everyPropertyViolated)
        }
        return result(explorer.stop)
    }

    /// The stop that says most about a partial result, when jobs stopped for different reasons.
    private static func moreSevere(_ a: ExplorationSummary.Stop, _ b: ExplorationSummary.Stop) -> ExplorationSummary.Stop {
        let order: [ExplorationSummary.Stop] = [
            .completed, .everyPropertyViolated, .timeLimit, .interrupted, .nondeterministic, .runFailure,
        ]
        return order.firstIndex(of: a)! >= order.firstIndex(of: b)! ? a : b
    }
}

/// The lowest exploration position at which some job's run failed, shared by the jobs of one check.
private final class LowestFailure: Sendable {
    private let value = Atomic<UInt64>(.max)

    /// The lowest failing position so far (`UInt64.max` while none failed).
    var order: UInt64 { value.load(ordering: .relaxed) }

    /// Records a failure at `order`, keeping the lowest.
    func lower(to order: UInt64) { _ = value.min(order, ordering: .relaxed) }
}

/// Slots that concurrent jobs each write once, read after they all finish.
final class UnsafeResultSlots<Element>: @unchecked Sendable {
    private var slots: [Element?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    subscript(index: Int) -> Element? {
        get { slots.withUnsafeBufferPointer { $0[index] } }
        set { slots.withUnsafeMutableBufferPointer { $0[index] = newValue } }
    }
}
