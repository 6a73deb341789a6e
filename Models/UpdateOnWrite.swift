import CacheAsideCheck

/// Update-on-write: reads as cache-aside; a write updates the database, then *sets* the cache to the
/// value it wrote instead of deleting the key.
///
/// - Breaks **convergence** with two writers and no reader at all: writer 1 writes `v1` to the database,
///   writer 2 writes `v2` and sets `v2`, then writer 1 sets `v1` — the database holds `v2`, the cache `v1`
///   until the TTL ends. The database orders the writes one way and the cache sets the other way.
/// - Breaks **linearizability** and **staleness ≤ TTL** through the same reordering (the late set starts
///   a full TTL after the overwrite), and through cache-aside's stale set on the read path.
/// - Breaks **stampede ≤ 1** as cache-aside does; a write that sets the cache ends a refill early but
///   does not stop readers that already missed from loading.
/// - No fault repairs any of this; `lost-delete` does not apply (it never deletes).
public struct UpdateOnWrite: CachingStrategy {
    /// How long a cached entry lives; `nil` = forever.
    public var ttl: Ticks?

    /// Update-on-write with the given TTL.
    public init(ttl: Ticks? = 60) { self.ttl = ttl }

    public var name: String { "update-on-write" }

    public func read(_ key: Key, in env: Environment) async throws -> Value? {
        try await CacheAside(ttl: ttl).read(key, in: env)
    }

    public func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await env.database.write(key, value)
        try await env.cache.setIfAvailable(key, value, ttl: ttl)
    }
}
