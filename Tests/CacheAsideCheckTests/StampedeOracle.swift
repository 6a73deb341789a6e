import CacheAsideCheck

/// An independent formulation of stampede: cut each key's timeline at the steps that fill its entry or
/// delete it (an invalidation starts a refill of its own);
/// a refill episode is the stretch from the first miss after a cut to the next cut, and its loads are the
/// misses within the stretch whose client then reads the key from the database before looking in the
/// cache again.
enum StampedeOracle {
    static func loadsPerEpisode(_ run: RunRecord) -> [Int] {
        let steps = run.history.steps
        func isMiss(_ step: Step) -> Bool {
            switch (step.action, step.outcome) {
            case (.cacheGet, .value(nil)), (.cacheGets, .versioned(nil, _)), (.cacheLeaseGet, .lease(.miss)),
                (.cacheLeaseGet, .lease(.missLeaseHeld)):
                true
            default: false
            }
        }
        func isFill(_ step: Step) -> Bool {
            switch (step.action, step.outcome) {
            case (.cacheSet, .done), (.cacheAdd, .stored(true)), (.cacheCompareAndSet, .stored(true)),
                (.cacheLeaseSet, .stored(true)), (.cacheDelete, .done):
                true
            default: false
            }
        }
        func isLookup(_ step: Step) -> Bool {
            switch step.action {
            case .cacheGet, .cacheGets, .cacheLeaseGet: true
            default: false
            }
        }
        func isLoad(_ step: Step) -> Bool {
            switch step.action {
            case .databaseRead, .databaseVersionedRead: true
            default: false
            }
        }
        var episodes: [(start: Int, key: Key)] = []
        for key in run.finalWorld.keys {
            var open = false
            for (index, entry) in steps.enumerated() where entry.step.action.key == key {
                if isMiss(entry.step), !open {
                    episodes.append((index, key))
                    open = true
                } else if isFill(entry.step) {
                    open = false
                }
            }
        }
        episodes.sort { $0.start < $1.start }
        return episodes.map { episode in
            // The episode's end: the first fill of the key after its start.
            let end = steps.indices.first { $0 > episode.start && steps[$0].step.action.key == episode.key && isFill(steps[$0].step) } ?? steps.count
            // Every miss inside the episode whose client next touches the key with a database read (not
            // another lookup) is one load for this refill.
            var loads = 0
            for miss in episode.start..<end
            where steps[miss].step.action.key == episode.key && isMiss(steps[miss].step) {
                let client = steps[miss].client
                let next = steps.indices.first { index in
                    index > miss && steps[index].client == client && steps[index].step.action.key == episode.key
                        && (isLookup(steps[index].step) || isLoad(steps[index].step))
                }
                if let next, isLoad(steps[next].step) { loads += 1 }
            }
            return loads
        }
    }
}
