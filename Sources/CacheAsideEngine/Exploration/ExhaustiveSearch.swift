extension Exploration {
    /// The bounds and switches of an exhaustive search (`--scheduler exhaustive`).
    public struct ExhaustiveSearch: Sendable, Hashable {
        /// At most this many preemptions per schedule (Musuvathi & Qadeer, "Iterative context bounding for
        /// systematic testing of multithreaded programs", PLDI 2007); `nil` = every schedule. Most races
        /// need only one or two, and the number of schedules grows polynomially, not exponentially, in the
        /// run length under a fixed bound.
        public var preemptionBound: Int?
        /// Whether to prune schedules equivalent to one already explored (sleep sets). Off gives plain DFS,
        /// which the benchmark compares against.
        public var reduction: Bool
        /// Whether to enumerate every workload of the checker's shape (every operation kind and key in every
        /// slot) instead of exploring the one workload drawn from the first seed. Only sensible when
        /// clients × operations is tiny: the number of workloads is `(2 + keys)^(clients × operations)`-ish.
        public var allWorkloads: Bool
        /// Whether to stop once every property has a violating schedule (the default: nothing further could
        /// change a verdict) or to explore every schedule and count the violating ones per property (the
        /// benchmark compares these counts with and without reduction). The search never stops at the first
        /// violation of one property while another is still unexplored: a verdict of "holds" always covers
        /// every schedule.
        public var stopWhenEveryPropertyIsViolated: Bool
        /// With faults enabled, at most this many injected faults per schedule; `nil` = any number. Without a
        /// bound a fault that can fire at every retry makes the schedule space infinite (a retrying
        /// invalidator whose every delete fails never ends), so the default explores every schedule with at
        /// most two faults — and, like a preemption bound, makes the search a bounded one, not a proof.
        public var faultBound: Int?

        /// An unbounded search with reduction over the workload of the first seed.
        public init(
            preemptionBound: Int? = nil, reduction: Bool = true, allWorkloads: Bool = false,
            stopWhenEveryPropertyIsViolated: Bool = true, faultBound: Int? = 2
        ) {
            self.faultBound = faultBound
            self.preemptionBound = preemptionBound
            self.reduction = reduction
            self.allWorkloads = allWorkloads
            self.stopWhenEveryPropertyIsViolated = stopWhenEveryPropertyIsViolated
        }
    }
}
