import CacheAsideCheck

/// The README's locked cache-aside (refill, and write-and-invalidate, each under the key's lock): the
/// exhaustive proof under cache restarts runs on it.
struct LockedCacheAside: CachingStrategy {
    var ttl: Ticks? = 60

    func read(_ key: Key, in env: Environment) async throws -> Value? {
        if let hit = try await env.cache.get(key) { return hit }
        try await env.lock.acquire(key)
        let row = try await env.database.read(key)
        if let row { try await env.cache.set(key, row, ttl: ttl) }
        try await env.lock.release(key)
        return row
    }

    func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await env.lock.acquire(key)
        try await env.database.write(key, value)
        try await env.cache.delete(key)
        try await env.lock.release(key)
    }
}
