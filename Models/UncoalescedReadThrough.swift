import CacheAsideCheck

/// Read-through without load coalescing: the application asks only the cache; on a miss the cache
/// component loads the row from the database and stores it, and every reader that misses loads for
/// itself. This is a hand-written loader callback (a `get` that calls `load` and `put` on a miss), or
/// Spring's `@Cacheable` without `sync = true`, whose documentation says concurrent misses may each
/// invoke the method. A write updates the database and invalidates through the cache. Errors of the
/// cache reach the caller, because the cache *is* the read path. `read-through` is the coalescing kind.
///
/// - Breaks **convergence**, **linearizability**, **staleness ≤ TTL** and **stampede ≤ 1** exactly as
///   cache-aside does: the loader performs the same get, read, set steps, so the stale set (load old row,
///   writer writes and deletes, loader sets old row) and concurrent loads are all still there. Moving the
///   load into the cache component moves the code, not the race.
/// - Under `cache-unavailable` reads *fail* (cache-aside's fall back to the database): that is the real
///   difference, an availability one, and no property here measures it — `compare` counts the reads that
///   were not answered.
public struct UncoalescedReadThrough: CachingStrategy {
    /// How long a loaded entry lives; `nil` = forever.
    public var ttl: Ticks?

    /// Uncoalesced read-through with the given TTL.
    public init(ttl: Ticks? = 60) { self.ttl = ttl }

    public var name: String { "read-through-uncoalesced" }

    public func read(_ key: Key, in env: Environment) async throws -> Value? {
        if let cached = try await env.cache.get(key) { return cached }
        let loaded = try await env.database.read(key)
        if let loaded { try await env.cache.set(key, loaded, ttl: ttl) }
        return loaded
    }

    public func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await env.database.write(key, value)
        try await env.cache.delete(key)
    }
}
