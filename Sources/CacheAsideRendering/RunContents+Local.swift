extension RunContents {
    /// What each host's local cache held over time, as spans keyed `h1 k1`; `nil` for a run that never
    /// touched a local cache, so its model (and its JSON) is what it was before hosts existed.
    ///
    /// Replayed through `World.LocalCache`, like the shared cache's spans through `ModelCache`: a local
    /// set or a fill that stored starts a span, and a delete, a flush, a placeholder over the key or a
    /// delivered invalidation ends it; a call that reported a reconnect changed nothing.
    static func localSpans(of history: History) -> [RunModel.ContentSpan]? {
        var locals: [Int: World.LocalCache] = [:]
        var open: [String: RunModel.ContentSpan] = [:]
        var closed: [RunModel.ContentSpan] = []
        var touched = false
        func end(_ name: String, at tick: Ticks, event index: Int) {
            guard let held = open.removeValue(forKey: name) else { return }
            closed.append(RunModel.ContentSpan(
                key: held.key, value: held.value, from: held.from, fromEvent: held.fromEvent, until: tick,
                untilEvent: index, expiresAt: held.expiresAt))
        }
        for (index, event) in history.events.enumerated() {
            guard case .step(let step) = event.kind, let host = step.action.host else { continue }
            touched = true
            // Entries whose TTL ran out by this event are gone, whether or not anyone looked.
            for (name, held) in open.sorted(by: { $0.key < $1.key }) {
                guard let expiry = held.expiresAt, expiry <= event.tick else { continue }
                var expired = held
                expired.until = expiry
                closed.append(expired)
                open[name] = nil
            }
            guard step.outcome != .reconnected else { continue }
            let prefix = "h\(host + 1) "
            var local = locals[host] ?? World.LocalCache()
            switch (step.action, step.outcome) {
            case (.localSet(_, let key, let value, let ttl), _), (.localFill(_, let key, let value, let ttl, _), .stored(true)):
                end(prefix + key.description, at: event.tick, event: index)
                local.set(key, value, ttl: ttl, at: event.tick)
                if let entry = local.entry(key, at: event.tick) {
                    open[prefix + key.description] = RunModel.ContentSpan(
                        key: prefix + key.description, value: value.description, from: event.tick, fromEvent: index,
                        until: nil, untilEvent: nil, expiresAt: entry.expiresAt)
                }
            case (.localDelete(_, let key), _), (.localPlaceholder(_, let key), _):
                local.delete(key)
                end(prefix + key.description, at: event.tick, event: index)
            case (.invalidationsDelivered(_, let keys), _):
                for key in keys {
                    local.delete(key)
                    end(prefix + key.description, at: event.tick, event: index)
                }
            case (.localFlush, _):
                local.flush()
                for name in open.keys.sorted() where name.hasPrefix(prefix) { end(name, at: event.tick, event: index) }
            default: break
            }
            locals[host] = local
        }
        guard touched else { return nil }
        return (closed + open.values).sorted { ($0.fromEvent, $0.key) < ($1.fromEvent, $1.key) }
    }
}
