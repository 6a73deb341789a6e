import Foundation

/// The JSON form of a `Report` (`--json`): the same facts as the text, plus exact histograms so that
/// sharded reports can be merged into the one an unsharded run gives. Keys are sorted, so equal reports
/// are byte-identical.
package struct JSONReport: Codable, Sendable, Equatable {
    /// The shape of this document; it goes up by one whenever a field changes meaning or disappears, so
    /// a reader can refuse a document it does not understand (README, "JSON report").
    package static let currentSchemaVersion = 5

    /// See `currentSchemaVersion`.
    package var schemaVersion: Int
    /// The tool version that wrote it.
    package var version: String
    /// The strategy.
    package var model: String
    /// Workload and run options, as the command line spells them, including those that change only the
    /// report (`no-shrink`, `shrink-limit`, `shrink-steps`, `check-determinism`; since schema 3).
    package var options: [String: String]
    /// The seeds run (after sharding).
    package var seeds: SeedSelection
    /// Completed runs.
    package var runs: Int
    /// Scheduling points over all runs.
    package var schedulingPoints: Int
    /// Whether every property held in every run and exploration was complete.
    package var holds: Bool
    /// The check's outcome: `holds`, `violated`, `undecided` or `couldNotRun` (exit status 0, 1, 3, 2).
    package var outcome: String
    /// Why exploration stopped: `completed`, `everyPropertyViolated`, `timeLimit`, `interrupted`,
    /// `runFailure` or `nondeterministic`.
    package var stop: String
    /// One entry per property.
    package var properties: [PropertyEntry]
    /// The figures every check takes beside its properties (`Report.measures`), by id: staleness against
    /// the database per read, the cache–database inconsistency windows and each write's consistency lag
    /// (since schema 5).
    package var measures: [String: MeasurementEntry]
    /// The first run that could not complete, if any.
    package var runFailure: RunFailureEntry?
    /// An exhaustive search's counts and what they prove; absent for seeded runs.
    package var search: SearchEntry?
    /// What `--check-determinism` repeated, when it ran.
    package var determinismCheck: DeterminismCheck?

    /// An exhaustive search: what it explored against what it pruned, and whether "holds" is a proof.
    package struct SearchEntry: Codable, Sendable, Equatable {
        /// Complete schedules explored.
        package var schedules: Int
        /// Branches cut by sleep sets (an equivalent schedule was explored).
        package var prunedBySleepSets: Int
        /// Branches cut by the preemption bound.
        package var prunedByPreemptionBound: Int
        /// Whether sleep sets were used.
        package var reduction: Bool
        /// Why they were not, when they were not (`switchedOff`, `timedCalls`, `backgroundWorkers`, or
        /// the property that sees every schedule's ticks).
        package var reductionWaiver: String?
        /// The preemption bound, if any.
        package var preemptionBound: Int?
        /// The injected faults per schedule the search was limited to, if any.
        package var faultBound: Int?
        /// Whether a completed search covers every schedule of its workloads (no bound), so that a
        /// property without a violation is proved, not only unrefuted among the bounded schedules.
        package var proof: Bool
    }

    /// Which seeds a report covers.
    package struct SeedSelection: Codable, Sendable, Equatable {
        /// First seed of the range.
        package var from: UInt64
        /// One past the last seed of the range.
        package var to: UInt64
        /// `"K/N"` when only seeds with `seed % N == K` ran.
        package var shard: String?
    }

    /// One property's results.
    package struct PropertyEntry: Codable, Sendable, Equatable {
        /// What `--property` calls it (`staleness`); a user invariant's name.
        package var id: String
        /// What a person reads (`staleness ≤ 60`).
        package var label: String
        /// Whether its verdict is `holds`.
        package var holds: Bool
        /// `holds`, `violated` or `undecided`.
        package var verdict: String
        /// Why it is undecided, when it is.
        package var undecidedReason: String?
        /// Runs on which it could not be decided (a counted search budget ran out).
        package var undecidedRuns: Int
        /// Runs that had what it judges; `0` with a `notExercised` verdict (since schema 4).
        package var exercisedRuns: Int
        /// How many runs violated it.
        package var failingRuns: Int
        /// The smallest seed whose run violated it.
        package var firstFailingSeed: UInt64?
        /// Its measurements, if it measures anything.
        package var measurement: MeasurementEntry?
        /// The first failing run, shrunk.
        package var counterexample: CounterexampleEntry?
    }

    /// A property's measurements: summary figures and the exact histogram (`[value, count]` pairs;
    /// `null` value = unbounded).
    package struct MeasurementEntry: Codable, Sendable, Equatable {
        /// What a measurement counts, e.g. "staleness (ticks)".
        package var name: String
        /// How many measurements there were.
        package var count: Int
        /// How many were above zero.
        package var positive: Int
        /// The largest bounded measurement, if any.
        package var max: Int?
        /// Whether some window never closed (`Measurement.unbounded`).
        package var unbounded: Bool
        /// The median, over the measurements `percentilesOverPositive` says.
        package var p50: Int?
        /// The 99th percentile, likewise.
        package var p99: Int?
        /// Whether `p50` and `p99` are over the measurements above zero only (see
        /// `Property.percentilesOverPositive`), as the text report's are.
        package var percentilesOverPositive: Bool
        /// Every measured value with its count, as `[value, count]` pairs in value order; a `null` value
        /// counts the unbounded ones. Exact, so shards merge into the unsharded figures.
        package var histogram: [[Int?]]
    }

    /// A shrunk counterexample.
    package struct CounterexampleEntry: Codable, Sendable, Equatable {
        /// The seed it was found with; `null` for a replayed run.
        package var seed: UInt64?
        /// How the shrunk run violates the property, in one sentence.
        package var violation: String
        /// The token that replays the shrunk run.
        package var replayToken: String
        /// The command that replays it, as the text report prints it.
        package var replayCommand: String
        /// The run's size as the seed drew it.
        package var originalSize: SizeEntry
        /// Its size after shrinking.
        package var shrunkSize: SizeEntry
        /// How many replays shrinking took.
        package var shrinkAttempts: Int
        /// The lanes as the text report draws them, at full width.
        package var lanes: String
        /// The minimal run as data: what `lanes` and the HTML timeline are drawn from.
        package var run: RunModel
    }

    /// Steps, clients and operations of a run.
    package struct SizeEntry: Codable, Sendable, Equatable {
        /// Steps on the cache, database, clock and locks.
        package var steps: Int
        /// Clients that invoked at least one operation.
        package var clients: Int
        /// Operations invoked.
        package var operations: Int
    }

    /// A run that could not complete.
    package struct RunFailureEntry: Codable, Sendable, Equatable {
        /// Its seed; `null` for a replayed run.
        package var seed: UInt64?
        /// What went wrong, in the command line's words.
        package var error: String
        /// The token that replays it.
        package var replayToken: String
    }

    /// The JSON form of `report`.
    package init(
        report: Report, options: [String: String], seedRange: Range<UInt64>, shard: String?,
        replayCommand: (String) -> String
    ) {
        schemaVersion = Self.currentSchemaVersion
        version = CacheAsideCheckVersion.current
        model = report.strategyName
        self.options = options
        seeds = SeedSelection(from: seedRange.lowerBound, to: seedRange.upperBound, shard: shard)
        runs = report.runs
        schedulingPoints = report.schedulingPoints
        holds = report.holds
        outcome = "\(report.outcome)"
        stop = "\(report.exploration.stop)"
        properties = report.properties.map { property in
            PropertyEntry(
                id: property.id, label: property.label, holds: property.holds,
                verdict: property.verdict.name, undecidedReason: property.verdict.undecidedReason,
                undecidedRuns: property.undecidedRuns, exercisedRuns: property.exercisedRuns,
                failingRuns: property.failingRuns,
                firstFailingSeed: property.firstFailingSeed,
                measurement: property.measurementName.map {
                    MeasurementEntry(
                        name: $0, summary: property.measurements,
                        percentilesOverPositive: property.percentilesOverPositive)
                },
                counterexample: property.counterexample.map { example in
                    // One model for the lanes and the run beside them, so they cannot disagree.
                    let model = example.model
                    return CounterexampleEntry(
                        seed: example.seed, violation: example.violation.explanation,
                        replayToken: example.replayToken, replayCommand: replayCommand(example.replayToken),
                        originalSize: SizeEntry(example.original), shrunkSize: SizeEntry(example.size),
                        shrinkAttempts: example.shrinkAttempts,
                        lanes: TextReport.describe(example, drawing: model).joined(separator: "\n"), run: model)
                })
        }
        measures = report.measures.reduce(into: [:]) { entries, measure in
            entries[measure.key] = MeasurementEntry(
                name: measure.key, summary: measure.value,
                percentilesOverPositive: DatabaseStaleness.percentilesOverPositive(measure.key))
        }
        search = report.exploration.search.map { search in
            SearchEntry(
                schedules: search.schedules, prunedBySleepSets: search.prunedBySleepSets,
                prunedByPreemptionBound: search.prunedByPreemptionBound, reduction: search.reduction,
                reductionWaiver: search.waiver.map(Self.waiverName), preemptionBound: search.preemptionBound,
                faultBound: search.faultBound, proof: search.isProof && report.exploration.isComplete)
        }
        determinismCheck = report.determinismCheck
        runFailure = report.runFailure.map {
            RunFailureEntry(seed: $0.seed, error: $0.failure.description, replayToken: $0.replayToken)
        }
    }

    /// The document as sorted, pretty-printed JSON with a trailing newline.
    package func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Encoding plain Codable values cannot fail.
        let data = try! encoder.encode(self)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

extension JSONReport.MeasurementEntry {
    init(name: String, summary: Measure.Summary, percentilesOverPositive: Bool) {
        self.name = name
        self.percentilesOverPositive = percentilesOverPositive
        count = summary.count
        positive = summary.positiveCount
        unbounded = summary.max == Measurement.unbounded
        max = summary.max.flatMap { $0 == Measurement.unbounded ? summary.maxBounded : $0 }
        p50 = summary.percentile(50, positiveOnly: percentilesOverPositive)
        p99 = summary.percentile(99, positiveOnly: percentilesOverPositive)
        histogram = summary.histogram.map { [$0.value == Measurement.unbounded ? nil : $0.value, $0.count] }
    }
}

extension JSONReport {
    /// A reduction waiver as the JSON spells it.
    fileprivate static func waiverName(_ waiver: ReductionWaiver) -> String {
        switch waiver {
        case .switchedOff: "switchedOff"
        case .timedCalls: "timedCalls"
        case .backgroundWorkers: "backgroundWorkers"
        case .property(let name): "property: \(name)"
        }
    }
}

extension JSONReport.SizeEntry {
    init(_ size: RunSize) {
        steps = size.steps
        clients = size.clients
        operations = size.operations
    }
}

/// The version the tool reports.
package enum CacheAsideCheckVersion {
    /// The current version.
    package static let current = "0.1.0"

}
