/// A database that can be overloaded (`SimulationOptions.databaseCapacity`, `.databaseTimeout`): calls
/// slow down with the calls in flight, and a client stops waiting after a timeout.
///
/// This is what makes a metastable failure expressible (Bronson et al., "Metastable Failures in
/// Distributed Systems", HotOS 2021): once load makes calls slower than the timeout, every call fails,
/// a strategy that retries at once keeps the load up, and the cache, which no failed call fills, never
/// takes the load off again — the trigger (a flush) is long over and the system stays down.
extension SimulationOptions {
    /// Whether a step is a database call that occupies the database: reads, writes and deletes, and every
    /// statement of a transaction (its begin, reads, writes, commit or rollback), not a worker's read of
    /// the change log (a replication stream, not a query).
    static func occupiesDatabase(_ action: StepAction) -> Bool {
        switch action {
        case .databaseRead, .databaseVersionedRead, .databaseWrite, .databaseDelete: true
        case .databaseBegin, .transactionRead, .transactionWrite, .transactionDelete, .databaseCommit, .databaseRollback: true
        default: false
        }
    }

    /// A call's latency when `inFlight` database calls (itself included) are in flight and the database
    /// serves `capacity` at full speed: `latency × (1 + excess / capacity)` with `excess = max(0,
    /// inFlight − capacity)`, rounded down — each call beyond the capacity slows every call by another
    /// `1 / capacity` of its own latency, as a database sharing its cores among more queries than it
    /// has does. Within the capacity a call takes its drawn latency. A capacity below 1 counts as 1.
    package static func loadedLatency(_ latency: Ticks, inFlight: Int, capacity: Int) -> Ticks {
        let capacity = max(capacity, 1)
        let excess = max(0, inFlight - capacity)
        guard excess > 0 else { return latency }
        let (product, overflow) = latency.multipliedReportingOverflow(by: excess)
        return overflow ? Ticks.max : latency.advanced(saturatingBy: product / capacity)
    }
}

extension DatabaseClient {
    /// The error a database call throws when its answer would take longer than
    /// `SimulationOptions.databaseTimeout`: the client waited the timeout and gave up. The call still ran
    /// — a read read, a write committed — and kept the database busy for its whole latency, as a query a
    /// client stopped waiting for does on a real server: a timeout never makes the database's work
    /// smaller, only wasted. Strategies that want to keep answering catch it; one that lets it escape
    /// fails the client's operation.
    public struct Timeout: Error, Sendable, Hashable, CustomStringConvertible {
        /// The call that timed out, e.g. `db.read k1`.
        public var call: String
        /// How long the client waited, in ticks.
        public var waited: Ticks
        /// `db.read k1 timed out after 10 ticks`.
        public var description: String { "\(call) timed out after \(waited) ticks" }

        /// The name a timed-out step's outcome carries in the history (`StepOutcome.fault`).
        package static let faultName = "database timeout"
    }
}

extension SimulationRun {
    /// The wait of a call that took effect: its drawn latency (`0` = the fastest), slowed by the database
    /// calls in flight when the database has a capacity, and cut to the timeout, if it has one and the
    /// call would exceed it (`timedOut`). A timed-out call stays in flight for its whole latency.
    func answerDelay(_ action: StepAction, _ latencies: SimulationOptions.Latencies) -> (latency: Ticks, timedOut: Bool) {
        let range = latencies.range(of: action)
        let count = range.choiceCount
        var latency = count > 1 ? range.lowerBound + choices.choose(below: count) : range.lowerBound
        guard overloadable, SimulationOptions.occupiesDatabase(action) else { return (latency, false) }
        if let capacity = options.databaseCapacity {
            let now = world.now
            databaseBusyUntil.removeAll { $0 <= now }
            latency = SimulationOptions.loadedLatency(latency, inFlight: databaseBusyUntil.count + 1, capacity: capacity)
            databaseBusyUntil.append(now.advanced(saturatingBy: latency))
        }
        if let timeout = options.databaseTimeout, latency > max(timeout, 1) { return (max(timeout, 1), true) }
        return (latency, false)
    }

    /// Parks `slot` until a call's answer arrives `latency` ticks after the call. In serial time the
    /// call's own tick counts, so a latency of 1 does not park at all.
    nonisolated(nonsending) func awaitAnswer(_ slot: Int, after latency: Ticks) async throws {
        let wait = latency.advanced(saturatingBy: -ticksPerStep)
        guard wait > 0 else { return }
        try await park(slot, as: .busy(until: world.now.advanced(saturatingBy: wait)))
    }

    /// With `SimulationOptions.cacheFlushAt` set and its tick reached, flushes the cache once, recorded
    /// as a restart (the lanes and the recovery property see the same event as for the fault).
    func flushCacheIfDue() {
        guard let tick = pendingCacheFlush, world.now >= tick else { return }
        pendingCacheFlush = nil
        worldChangedSinceLastPoint = true
        world.cache.flushAll()
        history.append(HistoryEvent(tick: world.now, client: nil, kind: .fault("cache restarted: every entry lost")))
        checkInvariants()
    }
}
