/// The cache as the simulation models it: a memcached-like key-value store with TTLs, add, gets/cas and
/// memcache-style leases.
///
/// Every method takes the current tick because expiry is evaluated lazily against the logical clock: an
/// entry set at tick `t` with TTL `T` is visible at ticks `t ..< t + T` and absent from `t + T` on. So a
/// TTL of zero or less stores an entry that has already expired (it still replaces the old entry and
/// voids its leases, as memcached's negative expiry does), `nil` means no expiry, and a TTL reaching
/// past `Ticks.max` ends there (see `TickArithmetic.swift`). Lease TTLs read the same way.
public struct ModelCache: Sendable, Equatable {
    /// One stored entry.
    public struct Entry: Sendable, Equatable {
        /// The cached value.
        public var value: Value
        /// The first tick at which the entry is gone, or `nil` for no TTL.
        public var expiresAt: Ticks?
        /// The `gets`/`cas` unique: changes on every store, so a `cas` detects any store in between.
        public var casUnique: Int
    }

    /// The result of a memcache-style lease get.
    public enum LeaseResult: Sendable, Hashable {
        /// The key was cached.
        case hit(Value)
        /// The key was missing and this caller now holds the lease: it should load and `leaseSet`.
        case miss(token: Int)
        /// The key was missing and another caller holds the lease: wait and retry, or read around the cache.
        case missLeaseHeld
    }

    private var entries = KeyTable<Entry>()
    /// Outstanding lease tokens per key; a delete or a store voids them.
    private var leases = KeyTable<(token: Int, expiresAt: Ticks?)>()
    /// The last cas unique or lease token handed out per key. Numbered per key rather than cache-wide (as
    /// memcached does) so that stores to different keys commute exactly — exhaustive search swaps them —
    /// while a `cas` still sees any store in between; never reset, not even by a restart, so a unique from
    /// before a delete or restart cannot match a later entry.
    private var issued = KeyTable<Int>()

    /// Each key's generation counter (`env.cache.generation`, `bumpGeneration`): a counter kept beside
    /// the entry, as a Redis `INCR` on a companion key is; absent = 0. A restart loses it with the entries.
    var generations = KeyTable<Int>()

    /// How long a lease lasts before another miss may take a new one; `nil` = until voided or used.
    public var leaseTTL: Ticks?

    /// An empty (cold) cache.
    public init(leaseTTL: Ticks? = nil) { self.leaseTTL = leaseTTL }

    /// Equal when the entries, the uniques issued and the outstanding lease tokens are; when each lease
    /// would end is not compared.
    public static func == (lhs: ModelCache, rhs: ModelCache) -> Bool {
        lhs.entries == rhs.entries && lhs.issued == rhs.issued && lhs.leases.matches(rhs.leases) { $0.token == $1.token }
            && lhs.generations == rhs.generations
    }

    /// The live entry for `key` at tick `now`, if any.
    public func entry(_ key: Key, at now: Ticks) -> Entry? {
        guard let entry = entries[key] else { return nil }
        if let expiry = entry.expiresAt, now >= expiry { return nil }
        return entry
    }

    /// The value cached for `key` at tick `now`, if any.
    public func get(_ key: Key, at now: Ticks) -> Value? { entry(key, at: now)?.value }

    /// The keys with a live entry at tick `now`, in key order.
    public func liveKeys(at now: Ticks) -> [Key] { entries.keys.filter { entry($0, at: now) != nil }.sorted() }

    /// Stores `value` unconditionally.
    public mutating func set(_ key: Key, _ value: Value, ttl: Ticks?, at now: Ticks) {
        entries[key] = Entry(value: value, expiresAt: ttl.map { now.advanced(saturatingBy: $0) }, casUnique: issue(key))
        leases[key] = nil
    }

    /// Stores `value` only if `key` has no live entry; returns whether it stored.
    public mutating func add(_ key: Key, _ value: Value, ttl: Ticks?, at now: Ticks) -> Bool {
        guard entry(key, at: now) == nil else { return false }
        set(key, value, ttl: ttl, at: now)
        return true
    }

    /// Removes `key`'s entry and voids any lease on it.
    public mutating func delete(_ key: Key) {
        entries[key] = nil
        leases[key] = nil
    }

    /// The next unique or token for `key`.
    private mutating func issue(_ key: Key) -> Int {
        let next = (issued[key] ?? 0) + 1
        issued[key] = next
        return next
    }

    /// Whether a step on `key` at one tick could differ from the same step at another: an entry or lease
    /// with an expiry is live or not depending on when it is read, and leases taken now expire (`leaseTTL`).
    package func hasExpiringState(_ key: Key) -> Bool {
        if entries[key]?.expiresAt != nil { return true }
        if let lease = leases[key], lease.expiresAt != nil { return true }
        return false
    }

    /// Whether the cache holds no entry and no lease: a restart would change nothing.
    package var isEmpty: Bool { entries.isEmpty && leases.isEmpty && generations.isEmpty }

    /// Removes every entry and lease, as a restarted cache process would.
    public mutating func flushAll() {
        entries.removeAll()
        leases.removeAll()
        generations.removeAll()
    }

    /// The live value and its cas unique.
    public func gets(_ key: Key, at now: Ticks) -> (value: Value, casUnique: Int)? {
        entry(key, at: now).map { ($0.value, $0.casUnique) }
    }

    /// Stores `value` only if the entry is live and still carries `casUnique`; returns whether it stored.
    public mutating func cas(_ key: Key, _ value: Value, ttl: Ticks?, casUnique: Int, at now: Ticks) -> Bool {
        guard let current = entry(key, at: now), current.casUnique == casUnique else { return false }
        set(key, value, ttl: ttl, at: now)
        return true
    }

    /// A lease get (Nishtala et al., "Scaling Memcache at Facebook", NSDI 2013, §3.2.1): a hit returns the
    /// value; the first miss hands out a token; later misses while that lease is outstanding get none.
    public mutating func leaseGet(_ key: Key, at now: Ticks) -> LeaseResult {
        if let value = get(key, at: now) { return .hit(value) }
        if let lease = leases[key], lease.expiresAt.map({ now < $0 }) ?? true { return .missLeaseHeld }
        let token = issue(key)
        leases[key] = (token, leaseTTL.map { now.advanced(saturatingBy: $0) })
        return .miss(token: token)
    }

    /// Stores `value` only if `token` is the outstanding lease on `key` (not voided by a delete, a store or
    /// expiry); returns whether it stored.
    public mutating func leaseSet(_ key: Key, _ value: Value, ttl: Ticks?, token: Int, at now: Ticks) -> Bool {
        guard let lease = leases[key], lease.token == token, lease.expiresAt.map({ now < $0 }) ?? true else {
            return false
        }
        set(key, value, ttl: ttl, at: now)
        return true
    }
}
