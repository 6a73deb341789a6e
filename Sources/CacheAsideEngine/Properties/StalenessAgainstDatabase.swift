extension Property {
    /// Staleness against the database: for each read that returned, how many ticks before it began the
    /// database had already committed a newer row than the one it returned (0 if none had); and, once the
    /// run is quiet, how long an entry older than the committed row stays readable (until its TTL, or
    /// unbounded without one).
    ///
    /// `staleness(bound:)` counts from the moment the overwriting write *completed*; this one counts from
    /// its commit, so it sees the seed's window between the database write and the cache invalidation:
    /// the slower the delete, the larger it is. The property is `max ≤ bound`; with `bound == nil` it only
    /// demands that every window closes.
    public static func stalenessAgainstDatabase(bound: Ticks?) -> Property {
        let label = bound.map { "staleness vs database ≤ \($0)" } ?? "staleness vs database bounded"
        // A bound compares a read's start with the tick of a database commit, a step that need not begin
        // or end its operation, so `.operationTicks` would let exhaustive search move it and prove a bound
        // it never checked. Without a bound the quiet world decides, as for `staleness`.
        return Property(
            id: DatabaseStaleness.propertyID, label: label, measurementName: "staleness vs database (ticks)",
            percentilesOverPositive: true, sensitivity: bound == nil ? .orderOfConflictingSteps : .everything,
            subject: "a read that returned, or an entry left in the cache"
        ) { analyses in
            analyses.databaseStaleness.evaluation(bound: bound)
        }
    }
}

/// The figures of staleness against the database that every check takes as `Measure`s, whatever its
/// properties, so the report shows them beside staleness against completed writes without making
/// exhaustive search give up its reduction (the bounded property sees every tick).
package enum DatabaseStaleness {
    /// The property's id, as `--property` takes it.
    package static let propertyID = "staleness-vs-database"

    /// The measures' ids, spelled once.
    package enum ID {
        /// Per read: ticks behind the committed row (and entries left behind after the run).
        package static let reads = "staleness vs database"
        /// Per window: ticks a key's cache disagreed with the committed row.
        package static let windows = "cache-database inconsistency windows"
        /// Per committed write: ticks until the cache agreed with the database.
        package static let writeLags = "write consistency lag"
    }

    /// Whether a measure's percentiles are over its values above zero (the reads behind the database,
    /// which the many current reads would drown) rather than over all of them.
    package static func percentilesOverPositive(_ id: String) -> Bool { id == ID.reads }

    /// The horizons the report gives the share of consistent writes at, in ticks (Polaris reports several
    /// time scales, each as "nines").
    package static let horizons: [Ticks] = [1, 10, 100]

    /// The measures, in report order.
    package static let measures: [Measure] = Measure.sharing([ID.reads, ID.windows, ID.writeLags], analysis: propertyID) { analyses in
        let analysis = analyses.databaseStaleness
        return [analysis.lags.map(\.ticks), analysis.inconsistencyWindows, analysis.writeLags]
    }

    /// How many writes, of how many, the cache agreed with the database within `horizon` ticks after.
    package static func consistentWrites(_ lags: Measure.Summary, within horizon: Ticks) -> (consistent: Int, of: Int) {
        (lags.histogram.reduce(0) { $1.value <= horizon ? $0 + $1.count : $0 }, lags.count)
    }

    /// A share as Polaris' whole "nines": 999 of 1000 is 3, 990 of 1000 is 2; `nil` when every write
    /// was consistent (no nines to count) or there was none. Counted in integers, so it never rounds
    /// a 99.95% up to "4 nines".
    package static func nines(consistent: Int, of total: Int) -> Int? {
        let inconsistent = total - consistent
        guard inconsistent > 0 else { return nil }
        var nines = 0
        var scaled = inconsistent
        // inconsistent × 10ⁿ ≤ total, without overflowing.
        while scaled <= total / 10 {
            scaled *= 10
            nines += 1
        }
        return nines
    }
}
