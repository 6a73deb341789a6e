/// The seeds a check runs: a range, or its shard `seed % count == index`, as an arithmetic progression
/// that is never materialised (`--seeds 100000000` must not allocate 800 MB).
package struct SeedSelection: RandomAccessCollection, Sendable, Hashable {
    /// The first selected seed.
    package let start: UInt64
    /// The distance between consecutive selected seeds (the shard count, or 1).
    package let stride: UInt64
    /// How many seeds are selected.
    package let count: Int

    /// The seeds of `range` with `seed % shard.count == shard.index` (all of them without a shard).
    /// An invalid shard selects nothing (`Checker.configurationProblem` reports it).
    package init(_ range: Range<UInt64>, shard: (index: Int, count: Int)? = nil) {
        guard let shard else {
            start = range.lowerBound
            stride = 1
            count = Int(clamping: range.upperBound - range.lowerBound)
            return
        }
        guard shard.count >= 1, (0..<shard.count).contains(shard.index) else {
            start = range.lowerBound
            stride = 1
            count = 0
            return
        }
        let modulus = UInt64(shard.count)
        let offset = (UInt64(shard.index) + modulus - range.lowerBound % modulus) % modulus
        stride = modulus
        let (first, overflow) = range.lowerBound.addingReportingOverflow(offset)
        start = first
        count = overflow || first >= range.upperBound ? 0 : Int(clamping: (range.upperBound - 1 - first) / modulus + 1)
    }

    package var startIndex: Int { 0 }
    package var endIndex: Int { count }
    package subscript(position: Int) -> UInt64 { start &+ UInt64(position) &* stride }

    /// How many selected seeds are below `seed`.
    func count(before seed: UInt64) -> Int {
        guard count > 0, seed > start else { return 0 }
        return Swift.min(count, Int(clamping: (seed - 1 - start) / stride + 1))
    }
}
