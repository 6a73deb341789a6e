import CacheAsideCheck

/// The naive reaction to a database timeout: cache-aside whose read, when the database times out,
/// deletes the key ("the entry may be bad") and retries the load at once, up to `retries` times before
/// the operation fails. Writes are cache-aside's.
///
/// Without a database timeout (every standard scenario) it is cache-aside exactly, and keeps and breaks
/// what cache-aside does: the retry only runs after `DatabaseClient.Timeout`.
///
/// With a database that slows under load (`--db-capacity`, `--db-timeout`) it is the textbook metastable
/// failure (Bronson et al., "Metastable Failures in Distributed Systems", HotOS 2021; Huang et al.,
/// "Metastable Failures in the Wild", OSDI 2022): a flush sends every reader to the database at once,
/// latency climbs past the timeout, every call fails, and each failure sends its reader straight back —
/// the retries are the *sustaining effect* that keeps the load up once the trigger is over. Its deletes
/// make it worse: a reader whose retry times out removes the entry another reader has just filled, so
/// the cache cannot take the load off either. The AWS Builders' Library ("Timeouts, retries, and
/// backoff with jitter") warns against exactly this immediate retry. The tool agrees: in `compare
/// --scenario overload` it breaks **recovery** in every run (the hit ratio stays near zero long after
/// the flush, over 4,000 timed-out calls per run against about 35 for cache-aside), while
/// `single-flight` and `lease` recover in every run and `backoff-retry` and plain cache-aside in 49 of 50.
/// Its retries also show in the cost columns as loads without a miss, and its deletes as invalidations.
public struct RetryOnError: CachingStrategy {
    /// How long a filled entry lives; `nil` = forever.
    public var ttl: Ticks?
    /// How many times a read retries a load that timed out before the operation fails.
    public var retries: Int

    /// Retry-on-error with the given TTL (default 60 ticks) and 3 retries.
    public init(ttl: Ticks? = 60, retries: Int = 3) {
        self.ttl = ttl
        self.retries = retries
    }

    public var name: String { "retry-on-error" }

    public func read(_ key: Key, in env: Environment) async throws -> Value? {
        if let hit = try await env.cache.getIfAvailable(key) { return hit }
        return try await CacheAside(ttl: ttl).load(key, in: env, retries: retries) { _ in
            try await env.cache.deleteIfAvailable(key)
            return nil
        }
    }

    public func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await CacheAside(ttl: ttl).write(key, value, in: env)
    }
}
