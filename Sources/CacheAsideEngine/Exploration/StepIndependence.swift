/// When two transitions of different clients commute: running them in either order reaches the same
/// world and a history every reported property judges the same way, so exhaustive search need explore
/// only one order (partial-order reduction; Godefroid, "Partial-Order Methods for the Verification of
/// Concurrent Systems", LNCS 1032, 1996). A transition is the pending step plus the client's own code up
/// to its next scheduling point (`TransitionEffects` says what that code did).
///
/// The relation is deliberately conservative, because a wrong "independent" silently hides schedules —
/// and `ReductionOracleTests` compares the reduced search's outcomes with the unreduced one's:
/// - **Time.** In serial time every step takes the clock's next tick, so swapping two transitions moves
///   both in time. A transition that observed the tick (a TTL, a lease, a lock, `clock.now`, a sleep's
///   deadline: `TransitionEffects.observedTime`) is dependent on every other, which pins its position,
///   and with it its tick, in every schedule of its equivalence class; the ones left free to move do not
///   care when they run. When a property measures when operations begin and end
///   (`ScheduleSensitivity.operationTicks`, a staleness bound), those transitions are pinned the same way.
/// - **Fresh values.** Two transitions that each begin a write take values in invocation order, so
///   swapping them would swap `v1` and `v2`: dependent.
/// - **Keys.** Steps on different keys commute otherwise. Every order-only property is judged key by key
///   (linearizability is local, Herlihy & Wing 1990), and the cache numbers cas uniques per key.
/// - Two reads of the same key (`cache.get`/`gets`, `db.read`/`readVersioned`) commute, unless one of
///   them begins its operation: the invocation is recorded with an operation's first step and its return
///   after its last, so swapping a first step with another client's possibly-last step would change
///   whether one operation precedes the other in real time, which linearizability observes.
/// - A step that begins an operation on key `k` is dependent on any step of an operation on `k`, for the
///   same reason, even when the step itself touches another key.
/// - Transactions: a begin, commit or rollback is dependent on everything (a commit changes every key
///   it wrote at once, and the change log); a transaction's read, write or delete conflicts with every
///   step on its key, although its write stays invisible to others until the commit.
/// - Locks, sleeps and unknown next steps (a client waking from `clock.sleep`) are dependent on
///   everything: they change who may run. So are local-cache steps (`footprintKey`).
enum StepIndependence {
    /// Whether `a` and `b`, transitions of two different clients, commute for properties that see
    /// `sensitivity` of a schedule.
    ///
    /// With `cache-restart` enabled a cache step may be preceded by a restart of the whole cache
    /// (`SimulationRun.restartCacheIfChosen`), so it then touches every key of the cache: two cache
    /// steps are dependent whatever their keys.
    static func independent(
        _ a: SchedulingPoint.Candidate, _ b: SchedulingPoint.Candidate, cacheRestarts: Bool = false,
        sensitivity: ScheduleSensitivity = .orderOfConflictingSteps
    ) -> Bool {
        guard let first = a.action, let second = b.action, let firstKey = footprintKey(first),
            let secondKey = footprintKey(second)
        else { return false }
        if isPinned(a, sensitivity) || isPinned(b, sensitivity) { return false }
        if a.effects.contains(.allocatedValue), b.effects.contains(.allocatedValue) { return false }
        if cacheRestarts, first.component == .cache, second.component == .cache { return false }
        if a.beginsOperation, let key = a.operationKey, key == b.operationKey || key == secondKey { return false }
        if b.beginsOperation, let key = b.operationKey, key == a.operationKey || key == firstKey { return false }
        if firstKey != secondKey { return true }
        return isRead(first) && isRead(second) && !a.beginsOperation && !b.beginsOperation
    }

    /// Whether `transition` must keep its place (and so its tick) in every equivalent schedule.
    private static func isPinned(_ transition: SchedulingPoint.Candidate, _ sensitivity: ScheduleSensitivity) -> Bool {
        if transition.effects.contains(.observedTime) { return true }
        guard sensitivity == .operationTicks else { return false }
        return transition.beginsOperation || transition.effects.contains(.endedOperation)
    }

    /// The key a step touches, or `nil` when it must be treated as touching everything.
    ///
    /// A local-cache step counts as touching everything: its host's cache is shared by the host's clients
    /// and emptied by deliveries whatever the key, so it is kept in place rather than reasoned about.
    /// (A delivery is the simulation's own step, drawn between picks, and wakes every sleeper.) A tracked
    /// get is not a read here: it also subscribes its host, so it keeps its order against every step on
    /// its key.
    private static func footprintKey(_ action: StepAction) -> Key? {
        switch action {
        // A commit publishes every key its transaction wrote (to the rows and the change log), and a
        // begin or rollback opens or ends what the transaction's later steps see: conservatively, each
        // touches everything. A transaction's own reads and writes keep their key and are never "reads"
        // below, so they conflict with every step on it.
        case .databaseBegin, .databaseCommit, .databaseRollback: nil
        case .sleep, .lockAcquire, .lockRelease: nil
        case _ where action.component == .localCache: nil
        default: action.key
        }
    }

    private static func isRead(_ action: StepAction) -> Bool {
        switch action {
        case .cacheGet, .cacheGets, .databaseRead, .databaseVersionedRead, .cacheGeneration: true
        default: false
        }
    }
}
