/// Decides which client runs next while a run is being generated.
///
/// A policy only shapes generation: its pick is recorded as an ordinary choice (the client's distance
/// from the client that ran last), so replaying or shrinking a run needs no policy at all. This is how
/// random, PCT and exhaustive search share one runtime (as shuttle's schedulers do).
package protocol SchedulingPolicy: Sendable {
    /// Picks one of `runnable` (sorted, at least two) to run next; `lastRun` ran the previous step.
    mutating func pick(among runnable: [ClientID], lastRun: ClientID?, rng: inout SplitMix64) -> ClientID
}

/// Uniformly random scheduling: at every point each runnable client is equally likely to run.
package struct RandomScheduling: SchedulingPolicy {
    /// A uniform policy.
    package init() {}

    /// Any runnable client, each as likely as the others.
    package mutating func pick(among runnable: [ClientID], lastRun: ClientID?, rng: inout SplitMix64) -> ClientID {
        runnable[rng.below(runnable.count)]
    }
}
