/// What one event did to what the cache or the database holds, read off the history once so that every
/// stage replaying contents (the pictures' content rows, staleness against the database) applies the
/// same rules: a store counts only if it took effect (a set, or an add, cas or lease set that stored), a
/// refused, dropped or failed call changes nothing, and only the cache's own restart flushes it.
package enum ContentChange: Sendable, Hashable {
    /// A cache store that took effect.
    case cacheStore(Key, Value, ttl: Ticks?)
    /// A cache delete.
    case cacheDelete(Key)
    /// The cache restarted: every entry is gone.
    case cacheFlush
    /// The database committed a row.
    case rowWritten(Key, Value)
    /// The database removed a row.
    case rowDeleted(Key)
    /// A transaction committed: every row it wrote (`nil` = deleted) changed at once, at the commit step,
    /// which is where a transactional write takes effect.
    case rowsCommitted([ChangeLog.Entry])
}

extension HistoryEvent {
    /// What this event changed in the cache or the database, if anything.
    package var contentChange: ContentChange? {
        if restartsTheCache { return .cacheFlush }
        guard case .step(let step) = kind else { return nil }
        switch (step.action, step.outcome) {
        case (_, .fault), (_, .silentlyDropped): return nil
        case (.cacheSet(let key, let value, let ttl), _),
            (.cacheAdd(let key, let value, let ttl), .stored(true)),
            (.cacheCompareAndSet(let key, let value, let ttl, _), .stored(true)),
            (.cacheLeaseSet(let key, let value, let ttl, _), .stored(true)):
            return .cacheStore(key, value, ttl: ttl)
        case (.cacheDelete(let key), _): return .cacheDelete(key)
        case (.databaseWrite(let key, let value), _): return .rowWritten(key, value)
        case (.databaseDelete(let key), _): return .rowDeleted(key)
        case (.databaseCommit, .entries(let written)): return .rowsCommitted(written)
        default: return nil
        }
    }

    /// Whether this is the cache restarting (every entry lost): a fault of the simulation's own, which no
    /// actor owns. A worker's fault (it crashed, or a cache error escaped it, and it restarts) carries the
    /// worker, and a client's crash is `.crashed` with the client: neither touches the cache.
    package var restartsTheCache: Bool {
        guard actor == nil, case .fault = kind else { return false }
        return true
    }
}
