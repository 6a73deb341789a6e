extension Property {
    /// Stampede: the number of database reads of one key caused by one refill episode. An episode starts
    /// when a cache lookup of the key misses and stops taking in new misses once a store fills the entry;
    /// every client that missed during it, and then reads the key from the database, counts toward it —
    /// even if its load finishes after someone else refilled. The property is `≤ limit`.
    ///
    /// Counting loads per episode rather than per miss is what tells a single-flight refill (one load,
    /// however many readers missed) from a stampede (every reader that missed loads).
    public static func stampede(limit: Int = 1) -> Property {
        Property(name: "stampede ≤ \(limit)", measurementName: "database reads per refill") { run in
            var episodes: [(key: Key, reads: Int, startTick: Ticks)] = []
            var openEpisode: [Key: Int] = [:]
            var missedInto: [ClientID: Int] = [:]
            var violation: Violation?
            for (index, event) in run.history.events.enumerated() {
                guard case .step(let step) = event.kind, let key = step.action.key, let client = event.client else {
                    continue
                }
                switch (step.action, step.outcome) {
                case (.cacheGet, .value(nil)), (.cacheGets, .versioned(nil, _)), (.cacheLeaseGet, .lease(.miss)),
                    (.cacheLeaseGet, .lease(.missLeaseHeld)):
                    if openEpisode[key] == nil {
                        openEpisode[key] = episodes.count
                        episodes.append((key, 0, event.tick))
                    }
                    missedInto[client] = openEpisode[key]
                case (.databaseRead, _), (.databaseVersionedRead, _):
                    guard let episode = missedInto[client], episodes[episode].key == key else { continue }
                    missedInto[client] = nil
                    episodes[episode].reads += 1
                    if episodes[episode].reads > limit, violation == nil {
                        violation = Violation(
                            "\(episodes[episode].reads) database reads of \(key) for one refill (the first miss at "
                                + "t\(episodes[episode].startTick), this load at t\(event.tick)), over the limit of \(limit)",
                            eventIndex: index)
                    }
                case (.cacheSet, .done), (.cacheAdd, .stored(true)), (.cacheCompareAndSet, .stored(true)),
                    (.cacheLeaseSet, .stored(true)):
                    openEpisode[key] = nil
                default:
                    break
                }
            }
            return PropertyEvaluation(violation: violation, measurements: episodes.map(\.reads))
        }
    }
}
