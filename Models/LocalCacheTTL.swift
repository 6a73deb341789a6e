import CacheAsideCheck

/// A process-local cache kept fresh by a short TTL alone, in front of cache-aside: a read looks in its
/// host's local cache, then reads through cache-aside and keeps the answer locally for `localTTL` ticks;
/// a write is cache-aside's (database, then delete the shared key), which other hosts never hear of.
///
/// This is the "near cache with expire-after-write" of Caffeine or Guava in front of Redis or memcached,
/// without any invalidation: the Redis client-side caching guide calls a TTL the fallback that bounds
/// how long a missed invalidation can last
/// (https://redis.io/docs/latest/develop/reference/client-side-caching/).
///
/// - Breaks **linearizability**: another host keeps serving the old row from its local cache after the
///   write has returned, for up to `localTTL` ticks.
/// - Breaks **convergence**: a run that ends within `localTTL` of a write leaves the other host's local
///   entry disagreeing with the database (it would expire later; convergence judges the quiet world as it
///   is). It also inherits cache-aside's stale set on the shared cache.
/// - Breaks **staleness ≤ TTL** and **stampede ≤ 1** as cache-aside does (its stale set, its concurrent
///   loads): the local TTL is far shorter than the shared one, so it adds no staleness the shared stale
///   set does not already exceed, and locally served reads never load. The tool agrees with the guide:
///   local staleness ends with the local TTL (compare `local-cache-lease`, where staleness holds).
public struct LocalCacheTTL: CachingStrategy {
    /// How long a filled shared entry lives; `nil` = forever.
    public var ttl: Ticks?
    /// How long a local entry lives.
    public var localTTL: Ticks

    /// A local cache whose entries live `localTTL` ticks in front of cache-aside with `ttl`.
    public init(ttl: Ticks? = 60, localTTL: Ticks = 5) {
        self.ttl = ttl
        self.localTTL = localTTL
    }

    public var name: String { "local-cache-ttl" }

    public func read(_ key: Key, in env: Environment) async throws -> Value? {
        if let hit = try await env.localCache.get(key) { return hit }
        let row = try await CacheAside(ttl: ttl).read(key, in: env)
        if let row { try await env.localCache.set(key, row, ttl: localTTL) }
        return row
    }

    public func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await CacheAside(ttl: ttl).write(key, value, in: env)
    }
}
