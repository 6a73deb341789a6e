import CacheAsideCheck

/// Classic cache-aside (lazy loading): a read checks the cache and, on a miss, reads the database and
/// sets the cache with a TTL; a write updates the database, then deletes the cache key. When the cache is
/// unavailable a read goes to the database and a write skips the delete.
///
/// - Breaks **convergence** and **linearizability**: the stale set. A reader misses and reads the old row;
///   a writer writes the new row and deletes the key; the reader then sets the old row, which stays
///   cached until the TTL ends (forever without a TTL).
/// - Breaks **staleness ≤ TTL**: the stale entry lives for a full TTL after the late set, and the set
///   itself came after the overwrite, so a value stays readable more than a TTL after it was overwritten.
///   Without a TTL the window never closes (unbounded).
/// - Breaks **stampede ≤ 1**: nothing stops several readers from missing and loading the same key.
/// - Under `cache-unavailable` every read is still answered, from the database; but a delete that
///   throws is skipped, which is a lost invalidation (convergence breaks without any race).
public struct CacheAside: CachingStrategy {
    /// How long a filled entry lives; `nil` = forever.
    public var ttl: Ticks?

    /// Cache-aside with the given TTL (default 60 ticks).
    public init(ttl: Ticks? = 60) { self.ttl = ttl }

    public var name: String { "cache-aside" }

    public func read(_ key: Key, in env: Environment) async throws -> Value? {
        if let hit = try await env.cache.getIfAvailable(key) { return hit }
        return try await load(key, in: env)
    }

    /// Reads the row from the database and fills the cache with it: the refill a miss triggers, and the
    /// early recompute of the strategies that refresh before expiry.
    func load(_ key: Key, in env: Environment) async throws -> Value? {
        let row = try await env.database.read(key)
        if let row { try await env.cache.setIfAvailable(key, row, ttl: ttl) }
        return row
    }

    public func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await env.database.write(key, value)
        try await env.cache.deleteIfAvailable(key)
    }
}
