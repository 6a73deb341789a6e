extension Property {
    /// Recovery: after each disturbance, the database's load and the cache's hit ratio are back at their
    /// steady level within `bound` ticks (`recovery ≤ T`).
    ///
    /// A stampede cure is judged on one key's refill; this judges the whole system after the cache lost
    /// its contents, the trigger of a metastable failure (Bronson et al., "Metastable Failures in
    /// Distributed Systems", HotOS 2021; Huang et al., "Metastable Failures in the Wild", OSDI 2022): a
    /// system that is fine before and fine long after the trigger is stable; one whose load stays up and
    /// whose hit ratio stays down once the trigger is over is not. The terms, so that the verdict can be
    /// checked by hand:
    /// - A **disturbance** is the cache losing every entry: the `cache-restart` fault or the scheduled
    ///   flush (`SimulationOptions.cacheFlushAt`), at tick `d`. Mass expiries and bursts of invalidations
    ///   are not detected as disturbances (yet): a run whose only trouble is those is not exercised.
    /// - The **steady level** is measured over the `T` ticks before it, `[d − T, d)` (from 0 if `d < T`):
    ///   the hit ratio of the client reads that ended there (returned or failed; a hit is a read that
    ///   returned without reading the database, as in `ReadCosts`) and the database reads issued there per
    ///   tick (every read, as `DatabaseLoad` counts them).
    /// - **Recovered** means that over the `T` ticks after the allowed `T`, `[d + T, d + 2T)`, the hit
    ///   ratio is at least the steady one ÷ 1.5, and the database reads are at most 1.5 × the steady reads
    ///   per tick over `T` ticks, plus one for every 20 reads judged in the window (a miss rate 5% above
    ///   the steady one is noise, not an overload: a steady load of two reads in 40 ticks must not make six
    ///   a failure), plus one per cold read. A **cold read** is the first read of a key invoked at or after
    ///   `d`: the one miss per key the flush itself costs, whoever makes it and whenever. It is left out of
    ///   the hit ratio, or a key nobody happened to ask for within `T` would count as not recovered. The
    ///   slack absorbs the noise of a few dozen reads; a metastable failure misses it by far (hit ratio
    ///   near zero, the database taking several reads per read as the retries pile up).
    ///
    /// A disturbance is judged only when the run lasts to the end of its window (an event at `d + 2T − 1`
    /// or later) and some read ends in each window (cold reads aside) — so a counterexample shrinks to a
    /// run that stays down for the whole window, not to one that stopped early. A run with none judged is
    /// not exercised, never a vacuous "holds". The measurement is the hit ratio, in percent, over each
    /// judged window.
    public static func recovery(within bound: Ticks) -> Property {
        let bound = max(bound, 1)
        return Property(
            id: "recovery", label: "recovery ≤ \(bound)",
            measurementName: "hit ratio (%) \(bound)-\(2 * bound) ticks after each cache restart",
            subject: "a cache restart or flush with reads before it and \(bound) ticks after it"
        ) { run in
            let verdicts = RecoveryAnalysis(run: run, bound: bound).disturbances
            let violation = verdicts.first { !$0.recovered }.map { verdict in
                Violation(verdict.explanation(bound: bound), eventIndex: verdict.eventIndex)
            }
            return Property.Evaluation(
                violation: violation, measurements: verdicts.map(\.hitPercent), exercised: !verdicts.isEmpty)
        }
    }
}

