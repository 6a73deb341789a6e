import CacheAsideCheck

/// Delayed double delete: reads as cache-aside; a write deletes the key, writes the database, sleeps a
/// little, then deletes the key again — the second delete is meant to remove a stale entry that a
/// concurrent reader set from the old row.
///
/// What still breaks it, precisely:
/// - **Convergence** (and so **staleness ≤ TTL**): a *slow reader*. A reader that read the old row before
///   the database write but sets it only after the second delete — it was descheduled for longer than
///   `delay` ticks between its database read and its set — leaves the old row cached. No fixed delay is
///   long enough when readers can stall (GC pause, network retry). Under a random scheduler the stall is
///   rare with three clients (about 1 run in 10,000) and common with eight. Staleness beyond the TTL
///   needs more still: the stale set must land at least two ticks after the write *returned* (one tick
///   later gives exactly the TTL). Also any fault that removes the second delete: `lost-delete` drops it, `cache-unavailable` makes it
///   throw (it is skipped), `client-crash` kills the writer while it sleeps.
/// - **Linearizability**, even with a long enough delay and no fault: *during* the sleep the old row can
///   be cached while the database has the new one. A reader that missed just after the database write
///   returns the new row; a stale fill (read before the write) then lands; a later reader hits the old
///   row — new-then-old, while the write has not returned yet.
/// - **Stampede ≤ 1**: as cache-aside; two deletes make it worse (two refills per write).
public struct DelayedDoubleDelete: CachingStrategy {
    /// How long a filled entry lives; `nil` = forever.
    public var ttl: Ticks?
    /// Ticks between the database write and the second delete.
    public var delay: Ticks

    /// Delayed double delete with the given TTL and delay (default 5 ticks: longer than a whole
    /// uninterrupted miss-load-set, which takes three).
    public init(ttl: Ticks? = 60, delay: Ticks = 5) {
        self.ttl = ttl
        self.delay = delay
    }

    public var name: String { "delayed-double-delete" }

    public func read(_ key: Key, in env: Environment) async throws -> Value? {
        try await CacheAside(ttl: ttl).read(key, in: env)
    }

    public func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await env.cache.deleteIfAvailable(key)
        try await env.database.write(key, value)
        try await env.clock.sleep(delay)
        try await env.cache.deleteIfAvailable(key)
    }
}
