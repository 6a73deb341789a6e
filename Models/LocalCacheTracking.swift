import CacheAsideCheck

/// A process-local cache kept fresh by invalidation messages (Redis server-assisted client-side caching,
/// `CLIENT TRACKING` in its default mode), in front of a lease-protected shared cache: a local miss reads
/// the shared cache with a tracked lease get, which subscribes the host to the key, and stores the reply
/// locally with no TTL; the next change of the key sends the host an invalidation message that removes
/// it. A write is the lease model's (database, then delete), and the delete is the change that notifies.
/// After a dropped connection the host flushes its local cache, as the guide says it must.
///
/// Without a placeholder it has the race the Redis guide describes
/// (https://redis.io/docs/latest/develop/reference/client-side-caching/, "Avoiding race conditions"): the
/// reply and the invalidation travel independently. A reader on one host gets the old row from the shared
/// cache; a writer writes and deletes, which sends the reader's host its invalidation; the message is
/// delivered — there is nothing local to remove yet — and only then does the reader store the old row
/// locally, where nothing will ever remove it.
///
/// One client is enough for a variant of it: the reader's own lease set after a miss is a change of the
/// key, so it sends the reader's host its invalidation (Redis without `NOLOOP`) and ends the host's
/// tracking; delivered before the local store, it leaves an entry that no later write will invalidate.
/// That is the shortest counterexample the shrinker finds.
///
/// - Breaks **convergence**: the late local store above outlives the run. The tool agrees with the guide.
/// - Breaks **linearizability**: that entry is served after the write returned; and even without the
///   race, a message still on its way lets a host serve the old row after the write returned (tracking
///   is asynchronous).
/// - Keeps **staleness ≤ TTL** in the standard shape: its runs end long before 60 ticks, so no stale
///   read can be older than that, though nothing bounds the stale entry itself (no local TTL).
/// - Keeps **stampede ≤ 1**: the shared level's leases admit one load per refill.
public struct LocalCacheTracking: CachingStrategy {
    /// How long a filled shared entry lives; `nil` = forever.
    public var ttl: Ticks?

    /// A tracked local cache in front of leases with `ttl`.
    public init(ttl: Ticks? = 60) { self.ttl = ttl }

    public var name: String { "local-cache-tracking" }

    public func read(_ key: Key, in env: Environment) async throws -> Value? {
        if let hit = try await env.localCache.afterReconnect(flushing: true, { try await $0.get(key) }) { return hit }
        let value = try await Lease(ttl: ttl).read(key, in: env, tracked: true)
        // The reply is stored whatever was delivered meanwhile: the race.
        if let value { try await env.localCache.afterReconnect(flushing: true) { try await $0.set(key, value, ttl: nil) } }
        return value
    }

    public func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await Lease(ttl: ttl).write(key, value, in: env)
    }
}

extension Environment.LocalCacheClient {
    /// Runs `call`; if it reports that the host's invalidation connection dropped, flushes the local cache
    /// (when `flushing`) and runs it again — the reconnect handling the Redis guide prescribes, or its
    /// omission.
    /// The connection may drop again before the call is retried (each attempt is a step), so this loops;
    /// each round consumes one injected fault, so it ends.
    func afterReconnect<Result>(flushing: Bool, _ call: (Self) async throws -> Result) async throws -> Result {
        while true {
            do { return try await call(self) } catch is Reconnected {
                guard flushing else { continue }
                // A flush that reports a newer drop emptied nothing: flush until one goes through.
                while true {
                    do {
                        try await flush()
                        break
                    } catch is Reconnected {}
                }
            }
        }
    }
}
