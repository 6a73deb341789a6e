/// The database's load over one run, across every key: what a mass expiry does to it.
///
/// `RefillEpisodes` counts loads per key, which is what the per-key stampede cures (a lock, a lease, an
/// early refresh) act on. A database sees the sum over keys: when many keys were filled together and
/// expire together, each may refill with a single load and the database still takes one load per key at
/// the same moment. These figures are that sum; TTL variation (jitter) is the cure they judge.
///
/// Every database read counts, plain or versioned, by a client or a background worker, whatever caused
/// it — or only the loads of one cause of refill. A read is in flight from its step until its actor's next event, as in
/// `RefillEpisodes.maxConcurrentLoads`, so with call latencies a slow query overlaps the reads issued
/// while it runs.
package struct DatabaseLoad: Sendable {
    /// The tick of every database read, in history order (so in increasing order).
    package private(set) var readTicks: [Ticks] = []
    /// The most database reads in flight at once, over every key.
    package private(set) var peakInFlight = 0
    /// How many database calls (reads, writes, deletes) timed out (`DatabaseClient.Timeout`): work the
    /// database did for nobody.
    package private(set) var timeouts = 0

    /// The analysis of `run`'s history: every database read, or with a `cause` only the loads of refill
    /// episodes of that cause (`RefillEpisodes`) — the expiry refills are the load a mass expiry adds,
    /// which a cold start's burst of cold misses would otherwise hide.
    package init(run: RunRecord, cause: Property.RefillCause? = nil) {
        self.init(run: run, cause: cause, episodes: cause.map { _ in RefillEpisodes(run: run) })
    }

    /// The same, reading the refill episodes from the run's shared analyses.
    package init(_ analyses: RunAnalyses, cause: Property.RefillCause? = nil) {
        self.init(run: analyses.run, cause: cause, episodes: cause.map { _ in analyses.refillEpisodes })
    }

    private init(run: RunRecord, cause: Property.RefillCause?, episodes: RefillEpisodes?) {
        let counted = cause.flatMap { cause in episodes.map { Set($0.episodes(of: cause).flatMap(\.loadIndices)) } }
        var inFlight: Set<ActorID> = []
        for (index, event) in run.history.events.enumerated() {
            guard let actor = event.actor else { continue }
            if !inFlight.isEmpty { inFlight.remove(actor) }
            guard case .step(let step) = event.kind, counted?.contains(index) ?? true else { continue }
            if case .fault(DatabaseClient.Timeout.faultName) = step.outcome { timeouts += 1 }
            switch step.action {
            case .databaseRead, .databaseVersionedRead, .transactionRead:
                readTicks.append(event.tick)
                inFlight.insert(actor)
                peakInFlight = max(peakInFlight, inFlight.count)
            default:
                break
            }
        }
    }

    /// The most database reads whose ticks fall within `window` consecutive ticks (at least 1): the
    /// database's busiest stretch of that length.
    package func mostReads(within window: Ticks) -> Int {
        let width = max(window, 1)
        // History order is time order, but sorting costs little and makes the sweep's premise certain.
        let ticks = readTicks.sorted()
        var most = 0
        var first = 0
        // The busiest window ends at some read: for each read, the reads in the `width` ticks up to it.
        for (last, tick) in ticks.enumerated() {
            while ticks[first] <= tick.advanced(saturatingBy: -width) { first += 1 }
            most = max(most, last - first + 1)
        }
        return most
    }

    /// Each read's bucket of `width` ticks (at least 1): tick `t` is in bucket `t / width`. A histogram of
    /// these over many runs is the load over time.
    package func buckets(width: Ticks) -> [Int] {
        let width = max(width, 1)
        return readTicks.map { $0 / width }
    }
}
