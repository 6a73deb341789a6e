import CacheAsideCheck

extension Report {
    /// What a failed consistency assertion says, or `nil` if every run completed, every property held and
    /// everything planned was explored. A check that could not start, stopped early, or left a property
    /// undecided fails too: a pass must mean the claim was checked.
    ///
    /// For each violated property: how many runs broke it and the first seed, the shrunk counterexample
    /// drawn as lanes (the row where it broke is marked), and a line of Swift that replays exactly that
    /// run, written against a checker named `checker` (the one that produced this report):
    ///
    /// ```
    /// Replay exactly this run in a test:
    ///     let run = try checker.replay(token: "3_XOEzqQ-DuoTuvqZxOISAigJlMk")
    /// ```
    ///
    /// `XCTAssertConsistent` and `expectConsistent` fail with this text, so a test can assert on it
    /// directly instead of leaving a red test behind.
    public var failureMessage: String? {
        guard !holds else { return nil }
        var lines: [String] = []
        if let configurationError {
            return "\(strategyName): the check could not start: \(configurationError)"
        }
        if let failure = runFailure {
            let which = failure.seed.map { "the run of seed \($0)" } ?? "the replayed run"
            lines.append("\(strategyName): \(which) could not complete: \(failure.failure)")
            lines.append(contentsOf: Self.replayLines(token: failure.replayToken))
        }
        let undecided = properties.filter { $0.verdict.undecidedReason != nil && runFailure == nil }
        if !undecided.isEmpty {
            if !lines.isEmpty { lines.append("") }
            for property in undecided {
                lines.append("\(strategyName): \(property.label) is undecided: \(property.verdict.undecidedReason!)")
            }
        }
        let violated = self.violated
        if !violated.isEmpty {
            if !lines.isEmpty { lines.append("") }
            let names = violated.map(\.id).joined(separator: ", ")
            lines.append("\(strategyName) violated \(names) (\(violated.count) of \(properties.count) properties, \(runsSummary))")
        }
        for property in violated {
            lines.append("")
            lines.append("── \(property.label): \(occurrence(of: property))")
            guard let example = property.counterexample else { continue }
            // `describe` begins with the command line's own heading; the line above replaces it with one
            // that also says how often the property broke.
            lines.append(contentsOf: TextReport.describe(example).dropFirst())
            lines.append("")
            lines.append(contentsOf: Self.replayLines(token: example.replayToken))
        }
        return lines.joined(separator: "\n")
    }

    /// The pasteable replay instruction; the checker variable is assumed to be called `checker`.
    static func replayLines(token: String) -> [String] {
        ["Replay exactly this run in a test:", "    let run = try checker.replay(token: \"\(token)\")"]
    }

    private var runsSummary: String {
        if seeds.isEmpty { return "one replayed run" }
        let seedText = seeds.count == 1 ? "seed \(seeds[0])" : "seeds \(seeds.first!)…\(seeds.last!)"
        return "\(runs) run\(runs == 1 ? "" : "s"), \(seedText)"
    }

    private func occurrence(of property: PropertyReport) -> String {
        guard let seed = property.firstFailingSeed else {
            return seeds.isEmpty ? "violated by the replayed run" : "violated in \(property.failingRuns) of \(runs) runs"
        }
        return "violated in \(property.failingRuns) of \(runs) runs, first by seed \(seed)"
    }
}
