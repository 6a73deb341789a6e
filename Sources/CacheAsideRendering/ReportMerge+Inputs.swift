/// What `merge` checks of each shard on its own before combining: the schema it was written in and counts
/// a check could have written. A damaged or hand-edited report is refused by name and field, not merged
/// into a wrong verdict or trapped on (a count of `Int.max` overflowed the sum).
extension ReportMerge {
    /// Refuses a schema other than the one this version writes: a newer one may mean something else, and
    /// an older one (2 and before) does not record the shrinking and determinism options, so shards that
    /// differed in them could not be told apart.
    package static func checkSchema(_ version: Int, of name: String) throws(MergeError) {
        let current = JSONReport.currentSchemaVersion
        if version > current {
            throw MergeError("\(name) has schemaVersion \(version), newer than this cacheaside-check \(CacheAsideCheckVersion.current) "
                + "reads (\(current)); merge with the version that wrote it")
        }
        if version < current {
            throw MergeError("\(name) has schemaVersion \(version), an older layout that does not record every option "
                + "merge must compare (this version writes and merges \(current)); rerun the shard with this version")
        }
    }

    /// Refuses a negative count, and a histogram entry that is not a `[value, count]` pair.
    static func checkCounts(_ shard: JSONReport, of name: String) throws(MergeError) {
        func nonNegative(_ value: Int, _ field: String) throws(MergeError) {
            guard value >= 0 else {
                throw MergeError("\(name): \(field) is \(value), and a count cannot be negative; the file is damaged or not from cacheaside-check")
            }
        }
        try nonNegative(shard.runs, "runs")
        try nonNegative(shard.schedulingPoints, "schedulingPoints")
        for property in shard.properties {
            try nonNegative(property.failingRuns, "failingRuns of \(property.label)")
            try nonNegative(property.undecidedRuns, "undecidedRuns of \(property.label)")
            try nonNegative(property.exercisedRuns, "exercisedRuns of \(property.label)")
            try checkPairs(property.measurement?.histogram ?? [], of: property.label, in: name)
        }
        for (id, measure) in shard.measures.sorted(by: { $0.key < $1.key }) {
            try checkPairs(measure.histogram, of: id, in: name)
        }
    }

    /// Refuses a histogram entry that is not a `[value, count]` pair, or a negative count.
    private static func checkPairs(_ histogram: [[Int?]], of label: String, in name: String) throws(MergeError) {
        for pair in histogram {
            guard pair.count == 2, let number = pair[1] else {
                let spelled = "[" + pair.map { $0.map(String.init) ?? "null" }.joined(separator: ", ") + "]"
                throw MergeError("\(name): the histogram of \(label) has \(spelled), not a [value, count] pair; "
                    + "the file is damaged or not from cacheaside-check")
            }
            guard number >= 0 else {
                throw MergeError("\(name): a histogram count of \(label) is \(number), and a count cannot be negative; the file is damaged or not from cacheaside-check")
            }
        }
    }

    /// The sum, or a refusal naming `field` if it does not fit in an `Int`.
    static func sum(_ counts: [Int], _ field: String) throws(MergeError) -> Int {
        var total = 0
        for count in counts {
            let (next, overflow) = total.addingReportingOverflow(count)
            guard !overflow else {
                throw MergeError("the shards' \(field) add up to more than \(Int.max); the files are damaged or not from cacheaside-check")
            }
            total = next
        }
        return total
    }
}
