import CacheAsideCheck

/// Write-through as a cache-fronted store does it: Ehcache 3's cache-through (a `CacheLoaderWriter`, whose
/// `load` and `write` run inside the store's per-key compute), or Coherence's read-write backing map. The
/// application reads and writes only the cache. A write takes the key's lock, writes the database, sets
/// the cache to the written value and releases the lock; a read that misses takes the same lock, looks
/// again, loads and sets (`read-through`'s coalesced load). Writes and fills of a key are ordered, so a
/// fill cannot put back a row older than a write it was concurrent with. The lock has a lease
/// (`lockLease`) so that a crashed holder cannot block the key for ever. `write-through-unordered-fill`
/// is the kind whose reads fill outside the lock.
///
/// - Keeps **convergence**, **linearizability** and **staleness ≤ TTL** without faults: a fill reads the
///   database and sets while holding the lock a write needs, so it reads either the row before the write
///   (and sets it before the write sets the new one) or the row after it. A reader that misses while a
///   write holds the lock waits for it and then finds the written value.
/// - Keeps **stampede ≤ 1**: only the lock holder loads; the others find its fill, or the write's set.
/// - What breaks it: `cache-unavailable` (the set throws after the database committed, the error reaches
///   the caller and the cache keeps the old value; reads fail), `client-crash` (a writer dies between its
///   database write and its set; a loader dies holding the lock and the next waiter loads again when its
///   lease ends) and `replica-lag` (a fill reads an old row from a replica, under the lock, and caches it).
///   `lost-delete` does not (it never deletes); `cache-restart` only empties entries.
public struct WriteThrough: CachingStrategy {
    /// How long a cached entry lives; `nil` = forever.
    public var ttl: Ticks?
    /// How long a key's lock lasts unless released: long against any live write or load, so only a
    /// crashed holder's lock runs out.
    public var lockLease: Ticks

    /// Write-through with the given TTL and lock lease.
    public init(ttl: Ticks? = 60, lockLease: Ticks = 10_000) {
        self.ttl = ttl
        self.lockLease = lockLease
    }

    public var name: String { "write-through" }

    private var loader: ReadThrough { ReadThrough(ttl: ttl, lockLease: lockLease) }

    public func read(_ key: Key, in env: Environment) async throws -> Value? {
        try await loader.read(key, in: env)
    }

    public func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await loader.holdingLock(key, in: env) {
            try await env.database.write(key, value)
            try await env.cache.set(key, value, ttl: ttl)
        }
    }
}
