import CacheAsideCheck

/// Invalidation after the commit: the writer writes the row in a transaction and deletes the cache key
/// once it has committed — what Rails' `after_commit` callback and Django's `transaction.on_commit` give
/// (both documented as the place for cache invalidation and other work that must see committed data).
/// Reads are cache-aside's.
///
/// - No ORM-hook trace: the delete follows the commit, so a reader that misses after the delete reads
///   the new row. `TransactionModelTests` checks that no convergence counterexample has the delete before the
///   commit.
/// - Still **cache-aside's classic race**: the documentation fixes the hook's order, not the reader's. A
///   reader that read the old row before the commit sets it after the delete; the tool finds that, so it
///   breaks convergence, linearizability and staleness ≤ TTL as cache-aside does, and stampede ≤ 1 too.
public struct AfterCommitInvalidation: CachingStrategy {
    /// How long a filled entry lives; `nil` = forever.
    public var ttl: Ticks?

    /// The after-commit model with the given TTL (default 60 ticks).
    public init(ttl: Ticks? = 60) { self.ttl = ttl }

    public var name: String { "after-commit-invalidation" }

    /// Cache-aside's read: the transaction changes only the write path.
    public func read(_ key: Key, in env: Environment) async throws -> Value? {
        try await CacheAside(ttl: ttl).read(key, in: env)
    }

    public func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await env.database.transaction { tx in try await tx.write(key, value) }
        // The `after_commit` / `on_commit` callback.
        try await env.cache.deleteIfAvailable(key)
    }
}
