import CacheAsideCheck

/// Runs every catalogue model on the same seeds, workload, TTL and faults, and tabulates what each keeps,
/// what each breaks and what each costs — the `compare` command's table.
///
/// Every model sees the same choice sequences, so where two models differ the difference is the
/// strategy's, not the luck of the draw. Shrinking is off: `compare` reports rates and first seeds;
/// `cacheaside-check --model NAME --seed S` explains any of them.
public struct Comparison: Sendable {
    /// The seeds every model runs.
    public var seeds: Range<UInt64>
    /// The workload every run draws.
    public var workload: Workload
    /// The TTL every model fills with (`nil` = none); also the staleness bound.
    public var ttl: Ticks?
    /// The faults that may fire.
    public var faults: Set<Fault>
    /// Threads per model; the table is the same for every value.
    public var jobs: Int
    /// The longest clock jump between two steps, or `nil` for none (see `SimulationOptions.clockJumps`).
    public var clockJumps: Ticks?
    /// The models to compare, in table order.
    public var entries: [CatalogueEntry]

    /// A comparison of the whole catalogue; defaults are the command line's.
    public init(
        seeds: Range<UInt64> = 0..<10_000, workload: Workload = Workload(), ttl: Ticks? = 60, faults: Set<Fault> = [],
        jobs: Int = 1, entries: [CatalogueEntry] = ModelCatalogue.entries
    ) {
        self.seeds = seeds
        self.workload = workload
        self.ttl = ttl
        self.faults = faults
        self.jobs = jobs
        self.entries = entries
    }

    /// The properties every model is judged on, in column order.
    public var properties: [Property] {
        [.linearizability, .convergence, .staleness(bound: ttl), .stampede(limit: 1)]
    }

    /// Runs every model and returns the table.
    public func run() -> ComparisonTable {
        let verdictCount = properties.count
        let rows = entries.map { entry in
            let checker = Checker(
                strategy: entry.make(ttl), workload: workload, properties: properties + RunCost.properties,
                simulation: SimulationOptions(faults: faults, clockJumps: clockJumps), exploration: Exploration(seeds: seeds, jobs: jobs, shrink: false))
            let report = checker.check()
            let judged = report.properties.prefix(verdictCount)
            let cost = RunCost(report.properties.dropFirst(verdictCount))
            return ComparisonRow(
                model: entry.name,
                verdicts: judged.map { PropertyVerdict($0, runs: report.runs) },
                maxStaleness: judged[judged.startIndex + 2].measurements.max,
                maxDatabaseReadsPerRefill: judged[judged.startIndex + 3].measurements.max,
                databaseReadsPerClientRead: cost.databaseReadsPerClientRead,
                unansweredReadRate: cost.unansweredReadRate,
                runFailure: report.runFailure.map { "seed \($0.seed): \($0.failure)" },
                stalenessHistogram: judged[judged.startIndex + 2].measurements.histogram.map { [$0.value, $0.count] },
                refillLoadsHistogram: judged[judged.startIndex + 3].measurements.histogram.map { [$0.value, $0.count] })
        }
        return ComparisonTable(
            seeds: seeds, workload: workload, ttl: ttl, faults: faults.sorted(), clockJumps: clockJumps,
            properties: properties.map(\.name), rows: rows)
    }
}

/// The results of a `Comparison`: one row per model.
public struct ComparisonTable: Sendable {
    /// The seeds every model ran.
    public var seeds: Range<UInt64>
    /// The workload every run drew.
    public var workload: Workload
    /// The TTL every model filled with.
    public var ttl: Ticks?
    /// The faults that could fire.
    public var faults: [Fault]
    /// The longest clock jump allowed, if any.
    public var clockJumps: Ticks?
    /// The judged properties' names, in column order.
    public var properties: [String]
    /// One row per model, in catalogue order.
    public var rows: [ComparisonRow]
}

/// One model's line in the comparison.
public struct ComparisonRow: Sendable, Codable, Equatable {
    /// The model's catalogue name.
    public var model: String
    /// One verdict per judged property, in `ComparisonTable.properties` order.
    public var verdicts: [PropertyVerdict]
    /// The largest staleness seen, in ticks (`Measurement.unbounded` for a window no TTL closes).
    public var maxStaleness: Int?
    /// The most database reads seen in one refill episode.
    public var maxDatabaseReadsPerRefill: Int?
    /// Database reads (plain and versioned) per client read that returned: the load on the database.
    public var databaseReadsPerClientRead: Double?
    /// The fraction of client reads that ended in an error instead of an answer.
    public var unansweredReadRate: Double?
    /// A run that could not complete (a defect in the model), if any; the figures cover the runs before it.
    public var runFailure: String?
    /// Every staleness measured, as `[ticks, count]` pairs (`Measurement.unbounded` for a window no TTL
    /// closes): what the HTML page's distribution charts draw.
    public var stalenessHistogram: [[Int]] = []
    /// Every refill's database loads, as `[loads, count]` pairs.
    public var refillLoadsHistogram: [[Int]] = []
}

/// One property's verdict for one model.
public struct PropertyVerdict: Sendable, Codable, Equatable {
    /// The property's name.
    public var property: String
    /// How many runs broke it.
    public var failingRuns: Int
    /// How many runs were checked.
    public var runs: Int
    /// The smallest seed whose run broke it.
    public var firstFailingSeed: UInt64?

    /// Whether no run broke it.
    public var holds: Bool { failingRuns == 0 }

    /// The share of runs that broke it, in `0...1`.
    public var failingRate: Double { runs == 0 ? 0 : Double(failingRuns) / Double(runs) }

    init(_ report: PropertyReport, runs: Int) {
        property = report.name
        failingRuns = report.failingRuns
        self.runs = runs
        firstFailingSeed = report.firstFailingSeed
    }
}
