import CacheAsideCheck

/// Early refresh (refresh-ahead): cache-aside, except that a read which hits an entry with at most
/// `refreshAhead` ticks left reloads it from the database and sets it again, so that a busy key is
/// renewed before it expires instead of expiring under a crowd of readers.
///
/// - Breaks **stampede ≤ 1** (at expiry): it only helps a key some read hits during its last
///   `refreshAhead` ticks, and only if the reload lands before the entry expires (the window must be
///   longer than a refill). A key nobody read in its window still expires under whoever comes next, and a
///   cold cache and every invalidation leave an empty entry that concurrent readers all load. In
///   `hot-key-expiry` it cuts the hot key's expiries by about two thirds, and pays with every read in
///   the window reloading without coordination: several loads per expiry it prevents. At the default
///   TTL (60 ticks) a classic run is far shorter than a TTL, so it never refreshes at all and behaves
///   exactly as cache-aside.
/// - Breaks **convergence**, **linearizability** and **staleness ≤ TTL**: the stale set, and worse — every
///   early refresh is one more read-then-set that a write can slip between.
/// - Every fault leaves these verdicts as they are.
public struct EarlyRefresh: CachingStrategy {
    /// How long a filled entry lives; `nil` = forever (and then it never refreshes).
    public var ttl: Ticks?
    /// Refresh when a hit finds at most this many ticks left.
    public var refreshAhead: Ticks

    /// Early refresh with the given TTL; by default it refreshes in the last fifth of the TTL.
    public init(ttl: Ticks? = 60, refreshAhead: Ticks? = nil) {
        self.ttl = ttl
        self.refreshAhead = refreshAhead ?? max(1, (ttl ?? 0) / 5)
    }

    public var name: String { "early-refresh" }

    public func read(_ key: Key, in env: Environment) async throws -> Value? {
        guard let cached = try await env.cache.getWithRemainingTTLIfAvailable(key) else {
            return try await CacheAside(ttl: ttl).load(key, in: env)
        }
        guard let remaining = cached.remainingTTL, remaining <= refreshAhead else { return cached.value }
        return try await CacheAside(ttl: ttl).load(key, in: env)
    }

    public func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await CacheAside(ttl: ttl).write(key, value, in: env)
    }
}
