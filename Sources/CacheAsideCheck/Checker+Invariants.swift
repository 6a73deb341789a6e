extension Checker {
    /// A checker that also checks user invariants: each world invariant is evaluated after every step of
    /// every run, each history invariant on every finished run, and each is reported as a property named
    /// after it, following `properties`.
    ///
    /// World invariants travel in `simulation.worldInvariants`, which the simulation evaluates after every
    /// step; set `simulation` here rather than replacing `checker.simulation` afterwards, or the per-step
    /// checks are lost (the invariant is then only checked against the world at the end of each run).
    ///
    /// - Precondition: invariant names are unique, since reports and the simulation tell them apart by name.
    public init(
        strategy: any CachingStrategy, workload: Workload = Workload(), properties: [Property] = [.convergence],
        invariants: [Invariant], simulation: SimulationOptions = SimulationOptions(),
        exploration: Exploration = Exploration()
    ) {
        let names = invariants.map(\.name)
        precondition(Set(names).count == names.count, "invariant names must be unique: \(names)")
        var simulation = simulation
        let registered = Set(simulation.worldInvariants.map(\.name))
        simulation.worldInvariants += invariants.compactMap(\.worldCheck).filter { !registered.contains($0.name) }
        self.init(
            strategy: strategy, workload: workload, properties: properties + invariants.map(\.property),
            simulation: simulation, exploration: exploration)
    }
}
