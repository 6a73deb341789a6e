import CacheAsideCheck

/// `LocalCacheTracking` with the fix the Redis client-side caching guide documents
/// (https://redis.io/docs/latest/develop/reference/client-side-caching/, "Avoiding race conditions"):
/// before a local miss asks the shared cache, the reader puts a placeholder under the key in its local
/// cache; an invalidation (or a flush) removes it; the reply is stored only if the placeholder is still
/// there. An invalidation delivered before the reply now removes the placeholder, so the old row is not
/// stored.
///
/// With `flushesOnReconnect` false (`local-cache-tracking-placeholder-no-flush`) the host keeps its local
/// cache after its invalidation connection dropped, which the guide warns against: the messages lost with
/// the connection never arrive.
///
/// - Keeps **convergence** without faults: the reply/invalidation race is gone, the shared level has
///   leases, and every message is delivered in the end. The tool agrees with the guide. Under
///   `invalidation-loss` it keeps it only by flushing on reconnect: without the flush a lost message
///   leaves the old row in the host's local cache for good.
/// - Breaks **linearizability**: messages are asynchronous, so a host may serve the old row after a
///   write returned, until its message arrives; the placeholder closes the race, not the lag.
/// - Keeps **staleness ≤ TTL**: a stale local read lasts only as long as a message lags.
/// - Keeps **stampede ≤ 1**: the shared level's leases.
public struct LocalCacheTrackingPlaceholder: CachingStrategy {
    /// How long a filled shared entry lives; `nil` = forever.
    public var ttl: Ticks?
    /// Whether a host flushes its local cache when it learns its invalidation connection dropped.
    public var flushesOnReconnect: Bool

    /// A tracked local cache with placeholders in front of leases with `ttl`.
    public init(ttl: Ticks? = 60, flushesOnReconnect: Bool = true) {
        self.ttl = ttl
        self.flushesOnReconnect = flushesOnReconnect
    }

    public var name: String { flushesOnReconnect ? "local-cache-tracking-placeholder" : "local-cache-tracking-placeholder-no-flush" }

    public func read(_ key: Key, in env: Environment) async throws -> Value? {
        let local = env.localCache
        if let hit = try await local.afterReconnect(flushing: flushesOnReconnect, { try await $0.get(key) }) { return hit }
        let placeholder = try await local.afterReconnect(flushing: flushesOnReconnect) { try await $0.placeholder(key) }
        let value = try await Lease(ttl: ttl).read(key, in: env, tracked: true)
        if let value {
            _ = try await local.afterReconnect(flushing: flushesOnReconnect) {
                try await $0.fill(key, value, ttl: nil, placeholder: placeholder)
            }
        }
        return value
    }

    public func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await Lease(ttl: ttl).write(key, value, in: env)
    }
}
