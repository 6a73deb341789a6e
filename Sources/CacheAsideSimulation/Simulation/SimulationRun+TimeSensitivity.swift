extension SimulationRun {
    /// Whether `action`, about to run, could return or leave something different at another tick — so
    /// exhaustive search must not move it in time by swapping it with a step it otherwise commutes with.
    ///
    /// The database keeps no clock (the ticks its change log records are read only by background workers,
    /// and runs with workers are searched without reduction), so its reads and writes never depend on
    /// the tick. A cache step does when its key holds an entry or lease with an expiry, or when it stores
    /// with a TTL or takes a lease that expires. Locks, sleeps and log reads are treated as always
    /// depending on it.
    func stepObservesTime(_ action: StepAction) -> Bool {
        switch action {
        case .databaseRead, .databaseVersionedRead, .databaseWrite, .databaseDelete, .queueAppend: false
        // A transaction keeps no clock either (its commit stamps the change log as a write does).
        case .databaseBegin, .databaseCommit, .databaseRollback, .transactionRead, .transactionWrite,
            .transactionDelete:
            false
        // Generation counters never expire.
        case .cacheGeneration, .cacheBumpGeneration: false
        case .cacheDelete: false
        case .cacheSet(let key, _, let ttl): ttl != nil || world.cache.hasExpiringState(key)
        case .cacheAdd(let key, _, let ttl), .cacheCompareAndSet(let key, _, let ttl, _),
            .cacheLeaseSet(let key, _, let ttl, _):
            ttl != nil || world.cache.hasExpiringState(key)
        case .cacheGet(let key), .cacheGets(let key): world.cache.hasExpiringState(key)
        case .cacheLeaseGet(let key): world.cache.leaseTTL != nil || world.cache.hasExpiringState(key)
        case .databaseChanges, .queueEntries, .sleep, .lockAcquire, .lockRelease: true
        case .cacheTrackedGet(let key): world.cache.hasExpiringState(key)
        case .cacheTrackedLeaseGet(let key): world.cache.leaseTTL != nil || world.cache.hasExpiringState(key)
        case .localGet(let host, let key), .localPlaceholder(let host, let key), .localDelete(let host, let key):
            world.localCaches.indices.contains(host) && world.localCaches[host].hasExpiringState(key)
        case .localSet(let host, let key, _, let ttl), .localFill(let host, let key, _, let ttl, _):
            ttl != nil || (world.localCaches.indices.contains(host) && world.localCaches[host].hasExpiringState(key))
        case .localFlush, .invalidationsDelivered, .invalidationsLost: true
        }
    }
}
