/// Why exhaustive search explored every interleaving instead of pruning equivalent ones with sleep sets.
/// Pruning is a proof only when nothing reported can tell the pruned schedules from the explored ones.
package enum ReductionWaiver: Sendable, Hashable {
    /// Reduction was switched off (`Exploration.ExhaustiveSearch.reduction`, `--no-reduction`).
    case switchedOff
    /// Calls take time (latencies, think times, concurrent timing, a database that slows with load or
    /// times out, a flush at a fixed tick): swapping two steps changes who is awake when, or how long a
    /// database call takes, which the independence of steps does not see.
    case timedCalls
    /// The strategy has background workers: a worker waiting on a log wakes when another actor's write
    /// lands, and the log's order and ticks are what it reads.
    case backgroundWorkers
    /// This property (or world invariant) can see anything of a schedule (`ScheduleSensitivity.everything`).
    case property(String)
}

extension Checker {
    /// Why this checker's exhaustive search must explore every interleaving, if it must.
    func reductionWaiver(for search: Exploration.ExhaustiveSearch) -> ReductionWaiver? {
        if !search.reduction { return .switchedOff }
        if simulation.latencies != .instant || simulation.timing != .serial || workload.thinkTime != 0...0
            || simulation.databaseCapacity != nil || simulation.databaseTimeout != nil || simulation.cacheFlushAt != nil
        {
            return .timedCalls
        }
        if !strategy.workers.isEmpty { return .backgroundWorkers }
        if let seeing = properties.first(where: { $0.sensitivity == .everything }) { return .property(seeing.label) }
        if let invariant = simulation.worldInvariants.first { return .property(invariant.name) }
        return nil
    }

    /// The exhaustive search of `search` over this checker's workload and properties.
    package func exhaustiveExplorer(_ search: Exploration.ExhaustiveSearch) -> ExhaustiveExplorer {
        ExhaustiveExplorer(
            search: search, workload: workload, seed: exploration.selectedSeeds.first ?? 0,
            cacheRestarts: simulation.faults.contains(.cacheRestart),
            sensitivity: properties.map(\.sensitivity).max() ?? .orderOfConflictingSteps,
            waiver: reductionWaiver(for: search), faultBound: simulation.faults.isEmpty ? nil : search.faultBound)
    }
}
