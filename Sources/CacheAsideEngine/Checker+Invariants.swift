extension Checker {
    /// A checker that also checks user invariants: each world invariant is evaluated after every step of
    /// every run, each history invariant on every finished run, and each is reported as a property named
    /// after it, following `properties`.
    ///
    /// - Precondition: invariant names are unique, since reports and the simulation tell them apart by name.
    public init(
        strategy: any CachingStrategy, workload: Workload = Workload(), properties: [Property] = [.convergence],
        invariants: [Invariant], simulation: SimulationOptions = SimulationOptions(),
        exploration: Exploration = Exploration()
    ) {
        let names = invariants.map(\.name)
        precondition(Set(names).count == names.count, "invariant names must be unique: \(names)")
        self.init(
            strategy: strategy, workload: workload, properties: properties + invariants.map(\.property),
            simulation: simulation, exploration: exploration)
    }
}
