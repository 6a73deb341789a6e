import Dispatch

/// Executes what an explorer asks for: every run through `Simulation.run`, every verdict into one
/// `ExplorationTally`, on `Exploration.jobs` threads when the explorer can be split.
///
/// Wall-clock limits (`Exploration.timeLimit`) and `Exploration.shouldStop` are consulted only between
/// runs, and a stop they cause is recorded in the summary, so a report says when it is partial.
struct ExplorationDriver {
    let checker: Checker

    /// Runs `explorer` to the end (or to a stop) and returns the merged tally and how exploration went.
    func explore<E: Explorer>(_ explorer: E) -> (tally: ExplorationTally, summary: ExplorationSummary) {
        let parts = explorer.split(into: max(1, checker.exploration.jobs))
        let monitor = ExplorationMonitor(checker.exploration, planned: explorer.plannedRuns)
        let results = UnsafeResultSlots<(ExplorationTally, ExplorationSummary.Stop, SearchStatistics?)>(count: parts.count)
        if parts.count == 1 {
            results[0] = exploreJob(parts[0], checker: checker, monitor: monitor)
        } else {
            DispatchQueue.concurrentPerform(iterations: parts.count) { job in
                results[job] = exploreJob(parts[job], checker: checker.copyForJob(), monitor: monitor)
            }
        }
        var tally = ExplorationTally(propertyCount: checker.properties.count)
        var stop = ExplorationSummary.Stop.completed
        var statistics: SearchStatistics?
        for job in parts.indices {
            let (jobTally, jobStop, jobStatistics) = results[job]!
            tally.merge(jobTally)
            stop = Self.moreSevere(stop, jobStop)
            statistics = statistics ?? jobStatistics
        }
        return (tally, ExplorationSummary(stop: stop, plannedRuns: explorer.plannedRuns, search: statistics))
    }

    private func exploreJob<E: Explorer>(_ explorer: E, checker: Checker, monitor: ExplorationMonitor?)
        -> (ExplorationTally, ExplorationSummary.Stop, SearchStatistics?)
    {
        var explorer = explorer
        var tally = ExplorationTally(propertyCount: checker.properties.count)
        let options = checker.simulationWithPropertyChecks
        let shouldStop = checker.exploration.shouldStop
        while true {
            if monitor?.isOutOfTime == true { return (tally, .timeLimit, explorer.searchStatistics) }
            if let shouldStop, shouldStop() { return (tally, .interrupted, explorer.searchStatistics) }
            guard let request = explorer.nextRun() else { break }
            let record = Simulation.run(
                checker.strategy, workload: checker.workload, choices: request.choices, options: options,
                policy: request.policy, tracesSchedule: explorer.tracesSchedules)
            guard explorer.observe(record, of: request) else { continue }
            let (failed, violated) = tally.add(record, origin: request.origin, properties: checker.properties)
            monitor?.runFinished(violated: violated)
            if failed { return (tally, .runFailure, explorer.searchStatistics) }
            explorer.tallied(everyPropertyViolated: tally.everyPropertyViolated)
        }
        return (tally, explorer.stop, explorer.searchStatistics)
    }

    /// The stop that says most about a partial result, when jobs stopped for different reasons.
    private static func moreSevere(_ a: ExplorationSummary.Stop, _ b: ExplorationSummary.Stop) -> ExplorationSummary.Stop {
        let order: [ExplorationSummary.Stop] = [
            .completed, .everyPropertyViolated, .timeLimit, .interrupted, .nondeterministic, .runFailure,
        ]
        return order.firstIndex(of: a)! >= order.firstIndex(of: b)! ? a : b
    }
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
