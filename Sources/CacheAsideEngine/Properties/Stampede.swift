extension Property {
    /// Stampede: the number of database reads of one key caused by one refill episode of the given cause
    /// (see `RefillEpisodes`); the property is `≤ limit` loads per episode.
    ///
    /// The default cause is **expiry**, the stampede the literature names (a hot key's TTL runs out under
    /// load and every reader that misses recomputes: Vattani, Chierichetti & Lowenstein, "Optimal
    /// Probabilistic Cache Stampede Prevention", VLDB 2015; Nishtala et al., "Scaling Memcache at
    /// Facebook", NSDI 2013, §3.2.1 calls it the thundering herd). Cold misses and refills after an
    /// invalidation are other problems with other cures — early refresh and XFetch cannot help a key that
    /// was just deleted — so mixing them in would make every expiry cure "fail" for reasons that have
    /// nothing to do with expiry. `cause: nil` counts every episode.
    ///
    /// A read of the database after one of the reader's cache calls failed is not a load of the refill:
    /// the cache was unreachable, so no cure could have coordinated it. Those reads are the outage's
    /// load (`RefillEpisodes.fallbackLoads`, which `compare` shows beside the refills).
    public static func stampede(limit: Int = 1, cause: Property.RefillCause? = .expiry) -> Property {
        let label = "stampede ≤ \(limit)" + (cause == .expiry ? "" : " (\(cause?.rawValue ?? "any refill"))")
        let measured = "database reads per " + (cause.map { "\($0.rawValue) refill" } ?? "refill")
        let subject = cause.map { "a refill after " + Self.causeText($0) } ?? "a refill"
        return Property(id: "stampede", label: label, measurementName: measured, subject: subject) { analyses in
            let run = analyses.run
            let analysis = analyses.refillEpisodes
            let violation = analysis.firstLoad(over: limit, cause: cause).map { episode, index in
                Violation(
                    "\(episode.loads) database reads of \(episode.key) for one refill after "
                        + Self.causeText(episode.cause) + " (the first miss at t\(episode.startTick), load "
                        + "\(limit + 1) at t\(run.history.events[index].tick)), over the limit of \(limit)",
                    eventIndex: index)
            }
            let loads = analysis.episodes(of: cause).map(\.loads)
            return Property.Evaluation(violation: violation, measurements: loads, exercised: !loads.isEmpty)
        }
    }

    private static func causeText(_ cause: Property.RefillCause) -> String {
        switch cause {
        case .expiry: "expiry"
        case .invalidation: "an invalidation"
        case .coldMiss: "a cold miss"
        }
    }
}
