import CacheAsideCheck

/// Single flight: a reader that misses takes the key's lock and refills (checking the cache once more
/// first, in case someone refilled while it waited); readers that find the lock taken wait for it —
/// blocked on the lock, woken when it is released — and then find the entry filled. Writes are
/// cache-aside's (database, then delete). When the cache is unavailable a read goes straight to the
/// database. The lock has a lease (`lockLease`, like Redis `SET NX PX`) so that a crashed holder cannot
/// block the key for ever.
///
/// - Keeps **stampede ≤ 1**: one database read per refill, because only the lock holder loads and the
///   others wait for its set. The price is in read latency: under load every reader that missed waits
///   for the holder's load, then takes the lock in turn to find the entry (`compare --scenario
///   hot-key-expiry` shows the waiting).
/// - Still breaks **convergence**, **linearizability** and **staleness ≤ TTL**: the stale set. The lock
///   serializes *readers*, not readers against writers: the holder reads the old row, a writer writes and
///   deletes (nothing to delete yet), the holder sets the old row.
/// - What still breaks the stampede cure: `client-crash` (a holder that dies keeps the lock until its
///   lease ends, and then the next waiter loads again within the same refill), and `cache-unavailable` (a
///   reader whose `get` throws goes to the database even though a refill is in flight, and a holder whose
///   `set` throws leaves the refill open for the next reader's load). `lost-delete`, `cache-restart` and
///   `replica-lag` leave it at one read per refill.
///
/// - With an overloaded database (`compare --scenario overload`) it keeps **recovery**: after a flush
///   the database sees at most one load per key, however many readers miss, so it stays within its
///   capacity and the first loads fill the cache. A holder whose load times out releases the lock and
///   its waiters take turns. Bronson et al. ("Metastable Failures in Distributed Systems", HotOS 2021)
///   list request coalescing among the ways to weaken the sustaining loop; the tool agrees.
///
/// This model used to wait with a doubling back-off and give up after 63 ticks, claiming that "only a
/// crashed holder" could take that long. The tool showed the claim wrong under load: with 16 or more
/// clients a live holder's three calls can take longer than 63 ticks to be scheduled, every waiter then
/// gave up and loaded, and single flight failed the stampede in every run. A waiter's patience is not a
/// failure detector; a lease on the lock is (Kleppmann, "How to do distributed locking", 2016), so the
/// waiters now block on the lock and the lease alone handles the crashed holder. A lease shorter than a
/// refill would let a second holder load — that is a different model's race, not this one's.
public struct SingleFlight: CachingStrategy {
    /// How long a filled entry lives; `nil` = forever.
    public var ttl: Ticks?

    /// How long the refill lock lasts unless released: long against any live refill, so only a crashed
    /// holder's lock runs out.
    public var lockLease: Ticks

    /// Single flight with the given TTL.
    public init(ttl: Ticks? = 60, lockLease: Ticks = 10_000) {
        self.ttl = ttl
        self.lockLease = lockLease
    }

    public var name: String { "single-flight" }

    public func read(_ key: Key, in env: Environment) async throws -> Value? {
        do {
            if let hit = try await env.cache.get(key) { return hit }
        } catch is CacheClient.Unavailable {
            return try await env.database.read(key)
        }
        try await env.lock.acquire(key, lease: lockLease)
        return try await refill(key, in: env)
    }

    /// Loads and fills `key` while holding its lock, then releases it. Cache calls here never throw
    /// `CacheClient.Unavailable` (they are the `IfAvailable` forms), so the only way out before the release is a
    /// crash, after which the client never runs again.
    private func refill(_ key: Key, in env: Environment) async throws -> Value? {
        let row: Value?
        if let filled = try await env.cache.getIfAvailable(key) {
            row = filled
        } else {
            do {
                row = try await env.database.read(key)
            } catch let timeout as DatabaseClient.Timeout {
                // A holder that gives up on the database hands the refill to the next waiter, rather than
                // keeping the key locked for the lease.
                try await env.lock.release(key)
                throw timeout
            }
            if let row { try await env.cache.setIfAvailable(key, row, ttl: ttl) }
        }
        try await env.lock.release(key)
        return row
    }

    public func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await CacheAside(ttl: ttl).write(key, value, in: env)
    }
}
