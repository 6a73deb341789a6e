import CacheAsideCheck

/// Runs every catalogue model on the same seeds, workload, TTL and faults, and tabulates what each keeps,
/// what each breaks and what each costs — the `compare` command's table.
///
/// Every model sees the same choice sequences, so where two models differ the difference is the
/// strategy's, not the luck of the draw. Shrinking is off: `compare` reports rates and first seeds;
/// `cacheaside-check --model NAME --seed S` explains any of them.
package struct Comparison: Sendable {
    /// The situation every model runs in: workload, latencies, faults and TTL.
    package var scenario: Scenario
    /// The seeds every model runs.
    package var seeds: Range<UInt64>
    /// Threads per model; the table is the same for every value.
    package var jobs: Int
    /// The models to compare, in table order.
    package var entries: [CatalogueEntry]
    /// A wall-clock bound on the whole comparison (`nil`: none). It only stops work early: the model in
    /// hand stops between runs, the models after it are not run, and the table says so
    /// (`ComparisonTable.stop`); no verdict it reports depends on it.
    package var timeLimit: Duration?
    /// Asked between runs; `true` stops the comparison as `timeLimit` does (Ctrl-C on the command line).
    package var shouldStop: (@Sendable () -> Bool)?

    /// A comparison of the whole catalogue in `scenario` (default: the classic race) over `seeds`
    /// (default: the scenario's own seed count).
    package init(
        scenario: Scenario = .classicRace, seeds: Range<UInt64>? = nil, jobs: Int = 1,
        entries: [CatalogueEntry] = ModelCatalogue.entries
    ) {
        self.scenario = scenario
        self.seeds = seeds ?? 0..<UInt64(scenario.seeds)
        self.jobs = jobs
        self.entries = entries
    }

    /// The workload every run draws.
    package var workload: Workload {
        get { scenario.workload }
        set { scenario.workload = newValue }
    }
    /// The TTL every model fills with (`nil` = none); also the staleness bound.
    package var ttl: Ticks? {
        get { scenario.ttl }
        set { scenario.ttl = newValue }
    }
    /// The faults that may fire.
    package var faults: Set<Fault> {
        get { scenario.simulation.faults }
        set { scenario.simulation.faults = newValue }
    }
    /// The longest clock jump between two steps, or `nil` for none (see `SimulationOptions.clockJumps`).
    package var clockJumps: Ticks? {
        get { scenario.simulation.clockJumps }
        set { scenario.simulation.clockJumps = newValue }
    }

    /// The properties every model is judged on, in column order. The stampede is the one at expiry
    /// (`Property.stampede`); the cost columns count the other causes separately.
    package var properties: [Property] {
        (scenario.comparesLinearizability ? [.linearizability] : [])
            + [.convergence, .staleness(bound: ttl), .stampede(limit: 1)]
            + (scenario.recoveryBound.map { [.recovery(within: $0)] } ?? [])
    }

    /// Runs every model and returns the table.
    package func run() -> ComparisonTable {
        let deadline = timeLimit.map { ContinuousClock.now.advanced(by: $0) }
        var stop = ExplorationSummary.Stop.completed
        var rows: [ComparisonRow] = []
        var notRun: [String] = []
        for entry in entries {
            var exploration = Exploration(seeds: seeds, jobs: jobs, shrink: false)
            exploration.shouldStop = shouldStop
            if stop == .completed, let deadline {
                let remaining = deadline - ContinuousClock.now
                if remaining > .zero { exploration.timeLimit = remaining } else { stop = .timeLimit }
            }
            if stop == .completed, shouldStop?() == true { stop = .interrupted }
            guard stop == .completed else {
                notRun.append(entry.name)
                continue
            }
            var checker = Checker(
                strategy: entry.make(ttl), workload: workload, properties: properties,
                simulation: scenario.simulation, exploration: exploration)
            checker.measures = RunCost.measures + DatabaseLoadFigures.measures(window: loadWindow)
                + DatabaseStaleness.measures
            let report = checker.check()
            if report.exploration.stop == .timeLimit || report.exploration.stop == .interrupted {
                stop = report.exploration.stop
            }
            // Cut short: what was violated stays violated, what was not is undecided, never "holds".
            let cutShort = report.runs < seeds.count
            let staleness = report.properties.first { $0.id == "staleness" }?.measurements ?? Measure.Summary()
            var row = ComparisonRow(
                model: entry.name,
                verdicts: report.properties.map { ModelVerdict($0, runs: report.runs, cutShort: cutShort) },
                staleness: staleness, cost: RunCost(report), databaseStaleness: DatabaseStalenessFigures(report),
                runs: report.runs,
                runFailure: report.runFailure.map { failure in (failure.seed.map { "seed \($0): " } ?? "") + "\(failure.failure)" })
            row.databaseLoad = DatabaseLoadFigures(report)
            rows.append(row)
        }
        return ComparisonTable(
            scenario: scenario.name, seeds: seeds, workload: workload, ttl: ttl, faults: faults.sorted(),
            clockJumps: clockJumps, latencies: scenario.simulation.latencies, timing: scenario.simulation.timing,
            properties: properties.map(\.label), propertyIDs: properties.map(\.id),
            rows: rows, stop: stop, notRun: notRun, loadWindow: loadWindow,
            databaseCapacity: scenario.simulation.databaseCapacity, databaseTimeout: scenario.simulation.databaseTimeout,
            cacheFlushAt: scenario.simulation.cacheFlushAt)
    }
}

