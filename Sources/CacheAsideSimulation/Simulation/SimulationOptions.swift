/// How the simulation executes a run, apart from the strategy and the workload.
public struct SimulationOptions: Sendable {
    /// The faults that may be injected.
    public var faults: Set<Fault>
    /// How many scheduling points a run may take before it is reported as looping; `nil` derives it from
    /// the workload (generous: 200 per operation, at least 2,000).
    public var stepBudget: Int?
    /// How long a memcache-style lease lasts; `nil` = until voided or used; zero or less = a lease that has
    /// already ended when handed out (every `leaseSet` with it is refused).
    public var leaseTTL: Ticks?
    /// Checks run against the world after every step; the first break of each is recorded. Filled in
    /// by the checker from its `Invariant.world` properties, the one way to declare a world invariant, so
    /// that every invariant checked is also reported.
    package var worldInvariants: [WorldInvariant] = []
    /// At most this many injected faults per run (`Exploration.ExhaustiveSearch.faultBound`); once they are spent,
    /// every further fault choice is drawn below 1, so the recorded sequence keeps its shape and replays
    /// the same run without the limit. `nil` = no limit.
    package var faultLimit: Int?
    /// The longest clock jump the scheduler may make between two steps, or `nil` for none. Without jumps a
    /// run lasts a few dozen ticks and TTLs of realistic length never end; with them, expiry, early
    /// refresh and lease timeouts take part in the interleavings. Each jump is a choice (`0` = no jump),
    /// so the shrinker removes jumps a failure does not need and shortens the ones it does.
    /// Zero or less means none; the longest jump is `Ticks.max - 1`, and the clock stops at `Ticks.max`.
    public var clockJumps: Ticks?
    /// How long cache and database calls take (see `SimulationOptions.Latencies`); by default one tick each.
    public var latencies: SimulationOptions.Latencies
    /// Serial (one call per tick, the classic race's time) or concurrent (clients side by side); see
    /// `SimulationOptions.Timing`.
    public var timing: SimulationOptions.Timing

    /// How many scheduling points background workers may take once every client is done. A worker that
    /// waits on a log (`env.database.changes`, `env.queue.entries`) goes idle by itself and ends the run
    /// much sooner; this bounds one that polls with `env.clock.sleep` and is never idle. Reaching it is
    /// not a failure: the run ends, and the properties judge the world as the workers left it.
    public var workerStepsAfterClients: Int

    /// How long (wall clock) one client may run without reaching a scheduling point before
    /// `SimulationWatchdog` reports it as stuck in a loop with no `await` and ends the process; `nil` =
    /// never. It only stops a process that would otherwise hang: it never changes a report, so a
    /// fingerprint of the options (for replay tokens) leaves it out.
    public var stallTimeout: Duration?

    /// How many database calls (reads, writes, deletes) may be in flight at once before each call slows
    /// down (`SimulationOptions.loadedLatency`); `nil` (the default) = a database that never slows, as
    /// before. See `DatabaseCapacity.swift` for the rule.
    public var databaseCapacity: Int? = nil
    /// How long a client waits for a database call's answer: a call whose latency (with the load's
    /// slowdown) would exceed it throws `DatabaseClient.Timeout` after this many ticks, while the database
    /// still does the work for the whole latency. `nil` (the default) = calls never time out.
    public var databaseTimeout: Ticks? = nil
    /// A tick at which the cache loses every entry and lease, as an operator's flush or a restart at a
    /// fixed point would: the disturbance a recovery property judges. `nil` (the default) = none. Unlike
    /// the `cache-restart` fault it is not a choice, so every run of a scenario is disturbed at the same
    /// time.
    public var cacheFlushAt: Ticks? = nil

    /// Default options: no faults, derived step budget, no lease TTL, no clock jumps, one
    /// tick per call, a one-minute stall timeout, and 500 worker steps after the clients.
    public init(
        faults: Set<Fault> = [], stepBudget: Int? = nil, leaseTTL: Ticks? = nil,
        clockJumps: Ticks? = nil, latencies: SimulationOptions.Latencies = .instant, timing: SimulationOptions.Timing = .serial,
        stallTimeout: Duration? = .seconds(60), workerStepsAfterClients: Int = 500
    ) {
        self.workerStepsAfterClients = workerStepsAfterClients
        self.stallTimeout = stallTimeout
        self.timing = timing
        self.clockJumps = clockJumps
        self.latencies = latencies
        self.faults = faults
        self.stepBudget = stepBudget
        self.leaseTTL = leaseTTL
    }

    func effectiveStepBudget(for plan: WorkloadPlan) -> Int {
        stepBudget ?? max(2_000, 200 * plan.operationCount)
    }
}

/// A named condition that must hold of the world after every step, e.g. "the cache never holds a value
/// newer than the database".
package struct WorldInvariant: Sendable {
    /// The name reports use.
    package var name: String
    /// Returns whether the invariant holds of `world`.
    package var holds: @Sendable (World) -> Bool

    /// An invariant named `name`.
    package init(_ name: String, holds: @escaping @Sendable (World) -> Bool) {
        self.name = name
        self.holds = holds
    }
}
