import CacheAsideCheck

/// Cache calls for strategies that keep answering while the cache is down: each treats
/// `CacheClient.Unavailable` as "no cache" instead of failing the client's operation.
///
/// A cache is an optimisation, so most production code wraps its calls this way; what that costs is
/// visible under the `cache-unavailable` fault — an invalidation that could not reach the cache is a
/// lost delete, and the stale entry it should have removed stays.
extension CacheClient {
    /// `get`, with an unavailable cache answering as a miss, so the caller goes to the database.
    func getIfAvailable(_ key: Key) async throws -> Value? {
        do { return try await get(key) } catch is CacheClient.Unavailable { return nil }
    }

    /// `set`, skipped when the cache is unavailable: the caller already has its value.
    func setIfAvailable(_ key: Key, _ value: Value, ttl: Ticks?) async throws {
        do { try await set(key, value, ttl: ttl) } catch is CacheClient.Unavailable {}
    }

    /// `delete`, skipped when the cache is unavailable: the database write it follows has committed, and
    /// failing the write now would not undo it.
    func deleteIfAvailable(_ key: Key) async throws {
        do { try await delete(key) } catch is CacheClient.Unavailable {}
    }
}

extension CacheClient {
    /// `getWithRemainingTTL`, with an unavailable cache answering as a miss.
    func getWithRemainingTTLIfAvailable(_ key: Key) async throws -> (value: Value, remainingTTL: Ticks?)? {
        do { return try await getWithRemainingTTL(key) } catch is CacheClient.Unavailable { return nil }
    }
}
