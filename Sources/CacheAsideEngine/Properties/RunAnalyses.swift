/// The analyses of one run that several properties and measures read, each computed at most once.
///
/// The tally hands one to every property and measure it evaluates on a run: the stampede property, the
/// refill costs and the database-load figures all read the run's refill episodes, and computing them once
/// instead of three times is a sixth of a `compare`'s instructions (callgrind, `--scenario write-heavy`).
/// Lives for one run on one thread, so it needs no lock.
package final class RunAnalyses {
    /// The run analysed.
    package let run: RunRecord

    /// The analyses of `run`, none computed yet.
    package init(_ run: RunRecord) { self.run = run }

    /// Every refill episode and the loads outside them (`RefillEpisodes`).
    package private(set) lazy var refillEpisodes = RefillEpisodes(run: run)

    /// Every read's and every cache entry's staleness against the database (`DatabaseStalenessAnalysis`).
    package private(set) lazy var databaseStaleness = DatabaseStalenessAnalysis(run: run)
}
