import CacheAsideCheck
import Foundation

/// Probabilistic early expiration, "XFetch" (Vattani, Chierichetti & Lowenstein, "Optimal Probabilistic
/// Cache Stampede Prevention", VLDB 2015): a read that hits recomputes early when
/// `delta · beta · −ln(rand) ≥ time left`, so the probability of an early recompute rises as expiry
/// nears and, with many readers, about one of them recomputes shortly before the entry expires.
///
/// `rand` comes from the run's choices (`env.random`): choice `i` of 64 is `rand = 1 − i/64`, so choice 0
/// is `rand = 1`, `−ln 1 = 0`: no early recompute, the simplest behaviour the shrinker drives towards.
/// `delta` is the recompute time; the paper stores it with the value, but the model cache stores only
/// values, so it is the fixed cost of a refill here (2 ticks: a database read and a set).
///
/// - Breaks **stampede ≤ 1** (at expiry): with no coordination an early recompute can come too late
///   (here `delta` is a fixed 2 ticks, shorter than a refill with a slow query, which the paper would
///   have measured), and then the expiry stampedes as in cache-aside. In `hot-key-expiry` it spends
///   about 1.5 early recomputes per expiry of plain cache-aside — against several for early refresh — and
///   removes about a sixth of the hot key's expiries. With `beta = 1` and `rand ≥ 1/64` it never
///   recomputes more than `2 · ln 64 ≈ 8` ticks early, so at the default TTL (60) a classic run never
///   recomputes early and it behaves as cache-aside: cold misses and post-invalidation misses stampede.
/// - Breaks **convergence**, **linearizability** and **staleness ≤ TTL**: the stale set; each early
///   recompute is another read-then-set a write can slip between.
/// - Every fault leaves these verdicts as they are.
public struct ProbabilisticEarlyExpiration: CachingStrategy {
    /// How long a filled entry lives; `nil` = forever (and then it never recomputes early).
    public var ttl: Ticks?
    /// The paper's `beta`: above 1 favours earlier recomputation.
    public var beta: Double
    /// The recompute time the paper calls `delta`, in ticks.
    public var recomputeTicks: Ticks

    /// The number of values `rand` is drawn from.
    static let randomResolution = 64

    /// XFetch with the given TTL, `beta = 1` and `delta = 2` ticks.
    public init(ttl: Ticks? = 60, beta: Double = 1, recomputeTicks: Ticks = 2) {
        self.ttl = ttl
        self.beta = beta
        self.recomputeTicks = recomputeTicks
    }

    public var name: String { "probabilistic-early-expiration" }

    public func read(_ key: Key, in env: Environment) async throws -> Value? {
        guard let cached = try await env.cache.getWithRemainingTTLIfAvailable(key) else {
            return try await CacheAside(ttl: ttl).load(key, in: env)
        }
        guard let remaining = cached.remainingTTL, recomputesEarly(remaining: remaining, in: env) else {
            return cached.value
        }
        return try await CacheAside(ttl: ttl).load(key, in: env)
    }

    /// The XFetch test `delta · beta · −ln(rand) ≥ remaining`, with `rand` drawn from the run's choices.
    func recomputesEarly(remaining: Ticks, in env: Environment) -> Bool {
        let resolution = Self.randomResolution
        let rand = 1 - Double(env.random(below: resolution)) / Double(resolution)
        return Double(recomputeTicks) * beta * -log(rand) >= Double(remaining)
    }

    public func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await CacheAside(ttl: ttl).write(key, value, in: env)
    }
}
