/// When two pending steps of different clients commute: running them in either order reaches the same
/// world and a history every property judges the same way, so exhaustive search need explore only one
/// order (partial-order reduction; Godefroid, "Partial-Order Methods for the Verification of Concurrent
/// Systems", LNCS 1032, 1996).
///
/// The relation is deliberately conservative, because a wrong "independent" silently hides schedules:
/// - Steps on different keys commute. Every property is judged key by key (linearizability is local,
///   Herlihy & Wing 1990), so swapping them changes nothing any property looks at.
/// - Two reads of the same key (`cache.get`/`gets`, `db.read`/`readVersioned`) commute, unless one of
///   them begins its operation: the invocation is recorded with an operation's first step and its return
///   after its last, so swapping a first step with another client's possibly-last step would change
///   whether one operation precedes the other in real time, which linearizability observes.
/// - A step that begins an operation on key `k` is dependent on any step of an operation on `k`, for the
///   same reason, even when the step itself touches another key.
/// - Locks, sleeps and unknown next steps (a client waking from `clock.sleep`) are dependent on
///   everything: they change who may run.
///
/// Deliberately ignored: the tick a step happens at. Two swapped steps each move by one tick, which only
/// matters when a TTL or a staleness bound is within a few ticks of a window the run measures.
enum StepIndependence {
    /// Whether `a` and `b`, pending steps of two different clients, commute.
    ///
    /// With `cache-restart` enabled a cache step may be preceded by a restart of the whole cache
    /// (`SimulationRun.restartCacheIfChosen`), so it then touches every key of the cache: two cache
    /// steps are dependent whatever their keys.
    static func independent(
        _ a: SchedulingPoint.Candidate, _ b: SchedulingPoint.Candidate, cacheRestarts: Bool = false
    ) -> Bool {
        guard let first = a.action, let second = b.action, let firstKey = footprintKey(first),
            let secondKey = footprintKey(second)
        else { return false }
        if cacheRestarts, first.component == .cache, second.component == .cache { return false }
        if a.beginsOperation, let key = a.operationKey, key == b.operationKey || key == secondKey { return false }
        if b.beginsOperation, let key = b.operationKey, key == a.operationKey || key == firstKey { return false }
        if firstKey != secondKey { return true }
        return isRead(first) && isRead(second) && !a.beginsOperation && !b.beginsOperation
    }

    /// The key a step touches, or `nil` when it must be treated as touching everything.
    private static func footprintKey(_ action: StepAction) -> Key? {
        switch action {
        case .sleep, .lockAcquire, .lockRelease: nil
        default: action.key
        }
    }

    private static func isRead(_ action: StepAction) -> Bool {
        switch action {
        case .cacheGet, .cacheGets, .databaseRead, .databaseVersionedRead: true
        default: false
        }
    }
}
