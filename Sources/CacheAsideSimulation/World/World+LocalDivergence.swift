extension World {
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
            if value == .noRow ? row != nil : value != row { return (host, entry) }
        }
        return nil
    }
}
