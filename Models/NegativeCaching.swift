import CacheAsideCheck

/// Negative caching: cache-aside that also remembers absences — a miss that finds no row caches
/// `Value.noRow` for `negativeTTL` ticks, so lookups of keys that do not exist stop reaching the
/// database (the DNS idea, RFC 2308, applied to rows). The write path is written for *updates*: it
/// reads whether the row exists, writes it, and deletes the cached entry only if there was a row to
/// change; an insert invalidates nothing. `NegativeCachingInvalidatingOnInsert` is the fix.
///
/// Checked with absent keys (`--absent-keys`): every claim below is about a key that starts with no row.
/// - Breaks **convergence** and **linearizability** with no race at all: a reader caches "no row", a
///   writer inserts the row and does not invalidate, and every read answers "no row" — a completed
///   write unseen — until the negative entry expires. The negative TTL bounds it; nothing else does.
/// - Keeps nothing cache-aside lacks: the stale set of present rows is unchanged, and so is the stampede.
/// - Staleness is measured on values returned, so an absence returned late does not show in it:
///   linearizability is the property that sees negative entries.
public struct NegativeCaching: CachingStrategy {
    /// How long a filled entry lives; `nil` = forever.
    public var ttl: Ticks?
    /// How long a "no row" entry lives; shorter than `ttl`, as negative TTLs usually are.
    public var negativeTTL: Ticks?

    /// Negative caching with the given TTL; the negative TTL defaults to a third of it.
    public init(ttl: Ticks? = 60, negativeTTL: Ticks? = nil) {
        self.ttl = ttl
        self.negativeTTL = negativeTTL ?? ttl.map { max(1, $0 / 3) }
    }

    public var name: String { "negative-caching" }

    public func read(_ key: Key, in env: Environment) async throws -> Value? {
        if let hit = try await env.cache.get(key) { return hit == .noRow ? nil : hit }
        let row = try await env.database.read(key)
        try await env.cache.set(key, row ?? .noRow, ttl: row == nil ? negativeTTL : ttl)
        return row
    }

    public func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        let existed = try await env.database.read(key) != nil
        try await env.database.write(key, value)
        if existed { try await env.cache.delete(key) }
    }
}

/// Negative caching whose writes always invalidate, inserts included (a write deletes the key whatever
/// it found): the negative entry no longer hides an insert by itself.
///
/// - Still breaks **convergence** and **linearizability**: cache-aside's stale set, now for absences — a
///   reader reads "no row", a writer inserts and deletes, the reader caches "no row" over the insert
///   for a negative TTL.
/// - Otherwise cache-aside's verdicts: the stale set of present rows, the stampede.
public struct NegativeCachingInvalidatingOnInsert: CachingStrategy {
    /// The negative cache whose reads this uses.
    public var base: NegativeCaching

    /// The variant with the given TTL.
    public init(ttl: Ticks? = 60, negativeTTL: Ticks? = nil) { base = NegativeCaching(ttl: ttl, negativeTTL: negativeTTL) }

    public var name: String { "negative-caching-invalidate-on-insert" }

    public func read(_ key: Key, in env: Environment) async throws -> Value? { try await base.read(key, in: env) }

    public func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await env.database.write(key, value)
        try await env.cache.delete(key)
    }
}
