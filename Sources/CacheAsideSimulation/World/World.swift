/// The simulated world a run acts on: the model cache, the model database and the logical clock.
///
/// User invariants receive it after every step; the convergence property reads it once the run is quiet.
public struct World: Sendable, Equatable {
    /// The cache.
    public internal(set) var cache: ModelCache
    /// The database.
    public internal(set) var database: ModelDatabase
    /// The current tick. Every step advances it by one; a clock jump may advance it further.
    public internal(set) var now: Ticks = 0
    /// The work queue: what clients hand to background workers (`env.queue`), e.g. a write-behind
    /// cache's acknowledged writes or refresh-ahead's refresh requests. Empty unless a strategy uses it.
    public internal(set) var queue = ChangeLog()
    /// The keys the workload uses.
    public let keys: [Key]
    /// Each host's process-local cache, by host index (`Workload.hosts`); empty until a run on one host
    /// first uses its local cache, so that a world without local caching allocates nothing for them.
    public package(set) var localCaches: [LocalCache] = []
    /// The invalidation messages on their way from the shared cache to the hosts' local caches.
    package var invalidations = InvalidationChannel(hosts: 1)

    /// A world with a cold cache and every key holding `v0`, except the `absent` ones.
    public init(keys: [Key], leaseTTL: Ticks? = nil, absent: Set<Key> = []) {
        self.keys = keys
        cache = ModelCache(leaseTTL: leaseTTL)
        database = ModelDatabase(keys: keys, absent: absent)
    }

    /// The keys whose live entry in the shared cache or in any host's local cache differs from the
    /// database row, in key order.
    public var divergentKeys: [Key] {
        keys.filter { key in
            if divergentLocalEntry(key) != nil { return true }
            guard let cached = cache.get(key, at: now) else { return false }
            return Self.disagrees(cached, withRow: database.read(key))
        }
    }

    /// Whether a cached `value` says something other than the database's `row`: a negative entry
    /// (`Value.noRow`) agrees with a key that has no row.
    package static func disagrees(_ value: Value, withRow row: Value?) -> Bool {
        value == .noRow ? row != nil : value != row
    }
}
