import CacheAsideCheck

/// Memcache leases (Nishtala et al., "Scaling Memcache at Facebook", NSDI 2013, §3.2.1): a miss hands the
/// first reader a lease token, a delete voids outstanding tokens, and a set with a void token is refused.
/// Readers that miss while someone else holds the lease wait (`Backoff.polling`: 1, 2, 4, then 8 ticks
/// at a time) and retry; after `patience` ticks (2,000 by default) they read the database without
/// filling. A write updates the database, then deletes.
///
/// - Keeps **convergence** and **staleness ≤ TTL** without faults: a stale set needs a reader whose
///   database read came before a write and whose set comes after that write's delete — but its token was
///   handed out before the delete, so the delete voided it and the set is refused. A token handed out
///   after the delete belongs to a reader that reads the new row.
/// - Breaks **linearizability** even without faults, *during* a write. A lease is checked when it is
///   used, not when the database is read: a reader whose lease a write voided still reads the database
///   and returns the newest row, while a reader holding the next, valid lease filled a row it read just
///   before a second write — so a later hit returns the older row after the newer one was returned.
///   The second write's delete repairs the entry, but only once it runs. (This was first claimed to hold;
///   the tool found seed 287 — see Models/CATALOGUE.md.)
/// - Keeps **stampede ≤ 1**: the first reader to miss takes the lease and loads, the others wait and
///   find its fill — one load per refill, paid for in the waiters' read latency. A write that voids a
///   lease in flight starts a refill of its own (an invalidation), and the reader that takes the next
///   lease loads for that one; so two loads of a key can be in flight at once, but never two for one
///   refill. (Before refill episodes were cut at invalidations, this was counted as two loads for one
///   refill and claimed as a break.) A holder that loads and then crashes breaks it: the waiters poll for
///   2,000 ticks, and the one that gives up loads again.
///   This model used to give up waiting after 63 ticks, which a live holder under load can exceed (64
///   clients, a slow query): the waiters then all loaded, and the stampede came back.
/// - `lost-delete` brings the stale set back (the delete that should void the token is dropped), and so
///   does `cache-unavailable` (the delete throws and is skipped). `client-crash` between the database
///   write and the delete leaves the token valid: the stale set lands (convergence, staleness).
///   Under `cache-unavailable` reads are slow and the database busier than cache-aside's, by design of
///   this model rather than by accident: a holder whose `leaseSet` fails leaves its lease outstanding
///   (this cache's leases have no lease TTL, and memcached's 10-second one is far longer than a refill),
///   so every reader that misses meanwhile polls for up to `patience` ticks (read latency up to several
///   hundred ticks), and each poll that meets the outage reads around the cache — counted in `compare` as
///   fallback loads (65.43 a run under `hot-key-expiry` against cache-aside's 24.49), not as loads of the
///   refill, which stays at one: **stampede ≤ 1** holds under `cache-unavailable` too.
///   `replica-lag`: a reader holding a fresh token reads an old row from a replica and fills it. `cache-restart` empties entries
///   and leases alike, so a restart can only refuse fills, never admit stale ones.
/// - With an overloaded database (`compare --scenario overload`) it keeps **recovery**: a lease is a
///   per-key single flight (Nishtala et al., NSDI 2013, §3.2.1, on the thundering herd), so a flush costs
///   the database one load per key, within its capacity. A holder whose load times out voids its lease
///   (a delete), and the next reader takes one instead of polling until its patience runs out.
public struct Lease: CachingStrategy {
    /// How long a filled entry lives; `nil` = forever.
    public var ttl: Ticks?

    /// How long, in ticks, a reader polls a lease someone else holds before it reads around the cache:
    /// long against any live holder's fill, so that only a crashed holder exhausts it.
    public var patience: Ticks

    /// Leases with the given TTL for filled entries and the given patience of waiting readers.
    public init(ttl: Ticks? = 60, patience: Ticks = 2_000) {
        self.ttl = ttl
        self.patience = patience
    }

    public var name: String { "lease" }

    public func read(_ key: Key, in env: Environment) async throws -> Value? {
        try await read(key, in: env, tracked: false)
    }

    /// The lease read; `tracked` makes each lease get subscribe the host to the key's invalidations
    /// (`CacheClient.trackedLeaseGet`), for the local caches in front of this one.
    func read(_ key: Key, in env: Environment, tracked: Bool) async throws -> Value? {
        // The waits between lease gets while another reader holds the lease, then one last look.
        for wait in Backoff.polling(patience: patience) + [nil] {
            let lease: ModelCache.LeaseResult
            do { lease = tracked ? try await env.cache.trackedLeaseGet(key) : try await env.cache.leaseGet(key) } catch is CacheClient.Unavailable {
                return try await env.database.read(key)
            }
            switch lease {
            case .hit(let value):
                return value
            case .miss(let token):
                let row: Value?
                do { row = try await env.database.read(key) } catch let timeout as DatabaseClient.Timeout {
                    // Void the lease it cannot fill, so the next reader gets one instead of polling.
                    try await env.cache.deleteIfAvailable(key)
                    throw timeout
                }
                if let row {
                    // A refused set means a write voided the lease: the row may be stale, so drop it.
                    do { _ = try await env.cache.leaseSet(key, row, ttl: ttl, token: token) } catch is CacheClient.Unavailable {}
                }
                return row
            case .missLeaseHeld:
                guard let wait else { break }
                try await env.clock.sleep(wait)
            }
        }
        // The holder has not filled within the patience: it most likely crashed. Read around the cache.
        return try await env.database.read(key)
    }

    public func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await env.database.write(key, value)
        try await env.cache.deleteIfAvailable(key)
    }
}
