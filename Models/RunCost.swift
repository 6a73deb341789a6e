import CacheAsideCheck

/// What runs cost the database and the readers, measured by `Measure`s that the `Checker` sums over every
/// run and every job: each reports numbers per run (or per episode, per read), and the report's
/// histograms hold them exactly, whatever the job count. Figures are read back by the measure's id.
///
/// The figures are the ones users ask about a stampede cure (see `RefillEpisodes` and `ReadCosts`):
/// loads per refill told apart by cause, loads that followed no miss (early refreshes), the most loads of
/// one key in flight at once, read latency, hit ratio and database reads per read.
struct RunCost {
    /// The measures' ids, spelled once.
    enum ID {
        static let databaseReads = "database reads"
        static let answeredReads = "answered reads"
        static let unansweredReads = "unanswered reads"
        static let refillLoads = "refill loads"
        static let concurrentLoads = "concurrent loads"
        static let readLatency = "read latency"
        static let cacheHits = "cache hits"
    }

    /// The measures a comparison takes of every run.
    static let measures: [Measure] = [
        Measure(ID.databaseReads) { run in [run.history.steps.count(where: { $0.step.action.isDatabaseRead })] },
        Measure(ID.answeredReads) { run in [run.history.operations.count(where: { $0.operation.isRead && $0.returned })] },
        Measure(ID.unansweredReads) { run in
            [run.history.operations.count(where: { $0.operation.isRead && $0.ending == .failed })]
        },
    ]
        + Measure.sharing([ID.refillLoads, ID.concurrentLoads], analysis: "refill episodes") { analyses in
            // One number per episode, `RefillCode`, so that one pass over the history serves every cause.
            let analysis = analyses.refillEpisodes
            let episodes = analysis.episodes.map { RefillCode(loads: $0.loads, cause: $0.cause, hotKey: $0.key == Key(1)).raw }
            return [
                episodes + [
                    RefillCode(analysis.loadsWithoutMiss, .earlyLoads).raw, RefillCode(analysis.writePathLoads, .writePathLoads).raw,
                    RefillCode(analysis.fallbackLoads, .fallbackLoads).raw,
                    RefillCode(analysis.failedCacheCalls, .failedCacheCalls).raw,
                ],
                [analysis.maxConcurrentLoads],
            ]
        }
        + Measure.sharing([ID.readLatency, ID.cacheHits], analysis: "read costs") { analyses in
            let costs = ReadCosts(run: analyses.run)
            return [costs.latencies, [costs.hits]]
        }

    /// The figures of one cause of refill.
    struct Refills: Equatable {
        /// How many episodes there were.
        var episodes = 0
        /// Their loads in all.
        var loads = 0
        /// The most loads of one episode.
        var maxLoads: Int?

        /// Loads per episode, if there was any.
        var meanLoads: Double? { episodes == 0 ? nil : Double(loads) / Double(episodes) }

        mutating func add(loads: Int, episodes count: Int) {
            episodes += count
            self.loads += loads * count
            maxLoads = max(maxLoads ?? 0, loads)
        }
    }

    /// One refill episode as one measurement: `loads × 16 + (hot key ? 8 : 0) + tag`, tag 0…2 the cause in
    /// `Property.RefillCause.allCases` order; or one run's count of loads without a miss of one `Unmissed`
    /// kind, `count × 16 + tag`, tags 3…6. A histogram of these codes is a histogram of (tag, hot key, loads),
    /// exact and mergeable like every other measurement, from one pass over the history.
    struct RefillCode {
        /// The counts a run contributes beside its episodes.
        enum Unmissed: Int, CaseIterable {
            case earlyLoads = 3, writePathLoads, fallbackLoads, failedCacheCalls
        }

        let raw: Int
        init(raw: Int) { self.raw = raw }
        init(loads: Int, cause: Property.RefillCause, hotKey: Bool) {
            raw = loads * 16 + (hotKey ? 8 : 0) + Property.RefillCause.allCases.firstIndex(of: cause)!
        }
        init(_ count: Int, _ kind: Unmissed) { raw = count * 16 + kind.rawValue }
        var loads: Int { raw / 16 }
        var hotKey: Bool { raw % 16 >= 8 }
        var cause: Property.RefillCause? { raw % 8 < 3 ? Property.RefillCause.allCases[raw % 8] : nil }
        var unmissed: Unmissed? { Unmissed(rawValue: raw % 8) }
    }

    let databaseReadsPerClientRead: Double?
    let unansweredReadRate: Double?
    /// Per cause, over every key.
    let refills: [Property.RefillCause: Refills]
    /// Expiry refills of the hot key `k1` (the hottest under `Workload.keySkew`): the stampede cures are
    /// about this key; the cold keys expire between two reads whatever the strategy.
    let hotKeyExpiries: Refills
    /// Every refill episode's loads, whatever its cause.
    let refillLoads: Measure.Summary
    /// Loads after no miss, on a read path with the cache answering: early refreshes.
    let loadsWithoutMiss: Int
    /// Loads inside writes.
    let writePathLoads: Int
    /// Loads after a failed cache call: reads around an unavailable cache.
    let fallbackLoads: Int
    /// Cache calls that failed.
    let failedCacheCalls: Int
    /// Refill episodes in which nobody loaded.
    let loadlessEpisodes: Int
    let maxConcurrentLoads: Int?
    let readLatency: Measure.Summary
    let hitRatio: Double?

    /// The cost from a report of a check that took `measures`.
    init(_ report: Report) {
        func figures(_ id: String) -> Measure.Summary { report.measures[id] ?? Measure.Summary() }
        let (databaseReads, answered, unanswered) = (
            figures(ID.databaseReads).total, figures(ID.answeredReads).total, figures(ID.unansweredReads).total
        )
        databaseReadsPerClientRead = answered == 0 ? nil : Double(databaseReads) / Double(answered)
        unansweredReadRate = answered + unanswered == 0 ? nil : Double(unanswered) / Double(answered + unanswered)
        var refills: [Property.RefillCause: Refills] = [:]
        var hot = Refills()
        var unmissed: [RefillCode.Unmissed: Int] = [:]
        var loadless = 0
        var loadsHistogram: [(value: Int, count: Int)] = []
        for (raw, count) in figures(ID.refillLoads).histogram {
            let code = RefillCode(raw: raw)
            guard let cause = code.cause else {
                if let kind = code.unmissed { unmissed[kind, default: 0] += code.loads * count }
                continue
            }
            if code.loads == 0 { loadless += count }
            refills[cause, default: Refills()].add(loads: code.loads, episodes: count)
            loadsHistogram.append((code.loads, count))
            if code.hotKey, cause == .expiry { hot.add(loads: code.loads, episodes: count) }
        }
        self.refills = refills
        hotKeyExpiries = hot
        refillLoads = Measure.Summary(histogram: loadsHistogram)
        loadsWithoutMiss = unmissed[.earlyLoads] ?? 0
        writePathLoads = unmissed[.writePathLoads] ?? 0
        fallbackLoads = unmissed[.fallbackLoads] ?? 0
        failedCacheCalls = unmissed[.failedCacheCalls] ?? 0
        loadlessEpisodes = loadless
        maxConcurrentLoads = figures(ID.concurrentLoads).max
        readLatency = figures(ID.readLatency)
        hitRatio = answered == 0 ? nil : Double(figures(ID.cacheHits).total) / Double(answered)
    }
}

extension StepAction {
    /// Whether the step reads the database (plainly or versioned).
    var isDatabaseRead: Bool {
        switch self {
        case .databaseRead, .databaseVersionedRead, .transactionRead: true
        default: false
        }
    }
}
