extension SimulationOptions {
    /// How long calls take, in ticks: a range per kind of call, and each call's latency a choice in its
    /// range with `0` = the lower bound (the fastest), so shrinking makes every call fast unless the race
    /// needs it slow.
    ///
    /// A call takes effect at its first tick and its answer reaches the client when the latency is over: a
    /// database read with latency 8 returns the row as it was when the read ran, 7 ticks before the client
    /// can act on it. That is the window in which a slow refill goes stale (the classic race stretched by a
    /// slow query) and in which other readers pile up behind a miss (the stampede), and it is why the
    /// staleness bound a strategy can promise is its TTL plus the longest refill. Meanwhile other clients run;
    /// the waiting client is parked like a sleeper, so it costs the scheduler nothing.
    ///
    /// The default is one tick per call, no choice drawn: the classic race's timing.
    public struct Latencies: Sendable, Hashable {
        /// Cache calls, including lock calls (a lock lives in the cache server, as with Redis `SET NX`).
        public var cacheCall: ClosedRange<Ticks>
        /// Database reads (plain and versioned): the refill's load.
        public var databaseRead: ClosedRange<Ticks>
        /// Database writes and deletes.
        public var databaseWrite: ClosedRange<Ticks>
        /// A background worker's reads of the change log or the work queue (`env.database.changes`,
        /// `env.queue.entries`): the entries are taken when the read runs and reach the worker this much
        /// later — a change-data-capture tailer's or a flusher's lag. The read runs as soon as an entry
        /// arrives if the worker is idle, so in concurrent time a worker acts on a change at most this long
        /// after its commit, plus whatever it still had to do.
        public var logRead: ClosedRange<Ticks>

        /// Latency ranges; every bound must be at least 1 (a call takes at least its own tick).
        public init(
            cacheCall: ClosedRange<Ticks> = 1...1, databaseRead: ClosedRange<Ticks> = 1...1,
            databaseWrite: ClosedRange<Ticks> = 1...1, logRead: ClosedRange<Ticks> = 1...1
        ) {
            self.logRead = max(logRead.lowerBound, 1)...max(logRead.upperBound, 1)
            self.cacheCall = max(cacheCall.lowerBound, 1)...max(cacheCall.upperBound, 1)
            self.databaseRead = max(databaseRead.lowerBound, 1)...max(databaseRead.upperBound, 1)
            self.databaseWrite = max(databaseWrite.lowerBound, 1)...max(databaseWrite.upperBound, 1)
        }

        /// One tick per call: the classic timing.
        public static let instant = SimulationOptions.Latencies()

        /// The latency range of `action`'s kind of call.
        func range(of action: StepAction) -> ClosedRange<Ticks> {
            switch action {
            case .databaseRead, .databaseVersionedRead: databaseRead
            case .databaseChanges, .queueEntries: logRead
            case .databaseWrite, .databaseDelete: databaseWrite
            case .transactionRead: databaseRead
            case .databaseBegin, .databaseCommit, .databaseRollback, .transactionWrite, .transactionDelete: databaseWrite
            case .sleep: 1...1
            default: cacheCall
            }
        }
    }
}
