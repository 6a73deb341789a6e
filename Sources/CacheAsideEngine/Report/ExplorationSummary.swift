/// How a check's exploration went: why it stopped, and for exhaustive search what it counted. Part of
/// every `Report`, whichever explorer ran.
package struct ExplorationSummary: Sendable, Hashable {
    /// Why exploration stopped.
    package enum Stop: Sendable, Hashable {
        /// Every planned run was done (every seed, every schedule within the bounds, the replayed run).
        case completed
        /// Exhaustive search stopped because every property already had a violating schedule; nothing
        /// more could change a verdict.
        case everyPropertyViolated
        /// `Exploration.timeLimit` passed first; the runs not done were not checked.
        case timeLimit
        /// `Exploration.shouldStop` asked to stop (Ctrl-C on the command line).
        case interrupted
        /// A run could not complete (see `Report.runFailure`).
        case runFailure
        /// Replaying a schedule did not reproduce it: the strategy is not deterministic.
        case nondeterministic
    }

    /// Why exploration stopped.
    package var stop: Stop
    /// The runs planned, when known in advance (seeds); `nil` for exhaustive search.
    package var plannedRuns: Int?
    /// Exhaustive search's counts; `nil` for other explorers.
    package var search: SearchStatistics?

    /// Whether everything the check set out to explore was explored (or could no longer change a
    /// verdict), so a property without a violation holds for all of it.
    package var isComplete: Bool { stop == .completed || stop == .everyPropertyViolated }
}

/// The counts behind "explored all N schedules (M pruned)".
package struct SearchStatistics: Sendable, Hashable {
    /// Complete schedules explored (each checked against every property).
    package var schedules = 0
    /// Branches cut because the client was asleep (an equivalent schedule was explored).
    package var prunedBySleepSets = 0
    /// Branches cut because they would exceed the preemption bound.
    package var prunedByPreemptionBound = 0
    /// Runs replayed, including those that ran into a sleeping client and were redirected.
    package var replays = 0
    /// The preemption bound the search used, if any.
    package var preemptionBound: Int?
    /// Whether sleep sets were used.
    package var reduction: Bool
    /// Why sleep sets were not used, when they were not.
    package var waiver: ReductionWaiver?

    /// Whether a search that explored everything it set out to is a proof over every schedule of its
    /// workload: only without a preemption bound or a fault bound. A bounded search shows that no schedule it explored
    /// violates, which is weaker — and with sleep sets it may even skip a bounded schedule (Coons,
    /// Musuvathi & McKinley, OOPSLA 2013).
    package var isProof: Bool { preemptionBound == nil && faultBound == nil }
    /// The injected faults per schedule the search was limited to, when faults were enabled.
    package var faultBound: Int?

    /// Every branch cut, however.
    package var pruned: Int { prunedBySleepSets + prunedByPreemptionBound }

    /// Empty counts for a search with these settings.
    package init(preemptionBound: Int?, reduction: Bool) {
        self.preemptionBound = preemptionBound
        self.reduction = reduction
    }
}
