import CacheAsideCheck

/// What a run costs the database and the clients, measured through properties that never fail so that
/// the `Checker` sums them over every run and every job: each reports one number per run, and the sum
/// of a summary's histogram is the total over all runs.
struct RunCost {
    /// Database reads, client reads that returned, and client reads that failed, per run.
    static let properties: [Property] = [
        count("database reads") { step in
            switch step.action {
            case .databaseRead, .databaseVersionedRead: true
            default: false
            }
        },
        Property(name: "answered reads") { run in
            PropertyEvaluation(measurements: [run.history.operations.count(where: { $0.operation.isRead && $0.returned })])
        },
        Property(name: "unanswered reads") { run in
            PropertyEvaluation(
                measurements: [run.history.operations.count(where: { $0.operation.isRead && $0.ending == .failed })])
        },
    ]

    private static func count(_ name: String, _ include: @escaping @Sendable (Step) -> Bool) -> Property {
        Property(name: name) { run in
            PropertyEvaluation(measurements: [run.history.steps.count(where: { include($0.step) })])
        }
    }

    /// Database reads per answered client read, if any read was answered.
    let databaseReadsPerClientRead: Double?
    /// Failed reads over all finished reads, if any read finished.
    let unansweredReadRate: Double?

    /// The cost from the reports of `properties`, in order.
    init(_ reports: some Collection<PropertyReport>) {
        let totals = reports.map { report in report.measurements.histogram.reduce(0) { $0 + $1.value * $1.count } }
        let (databaseReads, answered, unanswered) = (totals[0], totals[1], totals[2])
        databaseReadsPerClientRead = answered == 0 ? nil : Double(databaseReads) / Double(answered)
        unansweredReadRate = answered + unanswered == 0 ? nil : Double(unanswered) / Double(answered + unanswered)
    }
}
