import CacheAsideCheck

/// An independent, tick-by-tick computation of staleness windows: replays the history event by event,
/// keeping for each key the set of values some completed write has superseded, and when.
enum StalenessOracle {
    static func windows(_ run: RunRecord) -> [Int] {
        let events = run.history.events
        var commitOrder: [Key: [Value]] = [:]
        for key in run.finalWorld.keys { commitOrder[key] = [.initial] }
        var writer: [Value: Int] = [:]  // value → index of the write's return event
        var returnTick: [Int: Ticks] = [:]
        var openWrite: [ClientID: Value] = [:]
        for (index, event) in events.enumerated() {
            switch event.kind {
            case .step(let step):
                if case .databaseWrite(let key, let value) = step.action { commitOrder[key, default: []].append(value) }
            case .invoke(.write(_, let value)): openWrite[event.client!] = value
            case .returned(.write, _):
                if let value = openWrite.removeValue(forKey: event.client!) {
                    writer[value] = index
                    returnTick[index] = event.tick
                }
            default: break
            }
        }
        /// The tick at which `value` had been superseded by a completed write, as seen before event `limit`.
        func supersededAt(_ value: Value, _ key: Key, before limit: Int) -> Ticks? {
            let order = commitOrder[key] ?? []
            guard let position = order.firstIndex(of: value) else { return nil }
            var best: Ticks?
            var commitsSeen: [Value: Ticks] = [:]
            for (index, event) in events.enumerated() where index < limit {
                if case .step(let step) = event.kind, case .databaseWrite(key, let written) = step.action {
                    commitsSeen[written] = event.tick
                }
            }
            for later in order[(position + 1)...] {
                if let end = writer[later] {
                    if end < limit { best = min(best ?? .max, returnTick[end]!) }
                } else if let tick = commitsSeen[later], best == nil {
                    best = tick
                }
            }
            return best
        }
        var result: [Int] = []
        var invokeOf: [ClientID: (Int, Ticks)] = [:]
        for (index, event) in events.enumerated() {
            switch event.kind {
            case .invoke(.read): invokeOf[event.client!] = (index, event.tick)
            case .returned(.read(let key), let value?):
                let (invokeIndex, invokeTick) = invokeOf[event.client!]!
                result.append(supersededAt(value, key, before: invokeIndex).map { invokeTick - $0 } ?? 0)
            default: break
            }
        }
        let world = run.finalWorld
        for key in world.keys {
            guard let entry = world.cache.entry(key, at: world.now),
                let at = supersededAt(entry.value, key, before: events.count)
            else { continue }
            result.append(entry.expiresAt.map { max($0 - 1 - at, 0) } ?? Measurement.unbounded)
        }
        return result
    }
}
