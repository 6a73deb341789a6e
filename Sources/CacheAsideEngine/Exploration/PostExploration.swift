/// What happens between exploration and the report: each property's first failing run is replayed from
/// its choices and shrunk into a counterexample, and, when asked, each is repeated to check that the
/// strategy is deterministic. The report builder then only assembles what this phase found; it runs
/// nothing.
///
/// A first failure that does not fail again on replay is not a counterexample: it is the strategy
/// depending on something outside the simulation, and is reported as nondeterminism with the place
/// where the two runs part (Hypothesis reports such a test as flaky, its own outcome).
package struct PostExploration {
    /// What the phase found, property by property.
    package struct Findings: Sendable {
        /// For each property, its shrunk counterexample, if it was violated and its failure replays.
        package var counterexamples: [Counterexample?]
        /// The determinism check, when one was asked for.
        package var determinismCheck: DeterminismCheck?
        /// A run that came out differently when replayed or repeated, if one did.
        package var nondeterminism: RunFailure?
    }

    let checker: Checker
    /// Whether counterexamples are shrunk (a replayed run is shown as it is).
    let shrinks: Bool
    /// Whether first failures are repeated (`Exploration.checkDeterminism`).
    let checksDeterminism: Bool
    /// The checker's fingerprint, which every counterexample and run failure carries.
    let fingerprint: RunFingerprint

    /// Replays, checks and shrinks the first failures in `tally`.
    package func follow(_ tally: ExplorationTally) -> Findings {
        var findings = Findings(counterexamples: Array(repeating: nil, count: tally.properties.count))
        guard tally.runFailure == nil else { return findings }
        for (index, found) in tally.properties.enumerated() {
            guard let first = found.firstFailure else { continue }
            let replayed = checker.replay(first.choices)
            if let difference = first.history.firstDifference(from: replayed.history) {
                findings.nondeterminism = findings.nondeterminism ?? nondeterminism(first, difference)
                continue
            }
            findings.counterexamples[index] = checker.counterexample(
                property: index, original: replayed, seed: first.origin.seed, shrinks: shrinks,
                fingerprint: fingerprint)
        }
        if checksDeterminism {
            var check = DeterminismCheck(seeds: [], consistent: true)
            var checked = Set<[Int]>()
            for first in tally.properties.compactMap(\.firstFailure) where checked.insert(first.choices).inserted {
                if let seed = first.origin.seed, !isSearch { check.seeds.append(seed) } else { check.schedules += 1 }
                if let difference = repetitionDifference(first) {
                    check.consistent = false
                    findings.nondeterminism = findings.nondeterminism ?? nondeterminism(first, difference)
                }
            }
            check.seeds.sort()
            findings.determinismCheck = check
        }
        return findings
    }

    /// Whether runs come from an exhaustive search, whose seed names a workload, not a run.
    private var isSearch: Bool {
        if case .exhaustive = checker.exploration.scheduler { return true }
        return false
    }

    /// Where repeating `first` gives another history: a seeded run is drawn again from its seed, and
    /// every run is replayed once more from its choices (as FoundationDB and madsim do). An exhaustive
    /// search's run is the schedule that failed, so only its choices are replayed, never a random run.
    private func repetitionDifference(_ first: ExplorationTally.FirstRun) -> String? {
        if let seed = first.origin.seed, !isSearch,
            let difference = first.history.firstDifference(from: checker.run(seed: seed).history)
        {
            return difference
        }
        return first.history.firstDifference(from: checker.replay(first.choices).history)
    }

    private func nondeterminism(_ first: ExplorationTally.FirstRun, _ difference: String) -> RunFailure {
        let seed = isSearch ? nil : first.origin.seed
        return RunFailure(
            seed: seed, failure: .nondeterministic(seed: seed, difference: difference), choices: first.choices,
            fingerprint: fingerprint)
    }
}
