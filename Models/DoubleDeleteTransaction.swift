import CacheAsideCheck

/// Delete before and after the transaction: the writer deletes the key, writes the row in a transaction,
/// and deletes the key again once it has committed — the "double delete" often recommended for
/// invalidation around a transaction. Reads are cache-aside's.
///
/// - The second delete comes after the commit, so the ORM hook's stale set (a fill of the old row between
///   the first delete and the commit) is removed again: that trace does not survive.
/// - But the second delete follows the commit at once, so a reader that read the old row before the
///   commit and sets it after the second delete still wins: cache-aside's classic race. The first delete
///   buys nothing that the second does not; the tool breaks convergence, linearizability, staleness ≤ TTL
///   and stampede ≤ 1 as for `after-commit-invalidation`.
public struct DoubleDeleteTransaction: CachingStrategy {
    /// How long a filled entry lives; `nil` = forever.
    public var ttl: Ticks?

    /// The double-delete model with the given TTL (default 60 ticks).
    public init(ttl: Ticks? = 60) { self.ttl = ttl }

    public var name: String { "double-delete-transaction" }

    /// Cache-aside's read: the transaction changes only the write path.
    public func read(_ key: Key, in env: Environment) async throws -> Value? {
        try await CacheAside(ttl: ttl).read(key, in: env)
    }

    public func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await env.cache.deleteIfAvailable(key)
        try await env.database.transaction { tx in try await tx.write(key, value) }
        try await env.cache.deleteIfAvailable(key)
    }
}
