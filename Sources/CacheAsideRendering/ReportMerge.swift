/// Combines the `--json` reports of the shards of one check (`--shard K/N` for every K) into the report
/// the unsharded check gives, byte for byte: counts add up, the first failing seed is the smallest, its
/// counterexample comes from the shard that ran it (the shrinker is deterministic per seed), and
/// measurements are merged from their exact histograms, not from percentiles.
///
/// It refuses anything that would not give that report: shards of different checks (model, options —
/// shrinking and `--check-determinism` included —, seed range, version), a schema it does not write, a
/// shard missing or given twice, a shard that did not run all its seeds (stopped by `--time-limit`), and
/// counts no check writes (negative, or summing past `Int.max`) rather than trapping on them.
package enum ReportMerge {
    /// Why reports cannot be merged, in one sentence that names the fix.
    package struct MergeError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The explanation.
        package var description: String
        init(_ description: String) { self.description = description }
    }

    /// The report of the unsharded check that `shards` split between them; `names` label the inputs in
    /// errors (file names).
    package static func merge(_ shards: [JSONReport], names: [String]) throws(MergeError) -> JSONReport {
        guard let first = shards.first else { throw MergeError("nothing to merge; give the shards' JSON reports") }
        for (shard, name) in zip(shards, names) {
            try checkSchema(shard.schemaVersion, of: name)
            try checkCounts(shard, of: name)
        }
        let count = try validateShards(shards, names: names)
        for (shard, name) in zip(shards, names).dropFirst() {
            func differs(_ what: String, _ theirs: String, _ ours: String) -> MergeError {
                MergeError("\(name) is from a different check than \(names[0]): \(what) is \(theirs) there but \(ours) in "
                    + "\(names[0]); merge shards of one command only")
            }
            if shard.version != first.version { throw differs("the tool version", shard.version, first.version) }
            if shard.model != first.model { throw differs("--model", shard.model, first.model) }
            if let key = Set(shard.options.keys).union(first.options.keys).sorted().first(where: { shard.options[$0] != first.options[$0] }) {
                func spelled(_ value: String?) -> String { value.map { "'\($0)'" } ?? "not given (the default)" }
                throw differs("--\(key)", spelled(shard.options[key]), spelled(first.options[key]))
            }
            if shard.seeds.from != first.seeds.from || shard.seeds.to != first.seeds.to {
                throw differs("the seed range", "\(shard.seeds.from)..<\(shard.seeds.to)", "\(first.seeds.from)..<\(first.seeds.to)")
            }
            if shard.measures.keys.sorted() != first.measures.keys.sorted() {
                throw differs("the measure list", shard.measures.keys.sorted().joined(separator: ", "),
                              first.measures.keys.sorted().joined(separator: ", "))
            }
            if shard.properties.map(\.label) != first.properties.map(\.label) {
                throw differs("the property list", shard.properties.map(\.label).joined(separator: ", "),
                              first.properties.map(\.label).joined(separator: ", "))
            }
        }
        for (shard, name) in zip(shards, names) {
            let index = Int(shard.seeds.shard!.split(separator: "/")[0])!
            let expected = seedCount(from: shard.seeds.from, to: shard.seeds.to, index: index, count: count)
            guard UInt64(shard.runs) == expected else {
                throw MergeError(
                    "\(name) ran \(shard.runs) of its \(expected) seeds (stopped early?); rerun that shard without --time-limit")
            }
        }
        var merged = first
        merged.seeds.shard = nil
        merged.runs = try sum(shards.map(\.runs), "runs")
        merged.schedulingPoints = try sum(shards.map(\.schedulingPoints), "schedulingPoints")
        // The first failure over all seeds, and how its shard stopped (a run failure, or nondeterminism).
        let failing = shards.filter { $0.runFailure != nil }.min { ($0.runFailure!.seed ?? 0) < ($1.runFailure!.seed ?? 0) }
        merged.runFailure = failing?.runFailure
        merged.properties = []
        for index in first.properties.indices {
            merged.properties.append(try mergeProperty(shards.map { $0.properties[index] }))
        }
        for (id, measure) in first.measures {
            var parts: [JSONReport.MeasurementEntry?] = []
            for shard in shards { parts.append(shard.measures[id]) }
            merged.measures[id] = try mergeMeasurement(measure, parts, of: id)
        }
        // The unsharded check repeats each property's first failing seed over all shards, which is where
        // the merged properties' first seeds are; every shard repeated its own, so all must agree.
        if shards.allSatisfy({ $0.determinismCheck != nil }) {
            merged.determinismCheck = DeterminismCheck(
                seeds: merged.properties.compactMap(\.firstFailingSeed).uniqueSorted(),
                consistent: shards.allSatisfy { $0.determinismCheck?.consistent == true })
        }
        let outcome = Report.Outcome(
            couldRun: merged.runFailure == nil, verdicts: merged.properties.map(\.verdict), explorationComplete: true)
        merged.outcome = "\(outcome)"
        merged.holds = outcome == .holds
        merged.stop = failing?.stop ?? "completed"
        return merged
    }

    /// The shard count, once every input is a shard of it and each shard appears exactly once.
    private static func validateShards(_ shards: [JSONReport], names: [String]) throws(MergeError) -> Int {
        var count: Int?
        var seen: [Int: String] = [:]
        for (shard, name) in zip(shards, names) {
            guard let text = shard.seeds.shard else {
                throw MergeError("\(name) is not a shard (it was run without --shard K/N); it is already the full report")
            }
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, let index = Int(parts[0]), let total = Int(parts[1]), (0..<total).contains(index)
            else { throw MergeError("\(name) has a malformed shard '\(text)'; expected K/N") }
            if let count, count != total {
                throw MergeError("\(name) is shard \(text) but others split the seeds \(count) ways; merge shards of one split")
            }
            count = total
            if let other = seen[index] { throw MergeError("\(name) and \(other) are both shard \(text); give each shard once") }
            seen[index] = name
        }
        let total = count!
        // Lazily: a hostile "0/9223372036854775807" must not make us list every shard it lacks.
        let missing = Array((0..<total).lazy.filter { seen[$0] == nil }.prefix(6))
        guard missing.isEmpty else {
            let list = missing.prefix(5).map { "\($0)/\(total)" }.joined(separator: ", ")
            let several = total - seen.count > 1
            throw MergeError("shard\(several ? "s" : "") \(list)\(missing.count > 5 ? ", …" : "") missing; merge every shard")
        }
        return total
    }

    /// How many seeds in `from..<to` have `seed % count == index`.
    static func seedCount(from: UInt64, to: UInt64, index: Int, count: Int) -> UInt64 {
        guard to > from else { return 0 }
        let n = UInt64(count)
        let k = UInt64(index)
        // Seeds ≡ k (mod n) below x: ⌈(x − k) / n⌉ for x > k, else 0; written so that x near
        // UInt64.max cannot overflow.
        func below(_ x: UInt64) -> UInt64 { x > k ? (x - k - 1) / n + 1 : 0 }
        return below(to) - below(from)
    }

    private static func mergeProperty(_ parts: [JSONReport.PropertyEntry]) throws(MergeError) -> JSONReport.PropertyEntry {
        var merged = parts[0]
        merged.failingRuns = try sum(parts.map(\.failingRuns), "failingRuns of \(merged.label)")
        merged.undecidedRuns = try sum(parts.map(\.undecidedRuns), "undecidedRuns of \(merged.label)")
        merged.exercisedRuns = try sum(parts.map(\.exercisedRuns), "exercisedRuns of \(merged.label)")
        let undecided = parts.first { $0.verdict == "undecided" }
        // Exercised in one shard is exercised: only a property no shard's runs exercised stays so.
        let unexercised = merged.exercisedRuns == 0 ? parts.first { $0.verdict == "notExercised" } : nil
        merged.verdict =
            merged.failingRuns > 0 ? "violated" : unexercised != nil ? "notExercised" : undecided == nil ? "holds" : "undecided"
        merged.undecidedReason =
            merged.verdict == "undecided" ? undecided?.undecidedReason
            : merged.verdict == "notExercised" ? unexercised?.undecidedReason : nil
        merged.holds = merged.verdict == "holds"
        let firstFailing = parts.filter { $0.firstFailingSeed != nil }.min { $0.firstFailingSeed! < $1.firstFailingSeed! }
        merged.firstFailingSeed = firstFailing?.firstFailingSeed
        merged.counterexample = firstFailing?.counterexample
        if let measurement = merged.measurement {
            merged.measurement = try mergeMeasurement(measurement, parts.map(\.measurement), of: merged.label)
        }
        return merged
    }

    /// `measurement` with the histograms of `parts` summed, with overflow checks (`Measure.Summary`
    /// then only sees counts that fit), and its figures recomputed from them.
    static func mergeMeasurement(
        _ measurement: JSONReport.MeasurementEntry, _ parts: [JSONReport.MeasurementEntry?], of label: String
    ) throws(MergeError) -> JSONReport.MeasurementEntry {
        var counts: [Int: Int] = [:]
        var total = 0
        for case let histogram? in parts.map({ $0?.histogram }) {
            for pair in histogram {
                let value = pair[0] ?? Measurement.unbounded
                let number = pair[1]!  // checkCounts saw every pair
                counts[value] = try sum([counts[value, default: 0], number], "the histogram of \(label)")
                total = try sum([total, number], "the histogram of \(label)")
            }
        }
        return JSONReport.MeasurementEntry(
            name: measurement.name, summary: Measure.Summary(histogram: counts.map { (value: $0.key, count: $0.value) }),
            percentilesOverPositive: measurement.percentilesOverPositive)
    }
}
