extension RunFingerprint {
    /// One setting a run depends on: the strategy, its settings, and every field of the workload and of
    /// the simulation options that can change a run. A mismatch names parts, so a refused token says
    /// exactly what to make equal.
    ///
    /// The raw value is the part's bit in a token's list of digests: append new parts, never reorder.
    package enum Part: Int, Sendable, Hashable, CaseIterable {
        /// The strategy's name and type.
        case strategy
        /// What the strategy is configured with (`CachingStrategy.settings`), such as its TTL.
        case strategySettings
        case clients, operationsPerClient, keys, writeRatio, thinkTime, keySkew, warmStart, absentKeys
        case faults, stepBudget, leaseTTL, clockJumps
        case cacheCallLatency, databaseReadLatency, databaseWriteLatency, logReadLatency
        case timing, workerStepsAfterClients
        case databaseCapacity, databaseTimeout, cacheFlushAt, hosts

        /// Whether the part came after the token format was pinned (the database's capacity and what
        /// followed): it joins the canonical description only when it differs from its reference value.
        package var isDescribedOnlyWhenSet: Bool { rawValue >= Part.databaseCapacity.rawValue }

        /// The part's Swift spelling, as a path from a `Checker`: `workload.thinkTime`,
        /// `simulation.latencies.databaseRead`.
        package var swiftName: String {
            switch self {
            case .strategy: "strategy"
            case .strategySettings: "strategy.settings"
            case .clients: "workload.clients"
            case .operationsPerClient: "workload.operationsPerClient"
            case .keys: "workload.keys"
            case .writeRatio: "workload.writeRatio"
            case .thinkTime: "workload.thinkTime"
            case .keySkew: "workload.keySkew"
            case .warmStart: "workload.warmStart"
            case .absentKeys: "workload.absentKeys"
            case .faults: "simulation.faults"
            case .stepBudget: "simulation.stepBudget"
            case .leaseTTL: "simulation.leaseTTL"
            case .clockJumps: "simulation.clockJumps"
            case .cacheCallLatency: "simulation.latencies.cacheCall"
            case .databaseReadLatency: "simulation.latencies.databaseRead"
            case .databaseWriteLatency: "simulation.latencies.databaseWrite"
            case .logReadLatency: "simulation.latencies.logRead"
            case .timing: "simulation.timing"
            case .workerStepsAfterClients: "simulation.workerStepsAfterClients"
            case .databaseCapacity: "simulation.databaseCapacity"
            case .databaseTimeout: "simulation.databaseTimeout"
            case .cacheFlushAt: "simulation.cacheFlushAt"
            case .hosts: "workload.hosts"
            }
        }

        /// The part's canonical value in a configuration; with no strategy, the empty text. Plain values
        /// as Swift prints them, which is the same in every process; faults sorted, since a set's order
        /// is not.
        func value(strategy: (any CachingStrategy)?, workload: Workload, options: SimulationOptions) -> String {
            func optional(_ ticks: Int?) -> String { ticks.map { "\($0)" } ?? "nil" }
            switch self {
            case .strategy: return strategy.map { "\($0.name) (\(String(describing: type(of: $0))))" } ?? ""
            case .strategySettings: return strategy?.settings ?? ""
            case .clients: return "\(workload.clients)"
            case .operationsPerClient: return "\(workload.operationsPerClient)"
            case .keys: return "\(workload.keys)"
            case .writeRatio: return "\(workload.writeRatio)"
            case .thinkTime: return "\(workload.thinkTime)"
            case .keySkew: return "\(workload.keySkew)"
            case .warmStart: return optional(workload.warmStart)
            case .absentKeys: return "\(workload.absentKeys)"
            case .faults: return options.faults.map(\.rawValue).sorted().joined(separator: ",")
            case .stepBudget: return optional(options.stepBudget)
            case .leaseTTL: return optional(options.leaseTTL)
            case .clockJumps: return optional(options.clockJumps)
            case .cacheCallLatency: return "\(options.latencies.cacheCall)"
            case .databaseReadLatency: return "\(options.latencies.databaseRead)"
            case .databaseWriteLatency: return "\(options.latencies.databaseWrite)"
            case .logReadLatency: return "\(options.latencies.logRead)"
            case .timing: return options.timing.rawValue
            case .workerStepsAfterClients: return "\(options.workerStepsAfterClients)"
            case .databaseCapacity: return optional(options.databaseCapacity)
            case .databaseTimeout: return optional(options.databaseTimeout)
            case .cacheFlushAt: return optional(options.cacheFlushAt)
            case .hosts: return "\(workload.hosts)"
            }
        }

        /// Each part's value in the reference configuration — no strategy, `Workload()`,
        /// `SimulationOptions()` — which a token leaves out: a run with default options carries digests
        /// of its strategy alone.
        package static let referenceValues: [String] = allCases.map {
            $0.value(strategy: nil, workload: Workload(), options: SimulationOptions())
        }
    }

    /// Options that never change a run, so no part holds them: world invariants only observe (and hold
    /// closures); the stall timeout only decides when to give up, by the wall clock; and the fault limit
    /// of an exhaustive search only makes the fault choices it leaves over draw `0`, which replays as
    /// the same run without the limit.
    package static let ignoredOptions: Set<String> = ["worldInvariants", "stallTimeout", "faultLimit"]
}
