import CacheAsideCheck

/// The database's load across keys in one model's runs (`DatabaseLoad`): how many reads it had in flight
/// at its busiest, how many arrived in its busiest `window` ticks, and how the reads spread over the run.
///
/// The per-key figures beside it (loads per expiry, "max in flight" of one key) are what a lock or a lease
/// lowers; these are what a mass expiry raises and TTL variation lowers. A run's peak is its own; the
/// figures give the mean and the largest over the runs, since one unlucky schedule sets the maximum.
package struct DatabaseLoadFigures: Sendable, Codable, Equatable {
    /// The most database reads in flight at once, per run.
    package var peakInFlight: RunPeak?
    /// The most database reads issued within `ComparisonTable.loadWindow` ticks, per run.
    package var mostReadsInWindow: RunPeak?
    /// `peakInFlight` counting only the loads of expiry refills: the load a mass expiry adds.
    package var peakExpiryLoadsInFlight: RunPeak?
    /// `mostReadsInWindow` counting only the loads of expiry refills.
    package var mostExpiryLoadsInWindow: RunPeak?
    /// The load over time: `[bucket, reads]` pairs, bucket `b` holding the ticks
    /// `b × loadWindow ..< (b + 1) × loadWindow`, reads summed over every run.
    package var readsOverTime: [[Int]] = []
    /// Database calls that timed out, per run; `nil` when none did (a database without a timeout).
    package var timeouts: RunPeak?

    /// A per-run figure: its mean over the runs and its largest.
    package struct RunPeak: Sendable, Codable, Equatable {
        package var mean: Double
        package var max: Int
    }

    /// The measures' ids, spelled once.
    enum ID {
        static let peakInFlight = "peak db reads in flight"
        static let mostReadsInWindow = "most db reads in a window"
        static let readsOverTime = "db reads by window"
        static let peakExpiryLoadsInFlight = "peak expiry loads in flight"
        static let mostExpiryLoadsInWindow = "most expiry loads in a window"
        static let timeouts = "db timeouts"
    }

    /// The measures a comparison takes of every run, with windows of `window` ticks.
    static func measures(window: Ticks) -> [Measure] {
        // One pass over every read and one over the expiry loads serve all five figures.
        Measure.sharing(
            [ID.peakInFlight, ID.mostReadsInWindow, ID.readsOverTime, ID.peakExpiryLoadsInFlight, ID.mostExpiryLoadsInWindow, ID.timeouts],
            analysis: "database load"
        ) { analyses in
            let all = DatabaseLoad(analyses)
            let expiry = DatabaseLoad(analyses, cause: .expiry)
            return [
                [all.peakInFlight], [all.mostReads(within: window)], all.buckets(width: window),
                [expiry.peakInFlight], [expiry.mostReads(within: window)], [all.timeouts],
            ]
        }
    }

    init() {}

    /// The figures from a report of a check that took `measures(window:)`.
    init(_ report: Report) {
        func peak(_ id: String) -> RunPeak? {
            guard let summary = report.measures[id], let largest = summary.max, summary.count > 0 else { return nil }
            return RunPeak(mean: Double(summary.total) / Double(summary.count), max: largest)
        }
        peakInFlight = peak(ID.peakInFlight)
        mostReadsInWindow = peak(ID.mostReadsInWindow)
        peakExpiryLoadsInFlight = peak(ID.peakExpiryLoadsInFlight)
        mostExpiryLoadsInWindow = peak(ID.mostExpiryLoadsInWindow)
        timeouts = peak(ID.timeouts).flatMap { $0.max > 0 ? $0 : nil }
        readsOverTime = (report.measures[ID.readsOverTime] ?? Measure.Summary()).histogram.map { [$0.value, $0.count] }
    }
}

extension Comparison {
    /// The window of the database-load figures: a tenth of the TTL (at least a tick; 10 without a TTL).
    /// Expiries that jitter would spread land within a fraction of a TTL of each other, and a tenth
    /// still sees a burst that a whole TTL would average away.
    package var loadWindow: Ticks { max(1, (ttl ?? 100) / 10) }
}
