import CacheAsideCheck

/// Read-through as loading caches do it: Caffeine's `LoadingCache`, and Spring's `@Cacheable(sync = true)`
/// over it. The application asks only the cache; on a miss the cache runs its loader, and concurrent
/// misses of one key wait for that one load instead of loading too. Caffeine loads inside
/// `ConcurrentHashMap.compute`, so an invalidation of a key whose load is in flight waits for the load
/// and then removes what it stored. Here the key's lock stands for that per-key compute: a load holds it
/// from its second look at the entry to its set, and a write takes it for its delete. A write updates the
/// database, then invalidates through the cache. The lock has a lease (`lockLease`), as single flight's
/// does, so that a crashed loader cannot block the key for ever. Errors of the cache reach the caller,
/// because the cache *is* the read path. `read-through-uncoalesced` is the kind without coalescing.
///
/// - Keeps **stampede ≤ 1**: one database read per refill, because only the lock holder loads and the
///   others find its fill when they get the lock; paid for in the waiters' read latency.
/// - Keeps **convergence**, **linearizability** and **staleness ≤ TTL** without faults: the stale set
///   needs a load whose database read comes before a write and whose set comes after that write's
///   delete, but the delete waits for the load to finish, so it removes the stale row. Guava's
///   `LoadingCache` coalesces loads the same way but lets an invalidation during a load pass
///   (google/guava#1881): that is single flight's stale set, and `single-flight` shows it.
/// - Under `cache-unavailable` reads *fail* instead of falling back to the database, and a delete that
///   throws after the database committed leaves the old row cached (convergence, staleness); a set that
///   throws leaves the refill open for the next waiter's load (stampede). `lost-delete` drops the
///   invalidation, and `replica-lag` loads an old row from a replica under the lock: the stale row stays.
///   `client-crash` kills a writer between its database write and its delete (the stale row stays) or a
///   loader holding the lock (its lease ends and the next waiter loads the same refill again).
///   `cache-restart` only empties entries, which the next miss refills.
public struct ReadThrough: CachingStrategy {
    /// How long a loaded entry lives; `nil` = forever.
    public var ttl: Ticks?
    /// How long a key's load lock lasts unless released: long against any live load, so only a crashed
    /// loader's lock runs out.
    public var lockLease: Ticks

    /// Read-through with per-key load coalescing, the given TTL and lock lease.
    public init(ttl: Ticks? = 60, lockLease: Ticks = 10_000) {
        self.ttl = ttl
        self.lockLease = lockLease
    }

    public var name: String { "read-through" }

    public func read(_ key: Key, in env: Environment) async throws -> Value? {
        if let cached = try await env.cache.get(key) { return cached }
        return try await holdingLock(key, in: env) {
            // Look again: the load this reader waited for has filled the entry.
            if let filled = try await env.cache.get(key) { return filled }
            let loaded = try await env.database.read(key)
            if let loaded { try await env.cache.set(key, loaded, ttl: ttl) }
            return loaded
        }
    }

    public func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await env.database.write(key, value)
        try await holdingLock(key, in: env) { try await env.cache.delete(key) }
    }

    /// Runs `body` holding `key`'s lock, and releases it even when the cache throws (a crash never
    /// returns here: a crashed client makes no more calls).
    func holdingLock<Result>(
        _ key: Key, in env: Environment, _ body: () async throws -> Result
    ) async throws -> Result {
        try await env.lock.acquire(key, lease: lockLease)
        let result: Result
        do { result = try await body() } catch let error as CacheClient.Unavailable {
            try await env.lock.release(key)
            throw error
        }
        try await env.lock.release(key)
        return result
    }
}
