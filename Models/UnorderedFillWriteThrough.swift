import CacheAsideCheck

/// Write-through whose reads fill outside the write lock: a write takes the key's lock, writes the
/// database, sets the cache to the written value and releases the lock, but a read that misses loads
/// and sets without the lock (`read-through-uncoalesced`). This is write-through bolted onto a plain
/// cache client — writers serialized by an application lock, readers filling as cache-aside does — not
/// what a cache-fronted store does (`write-through` orders fills with writes).
///
/// - Keeps **convergence** when only writers run (a workload with write ratio 1): writes are serialized,
///   so the cache is set in the same order the database is written — the reordering that breaks
///   update-on-write cannot happen.
/// - Breaks **convergence** as soon as readers run: a read-through load is not serialized with writes.
///   A reader misses and reads the old row, a writer writes and sets the new value, then the loader sets
///   the old row over it. Serializing writers does not serialize the fill. Linearizability and
///   **staleness ≤ TTL** break through the same late set; **stampede ≤ 1** as cache-aside.
/// - In the writes-only workload, what still breaks convergence: `cache-unavailable` (the set throws
///   after the database committed; the error reaches the caller and the cache keeps the old value) and
///   `client-crash` (a writer dies between its database write and its set — and while it holds the lock,
///   so the others give up waiting after `Backoff.waits` and write unserialized). `lost-delete`,
///   `cache-restart` and `replica-lag` do not (no deletes; an empty cache converges; writers read nothing).
public struct UnorderedFillWriteThrough: CachingStrategy {
    /// How long a cached entry lives; `nil` = forever.
    public var ttl: Ticks?

    /// Write-through with unordered fills and the given TTL.
    public init(ttl: Ticks? = 60) { self.ttl = ttl }

    public var name: String { "write-through-unordered-fill" }

    public func read(_ key: Key, in env: Environment) async throws -> Value? {
        try await UncoalescedReadThrough(ttl: ttl).read(key, in: env)
    }

    public func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        let locked = try await env.acquireLockOrGiveUp(key)
        do {
            try await env.database.write(key, value)
            try await env.cache.set(key, value, ttl: ttl)
        } catch {
            if locked { try await env.lock.release(key) }
            throw error
        }
        if locked { try await env.lock.release(key) }
    }
}
