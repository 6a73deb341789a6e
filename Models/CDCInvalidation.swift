import CacheAsideCheck

/// Change-data-capture invalidation: clients write only to the database; a **tailer** follows the
/// database's commit log and deletes each changed key from the cache, some ticks later. Reads are
/// cache-aside's (miss → database → set with a TTL). This is Facebook's McSqueal (Nishtala et al.,
/// "Scaling Memcache at Facebook", NSDI 2013, §4.3: daemons tail the MySQL commit log and broadcast
/// deletes) and what Debezium-based invalidators do today: no write path has to remember to invalidate,
/// and a delete lost with a crashed writer is not lost, because the log has it.
///
/// The tailer's lag is the latency of its log reads (`SimulationOptions.Latencies.logRead`, `--worker-lag`): a choice
/// per read, 0 = the shortest, so shrinking removes lag a failure does not need.
///
/// - Bounds the **stale window of a hit by the tailer's lag**: a completed write's old value stays
///   readable only until the tailer's delete, which in concurrent time comes at most one log-read
///   latency after the commit, plus the tailer's own calls for changes queued ahead of it.
///   `cacheaside-check --scenario cdc-lag` measures it.
/// - Still breaks **convergence**, **linearizability** and **staleness ≤ TTL**: the stale set survives,
///   in a narrower form. A reader that read the old row *before* the commit and sets it *after* the
///   tailer's delete puts the old row back, and nothing deletes it again: the log has no more changes for
///   the key. It needs a refill slower than the lag (cache-aside's race needs only a refill slower than
///   the writer's delete), which is why McSqueal alone was not enough and memcache kept leases (§3.2.1).
///   Within the lag a read after the write's return sees the old value: not linearizable either.
/// - Breaks **stampede ≤ 1** like cache-aside: nothing coordinates refills.
/// - Under `client-crash` a crashed tailer restarts from its last acknowledged position and deletes
///   again (at least once; deletes are idempotent); a crashed *writer* after its commit loses nothing.
///   Under `cache-unavailable` the tailer's delete throws, the tailer restarts and retries it — an
///   invalidation is delayed, never lost (unlike cache-aside's skipped delete).
public struct CDCInvalidation: CachingStrategy {
    /// How long a filled entry lives; `nil` = forever.
    public var ttl: Ticks?

    /// CDC invalidation with the given TTL.
    public init(ttl: Ticks? = 60) { self.ttl = ttl }

    public var name: String { "cdc-invalidation" }

    public var workers: [any BackgroundWorker] { [InvalidationTailer()] }

    public func read(_ key: Key, in env: Environment) async throws -> Value? {
        try await CacheAside(ttl: ttl).read(key, in: env)
    }

    public func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await env.database.write(key, value)
    }
}

/// The tailer of `CDCInvalidation`: reads the changes committed since its position, deletes each key,
/// and asks for more. Its position is acknowledged when it asks, so a crash between a read and its
/// deletes delivers those changes again.
struct InvalidationTailer: BackgroundWorker {
    var name: String { "tailer" }

    func run(from position: Int, in env: Environment) async throws {
        var position = position
        while true {
            for change in try await env.database.changes(after: position) {
                try await env.cache.delete(change.key)
                position = change.position
            }
        }
    }
}
