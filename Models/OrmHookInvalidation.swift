import CacheAsideCheck

/// Invalidation from an ORM hook that runs inside the transaction: the writer writes the row in a
/// transaction and deletes the cache key from a hook that fires before the commit — Rails' `after_save`
/// (the Rails guide, "Active Record Callbacks", warns that `after_save` runs inside the transaction and
/// points to `after_commit` for work that must see the committed row) or a Django `post_save` signal
/// (Django's "Database transactions" docs introduce `transaction.on_commit` for exactly this). Reads are
/// cache-aside's.
///
/// - Breaks **convergence** and **linearizability** without any other client's help beyond one read:
///   the writer begins and writes, the hook deletes the key, a reader misses, reads the *still committed*
///   old row and sets it, and only then the writer commits. The cache holds the old row until the TTL
///   ends. This is the trace the shrinker reduces a failure to (`TransactionModelTests` pins it), and the
///   tool agrees with the frameworks' documentation.
/// - Breaks **staleness ≤ TTL** and **stampede ≤ 1** for cache-aside's reasons, and keeps cache-aside's
///   classic race too (a reader that read the old row before the writer began sets it after the delete).
public struct OrmHookInvalidation: CachingStrategy {
    /// How long a filled entry lives; `nil` = forever.
    public var ttl: Ticks?

    /// The ORM-hook model with the given TTL (default 60 ticks).
    public init(ttl: Ticks? = 60) { self.ttl = ttl }

    public var name: String { "orm-hook-invalidation" }

    /// Cache-aside's read: the transaction changes only the write path.
    public func read(_ key: Key, in env: Environment) async throws -> Value? {
        try await CacheAside(ttl: ttl).read(key, in: env)
    }

    public func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await env.database.transaction { tx in
            try await tx.write(key, value)
            // The `after_save` hook: it runs before the transaction commits.
            try await env.cache.deleteIfAvailable(key)
        }
    }
}
