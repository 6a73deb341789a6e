import CacheAsideCheck

/// What runs cost the database and the readers, measured through properties that never fail so that the
/// `Checker` sums them over every run and every job: each reports numbers per run (or per episode, per
/// read), and the report's histograms hold them exactly, whatever the job count.
///
/// The figures are the ones users ask about a stampede cure (see `RefillEpisodes` and `ReadCosts`):
/// loads per refill told apart by cause, loads that followed no miss (early refreshes), the most loads of
/// one key in flight at once, read latency, hit ratio and database reads per read.
struct RunCost {
    /// The measuring properties, in the order `init` reads their reports.
    static let properties: [Property] = [
        Property(name: "database reads") { run in
            PropertyEvaluation(measurements: [run.history.steps.count(where: { $0.step.action.isDatabaseRead })])
        },
        Property(name: "answered reads") { run in
            PropertyEvaluation(measurements: [run.history.operations.count(where: { $0.operation.isRead && $0.returned })])
        },
        Property(name: "unanswered reads") { run in
            PropertyEvaluation(
                measurements: [run.history.operations.count(where: { $0.operation.isRead && $0.ending == .failed })])
        },
        Property(name: "refill loads") { run in
            // One number per episode: loads × 4 + the cause's index, so one pass serves every cause.
            let analysis = RefillEpisodes(run: run)
            let episodes = analysis.episodes.map { $0.loads * 4 + RefillCause.allCases.firstIndex(of: $0.cause)! }
            return PropertyEvaluation(measurements: episodes + [analysis.loadsWithoutMiss * 4 + 3])
        },
        Property(name: "concurrent loads") { run in
            PropertyEvaluation(measurements: [RefillEpisodes(run: run).maxConcurrentLoads])
        },
        Property(name: "read latency") { run in PropertyEvaluation(measurements: ReadCosts(run: run).latencies) },
        Property(name: "cache hits") { run in PropertyEvaluation(measurements: [ReadCosts(run: run).hits]) },
    ]

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
    }

    let databaseReadsPerClientRead: Double?
    let unansweredReadRate: Double?
    /// Per cause, in `RefillCause.allCases` order.
    let refills: [RefillCause: Refills]
    let loadsWithoutMiss: Int
    let maxConcurrentLoads: Int?
    let readLatency: MeasurementSummary
    let hitRatio: Double?

    /// The cost from the reports of `properties`, in order.
    init(_ reports: some Collection<PropertyReport>) {
        let reports = Array(reports)
        func total(_ index: Int) -> Int { reports[index].measurements.histogram.reduce(0) { $0 + $1.value * $1.count } }
        let (databaseReads, answered, unanswered) = (total(0), total(1), total(2))
        databaseReadsPerClientRead = answered == 0 ? nil : Double(databaseReads) / Double(answered)
        unansweredReadRate = answered + unanswered == 0 ? nil : Double(unanswered) / Double(answered + unanswered)
        var refills: [RefillCause: Refills] = [:]
        var withoutMiss = 0
        for (encoded, count) in reports[3].measurements.histogram {
            let (loads, causeIndex) = encoded.quotientAndRemainder(dividingBy: 4)
            guard causeIndex < RefillCause.allCases.count else {
                withoutMiss += loads * count
                continue
            }
            var figures = refills[RefillCause.allCases[causeIndex], default: Refills()]
            figures.episodes += count
            figures.loads += loads * count
            figures.maxLoads = max(figures.maxLoads ?? 0, loads)
            refills[RefillCause.allCases[causeIndex]] = figures
        }
        self.refills = refills
        loadsWithoutMiss = withoutMiss
        maxConcurrentLoads = reports[4].measurements.max
        readLatency = reports[5].measurements
        hitRatio = answered == 0 ? nil : Double(total(6)) / Double(answered)
    }
}

extension StepAction {
    /// Whether the step reads the database (plainly or versioned).
    var isDatabaseRead: Bool {
        switch self {
        case .databaseRead, .databaseVersionedRead: true
        default: false
        }
    }
}
