extension Property {
    /// Stampede: the number of database reads of one key during one refill episode — from a cache lookup
    /// that misses until a store fills the entry again (or the run ends). The property is `≤ limit`.
    ///
    /// Counting per episode rather than per miss is what tells a single-flight refill (one load, however
    /// many readers missed) from a stampede (every reader that missed loads).
    public static func stampede(limit: Int = 1) -> Property {
        Property(name: "stampede ≤ \(limit)", measurementName: "database reads per refill") { run in
            var measurements: [Int] = []
            var violation: Violation?
            var open: [Key: (reads: Int, startTick: Ticks)] = [:]

            func close(_ key: Key, at tick: Ticks, index: Int?) {
                guard let episode = open.removeValue(forKey: key) else { return }
                measurements.append(episode.reads)
                if episode.reads > limit, violation == nil {
                    violation = Violation(
                        "\(episode.reads) database reads of \(key) while its cache entry was being refilled "
                            + "(t\(episode.startTick)–t\(tick)), over the limit of \(limit)", eventIndex: index)
                }
            }

            for (index, event) in run.history.events.enumerated() {
                guard case .step(let step) = event.kind, let key = step.action.key else { continue }
                switch (step.action, step.outcome) {
                case (.cacheGet, .value(nil)), (.cacheGets, .versioned(nil, _)), (.cacheLeaseGet, .lease(.miss)),
                    (.cacheLeaseGet, .lease(.missLeaseHeld)):
                    if open[key] == nil { open[key] = (0, event.tick) }
                case (.databaseRead, _), (.databaseVersionedRead, _):
                    open[key]?.reads += 1
                case (.cacheSet, .done), (.cacheAdd, .stored(true)), (.cacheCompareAndSet, .stored(true)),
                    (.cacheLeaseSet, .stored(true)):
                    close(key, at: event.tick, index: index)
                default:
                    break
                }
            }
            for key in open.keys.sorted() { close(key, at: run.finalWorld.now, index: nil) }
            return PropertyEvaluation(violation: violation, measurements: measurements)
        }
    }
}