/// The results of a `Comparison`: one row per model.
package struct ComparisonTable: Sendable {
    /// The scenario's name.
    package var scenario: String
    /// The seeds every model ran.
    package var seeds: Range<UInt64>
    /// The workload every run drew.
    package var workload: Workload
    /// The TTL every model filled with.
    package var ttl: Ticks?
    /// The faults that could fire.
    package var faults: [Fault]
    /// The longest clock jump allowed, if any.
    package var clockJumps: Ticks?
    /// How long calls took.
    package var latencies: SimulationOptions.Latencies
    /// Serial or concurrent time.
    package var timing: SimulationOptions.Timing
    /// The judged properties' labels, in column order.
    package var properties: [String]
    /// The judged properties' ids (`Property.id`, what `--property` takes), in column order.
    package var propertyIDs: [String] = []
    /// One row per model run, in catalogue order.
    package var rows: [ComparisonRow]
    /// Why the comparison stopped: `completed`, or `timeLimit` / `interrupted` when it was cut short —
    /// then the last row may cover fewer runs than `seeds`, and `notRun` lists the models after it.
    package var stop: ExplorationSummary.Stop = .completed
    /// The models not run because the comparison was cut short, in catalogue order.
    package var notRun: [String] = []
    /// The window of the database-load figures, in ticks (`Comparison.loadWindow`).
    package var loadWindow: Ticks = 1
    /// The database's capacity and timeout and the scheduled flush (`SimulationOptions`), for the header
    /// and the load chart's flush mark.
    package var databaseCapacity: Ticks?
    package var databaseTimeout: Ticks?
    package var cacheFlushAt: Ticks?
}

/// One model's line in the comparison.
package struct ComparisonRow: Sendable, Codable, Equatable {
    /// The model's catalogue name.
    package var model: String
    /// One verdict per judged property, in `ComparisonTable.properties` order.
    package var verdicts: [ModelVerdict]
    /// The largest staleness against completed writes seen, in ticks (`Measurement.unbounded` for a
    /// window no TTL closes).
    package var maxStaleness: Int?
    /// The most database reads seen in one refill episode, whatever its cause.
    package var maxDatabaseReadsPerRefill: Int?
    /// Per cause of refill (`Property.RefillCause.rawValue`): episodes, loads and the most loads of one episode.
    package var refills: [String: RefillFigures]
    /// The hot key `k1`'s refills after expiry: what the stampede cures are for.
    package var hotKeyExpiries: RefillFigures
    /// Database reads that followed no miss on a read path with the cache answering (early refreshes), per run.
    package var loadsWithoutMissPerRun: Double
    /// Database reads inside writes (a versioned write reading the primary), per run.
    package var writePathLoadsPerRun: Double = 0
    /// Database reads after a failed cache call (reads around an unavailable cache), per run.
    package var fallbackLoadsPerRun: Double = 0
    /// Cache calls that failed, per run.
    package var failedCacheCallsPerRun: Double = 0
    /// The share of refill episodes, of every cause, in which nobody loaded (the readers that missed
    /// waited for another's fill or gave up): why loads per refill can be below 1.
    package var loadlessRefillShare: Double?
    /// The most database reads of one key in flight at the same time.
    package var maxConcurrentLoads: Int?
    /// Answered reads' latency in ticks: median, 99th percentile and maximum.
    package var readLatency: LatencyFigures?
    /// The share of answered reads that did not touch the database.
    package var hitRatio: Double?
    /// Database reads (plain and versioned) per client read that returned: the load on the database.
    package var databaseReadsPerClientRead: Double?
    /// The fraction of client reads that ended in an error instead of an answer.
    package var unansweredReadRate: Double?
    /// A run that could not complete (a defect in the model), if any; the figures cover the runs before it.
    package var runFailure: String?

    /// Staleness against the database: reads behind the committed row, cache–database inconsistency
    /// windows, writes consistent within a few horizons.
    package var databaseStaleness: DatabaseStalenessFigures

    /// Every staleness measured, as `[ticks, count]` pairs (`Measurement.unbounded` for a window no TTL
    /// closes): what the HTML page's distribution charts draw.
    package var stalenessHistogram: [[Int]] = []
    /// Every refill episode's database loads, whatever its cause, as `[loads, count]` pairs.
    package var refillLoadsHistogram: [[Int]] = []
    /// The database's load across keys: peak reads in flight, busiest window, load over time.
    package var databaseLoad = DatabaseLoadFigures()

    init(
        model: String, verdicts: [ModelVerdict], staleness: Measure.Summary, cost: RunCost,
        databaseStaleness: DatabaseStalenessFigures, runs: Int, runFailure: String?
    ) {
        self.databaseStaleness = databaseStaleness
        self.model = model
        self.verdicts = verdicts
        maxStaleness = staleness.max
        stalenessHistogram = staleness.histogram.map { [$0.value, $0.count] }
        refillLoadsHistogram = cost.refillLoads.histogram.map { [$0.value, $0.count] }
        maxDatabaseReadsPerRefill = cost.refills.values.compactMap(\.maxLoads).max()
        refills = Dictionary(
            uniqueKeysWithValues: Property.RefillCause.allCases.map { cause in
                (cause.rawValue, RefillFigures(cost.refills[cause] ?? RunCost.Refills(), runs: runs))
            })
        hotKeyExpiries = RefillFigures(cost.hotKeyExpiries, runs: runs)
        func perRun(_ count: Int) -> Double { runs == 0 ? 0 : Double(count) / Double(runs) }
        loadsWithoutMissPerRun = perRun(cost.loadsWithoutMiss)
        writePathLoadsPerRun = perRun(cost.writePathLoads)
        fallbackLoadsPerRun = perRun(cost.fallbackLoads)
        failedCacheCallsPerRun = perRun(cost.failedCacheCalls)
        let episodes = cost.refills.values.reduce(0) { $0 + $1.episodes }
        loadlessRefillShare = episodes == 0 ? nil : Double(cost.loadlessEpisodes) / Double(episodes)
        maxConcurrentLoads = cost.maxConcurrentLoads
        readLatency = cost.readLatency.max.map { maximum in
            LatencyFigures(
                p50: cost.readLatency.percentile(50) ?? 0, p99: cost.readLatency.percentile(99) ?? 0, max: maximum)
        }
        hitRatio = cost.hitRatio
        databaseReadsPerClientRead = cost.databaseReadsPerClientRead
        unansweredReadRate = cost.unansweredReadRate
        self.runFailure = runFailure
    }

    /// The figures of one cause of refill.
    package func refills(_ cause: Property.RefillCause) -> RefillFigures { refills[cause.rawValue] ?? RefillFigures() }
}

