import CacheAsideCheck

/// The cure the AWS Builders' Library prescribes for retries ("Timeouts, retries, and backoff with
/// jitter"; Brooker, "Exponential Backoff And Jitter", AWS Architecture Blog 2015): cache-aside whose
/// read, when the database times out, waits a random time below a capped exponential bound ("full
/// jitter": `random(0 ..< min(cap, base × 2^attempt))`), looks in the cache again — another reader may
/// have filled it meanwhile — and only then retries the load, up to `retries` times. It never deletes on
/// error. Writes are cache-aside's.
///
/// Without a database timeout it is cache-aside exactly, and keeps and breaks what cache-aside does.
///
/// With an overloaded database the waits take the retries' load off the database while it drains the
/// calls it already has, so some loads complete, their sets fill the cache, and the hits take the rest
/// of the load off: the sustaining loop of a metastable failure (Bronson et al., HotOS 2021) is broken
/// by spreading the retries in time, and the second look in the cache turns a retry into a hit once any
/// reader has refilled. The tool agrees, with a qualification: in `compare --scenario overload` it
/// recovers in 49 of the 50 default seeds where `retry-on-error` recovers in none — but so does plain
/// cache-aside, which never retries, and seed 20 is slow for both. Backoff removes the sustaining effect
/// the retries add; it cannot coalesce the first wave of misses, which is what `single-flight` and
/// `lease` do (they recover in every seed, with no timeout at all). The wait is a choice (`env.random`),
/// so `0` — retry at once — is what shrinking tries first.
public struct BackoffRetry: CachingStrategy {
    /// How long a filled entry lives; `nil` = forever.
    public var ttl: Ticks?
    /// How many times a read retries a load that timed out before the operation fails.
    public var retries: Int
    /// The first retry's bound on the wait, doubled for each further retry.
    public var base: Ticks
    /// The largest bound on a wait.
    public var cap: Ticks

    /// Backoff-retry with the given TTL (default 60 ticks), 3 retries and waits below 8, 16, 32 ticks.
    public init(ttl: Ticks? = 60, retries: Int = 3, base: Ticks = 8, cap: Ticks = 64) {
        self.ttl = ttl
        self.retries = retries
        self.base = base
        self.cap = cap
    }

    public var name: String { "backoff-retry" }

    public func read(_ key: Key, in env: Environment) async throws -> Value? {
        if let hit = try await env.cache.getIfAvailable(key) { return hit }
        return try await CacheAside(ttl: ttl).load(key, in: env, retries: retries) { attempt in
            let bound = min(cap, base << min(attempt, 32))
            try await env.clock.sleep(env.random(below: max(bound, 1)))
            return try await env.cache.getIfAvailable(key)
        }
    }

    public func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await CacheAside(ttl: ttl).write(key, value, in: env)
    }
}
