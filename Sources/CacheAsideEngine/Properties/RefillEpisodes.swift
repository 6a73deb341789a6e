extension Property {
    /// Why a key's cache entry was missing when a refill episode began: the three stampedes users tell apart.
    public enum RefillCause: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// The entry's TTL ran out: the stampede of the seed paper (Vattani et al., VLDB 2015) and the one
        /// early refresh, XFetch, locks and leases are meant to cure.
        case expiry
        /// A delete removed a live entry (a writer's invalidation): every cache-aside design refills after
        /// each write, and no expiry cure helps here.
        case invalidation
        /// The key had never been cached in this run (or a cache restart lost it): a cold miss.
        case coldMiss = "cold miss"

        /// `expiry`, `invalidation` or `cold miss`, as `compare` prints it.
        public var description: String { rawValue }
    }
}

/// A run's refill episodes, each with its cause and the database loads it caused, plus the loads that
/// followed no miss at all (an early refresh after a hit) and the most loads of one key in flight at once.
///
/// An episode starts when a lookup of the key misses and no episode of that key is open; it stops taking
/// in new misses once a store fills the entry, or once a delete invalidates it (the refill then in flight
/// may be stale, and the misses after the delete are the invalidation's, not the earlier cause's).
/// Every client that missed during it and then reads the key from the database counts toward it — even
/// if its load finishes after someone else refilled. Counting loads per episode rather than per miss is
/// what tells a single-flight refill (one load, however many readers missed) from a stampede.
///
/// The cause is read off the key's entry as the history left it: filled with a TTL that has run out by
/// the miss → expiry; removed by a delete while live → invalidation; never filled, or lost in a restart →
/// cold miss. Warm entries from the plan count as filled at tick 0.
package struct RefillEpisodes: Sendable {
    /// One refill episode.
    package struct Episode: Sendable, Hashable {
        /// The key refilled.
        package var key: Key
        /// Why the entry was missing.
        package var cause: Property.RefillCause
        /// Database reads caused by misses in this episode.
        package var loads: Int
        /// The tick of the first miss.
        package var startTick: Ticks
        /// The history index of the load that made it exceed a limit, filled by `firstLoad(over:)`.
        var loadIndices: [Int]
    }

    /// Every episode, in the order their first misses happened.
    package private(set) var episodes: [Episode] = []
    /// Database reads of a key by a client or worker that had not missed it, on a read path, with every
    /// cache call of its operation answered: early refreshes (XFetch's recompute, a refresh-ahead
    /// worker's loads). The other loads without a miss are told apart below, so that this figure means
    /// "loaded before it had to".
    package private(set) var loadsWithoutMiss = 0
    /// Database reads inside a client's write (a versioned write reading the primary): the write's cost,
    /// not an early refresh.
    package private(set) var writePathLoads = 0
    /// Database reads by a client or worker after one of its cache calls failed in the same operation
    /// (the cache unavailable, reads around it): the load a cache outage moves onto the database. A miss
    /// followed by a failed call counts here, not in the miss's episode.
    package private(set) var fallbackLoads = 0
    /// Cache calls that failed (`cache-unavailable`, or any injected cache error): gets, sets, deletes.
    package private(set) var failedCacheCalls = 0
    /// Episodes in which no reader that missed went on to load (they all waited for another's fill, or
    /// gave up): counted so that loads per refill below 1 can be read.
    package var loadlessEpisodes: Int { episodes.count { $0.loads == 0 } }
    /// The most database reads of one key in flight at the same time. A read is in flight from its step
    /// until its client's next event (the answer arrives and the client acts on it), so with call latencies
    /// it measures how many readers a slow refill let pile up on the database.
    package private(set) var maxConcurrentLoads = 0

    /// What a key's entry looked like at the last event that touched it.
    private enum EntryState {
        case neverFilled
        case filled(expiresAt: Ticks?)
        case invalidated
    }

    /// The analysis of `run`'s history.
    package init(run: RunRecord) {
        var entry: [Key: EntryState] = [:]
        for (key, expiry) in run.plan.warmEntries { entry[key] = .filled(expiresAt: expiry) }
        var openEpisode: [Key: Int] = [:]
        // Keyed by actor: a background worker's delete invalidates and its load refills like a client's.
        var missedInto: [ActorID: Int] = [:]
        var loadInFlight: [ActorID: Key] = [:]
        var inFlight: [Key: Int] = [:]
        var writing: Set<ActorID> = []
        var cacheFailed: Set<ActorID> = []
        for (index, event) in run.history.events.enumerated() {
            guard let client = event.actor else {
                if case .fault = event.kind {  // a cache restart: every entry and every refill lost
                    entry.removeAll()
                    openEpisode.removeAll()
                }
                continue
            }
            // The sets and maps below are usually empty: checking first spares a hash on most events.
            if !loadInFlight.isEmpty, let key = loadInFlight.removeValue(forKey: client) { inFlight[key, default: 1] -= 1 }
            switch event.kind {
            case .invoke(let operation):
                if !cacheFailed.isEmpty { cacheFailed.remove(client) }
                if case .write = operation {
                    writing.insert(client)
                } else if !writing.isEmpty {
                    writing.remove(client)
                }
            case .step(let step) where step.action.component == .cache:
                if case .fault = step.outcome {
                    failedCacheCalls += 1
                    cacheFailed.insert(client)
                    missedInto[client] = nil
                } else {
                    // Answered again: a worker, which has no operations to start afresh, is past the outage.
                    if !cacheFailed.isEmpty { cacheFailed.remove(client) }
                }
            default: break
            }
            guard case .step(let step) = event.kind, let key = step.action.key else { continue }
            switch (step.action, step.outcome) {
            case (.cacheGet, .value(nil)), (.cacheTrackedGet, .value(nil)), (.cacheGets, .versioned(nil, _)),
                (.cacheLeaseGet, .lease(.miss)), (.cacheLeaseGet, .lease(.missLeaseHeld)),
                (.cacheTrackedLeaseGet, .lease(.miss)), (.cacheTrackedLeaseGet, .lease(.missLeaseHeld)):
                if openEpisode[key] == nil {
                    openEpisode[key] = episodes.count
                    episodes.append(
                        Episode(
                            key: key, cause: Self.cause(entry[key], at: event.tick), loads: 0, startTick: event.tick,
                            loadIndices: []))
                }
                missedInto[client] = openEpisode[key]
            case (.databaseRead, _), (.databaseVersionedRead, _), (.transactionRead, _):
                loadInFlight[client] = key
                inFlight[key, default: 0] += 1
                maxConcurrentLoads = max(maxConcurrentLoads, inFlight[key]!)
                if let episode = missedInto.removeValue(forKey: client), episodes[episode].key == key {
                    episodes[episode].loads += 1
                    episodes[episode].loadIndices.append(index)
                } else if cacheFailed.contains(client) {
                    fallbackLoads += 1
                } else if writing.contains(client) {
                    writePathLoads += 1
                } else {
                    loadsWithoutMiss += 1
                }
            case (.cacheSet, .done), (.cacheAdd, .stored(true)), (.cacheCompareAndSet, .stored(true)),
                (.cacheLeaseSet, .stored(true)):
                openEpisode[key] = nil
                entry[key] = .filled(expiresAt: step.action.fillTTL.map { event.tick.advanced(saturatingBy: $0) })
            case (.cacheDelete, .done):
                openEpisode[key] = nil
                if case .filled(let expiresAt) = entry[key], expiresAt.map({ $0 > event.tick }) ?? true {
                    entry[key] = .invalidated
                }
            default:
                break
            }
        }
    }

    private static func cause(_ state: EntryState?, at tick: Ticks) -> Property.RefillCause {
        switch state {
        case .filled(let expiresAt?) where expiresAt <= tick: .expiry
        case .invalidated: .invalidation
        // A live entry cannot miss; a lookup that did (a lease held elsewhere) counts with cold misses.
        case .filled, .neverFilled, nil: .coldMiss
        }
    }

    /// The episodes of `cause`, or every episode if `cause` is `nil`.
    package func episodes(of cause: Property.RefillCause?) -> [Episode] {
        guard let cause else { return episodes }
        return episodes.filter { $0.cause == cause }
    }

    /// The first load, in history order, that took an episode of `cause` over `limit` loads, with its
    /// episode.
    func firstLoad(over limit: Int, cause: Property.RefillCause?) -> (episode: Episode, eventIndex: Int)? {
        episodes(of: cause).filter { $0.loads > limit }.map { ($0, $0.loadIndices[limit]) }.min { $0.1 < $1.1 }
    }
}

extension StepAction {
    /// The TTL a filling store gives its entry (`nil` = no expiry, or not a store).
    fileprivate var fillTTL: Ticks? {
        switch self {
        case .cacheSet(_, _, let ttl), .cacheAdd(_, _, let ttl), .cacheCompareAndSet(_, _, let ttl, _),
            .cacheLeaseSet(_, _, let ttl, _):
            ttl
        default: nil
        }
    }
}
