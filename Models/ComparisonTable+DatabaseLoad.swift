import CacheAsideCheck

extension ComparisonTable {
    /// One line saying what the database-load block measures, with its window.
    var databaseLoadCaption: String {
        "database load across keys, per run (mean / max): the most database reads in flight at once and the most "
            + "issued in any \(windowText) (a tenth of the TTL),\nof every read and of the loads of expiry refills only "
            + "(a cold start's burst is the same whatever the TTL)"
    }

    /// `3 ticks`.
    var windowText: String { "\(loadWindow) " + (loadWindow == 1 ? "tick" : "ticks") }

    var databaseLoadHeader: [String] {
        ["model", "peak db reads in flight", "most db reads in \(windowText)", "peak expiry loads in flight",
         "most expiry loads in \(windowText)"]
    }

    func databaseLoadCells(_ row: ComparisonRow) -> [String] {
        func cell(_ peak: DatabaseLoadFigures.RunPeak?) -> String {
            peak.map { "\(Self.decimal($0.mean, places: 2)) / \($0.max)" } ?? "-"
        }
        let load = row.databaseLoad
        return [
            row.model, cell(load.peakInFlight), cell(load.mostReadsInWindow), cell(load.peakExpiryLoadsInFlight),
            cell(load.mostExpiryLoadsInWindow),
        ]
    }

    /// The block as aligned text: a caption, then one line per model.
    var databaseLoadText: String {
        databaseLoadCaption + "\n\n" + Self.align([databaseLoadHeader] + rows.map(databaseLoadCells))
    }
}
