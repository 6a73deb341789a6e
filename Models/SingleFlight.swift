import CacheAsideCheck

/// Single flight: a reader that misses takes the key's lock and refills (checking the cache once more
/// first, in case someone refilled while it waited); readers that find the lock taken wait
/// (`Backoff.waits`) and look in the cache again. After the last wait they read the database without
/// filling. Writes are cache-aside's (database, then delete). When the cache is unavailable a read goes
/// straight to the database.
///
/// - Keeps **stampede ≤ 1**: one database read per refill, because only the lock holder loads and the
///   others wait for its set. Giving up takes 63 ticks of waiting, which only a crashed holder causes.
/// - Still breaks **convergence**, **linearizability** and **staleness ≤ TTL**: the stale set. The lock
///   serializes *readers*, not readers against writers: the holder reads the old row, a writer writes and
///   deletes (nothing to delete yet), the holder sets the old row.
/// - What still breaks the stampede cure: `client-crash` (a holder that dies keeps the lock — these locks
///   have no expiry — so every waiter gives up and reads the database within one refill), and
///   `cache-unavailable` (a reader whose `get` throws goes to the database even though a refill is in
///   flight, and a holder whose `set` throws leaves the refill open for the next reader's load).
///   `lost-delete`, `cache-restart` and `replica-lag` leave it at one read per refill.
public struct SingleFlight: CachingStrategy {
    /// How long a filled entry lives; `nil` = forever.
    public var ttl: Ticks?

    /// Single flight with the given TTL.
    public init(ttl: Ticks? = 60) { self.ttl = ttl }

    public var name: String { "single-flight" }

    public func read(_ key: Key, in env: Environment) async throws -> Value? {
        do {
            if let hit = try await env.cache.get(key) { return hit }
        } catch is CacheUnavailable {
            return try await env.database.read(key)
        }
        for wait in Backoff.waits + [nil] {
            if try await env.lock.tryAcquire(key) { return try await refill(key, in: env) }
            guard let wait else { break }
            try await env.clock.sleep(wait)
            if let hit = try await env.cache.getIfAvailable(key) { return hit }
        }
        // The refilling reader has held the lock for 63 ticks: it most likely crashed.
        return try await env.database.read(key)
    }

    /// Loads and fills `key` while holding its lock, then releases it. Cache calls here never throw
    /// `CacheUnavailable` (they are the `IfAvailable` forms), so the only way out before the release is a
    /// crash, after which the client never runs again.
    private func refill(_ key: Key, in env: Environment) async throws -> Value? {
        let row: Value?
        if let filled = try await env.cache.getIfAvailable(key) {
            row = filled
        } else {
            row = try await env.database.read(key)
            if let row { try await env.cache.setIfAvailable(key, row, ttl: ttl) }
        }
        try await env.lock.release(key)
        return row
    }

    public func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await CacheAside(ttl: ttl).write(key, value, in: env)
    }
}
