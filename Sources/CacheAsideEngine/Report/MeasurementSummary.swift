extension Measure {
    /// A histogram of a property's measurements over many runs: exact counts, so that merging per-job
    /// summaries gives the same figures whatever the split.
    public struct Summary: Sendable, Hashable {
        private var counts: [Int: Int] = [:]

        /// An empty summary.
        public init() {}

        /// How many observations there are.
        public private(set) var count = 0

        /// Adds observations.
        public mutating func add(_ values: [Int]) {
            for value in values { counts[value, default: 0] += 1 }
            count += values.count
        }

        /// Adds another summary's observations.
        public mutating func merge(_ other: Measure.Summary) {
            counts.merge(other.counts, uniquingKeysWith: +)
            count += other.count
        }

        /// The sum of every observation (for a count per run: the count over all runs).
        public var total: Int { counts.reduce(0) { $0 + $1.key * $1.value } }

        /// How many observations are above zero (for staleness: the stale reads).
        public var positiveCount: Int { counts.reduce(0) { $1.key > 0 ? $0 + $1.value : $0 } }

        /// The largest observation, if any (`Measurement.unbounded` if a window never closed).
        public var max: Int? { counts.keys.max() }

        /// The largest observation that is not `Measurement.unbounded`, if any.
        public var maxBounded: Int? { counts.keys.filter { $0 != Measurement.unbounded }.max() }

        /// Every distinct observation with how often it occurred, in increasing order.
        public var histogram: [(value: Int, count: Int)] { counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }

        /// A summary holding `histogram`'s observations.
        public init(histogram: [(value: Int, count: Int)]) {
            for (value, number) in histogram { counts[value, default: 0] += number }
            count = histogram.reduce(0) { $0 + $1.count }
        }

        /// The `p`-th percentile (nearest rank, `p` in `0...100`) of all observations, or of those above
        /// zero only, if there are any.
        public func percentile(_ p: Double, positiveOnly: Bool = false) -> Int? {
            let sorted = counts.filter { !positiveOnly || $0.key > 0 }.sorted { $0.key < $1.key }
            let total = sorted.reduce(0) { $0 + $1.value }
            guard total > 0 else { return nil }
            let rank = Swift.max(1, Int((p / 100 * Double(total)).rounded(.up)))
            var seen = 0
            for (value, number) in sorted {
                seen += number
                if seen >= rank { return value }
            }
            return sorted.last?.key
        }
    }
}
