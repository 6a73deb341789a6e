import Foundation

/// Draws key ranks for generated operations under `Workload.keySkew`: rank `r` (key `k<r+1>`) with
/// probability proportional to `1 / (r+1)^skew`.
///
/// Only generation uses it; replay reads the recorded rank, so the distribution never has to be
/// inverted. With no skew it draws exactly as a uniform choice does, which keeps the classic workload's
/// seeds meaning the same runs.
struct KeyPicker {
    /// Cumulative probabilities of ranks `0..<keys`; empty for a uniform draw.
    private let cumulative: [Double]
    private let keys: Int

    init(keys: Int, skew: Double) {
        self.keys = max(keys, 1)
        guard skew > 0, keys > 1 else {
            cumulative = []
            return
        }
        let weights = (1...keys).map { 1 / pow(Double($0), skew) }
        let total = weights.reduce(0, +)
        var running = 0.0
        cumulative = weights.map { weight in
            running += weight / total
            return running
        }
    }

    /// A rank in `0..<keys`.
    func draw(_ rng: inout SplitMix64) -> Int {
        guard !cumulative.isEmpty else { return rng.below(keys) }
        let point = rng.unitInterval()
        return cumulative.firstIndex { point < $0 } ?? keys - 1
    }
}
