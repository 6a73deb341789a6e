import CacheAsideCheck

/// `versioned-set` with a transactional writer: the write commits in a transaction, and then, as in
/// `VersionedSet`, the writer installs the primary's current row by `gets`/`cas` (deleting as a last
/// resort). Reads fill with `add` from a versioned read, so a stale fill never overwrites an entry.
///
/// - The install runs after the commit, so the row it reads from the primary is the committed one; the
///   transaction changes nothing else, and the verdicts are `versioned-set`'s: **convergence** and
///   **staleness ≤ TTL** hold without faults, **linearizability** and **stampede ≤ 1** break (see
///   `VersionedSet` for the races).
public struct TransactionalVersionedSet: CachingStrategy {
    /// The versioned set whose reads and install loop this model uses.
    public var base: VersionedSet

    /// The transactional versioned set with the given TTL.
    public init(ttl: Ticks? = 60, casAttempts: Int = 8) { base = VersionedSet(ttl: ttl, casAttempts: casAttempts) }

    public var name: String { "versioned-set-transaction" }

    public func read(_ key: Key, in env: Environment) async throws -> Value? { try await base.read(key, in: env) }

    public func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await env.database.transaction { tx in try await tx.write(key, value) }
        try await base.installAfterWrite(key, in: env)
    }
}
