import CacheAsideCheck

/// Cache-aside with a jittered TTL, the seed's "probabilistic expiration: random TTL variation": each fill
/// lives the base TTL plus a random extra of up to `jitter × TTL` ticks, so that entries filled together
/// — after a deploy, a warm-up, a cache restart — do not all expire together. The cure is the one AWS
/// gives for synchronized expiry ("add some time jitter to your TTLs", *Database Caching Strategies Using
/// Redis*, 2017) and that Redis' own guides call the cure for a cache avalanche.
///
/// The extra is drawn from the run's choices (`env.random`), uniformly in `0...jitter × TTL`, and only
/// when that range has more than one value, so `jitter = 0` draws nothing and is cache-aside run for run;
/// choice 0 is no extra, the plain TTL the shrinker drives towards. Only lengthening (never shortening)
/// keeps the base TTL a floor: no entry is refilled sooner than cache-aside's would be.
///
/// - Lowers the **database's peak load across keys** under `mass-expiry`: expiries that would have landed
///   on the same ticks spread over `jitter × TTL`, so fewer keys refill at once (`compare --scenario
///   mass-expiry`, "peak db reads in flight").
/// - Breaks **stampede ≤ 1**: per key nothing changes — every reader that finds an expired entry loads it.
///   Jitter spreads expiries across keys; it coordinates no readers of one key.
/// - Breaks **convergence**, **linearizability** and **staleness ≤ TTL**: cache-aside's stale set; a stale
///   entry now lives up to `jitter × TTL` longer.
/// - Every fault leaves these verdicts as cache-aside's.
public struct JitteredTTL: CachingStrategy {
    /// The base TTL of a filled entry; `nil` = forever (and then there is nothing to jitter).
    public var ttl: Ticks?
    /// The most a fill's TTL is lengthened, as a fraction of the base TTL: `0` = no jitter, `0.5` = fills
    /// live between 1 and 1.5 TTLs.
    public var jitter: Double

    /// Cache-aside whose fills live `ttl` plus up to `jitter × ttl` ticks (by default up to half a TTL more).
    public init(ttl: Ticks? = 60, jitter: Double = 0.5) {
        self.ttl = ttl
        self.jitter = jitter
    }

    public var name: String { "cache-aside-jittered-ttl" }

    public func read(_ key: Key, in env: Environment) async throws -> Value? {
        if let hit = try await env.cache.getIfAvailable(key) { return hit }
        return try await CacheAside(ttl: fillTTL(in: env)).load(key, in: env)
    }

    /// The TTL of one fill: the base plus a drawn extra.
    func fillTTL(in env: Environment) -> Ticks? {
        guard let ttl else { return nil }
        // A jitter that is negative, not a number or absurdly large is read as none or as the longest.
        let extra = Double(ttl) * jitter
        guard extra >= 1 else { return ttl }
        let most = Ticks(min(extra, Double(Workload.maximumTicks)).rounded(.down))
        return ttl.advanced(saturatingBy: Ticks(env.random(below: Int(clamping: most.advanced(saturatingBy: 1)))))
    }

    public func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await CacheAside(ttl: ttl).write(key, value, in: env)
    }
}
