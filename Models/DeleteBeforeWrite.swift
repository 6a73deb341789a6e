import CacheAsideCheck

/// Delete-before-write: reads as cache-aside; a write deletes the cache key first, then updates the
/// database — the order people reach for to "make sure the cache is empty before the new row lands".
///
/// - Breaks **convergence** and **linearizability** more easily than cache-aside: between the delete and
///   the database write, a reader misses, reads the *old* row (the new one is not there yet) and sets
///   it after the delete; nothing removes it until the TTL ends. The reader does not even have to be
///   slow — its whole miss-load-set fits in the writer's window.
/// - Breaks **staleness ≤ TTL** the same way (the stale entry is set after, or just before, the
///   overwrite and lives a full TTL), and **stampede ≤ 1** as cache-aside does.
/// - Every fault leaves these verdicts as they are.
public struct DeleteBeforeWrite: CachingStrategy {
    /// How long a filled entry lives; `nil` = forever.
    public var ttl: Ticks?

    /// Delete-before-write with the given TTL.
    public init(ttl: Ticks? = 60) { self.ttl = ttl }

    public var name: String { "delete-before-write" }

    public func read(_ key: Key, in env: Environment) async throws -> Value? {
        try await CacheAside(ttl: ttl).read(key, in: env)
    }

    public func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await env.cache.deleteIfAvailable(key)
        try await env.database.write(key, value)
    }
}
