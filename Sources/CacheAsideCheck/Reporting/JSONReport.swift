import Foundation

/// The JSON form of a `Report` (`--json`): the same facts as the text, plus exact histograms so that
/// sharded reports can be merged into the one an unsharded run gives. Keys are sorted, so equal reports
/// are byte-identical.
package struct JSONReport: Codable, Sendable, Equatable {
    /// The shape of this document; it goes up by one whenever a field changes meaning or disappears, so
    /// a reader can refuse a document it does not understand (README, "JSON report").
    public static let currentSchemaVersion = 2

    /// See `currentSchemaVersion`.
    public var schemaVersion: Int
    /// The tool version that wrote it.
    public var version: String
    /// The strategy.
    public var model: String
    /// Workload and run options, as the command line spells them.
    public var options: [String: String]
    /// The seeds run (after sharding).
    public var seeds: SeedSelection
    /// Completed runs.
    public var runs: Int
    /// Scheduling points over all runs.
    public var schedulingPoints: Int
    /// Whether every property held in every run and exploration was complete.
    public var holds: Bool
    /// The check's outcome: `holds`, `violated`, `undecided` or `couldNotRun` (exit status 0, 1, 3, 2).
    public var outcome: String
    /// Why exploration stopped: `completed`, `everyPropertyViolated`, `timeLimit`, `interrupted`,
    /// `runFailure` or `nondeterministic`.
    public var stop: String
    /// One entry per property.
    public var properties: [PropertyEntry]
    /// The first run that could not complete, if any.
    public var runFailure: RunFailureEntry?

    /// Which seeds a report covers.
    public struct SeedSelection: Codable, Sendable, Equatable {
        /// First seed of the range.
        public var from: UInt64
        /// One past the last seed of the range.
        public var to: UInt64
        /// `"K/N"` when only seeds with `seed % N == K` ran.
        public var shard: String?
    }

    /// One property's results.
    public struct PropertyEntry: Codable, Sendable, Equatable {
        /// What `--property` calls it (`staleness`); a user invariant's name.
        public var id: String
        /// What a person reads (`staleness ≤ 60`).
        public var label: String
        public var holds: Bool
        /// `holds`, `violated` or `undecided`.
        public var verdict: String
        /// Why it is undecided, when it is.
        public var undecidedReason: String?
        /// Runs on which it could not be decided (a counted search budget ran out).
        public var undecidedRuns: Int
        public var failingRuns: Int
        public var firstFailingSeed: UInt64?
        public var measurement: MeasurementEntry?
        public var counterexample: CounterexampleEntry?
    }

    /// A property's measurements: summary figures and the exact histogram (`[value, count]` pairs;
    /// `null` value = unbounded).
    public struct MeasurementEntry: Codable, Sendable, Equatable {
        public var name: String
        public var count: Int
        public var positive: Int
        public var max: Int?
        public var unbounded: Bool
        public var p50: Int?
        public var p99: Int?
        /// Whether `p50` and `p99` are over the measurements above zero only (see
        /// `Property.percentilesOverPositive`), as the text report's are.
        public var percentilesOverPositive: Bool
        public var histogram: [[Int?]]
    }

    /// A shrunk counterexample.
    public struct CounterexampleEntry: Codable, Sendable, Equatable {
        public var seed: UInt64?
        public var violation: String
        public var replayToken: String
        public var replayCommand: String
        public var originalSize: SizeEntry
        public var shrunkSize: SizeEntry
        public var shrinkAttempts: Int
        /// The lanes as the text report draws them, at full width.
        public var lanes: String
        /// The minimal run as data: what `lanes` and the HTML timeline are drawn from.
        public var run: RunModel
    }

    /// Steps, clients and operations of a run.
    public struct SizeEntry: Codable, Sendable, Equatable {
        public var steps: Int
        public var clients: Int
        public var operations: Int
    }

    /// A run that could not complete.
    public struct RunFailureEntry: Codable, Sendable, Equatable {
        public var seed: UInt64?
        public var error: String
        public var replayToken: String
    }

    /// The JSON form of `report`.
    public init(
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
                id: PropertyIdentity.identifier(ofLabel: property.name), label: property.name, holds: property.holds,
                verdict: property.verdict.name, undecidedReason: property.verdict.undecidedReason,
                undecidedRuns: property.undecidedRuns, failingRuns: property.failingRuns,
                firstFailingSeed: property.firstFailingSeed,
                measurement: property.measurementName.map {
                    MeasurementEntry(
                        name: $0, summary: property.measurements,
                        percentilesOverPositive: property.percentilesOverPositive)
                },
                counterexample: property.counterexample.map { example in
                    CounterexampleEntry(
                        seed: example.seed, violation: example.violation.explanation,
                        replayToken: example.replayToken, replayCommand: replayCommand(example.replayToken),
                        originalSize: SizeEntry(example.original), shrunkSize: SizeEntry(example.size),
                        shrinkAttempts: example.shrinkAttempts,
                        lanes: TextReport.describe(example).joined(separator: "\n"), run: example.model)
                })
        }
        runFailure = report.runFailure.map {
            RunFailureEntry(seed: $0.seed, error: $0.failure.description, replayToken: $0.replayToken)
        }
    }

    /// The document as sorted, pretty-printed JSON with a trailing newline.
    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Encoding plain Codable values cannot fail.
        let data = try! encoder.encode(self)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

extension JSONReport.MeasurementEntry {
    init(name: String, summary: MeasurementSummary, percentilesOverPositive: Bool) {
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
    public static let current = "0.1.0"
}
