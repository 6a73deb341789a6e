extension CacheClient {
    /// `key`'s generation counter (0 before the first bump), one step: a reader takes it before its
    /// database read and compares it before its set, to tell whether a writer bumped it in between.
    /// Kept in the cache beside the entry, like a Redis `INCR` counter, so a cache restart resets it.
    nonisolated(nonsending) public func generation(_ key: Key) async throws -> Int {
        try await cacheStep(.cacheGeneration(key)) { world in
            let generation = world.cache.generation(key)
            return (generation, .count(generation))
        }
    }

    /// Increments `key`'s generation counter and returns the new generation, one step (Redis `INCR`).
    @discardableResult
    nonisolated(nonsending) public func bumpGeneration(_ key: Key) async throws -> Int {
        try await cacheStep(.cacheBumpGeneration(key)) { world in
            let generation = world.cache.bumpGeneration(key)
            return (generation, .count(generation))
        }
    }
}
