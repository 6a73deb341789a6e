/// Combines the `--json` reports of the shards of one check (`--shard K/N` for every K) into the report
/// the unsharded check gives, byte for byte: counts add up, the first failing seed is the smallest, its
/// counterexample comes from the shard that ran it (the shrinker is deterministic per seed), and
/// measurements are merged from their exact histograms, not from percentiles.
///
/// It refuses anything that would not give that report: shards of different checks (model, options, seed
/// range, version), a shard missing or given twice, or a shard that did not run all its seeds (stopped
/// by `--time-limit`).
package enum ReportMerge {
    /// Why reports cannot be merged, in one sentence that names the fix.
    public struct MergeError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The explanation.
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// The report of the unsharded check that `shards` split between them; `names` label the inputs in
    /// errors (file names).
    public static func merge(_ shards: [JSONReport], names: [String]) throws(MergeError) -> JSONReport {
        guard let first = shards.first else { throw MergeError("nothing to merge; give the shards' JSON reports") }
        let count = try validateShards(shards, names: names)
        for (shard, name) in zip(shards, names).dropFirst() {
            func differs(_ what: String) -> MergeError {
                MergeError("\(name) is from a different check than \(names[0]) (\(what) differs); merge shards of one command only")
            }
            if shard.version != first.version { throw differs("tool version") }
            if shard.model != first.model { throw differs("model") }
            if shard.options != first.options { throw differs("options") }
            if shard.seeds.from != first.seeds.from || shard.seeds.to != first.seeds.to { throw differs("seed range") }
            if shard.schemaVersion != first.schemaVersion { throw differs("schemaVersion") }
            if shard.properties.map(\.label) != first.properties.map(\.label) { throw differs("property list") }
        }
        for (shard, name) in zip(shards, names) {
            let index = Int(shard.seeds.shard!.split(separator: "/")[0])!
            let expected = seedCount(from: shard.seeds.from, to: shard.seeds.to, index: index, count: count)
            guard shard.runs == expected else {
                throw MergeError(
                    "\(name) ran \(shard.runs) of its \(expected) seeds (stopped early?); rerun that shard without --time-limit")
            }
        }
        var merged = first
        merged.seeds.shard = nil
        merged.runs = shards.reduce(0) { $0 + $1.runs }
        merged.schedulingPoints = shards.reduce(0) { $0 + $1.schedulingPoints }
        merged.runFailure = shards.compactMap(\.runFailure).min { ($0.seed ?? 0) < ($1.seed ?? 0) }
        merged.properties = first.properties.indices.map { index in
            mergeProperty(shards.map { $0.properties[index] })
        }
        merged.holds = merged.runFailure == nil && merged.properties.allSatisfy(\.holds)
        merged.outcome =
            merged.runFailure != nil ? "couldNotRun"
            : merged.properties.contains { $0.verdict == "violated" } ? "violated"
            : merged.properties.allSatisfy(\.holds) ? "holds" : "undecided"
        merged.stop = merged.runFailure != nil ? "runFailure" : "completed"
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
        let missing = (0..<total).filter { seen[$0] == nil }
        guard missing.isEmpty else {
            let list = missing.prefix(5).map { "\($0)/\(total)" }.joined(separator: ", ")
            throw MergeError("shard\(missing.count == 1 ? "" : "s") \(list)\(missing.count > 5 ? ", …" : "") missing; merge every shard")
        }
        return total
    }

    /// How many seeds in `from..<to` have `seed % count == index`.
    static func seedCount(from: UInt64, to: UInt64, index: Int, count: Int) -> Int {
        guard to > from else { return 0 }
        let n = UInt64(count)
        let k = UInt64(index)
        // Seeds ≡ k (mod n) below x: ⌈(x − k) / n⌉ for x > k, else 0.
        func below(_ x: UInt64) -> UInt64 { x > k ? (x - k + n - 1) / n : 0 }
        return Int(below(to) - below(from))
    }

    private static func mergeProperty(_ parts: [JSONReport.PropertyEntry]) -> JSONReport.PropertyEntry {
        var merged = parts[0]
        merged.failingRuns = parts.reduce(0) { $0 + $1.failingRuns }
        merged.undecidedRuns = parts.reduce(0) { $0 + $1.undecidedRuns }
        let undecided = parts.first { $0.verdict == "undecided" }
        merged.verdict = merged.failingRuns > 0 ? "violated" : undecided == nil ? "holds" : "undecided"
        merged.undecidedReason = merged.verdict == "undecided" ? undecided?.undecidedReason : nil
        merged.holds = merged.verdict == "holds"
        let firstFailing = parts.filter { $0.firstFailingSeed != nil }.min { $0.firstFailingSeed! < $1.firstFailingSeed! }
        merged.firstFailingSeed = firstFailing?.firstFailingSeed
        merged.counterexample = firstFailing?.counterexample
        if let measurement = merged.measurement {
            var summary = MeasurementSummary()
            for part in parts {
                guard let histogram = part.measurement?.histogram else { continue }
                summary.merge(
                    MeasurementSummary(
                        histogram: histogram.map { pair in
                            (value: pair.first.flatMap { $0 } ?? Measurement.unbounded, count: pair.last.flatMap { $0 } ?? 0)
                        }))
            }
            merged.measurement = JSONReport.MeasurementEntry(
                name: measurement.name, summary: summary,
                percentilesOverPositive: measurement.percentilesOverPositive)
        }
        return merged
    }
}
