extension CacheClient {
    /// The cached value of `key` with how many ticks it has left to live (`nil` remaining = no TTL), or
    /// `nil` on a miss — memcached's meta get with the `t` flag, or Redis `GET` + `PTTL` in one round trip.
    ///
    /// Early-refresh strategies need the remaining TTL to decide whether to refresh before expiry; the
    /// cache stores nothing but values, so it has to come from the cache itself. The step is recorded
    /// as a `cache.get`, so histories, lanes and the stampede property treat it exactly like one.
    nonisolated(nonsending) public func getWithRemainingTTL(_ key: Key) async throws -> (value: Value, remainingTTL: Ticks?)? {
        let action = StepAction.cacheGet(key)
        return try await environment.step(action) { world in
            if environment.run.faultFires(.cacheUnavailable) { throw CacheClient.Unavailable(call: action.callDescription) }
            guard let entry = world.cache.entry(key, at: world.now) else { return (nil, .value(nil)) }
            return ((entry.value, entry.expiresAt.map { $0 - world.now }), .value(entry.value))
        }
    }
}
