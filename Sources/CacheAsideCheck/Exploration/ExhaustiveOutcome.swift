/// What an exhaustive search did: the report (one run per schedule, the first violation shrunk) and the
/// counts behind "explored all N schedules (M pruned)".
public struct ExhaustiveOutcome: Sendable {
    /// Why the search stopped.
    public enum Stop: Sendable, Hashable {
        /// Every schedule within the bounds was explored (some may have violated a property, when the
        /// search did not stop at the first).
        case exhausted
        /// A schedule violated a property.
        case violation
        /// A schedule could not complete (a loop, a deadlock, an escape): see `report.runFailure`.
        case runFailure
        /// `Exploration.timeLimit` passed first.
        case timeLimit
        /// Replaying a prefix did not reproduce the run it came from: the strategy is not deterministic.
        case nondeterministic
    }

    /// The counts.
    public struct Statistics: Sendable, Hashable {
        /// Complete schedules explored (each checked against every property).
        public var schedules = 0
        /// Branches cut because the client was asleep (an equivalent schedule was explored).
        public var prunedBySleepSets = 0
        /// Branches cut because they would exceed the preemption bound.
        public var prunedByPreemptionBound = 0
        /// Runs replayed, including those that ran into a sleeping client and were redirected.
        public var replays = 0
        /// Explored schedules that violated at least one property.
        public var violatingSchedules = 0
        /// Scheduling points over the explored schedules.
        public var schedulingPoints = 0
        /// Why the search stopped.
        public var stop = Stop.exhausted

        /// Every branch cut, however.
        public var pruned: Int { prunedBySleepSets + prunedByPreemptionBound }
    }

    /// One run per explored schedule; a violated property has one failing run, shrunk.
    public var report: Report
    /// The counts.
    public var statistics: Statistics
    /// The preemption bound the search used, if any.
    public var preemptionBound: Int?
    /// Whether sleep sets were used (they are off with `cache-restart`).
    public var reduction: Bool

    /// One line for the end of the text report, e.g.
    /// "explored all 1,234 schedules (5,678 pruned): no violation".
    public var summary: String {
        let counts = "\(statistics.schedules) schedule\(statistics.schedules == 1 ? "" : "s") (\(statistics.pruned) pruned)"
        let bound = preemptionBound.map { ", at most \($0) preemption\($0 == 1 ? "" : "s")" } ?? ""
        let plain = reduction ? "" : ", no reduction"
        switch statistics.stop {
        case .exhausted where statistics.violatingSchedules > 0:
            return "explored all \(counts)\(bound)\(plain): \(statistics.violatingSchedules) violate a property"
        case .exhausted: return "explored all \(counts)\(bound)\(plain): no violation"
        case .violation: return "violation found after \(counts)\(bound)\(plain)"
        case .runFailure: return "a run could not complete after \(counts)\(bound)\(plain)"
        case .timeLimit:
            return "stopped at the time limit after \(counts)\(bound)\(plain): no violation so far, search incomplete"
        case .nondeterministic:
            return "stopped after \(counts): replaying a schedule did not reproduce it; the strategy is not deterministic (try --check-determinism)"
        }
    }
}

extension Checker {
    /// Explores every schedule of the workload drawn from the first seed (or of every workload, per
    /// `search`), up to the first violation; see `ExhaustiveExplorer`. `check()` does the same when
    /// `exploration.scheduler` is `.exhaustive` and returns only the report.
    public func checkExhaustively(_ search: ExhaustiveSearch = ExhaustiveSearch()) -> ExhaustiveOutcome {
        var explorer = ExhaustiveExplorer(checker: self, search: search)
        return explorer.explore()
    }
}
