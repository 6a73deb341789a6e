extension TextReport {
    /// The figures of staleness against the database (`DatabaseStaleness.measures`), under the table that
    /// shows staleness against completed writes: what reads returned behind the committed row, how long
    /// the cache disagreed with it, and the share of writes it agreed with soon after — Polaris' nines.
    /// Nothing when the check took none of them.
    static func databaseStalenessLines(_ report: Report) -> [String] {
        var lines: [String] = []
        let shownAsProperty = report.properties.contains { $0.id == DatabaseStaleness.propertyID }
        if !shownAsProperty, let reads = report.measures[DatabaseStaleness.ID.reads] {
            lines.append(figures("staleness vs database (ticks)", reads, overPositive: true, counting: " reads"))
        }
        if let windows = report.measures[DatabaseStaleness.ID.windows] {
            lines.append(
                windows.count == 0
                    ? "cache ≠ database: never (no inconsistency window)"
                    : figures("cache ≠ database windows (ticks)", windows, overPositive: false, counting: " windows"))
        }
        if let lags = report.measures[DatabaseStaleness.ID.writeLags], lags.count > 0 {
            lines.append("writes after which the cache agreed with the database: " + consistencyText(lags))
        }
        return lines.filter { !$0.isEmpty }
    }

    /// The share of writes consistent within each of `DatabaseStaleness.horizons`, e.g.
    /// "within 1 tick 80.00%, 10 ticks 97.50% (1 nine), 100 ticks 100%".
    static func consistencyText(_ lags: Measure.Summary) -> String {
        let parts = DatabaseStaleness.horizons.map { horizon in
            let (consistent, total) = DatabaseStaleness.consistentWrites(lags, within: horizon)
            let share = consistent == total ? "100%" : percent(Double(consistent) * 100 / Double(total))
            let nines = DatabaseStaleness.nines(consistent: consistent, of: total).map { " (\($0) nine\($0 == 1 ? "" : "s"))" } ?? ""
            return "\(horizon) tick\(horizon == 1 ? "" : "s") \(share)\(nines)"
        }
        return "within " + parts.joined(separator: ", ") + " of \(lags.count)"
    }
}
