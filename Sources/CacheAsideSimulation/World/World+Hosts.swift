/// The world's hosts: their local caches, created on first use, and what convergence reads of them.
extension World {
    /// Gives the world one local cache per host and a channel between them and the shared cache.
    package mutating func addHosts(_ hosts: Int) {
        guard hosts > 1 else { return }
        localCaches = Array(repeating: LocalCache(), count: hosts)
        invalidations = InvalidationChannel(hosts: hosts)
    }

    /// Runs `body` on host `host`'s local cache, creating the hosts' local caches on first use.
    mutating func withLocalCache<Result>(_ host: Int, _ body: (inout LocalCache) -> Result) -> Result {
        if localCaches.isEmpty { localCaches = Array(repeating: LocalCache(), count: invalidations.hosts) }
        return body(&localCaches[host])
    }

    /// The first host (by index) whose live local entry for `key` differs from the database row, with
    /// that entry.
    ///
    /// A host whose invalidation connection dropped and that has made no local-cache call since is left
    /// out: it serves nothing before its next call reports the reconnect, and its strategy decides then
    /// whether to flush, so what its local cache holds now is not what it would serve.
    package func divergentLocalEntry(_ key: Key) -> (host: Int, entry: LocalCache.Entry)? {
        let row = database.read(key)
        for (host, local) in localCaches.enumerated() where !invalidations.awaitsReconnect(host) {
            guard let entry = local.entry(key, at: now), let value = entry.value else { continue }
            if Self.disagrees(value, withRow: row) { return (host, entry) }
        }
        return nil
    }
}