/// The windows the recovery property compares, for every judged disturbance of one run.
package struct RecoveryAnalysis: Sendable {
    /// One judged disturbance.
    package struct Disturbance: Sendable, Equatable {
        /// The restart's event and tick.
        package var eventIndex: Int
        package var tick: Ticks
        /// Hits and ended reads (cold reads aside), and database reads, in the steady and the judged window.
        package var steady: Window
        package var after: Window
        /// The judged window's length (`T`) and the steady one's (`T`, or `d` when `d < T`).
        package var afterLength: Ticks
        package var steadyLength: Ticks
        /// Cold reads (the first of a key after the disturbance) that ended in the judged window.
        package var coldReads: Int

        package var recovered: Bool {
            // Cross-multiplied, in integers: hits/ended ≥ steadyHits/steadyEnded ÷ 1.5, and
            // reads ≤ 1.5 × steadyReads × afterLength/steadyLength + endedReads/20 + coldReads.
            let hitsKept = 3 * after.hits * steady.endedReads >= 2 * steady.hits * after.endedReads
            let loadKept = 20 * after.databaseReads * steadyLength
                <= 30 * steady.databaseReads * afterLength + (after.endedReads + 20 * coldReads) * steadyLength
            return hitsKept && loadKept
        }

        /// The judged window's hit ratio in percent, rounded down.
        package var hitPercent: Int { after.endedReads == 0 ? 0 : 100 * after.hits / after.endedReads }

        func explanation(bound: Ticks) -> String {
            let steadyPercent = steady.endedReads == 0 ? 0 : 100 * steady.hits / steady.endedReads
            return "\(bound) ticks after the cache restart at t\(tick) it had not recovered: over "
                + "t\(tick + bound)..<t\(tick + bound + afterLength) the hit ratio was \(hitPercent)% "
                + "(\(steadyPercent)% before) and the database took \(after.databaseReads) reads in "
                + "\(afterLength) ticks (\(steady.databaseReads) in the \(steadyLength) ticks before)"
        }
    }

    /// What one window held.
    package struct Window: Sendable, Equatable {
        package var hits = 0
        package var endedReads = 0
        package var databaseReads = 0
    }

    /// The judged disturbances, in history order.
    package private(set) var disturbances: [Disturbance] = []

    /// The analysis of `run` with recovery bound `bound`.
    package init(run: RunRecord, bound: Ticks) {
        let events = run.history.events
        let restarts = events.indices.filter { events[$0].restartsTheCache }
        guard !restarts.isEmpty, let lastTick = events.last?.tick else { return }
        // Each client read's end, in history order: its tick, whether it was a hit, its key and its invoke.
        var ends: [(tick: Ticks, hit: Bool, key: Key, invoked: Ticks)] = []
        var loading: [ClientID: (loaded: Bool, invoked: Ticks)] = [:]
        for event in events {
            guard let client = event.client else { continue }
            switch event.kind {
            case .invoke(let operation) where operation.isRead: loading[client] = (false, event.tick)
            case .step(let step):
                switch step.action {
                case .databaseRead, .databaseVersionedRead: loading[client]?.loaded = true
                default: break
                }
            case .returned(let operation, _) where operation.isRead:
                if let read = loading.removeValue(forKey: client) {
                    ends.append((event.tick, !read.loaded, operation.key, read.invoked))
                }
            case .failed(let operation, _) where operation.isRead:
                if let read = loading.removeValue(forKey: client) { ends.append((event.tick, false, operation.key, read.invoked)) }
            case .crashed:
                loading[client] = nil
            default: break
            }
        }
        let reads = DatabaseLoad(run: run).readTicks
        /// The reads ending in `range`, leaving out (and counting) the cold reads of a disturbance at `tick`.
        func window(_ range: Range<Ticks>, coldAfter tick: Ticks?) -> (Window, cold: Int) {
            var window = Window()
            var cold = 0
            var warmKeys: Set<Key> = []
            for end in ends {
                // The first read of a key invoked since the disturbance is cold, wherever it ends.
                let isCold = tick.map { end.invoked >= $0 && warmKeys.insert(end.key).inserted } ?? false
                guard range.contains(end.tick) else { continue }
                if isCold {
                    cold += 1
                    continue
                }
                window.endedReads += 1
                if end.hit { window.hits += 1 }
            }
            window.databaseReads = reads.count { range.contains($0) }
            return (window, cold)
        }
        for index in restarts {
            let tick = events[index].tick
            let steadyStart = max(0, tick.advanced(saturatingBy: -bound))
            let afterStart = tick.advanced(saturatingBy: bound)
            let afterEnd = afterStart.advanced(saturatingBy: bound)
            // Judged only if the run lasts to the window's end: a run that stopped is no evidence either way.
            guard tick > steadyStart, lastTick >= afterEnd - 1 else { continue }
            let (steady, _) = window(steadyStart..<tick, coldAfter: nil)
            let (after, cold) = window(afterStart..<afterEnd, coldAfter: tick)
            guard steady.endedReads > 0, after.endedReads > 0 else { continue }
            disturbances.append(
                Disturbance(
                    eventIndex: index, tick: tick, steady: steady, after: after, afterLength: bound,
                    steadyLength: tick - steadyStart, coldReads: cold))
        }
    }
}
