/// What makes a check's configuration invalid, found before any run: each problem in one sentence that
/// names the setting by its library name and says what to give instead. A check never traps on bad
/// settings and never "holds" without having run.
extension Checker {
    /// The first problem with the configuration, if any.
    public var configurationProblem: String? {
        workloadProblem ?? simulationProblem ?? explorationProblem
    }

    var workloadProblem: String? {
        let limits: [(String, Int, ClosedRange<Int>)] = [
            ("clients", workload.clients, 1...Workload.maximumClients),
            ("operationsPerClient", workload.operationsPerClient, 1...Workload.maximumOperationsPerClient),
            ("keys", workload.keys, 1...Workload.maximumKeys),
        ]
        for (name, value, range) in limits where !range.contains(value) {
            return "Workload.\(name) is \(value); give a value from \(range.lowerBound) to \(range.upperBound)"
        }
        guard workload.writeRatio.isFinite, (0...1).contains(workload.writeRatio) else {
            return "Workload.writeRatio is \(workload.writeRatio); give a probability from 0 to 1"
        }
        guard workload.keySkew.isFinite, workload.keySkew >= 0 else {
            return "Workload.keySkew is \(workload.keySkew); give 0 (uniform) or more (1 = a hot key)"
        }
        if let problem = Self.durationProblem("Workload.thinkTime", workload.thinkTime, lowest: 0) { return problem }
        if let warm = workload.warmStart, warm > Workload.maximumTicks {
            return "Workload.warmStart is \(warm); give at most \(Workload.maximumTicks) ticks, or nil for a cold cache"
        }
        guard (0...workload.keys).contains(workload.absentKeys) else {
            return "Workload.absentKeys is \(workload.absentKeys); give 0 to keys (\(workload.keys))"
        }
        return nil
    }

    /// The problem with a range of durations, if it is not within `lowest...Workload.maximumTicks`.
    private static func durationProblem(_ name: String, _ range: ClosedRange<Ticks>, lowest: Ticks) -> String? {
        guard range.lowerBound < lowest || range.upperBound > Workload.maximumTicks else { return nil }
        return "\(name) is \(range.lowerBound)...\(range.upperBound); give bounds from \(lowest) to "
            + "\(Workload.maximumTicks) ticks"
    }

    var simulationProblem: String? {
        if let budget = simulation.stepBudget, budget < 1 {
            return "SimulationOptions.stepBudget is \(budget); give at least 1, or nil for the default"
        }
        // Clock jumps and lease TTLs of zero or less have a meaning (no jumps; a lease already over), and
        // large ones saturate, so neither is refused.
        let latencies = simulation.latencies
        for (name, range) in [
            ("cacheCall", latencies.cacheCall), ("databaseRead", latencies.databaseRead),
            ("databaseWrite", latencies.databaseWrite), ("logRead", latencies.logRead),
        ] {
            if let problem = Self.durationProblem("SimulationOptions.Latencies.\(name)", range, lowest: 1) { return problem }
        }
        if simulation.workerStepsAfterClients < 0 {
            return "SimulationOptions.workerStepsAfterClients is \(simulation.workerStepsAfterClients); give 0 or more"
        }
        if let timeout = simulation.stallTimeout, timeout <= .zero {
            return "SimulationOptions.stallTimeout is \(timeout); give a positive duration, or nil to never stop a stuck run"
        }
        return nil
    }

    var explorationProblem: String? {
        if let shard = exploration.shard {
            guard shard.count >= 1, (0..<shard.count).contains(shard.index) else {
                return "Exploration.shard is (\(shard.index), \(shard.count)); give a count of at least 1 and an index from 0 to count − 1"
            }
        }
        guard exploration.jobs >= 1 else { return "Exploration.jobs is \(exploration.jobs); give at least 1" }
        guard exploration.shrinkAttemptLimit >= 0, exploration.shrinkStepLimit >= 0 else {
            return "Exploration.shrinkAttemptLimit and shrinkStepLimit must be 0 or more"
        }
        if let limit = exploration.timeLimit, limit <= .zero {
            return "Exploration.timeLimit is \(limit); give a positive duration, or nil for no limit"
        }
        switch exploration.scheduler {
        case .pct(let depth) where depth < 1:
            return "SchedulerKind.pct(depth: \(depth)) needs a depth of at least 1 (1 = no priority change points)"
        case .pct(let depth) where depth > SchedulerKind.maximumPCTDepth:
            return "SchedulerKind.pct(depth: \(depth)) asks for more priority change points than a run can have "
                + "contested scheduling points to put them at; give a depth from 1 to \(SchedulerKind.maximumPCTDepth)"
        case .exhaustive(let search) where (search.preemptionBound ?? 0) < 0:
            return "Exploration.ExhaustiveSearch.preemptionBound is \(search.preemptionBound!); give 0 or more, or nil for no bound"
        case .exhaustive(let search) where search.allWorkloads:
            return nil  // every workload: the seeds do not matter
        default: break
        }
        if exploration.selectedSeeds.isEmpty {
            let range = "\(exploration.seeds.lowerBound)..<\(exploration.seeds.upperBound)"
            if let shard = exploration.shard, !exploration.seeds.isEmpty {
                return "Exploration.shard (\(shard.index), \(shard.count)) selects none of the seeds \(range); give more seeds or a smaller shard index"
            }
            return "Exploration.seeds \(range) is empty, so nothing would run; give at least one seed"
        }
        return nil
    }
}
