/// Everything one run produced: what was planned, what happened, the world at the end, and the choices
/// that reproduce it.
public struct RunRecord: Sendable {
    /// The operations each client was given.
    package var plan: WorkloadPlan
    /// Every event, in order.
    public var history: History
    /// The world once every client finished (or the run stopped).
    public var finalWorld: World
    /// Every choice the run made, in order; replaying them reproduces the run exactly.
    public var choices: [Int]
    /// The bound each choice was drawn below.
    public var choiceBounds: [Int]
    /// Why the run could not complete, if it could not.
    package var failure: SimulationFailure?
    /// How many times the scheduler resumed a client.
    public var schedulingPoints: Int
    /// For each world invariant that broke, the index in `history.events` of the first step after which
    /// it did not hold.
    public var invariantBreaks: [String: Int]
    /// The time the run was measured in; a step's own tick counts toward durations only in serial time.
    public var timing: SimulationOptions.Timing = .serial
    /// Every scheduling point, when the run was asked to trace them (exhaustive search); `nil` otherwise.
    package var schedule: [SchedulingPoint]? = nil
    /// How many of `choices` drew the workload plan (the rest were drawn while the run ran); `0` for a
    /// run on an explicit plan.
    package var planChoiceCount = 0
}
