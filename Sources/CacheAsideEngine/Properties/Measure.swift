/// A figure taken from every run that is not a claim: database reads, loads per refill, read latency, hit
/// counts. A measure never fails; the checker sums its numbers over every run and every job into a
/// histogram, which the report keeps under the measure's `id` beside the properties' verdicts
/// (`Report.measures`).
///
/// Costs are measures rather than properties so that no verdict can be vacuous or forged by them and
/// a reader finds a figure by its name, never by its position among the properties.
///
/// ```swift
/// let failedReads = Measure("failed reads") { run in
///     [run.history.operations.count { $0.operation.isRead && $0.ending == .failed }]
/// }
/// var checker = Checker(strategy: MyStrategy())
/// checker.measures = [failedReads]
/// let total = checker.check().measures["failed reads"]?.total
/// ```
public struct Measure: Sendable {
    /// The name the report files its figures under.
    public var id: String
    /// The numbers one run contributes (one per run, per read, per episode: the measure decides).
    public var measure: @Sendable (RunRecord) -> [Int] {
        // A caller that replaces the measure must be the one the tally runs.
        didSet { shared = nil }
    }

    /// Measures read off one analysis of the run (`Measure.sharing`): the tally runs the analysis once
    /// per run for all of them, which `measure` alone would repeat for each.
    package var shared: Shared?

    /// A measure named `id`.
    public init(_ id: String, measure: @escaping @Sendable (RunRecord) -> [Int]) {
        self.id = id
        self.measure = measure
    }

    /// The analysis behind several measures, and which of its figure lists this measure is.
    package struct Shared: Sendable {
        /// Tells the measures of one analysis from those of another within one check.
        package var analysis: String
        package var index: Int
        package var analyse: @Sendable (RunAnalyses) -> [[Int]]
    }

    /// One measure per id, all read off one pass of `analyse`, which returns one figure list per id.
    package static func sharing(
        _ ids: [String], analysis: String, _ analyse: @escaping @Sendable (RunAnalyses) -> [[Int]]
    ) -> [Measure] {
        ids.indices.map { index in
            var measure = Measure(ids[index]) { analyse(RunAnalyses($0))[index] }
            measure.shared = Shared(analysis: analysis, index: index, analyse: analyse)
            return measure
        }
    }
}
