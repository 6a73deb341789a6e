extension Environment {
    /// The process-local cache of this client's host (`Workload.hosts`; clients are assigned to hosts
    /// by slot, slot modulo hosts, and so are workers).
    public var localCache: LocalCacheClient { LocalCacheClient(environment: self) }

    /// A host's process-local cache as one client calls it: a map in memory in front of the shared cache,
    /// shared by the clients of the host, invalidated by TTL or by the messages `CacheClient.trackedGet`
    /// subscribes to. Every call is one step.
    ///
    /// After the host's invalidation connection dropped (the `invalidation-loss` fault, or a restart of
    /// the shared cache), the host's next call throws `Reconnected` and does nothing: the server forgot
    /// what it tracked for the host and its undelivered messages are lost, so the client should `flush()`
    /// (Redis, "Client-side caching": "when the connection is lost, flush the local cache").
    public struct LocalCacheClient: Sendable {
        let environment: Environment

        /// Thrown by the first local-cache call of a host after its invalidation connection dropped.
        public struct Reconnected: Error, Sendable, Hashable, CustomStringConvertible {
            /// `invalidation connection dropped and reconnected`.
            public var description: String { "invalidation connection dropped and reconnected" }
        }

        /// The host index of the calling client (`0` is host `h1`).
        public var host: Int { environment.run.host(of: environment.slot) }

        nonisolated(nonsending) private func localStep<Result>(
            _ action: StepAction, _ effect: (inout World.LocalCache, Ticks) -> (Result, StepOutcome)
        ) async throws -> Result {
            let host = host
            let result: Result? = try await environment.step(action) { world -> (Result?, StepOutcome) in
                if world.invalidations.takeReconnect(host) { return (nil, .reconnected) }
                let now = world.now
                let (result, outcome) = world.withLocalCache(host) { effect(&$0, now) }
                return (result, outcome)
            }
            guard let result else { throw Reconnected() }
            return result
        }

        /// The live value cached locally for `key`, or `nil` on a miss (a placeholder is a miss).
        nonisolated(nonsending) public func get(_ key: Key) async throws -> Value? {
            try await localStep(.localGet(host: host, key)) { local, now in
                let value = local.get(key, at: now)
                return (value, .value(value))
            }
        }

        /// Stores `value` under `key` locally for `ttl` ticks (`nil` = until invalidated or flushed).
        nonisolated(nonsending) public func set(_ key: Key, _ value: Value, ttl: Ticks?) async throws {
            try await localStep(.localSet(host: host, key, value, ttl: ttl)) { local, now in
                local.set(key, value, ttl: ttl, at: now)
                return ((), .done)
            }
        }

        /// Removes `key` from the local cache.
        nonisolated(nonsending) public func delete(_ key: Key) async throws {
            try await localStep(.localDelete(host: host, key)) { local, _ in
                local.delete(key)
                return ((), .done)
            }
        }

        /// Empties the host's local cache.
        nonisolated(nonsending) public func flush() async throws {
            try await localStep(.localFlush(host: host)) { local, _ in
                local.flush()
                return ((), .done)
            }
        }

        /// Puts a placeholder under `key` before a read of the shared cache, and returns its token; an
        /// invalidation of `key` (or a flush, or another placeholder) removes it.
        nonisolated(nonsending) public func placeholder(_ key: Key) async throws -> Int {
            try await localStep(.localPlaceholder(host: host, key)) { local, _ in
                let token = local.placeholder(key)
                return (token, .done)
            }
        }

        /// Stores `value` under `key` only if the placeholder `token` is still there; returns whether it
        /// stored.
        nonisolated(nonsending) public func fill(_ key: Key, _ value: Value, ttl: Ticks?, placeholder token: Int) async throws -> Bool {
            try await localStep(.localFill(host: host, key, value, ttl: ttl, placeholder: token)) { local, now in
                let stored = local.fill(key, value, ttl: ttl, placeholder: token, at: now)
                return (stored, .stored(stored))
            }
        }
    }
}

extension CacheClient {
    /// A get that also makes the shared cache track `key` for this client's host (Redis `CLIENT TRACKING
    /// on`): the next store or delete of `key` sends the host one invalidation message, which removes the
    /// key from the host's local cache when it is delivered (see `World.InvalidationChannel`).
    nonisolated(nonsending) public func trackedGet(_ key: Key) async throws -> Value? {
        let host = environment.run.host(of: environment.slot)
        return try await cacheStep(.cacheTrackedGet(key)) { world in
            let value = world.cache.get(key, at: world.now)
            world.invalidations.track(key, host: host)
            return (value, .value(value))
        }
    }

    /// A lease get (`leaseGet`) that also makes the shared cache track `key` for this client's host, as
    /// `trackedGet` does.
    nonisolated(nonsending) public func trackedLeaseGet(_ key: Key) async throws -> ModelCache.LeaseResult {
        let host = environment.run.host(of: environment.slot)
        return try await cacheStep(.cacheTrackedLeaseGet(key)) { world in
            let result = world.cache.leaseGet(key, at: world.now)
            world.invalidations.track(key, host: host)
            return (result, .lease(result))
        }
    }
}
