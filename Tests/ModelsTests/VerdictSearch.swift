import CacheAsideCheck
import CacheAsideModels

/// Checks an expectation the way the issue asks: a claimed violation must turn up among the default seeds
/// `0..<10_000` (the search stops at the first one), and a claimed guarantee must hold on every one of them.
struct VerdictSearch {
    /// The seeds the command line explores by default; guarantees are checked over all of them.
    static let defaultSeeds: Range<UInt64> = 0..<10_000

    /// What the search saw for one claim.
    struct Finding: Equatable {
        /// The first seed whose run broke the claim, if any.
        var firstFailingSeed: UInt64?
        /// How many seeds were run to decide it.
        var seedsRun: Int
    }

    let strategy: any CachingStrategy
    let scenario: Situation

    init(_ expectation: Expectation) {
        strategy = ModelCatalogue.entry(named: expectation.model)!.make(expectation.scenario.ttl)
        scenario = expectation.scenario
    }

    /// Claims expected to break are searched seed by seed, stopping at the first run that breaks each;
    /// claims expected to hold go through the `Checker` over every default seed. A run that cannot
    /// complete is returned as the error.
    func findings(for verdicts: [Claim: Verdict]) -> Result<[Claim: Finding], RunCouldNotComplete> {
        let guarantees = Claim.allCases.filter { verdicts[$0] == .holds }
        let violations = Claim.allCases.filter { verdicts[$0] == .violated }
        return checkEverySeed(guarantees).flatMap { held in
            searchForFirstFailures(violations).map { held.merging($0) { $1 } }
        }
    }

    private func searchForFirstFailures(_ claims: [Claim]) -> Result<[Claim: Finding], RunCouldNotComplete> {
        let properties = claims.map { $0.property(ttl: scenario.ttl) }
        var firstFailures: [Claim: UInt64] = [:]
        var seedsRun = 0
        for seed in Self.defaultSeeds where firstFailures.count < claims.count {
            let record = Simulation.run(
                strategy, workload: scenario.workload, choices: ChoiceSource(seed: seed), options: scenario.simulation)
            seedsRun += 1
            if let failure = record.failure { return .failure(RunCouldNotComplete(seed: seed, failure: failure)) }
            for (claim, property) in zip(claims, properties) where firstFailures[claim] == nil {
                if property.evaluate(record).violation != nil { firstFailures[claim] = seed }
            }
        }
        return .success(
            Dictionary(uniqueKeysWithValues: claims.map { ($0, Finding(firstFailingSeed: firstFailures[$0], seedsRun: seedsRun)) }))
    }

    /// Every default seed through the `Checker`, on two threads, without shrinking.
    private func checkEverySeed(_ claims: [Claim]) -> Result<[Claim: Finding], RunCouldNotComplete> {
        guard !claims.isEmpty else { return .success([:]) }
        let checker = Checker(
            strategy: strategy, workload: scenario.workload, properties: claims.map { $0.property(ttl: scenario.ttl) },
            simulation: scenario.simulation, exploration: Exploration(seeds: Self.defaultSeeds, jobs: 2, shrink: false))
        let report = checker.check()
        if let failure = report.runFailure {
            return .failure(RunCouldNotComplete(seed: failure.seed ?? 0, failure: failure.failure))
        }
        return .success(
            Dictionary(
                uniqueKeysWithValues: zip(claims, report.properties).map { claim, property in
                    (claim, Finding(firstFailingSeed: property.firstFailingSeed, seedsRun: report.runs))
                }))
    }
}
/// A seed whose run stopped on a defect (an escape, a loop, a deadlock) rather than finishing.
struct RunCouldNotComplete: Error, CustomStringConvertible {
    var seed: UInt64
    var failure: SimulationFailure
    var description: String { "seed \(seed) could not complete: \(failure)" }
}
