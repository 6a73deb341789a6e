/// What the cache and the database held for each key over time, as spans: the part of a `RunModel` a
/// picture draws in its content rows.
///
/// The spans are read off what the run recorded changing the cache and the database, and the world's own
/// types apply it, so their rules — not a copy of them — decide how long an entry lives: each store that
/// took effect (a set, or an add, cas or lease set that stored) goes into a `ModelCache`, a delete takes
/// its key out, and an entry's TTL ends it where `ModelCache.entry(_:at:)` stops seeing it (an entry whose
/// TTL is zero or less replaces the old one but is never seen, so it has no span). Only the cache's own
/// restart (`HistoryEvent.restartsTheCache`) flushes every entry: a worker's or a client's crash is that
/// actor's event and ends nothing. A refused, dropped or failed call changes nothing.
///
/// Rows start as `v0` but for the plan's absent keys, which start with no row; the cache starts with the
/// plan's warm entries (the key's initial row, as `SimulationRun.warmUp` stores it); a row holds until a
/// database write or delete.
struct RunContents {
    /// The cache's spans, in the order they began (then by key).
    private(set) var cache: [RunModel.ContentSpan] = []
    /// The database's spans, in the order they began (then by key).
    private(set) var database: [RunModel.ContentSpan] = []

    /// The contents of `keys` over `history`, starting with no row for the `absent` keys and with the
    /// `warm` entries (key → the tick its entry expires) in the cache.
    init(of history: History, keys: [Key], absent: Set<Key> = [], warm: [Key: Ticks] = [:]) {
        var model = ModelCache()
        var cached: [Key: RunModel.ContentSpan] = [:]
        var rows: [Key: RunModel.ContentSpan] = [:]
        func span(_ key: Key, _ value: Value, from tick: Ticks, event: Int, expiresAt: Ticks?) -> RunModel.ContentSpan {
            RunModel.ContentSpan(
                key: key.description, value: value.description, from: tick, fromEvent: event, until: nil,
                untilEvent: nil, expiresAt: expiresAt)
        }
        for key in keys where !absent.contains(key) {
            rows[key] = span(key, .initial, from: 0, event: -1, expiresAt: nil)
            if let expiry = warm[key] {
                model.set(key, .initial, ttl: expiry, at: 0)
                if let entry = model.entry(key, at: 0) {
                    cached[key] = span(key, .initial, from: 0, event: -1, expiresAt: entry.expiresAt)
                }
            }
        }
        /// Ends `key`'s entry, if it has one, at event `index`.
        func evict(_ key: Key, at tick: Ticks, event index: Int) {
            guard var ended = cached.removeValue(forKey: key) else { return }
            ended.until = tick
            ended.untilEvent = index
            cache.append(ended)
        }
        func endRow(_ key: Key, at tick: Ticks, event index: Int) {
            guard var ended = rows.removeValue(forKey: key) else { return }
            ended.until = tick
            ended.untilEvent = index
            database.append(ended)
        }
        for (index, event) in history.events.enumerated() {
            // Entries whose TTL ran out by this event are gone, whether or not anyone looked.
            for (key, held) in cached.sorted(by: { $0.key < $1.key }) where model.entry(key, at: event.tick) == nil {
                var expired = held
                expired.until = held.expiresAt
                cache.append(expired)
                cached[key] = nil
            }
            switch event.contentChange {
            case .cacheFlush:
                model.flushAll()
                for key in cached.keys.sorted() { evict(key, at: event.tick, event: index) }
            case .cacheStore(let key, let value, let ttl):
                evict(key, at: event.tick, event: index)
                model.set(key, value, ttl: ttl, at: event.tick)
                if let entry = model.entry(key, at: event.tick) {
                    cached[key] = span(key, value, from: event.tick, event: index, expiresAt: entry.expiresAt)
                }
            case .cacheDelete(let key):
                model.delete(key)
                evict(key, at: event.tick, event: index)
            case .rowWritten(let key, let value):
                endRow(key, at: event.tick, event: index)
                rows[key] = span(key, value, from: event.tick, event: index, expiresAt: nil)
            case .rowDeleted(let key):
                endRow(key, at: event.tick, event: index)
            case .rowsCommitted(let written):
                for entry in written {
                    endRow(entry.key, at: event.tick, event: index)
                    if let value = entry.value {
                        rows[entry.key] = span(entry.key, value, from: event.tick, event: index, expiresAt: nil)
                    }
                }
            case nil: break
            }
        }
        func order(_ a: RunModel.ContentSpan, _ b: RunModel.ContentSpan) -> Bool {
            (a.fromEvent, a.key) < (b.fromEvent, b.key)
        }
        cache = (cache + cached.values).sorted(by: order)
        database = (database + rows.values).sorted(by: order)
    }
}