/// One cause of refill's figures for one model.
package struct RefillFigures: Sendable, Codable, Equatable {
    /// Episodes of this cause per run.
    package var episodesPerRun: Double = 0
    /// Database loads per episode, on average, if there was an episode.
    package var meanLoads: Double?
    /// The most database loads of one episode.
    package var maxLoads: Int?

    init() {}

    init(_ refills: RunCost.Refills, runs: Int) {
        episodesPerRun = runs == 0 ? 0 : Double(refills.episodes) / Double(runs)
        meanLoads = refills.meanLoads
        maxLoads = refills.maxLoads
    }
}

/// Read latency figures, in ticks.
package struct LatencyFigures: Sendable, Codable, Equatable {
    /// The median.
    package var p50: Int
    /// The 99th percentile.
    package var p99: Int
    /// The largest.
    package var max: Int
}

/// One model's verdict on one property in a comparison (rates over the runs, where `PropertyReport.Verdict` is a
/// single check's verdict).
package struct ModelVerdict: Sendable, Codable, Equatable {
    /// The property's label (`staleness ≤ 60`).
    package var property: String
    /// The property's identifier (`staleness`): what `--property` takes.
    package var id: String
    /// How many runs broke it.
    package var failingRuns: Int
    /// How many runs were checked.
    package var runs: Int
    /// The smallest seed whose run broke it.
    package var firstFailingSeed: UInt64?
    /// `true` when no run broke it but the model's runs were cut short (time limit, Ctrl-C): not a pass.
    /// Absent otherwise, so a complete comparison's JSON is unchanged.
    package var undecided: Bool?
    /// `true` when no run had what the property judges (a stampede limit with no expiry): not a pass
    /// either (`PropertyReport.Verdict.notExercised`). Absent otherwise.
    package var notExercised: Bool?

    /// Whether no run broke it, over every seed, and some run exercised it.
    package var holds: Bool { failingRuns == 0 && undecided != true && notExercised != true }

    /// The share of runs that broke it, in `0...1`.
    package var failingRate: Double { runs == 0 ? 0 : Double(failingRuns) / Double(runs) }

    init(_ report: PropertyReport, runs: Int, cutShort: Bool = false) {
        property = report.label
        id = report.id
        failingRuns = report.failingRuns
        self.runs = runs
        firstFailingSeed = report.firstFailingSeed
        undecided = cutShort && report.failingRuns == 0 ? true : nil
        if case .notExercised = report.verdict { notExercised = true }
    }
}
