import CacheAsideCheck

/// Single flight whose lock has a lease shorter than a refill (`SingleFlight` with `lockLease: 2`): the
/// lock Redis users take with `SET NX PX`, sized for a fast query. A refill that outlives the lease loses
/// the lock without knowing it; the next waiter takes it and loads too — two holders at once. This is
/// the race of Kleppmann's "How to do distributed locking" (2016): a lease is a timeout, and a timeout
/// cannot make a slow holder stop; only a fencing token checked by the resource could (memcache's
/// lease tokens are one, which is why `lease` keeps one load per refill and this does not).
///
/// - Breaks **stampede ≤ 1**: the first holder's lease runs out during its database read, a second
///   reader takes the lock and loads the same key in the same refill. The first holder's `release` then
///   reports that it no longer held the lock — too late to matter.
/// - Breaks **convergence**, **linearizability** and **staleness ≤ TTL**: single flight's stale set.
public struct LeasedSingleFlight: CachingStrategy {
    /// The single flight underneath, with its short lease.
    public var base: SingleFlight

    /// Leased single flight with the given TTL and lock lease (default 2 ticks: shorter than any refill of
    /// three calls in serial time).
    public init(ttl: Ticks? = 60, lockLease: Ticks = 2) { base = SingleFlight(ttl: ttl, lockLease: lockLease) }

    public var name: String { "leased-single-flight" }

    public func read(_ key: Key, in env: Environment) async throws -> Value? { try await base.read(key, in: env) }

    public func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await base.write(key, value, in: env)
    }
}
