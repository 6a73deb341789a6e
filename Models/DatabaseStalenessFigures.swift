import CacheAsideCheck

/// One model's staleness against the database in a comparison (`DatabaseStaleness.measures`): how far
/// reads fell behind the committed row, how long the cache disagreed with it, and the share of writes
/// the cache agreed with within each of `DatabaseStaleness.horizons` ticks (Polaris' nines).
package struct DatabaseStalenessFigures: Sendable, Codable, Equatable {
    /// The most ticks a read was behind the database (`Measurement.unbounded`: an entry no TTL ends).
    package var maxReadLag: Int?
    /// The share of answered reads that returned a row the database had already replaced.
    package var readsBehind: Double?
    /// The longest cache–database inconsistency window, in ticks.
    package var maxWindow: Int?
    /// The 99th percentile of the inconsistency windows.
    package var p99Window: Int?
    /// Per horizon in ticks (as a string key, for JSON): the share of writes consistent within it.
    package var consistentWithin: [String: Double] = [:]

    init(_ report: Report) {
        let reads = report.measures[DatabaseStaleness.ID.reads] ?? Measure.Summary()
        let windows = report.measures[DatabaseStaleness.ID.windows] ?? Measure.Summary()
        let lags = report.measures[DatabaseStaleness.ID.writeLags] ?? Measure.Summary()
        maxReadLag = reads.max
        readsBehind = reads.count == 0 ? nil : Double(reads.positiveCount) / Double(reads.count)
        maxWindow = windows.max
        p99Window = windows.percentile(99)
        for horizon in DatabaseStaleness.horizons where lags.count > 0 {
            let (consistent, total) = DatabaseStaleness.consistentWrites(lags, within: horizon)
            consistentWithin["\(horizon)"] = Double(consistent) / Double(total)
        }
    }
}

extension ComparisonTable {
    /// The header of the table of staleness against the database.
    static let databaseStalenessHeader =
        ["model", "max stale (writes)", "max stale (db)", "reads behind db", "cache≠db max / p99"]
        + DatabaseStaleness.horizons.map { "consistent ≤\($0)" }

    /// One model's cells in that table.
    static func databaseStalenessCells(_ row: ComparisonRow) -> [String] {
        let figures = row.databaseStaleness
        let window = figures.maxWindow.map { maximum in "\(ticksCell(maximum)) / \(figures.p99Window.map(ticksCell) ?? "-")" }
        return [
            row.model, row.maxStaleness.map(ticksCell) ?? "-", figures.maxReadLag.map(ticksCell) ?? "-",
            figures.readsBehind.map { percent($0) } ?? "-", window ?? "-",
        ] + DatabaseStaleness.horizons.map { figures.consistentWithin["\($0)"].map { percent($0) } ?? "-" }
    }

    /// The line that says what the table of staleness against the database shows.
    static let databaseStalenessCaption =
        "staleness: the most ticks a read was behind a completed write, and behind the committed database row; "
        + "the share of reads\nbehind the database; how long the cache disagreed with the database (max / p99); "
        + "the share of writes after which the\ncache agreed with the database within 1, 10, 100 ticks (Polaris' nines)"
}
