import CacheAsideCheck

/// Write-behind (write-back): a write stores the value in the cache and appends it to the write-behind
/// queue, and is acknowledged; a **flusher** writes queued values to the database later (Oracle
/// Coherence's write-behind: the cache store is called `write-delay` after the update; here the delay is
/// the flusher's log-read latency, `--worker-lag`). Reads are cache-aside's. Writers get cache latency
/// instead of database latency, and writes reach the database in queue order.
///
/// - Breaks **convergence** and **linearizability** even without a race on the database: a reader that
///   missed reads the database row — which lags the acknowledged writes by the flush delay — and its set
///   can land after a writer's, putting the old row over the new value; the flusher then writes the new
///   value to the database, under a cache that holds the old one until its TTL. And two writers can set
///   the cache in one order and queue in the other, so the database ends on the value the cache lost.
/// - Breaks **staleness ≤ TTL** the same way: the overwritten value comes back with a fresh TTL.
/// - Breaks **stampede ≤ 1**: misses are cache-aside's.
/// - The queue here is durable (a log, like a Kafka topic) and the flusher restarts from its
///   acknowledged position after a crash, so no acknowledged write is lost; Coherence keeps its queue in
///   the cache's memory (with backups), where a restart of the whole cache would lose it.
public struct WriteBehind: CachingStrategy {
    /// How long an entry lives, filled or written; `nil` = forever.
    public var ttl: Ticks?

    /// Write-behind with the given TTL.
    public init(ttl: Ticks? = 60) { self.ttl = ttl }

    public var name: String { "write-behind" }

    public var workers: [any BackgroundWorker] { [WriteBehindFlusher()] }

    public func read(_ key: Key, in env: Environment) async throws -> Value? {
        try await CacheAside(ttl: ttl).read(key, in: env)
    }

    public func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await env.cache.set(key, value, ttl: ttl)
        try await env.queue.append(key, value)
    }
}

/// The flusher of `WriteBehind`: stores the queued writes, in order, in the database.
struct WriteBehindFlusher: BackgroundWorker {
    var name: String { "flusher" }

    func run(from position: Int, in env: Environment) async throws {
        var position = position
        while true {
            for queued in try await env.queue.entries(after: position) {
                if let value = queued.value { try await env.database.write(queued.key, value) }
                position = queued.position
            }
        }
    }
}
