import CacheAsideCheck

/// Versioned set: the cache entry is only ever replaced by something at least as new as what it
/// replaces. A read fills with `add` (store only if absent), never overwriting; a write updates the
/// database, then makes the cache agree with a row read *from the primary after its own write*, installed
/// with `gets`/`cas` so that any store in between makes it look again. If it keeps losing the race it
/// deletes the key as a last resort.
///
/// - Keeps **convergence** and **staleness ≤ TTL** without faults: a stale fill is an `add`, which only
///   lands in an empty entry; after a write's loop the entry is present (its own `add`, or whatever beat
///   it, which its next round replaces by `cas`), so a later stale `add` is refused, and every `cas`
///   installs a row read after the store it replaces.
/// - Breaks **linearizability** even without faults: *during* a write, a reader that read the old row
///   before the database write can `add` it after another reader missed and read the new row; a third read
///   then hits the old row after the new one was returned. The write's loop repairs the entry, but only
///   when it runs.
/// - Breaks **stampede ≤ 1**: every reader that misses loads (and a writer whose `gets` misses loads
///   too). It also costs the most database reads per client read: every write reads the primary again.
/// - What still breaks convergence: an **empty entry is not evidence that nothing newer exists**. If the
///   entry disappears between a reader's database read and its `add` — `cache-restart`, or a TTL that ends
///   — the old row lands in the empty entry and stays. `cache-unavailable` makes the writer's `gets`/`cas`
///   throw, and `client-crash` kills the writer after its database write: either way nobody replaces the
///   old entry. `lost-delete` (only the last-resort delete) and `replica-lag` (it reads the primary with
///   `readVersioned`) change nothing.
public struct VersionedSet: CachingStrategy {
    /// How long a filled entry lives; `nil` = forever.
    public var ttl: Ticks?
    /// Rounds of gets/cas a writer tries before falling back to a delete.
    public var casAttempts: Int

    /// Versioned set with the given TTL.
    public init(ttl: Ticks? = 60, casAttempts: Int = 8) {
        self.ttl = ttl
        self.casAttempts = casAttempts
    }

    public var name: String { "versioned-set" }

    public func read(_ key: Key, in env: Environment) async throws -> Value? {
        do {
            if let hit = try await env.cache.gets(key) { return hit.value }
        } catch is CacheClient.Unavailable {}
        let row = try await env.database.readVersioned(key).value
        if let row {
            do { _ = try await env.cache.add(key, row, ttl: ttl) } catch is CacheClient.Unavailable {}
        }
        return row
    }

    public func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await env.database.write(key, value)
        try await installAfterWrite(key, in: env)
    }

    /// What a write does once its row is in the database: rounds of `installCurrentRow`, then a delete as
    /// the last resort (shared with `TransactionalVersionedSet`, which commits the row first).
    func installAfterWrite(_ key: Key, in env: Environment) async throws {
        do {
            for _ in 0..<casAttempts {
                if try await installCurrentRow(key, in: env) { return }
            }
        } catch is CacheClient.Unavailable {
            // The cache cannot be reached; the entry may stay stale until its TTL ends.
            return
        }
        try await env.cache.deleteIfAvailable(key)
    }

    /// One round: reads the entry's cas unique, then the primary's current row, and installs the row
    /// unless the entry changed in between. Returns whether the entry now holds that row.
    private func installCurrentRow(_ key: Key, in env: Environment) async throws -> Bool {
        let cached = try await env.cache.gets(key)
        guard let row = try await env.database.readVersioned(key).value else { return false }
        guard let cached else { return try await env.cache.add(key, row, ttl: ttl) }
        if cached.value == row { return true }
        return try await env.cache.cas(key, row, ttl: ttl, casUnique: cached.casUnique)
    }
}
