import CacheAsideCheck

/// A process-local cache with a short TTL in front of a lease-protected shared cache (`Lease`): the
/// shared level has no stale set and one load per refill, the local level keeps each answer for
/// `localTTL` ticks and hears of no write.
///
/// - Keeps **stampede ≤ 1**: only the lease holder loads; local hits never reach the database.
/// - Keeps **staleness ≤ TTL**: a stale local read is at most `localTTL` old.
/// - Breaks **linearizability**: on top of the lease model's own break, another host serves the old row
///   locally after a write returned, until its local TTL ends (the bound the Redis client-side caching
///   guide assigns to a TTL without invalidation,
///   https://redis.io/docs/latest/develop/reference/client-side-caching/).
/// - Breaks **convergence** where the lease model keeps it: a run that ends within `localTTL` of a write
///   leaves another host's local entry behind the database. The leases protect the shared level only.
public struct LocalCacheLease: CachingStrategy {
    /// How long a filled shared entry lives; `nil` = forever.
    public var ttl: Ticks?
    /// How long a local entry lives.
    public var localTTL: Ticks

    /// A local cache whose entries live `localTTL` ticks in front of leases with `ttl`.
    public init(ttl: Ticks? = 60, localTTL: Ticks = 5) {
        self.ttl = ttl
        self.localTTL = localTTL
    }

    public var name: String { "local-cache-lease" }

    public func read(_ key: Key, in env: Environment) async throws -> Value? {
        if let hit = try await env.localCache.get(key) { return hit }
        let row = try await Lease(ttl: ttl).read(key, in: env)
        if let row { try await env.localCache.set(key, row, ttl: localTTL) }
        return row
    }

    public func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await Lease(ttl: ttl).write(key, value, in: env)
    }
}
