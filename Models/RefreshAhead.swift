import CacheAsideCheck

/// Refresh-ahead with a background refresher (Oracle Coherence's refresh-ahead factor): a hit that finds
/// its entry in the last `refreshAhead` ticks of its TTL returns at once and queues the key; a
/// **refresher** worker reloads queued keys from the database and sets them with a fresh TTL. Unlike
/// `early-refresh`, the reader never pays for the reload. Misses and writes are cache-aside's.
///
/// - Keeps a hot key from expiring while it is read (the refresher's set renews it), so misses at
///   expiry fall toward zero, at the price of a reload per queued request — duplicates included: every
///   reader in the window queues the key.
/// - Breaks **convergence**, **linearizability** and **staleness ≤ TTL**: the refresher's reload is a
///   refill like any other, and races a write as a reader's does — it reads the old row, the writer
///   writes and deletes, the refresher sets the old row with a fresh TTL.
/// - Breaks **stampede ≤ 1** for cold and invalidated keys, which still miss as in cache-aside.
public struct RefreshAhead: CachingStrategy {
    /// How long a filled entry lives; `nil` = forever (and then nothing is refreshed).
    public var ttl: Ticks?
    /// Queue a refresh when a hit finds at most this many ticks left.
    public var refreshAhead: Ticks

    /// Refresh-ahead with the given TTL; by default it refreshes in the last fifth of the TTL.
    public init(ttl: Ticks? = 60, refreshAhead: Ticks? = nil) {
        self.ttl = ttl
        self.refreshAhead = refreshAhead ?? max(1, (ttl ?? 0) / 5)
    }

    public var name: String { "refresh-ahead" }

    public var workers: [any BackgroundWorker] { [Refresher(ttl: ttl)] }

    public func read(_ key: Key, in env: Environment) async throws -> Value? {
        guard let cached = try await env.cache.getWithRemainingTTLIfAvailable(key) else {
            return try await CacheAside(ttl: ttl).load(key, in: env)
        }
        if let remaining = cached.remainingTTL, remaining <= refreshAhead { try await env.queue.append(key, nil) }
        return cached.value
    }

    public func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await CacheAside(ttl: ttl).write(key, value, in: env)
    }
}

/// The refresher of `RefreshAhead`: reloads each queued key and sets it with a fresh TTL.
struct Refresher: BackgroundWorker {
    var ttl: Ticks?

    var name: String { "refresher" }

    func run(from position: Int, in env: Environment) async throws {
        var position = position
        while true {
            for request in try await env.queue.entries(after: position) {
                _ = try await CacheAside(ttl: ttl).load(request.key, in: env)
                position = request.position
            }
        }
    }
}
