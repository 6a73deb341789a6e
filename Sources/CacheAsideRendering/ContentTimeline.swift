/// Replays a history's effects to learn what the cache and the database held for each key over time, so a
/// picture can draw the contents beside the calls.
///
/// It follows the same rules as `ModelCache` and `ModelDatabase` but only from what the history records:
/// the cache starts empty but for the plan's warm entries (`v0`, expiring at their tick), and every row
/// starts as `v0` but for the plan's absent keys, which start with no row; a stored set, add, compare-and-set or lease set
/// holds until a delete, an overwrite, a cache restart or its TTL (an entry expires at the tick
/// `set + ttl`, as `ModelCache.entry(_:at:)` decides); a row holds until a database write or delete; a
/// dropped or refused call changes nothing.
struct ContentTimeline {
    let keys: [Key]
    /// The keys that start with no row (`WorkloadPlan.absentKeys`).
    var absent: Set<Key> = []
    /// The keys whose row starts in the cache, with the tick that entry expires (`WorkloadPlan.warmEntries`).
    var warm: [Key: Ticks] = [:]

    func spans(of history: History) -> (cache: [RunModel.ContentSpan], database: [RunModel.ContentSpan]) {
        var cache: [RunModel.ContentSpan] = []
        var database: [RunModel.ContentSpan] = []
        var cached: [Key: RunModel.ContentSpan] = [:]
        var rows: [Key: RunModel.ContentSpan] = [:]
        for key in keys where !absent.contains(key) {
            rows[key] = RunModel.ContentSpan(
                key: key.description, value: Value.initial.description, from: 0, fromEvent: -1, until: nil,
                untilEvent: nil, expiresAt: nil)
            if let expiry = warm[key] {
                cached[key] = RunModel.ContentSpan(
                    key: key.description, value: Value.initial.description, from: 0, fromEvent: -1, until: nil,
                    untilEvent: nil, expiresAt: expiry)
            }
        }
        func end(_ key: Key, at tick: Ticks, event: Int?) {
            guard var span = cached.removeValue(forKey: key) else { return }
            span.until = span.expiresAt.map { min($0, tick) } ?? tick
            span.untilEvent = span.until == tick ? event : nil
            cache.append(span)
        }
        func endRow(_ key: Key, at tick: Ticks, event: Int) {
            guard var previous = rows.removeValue(forKey: key) else { return }
            previous.until = tick
            previous.untilEvent = event
            database.append(previous)
        }
        func store(_ key: Key, _ value: Value, ttl: Ticks?, tick: Ticks, index: Int) {
            end(key, at: tick, event: index)
            cached[key] = RunModel.ContentSpan(
                key: key.description, value: value.description, from: tick, fromEvent: index, until: nil,
                untilEvent: nil, expiresAt: ttl.map { tick.advanced(saturatingBy: $0) })
        }
        for (index, event) in history.events.enumerated() {
            // Entries whose TTL ran out before this event are gone, whether or not anyone looked.
            for (key, span) in cached where span.expiresAt.map({ $0 <= event.tick }) ?? false {
                end(key, at: span.expiresAt!, event: nil)
            }
            switch event.kind {
            case .fault:
                for key in cached.keys.sorted() { end(key, at: event.tick, event: index) }
            case .step(let step):
                switch (step.action, step.outcome) {
                case (_, .fault), (_, .silentlyDropped): break
                case (.cacheSet(let key, let value, let ttl), _),
                    (.cacheAdd(let key, let value, let ttl), .stored(true)),
                    (.cacheCompareAndSet(let key, let value, let ttl, _), .stored(true)),
                    (.cacheLeaseSet(let key, let value, let ttl, _), .stored(true)):
                    store(key, value, ttl: ttl, tick: event.tick, index: index)
                case (.cacheDelete(let key), _):
                    end(key, at: event.tick, event: index)
                case (.databaseWrite(let key, let value), _):
                    endRow(key, at: event.tick, event: index)
                    rows[key] = RunModel.ContentSpan(
                        key: key.description, value: value.description, from: event.tick, fromEvent: index,
                        until: nil, untilEvent: nil, expiresAt: nil)
                case (.databaseDelete(let key), _):
                    endRow(key, at: event.tick, event: index)
                default: break
                }
            default: break
            }
        }
        cache += cached.values
        database += rows.values
        func order(_ a: RunModel.ContentSpan, _ b: RunModel.ContentSpan) -> Bool {
            (a.fromEvent, a.key) < (b.fromEvent, b.key)
        }
        return (cache.sorted(by: order), database.sorted(by: order))
    }
}
