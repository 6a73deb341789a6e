/// The single source of every decision in a run: workload shape, which client runs next, faults, and a
/// strategy's own randomness.
///
/// Each decision is an integer in `0..<bound`, and `0` always means the simplest option (no operation,
/// keep running the same client, no fault). A run is a pure function of (strategy, options, recorded
/// choices): generating from a seed and replaying the recording produce the same run. This is the
/// Hypothesis "choice sequence" idea (MacIver & Donaldson, ECOOP 2020); the shrinker edits these values
/// and replays them.
package struct ChoiceSource: Sendable {
    /// How values are produced.
    package enum Mode: Sendable {
        /// Draw from a PRNG, using each call site's own distribution.
        case generate(SplitMix64)
        /// Read back recorded values; past the end, or out of range, read `0`.
        case replay([Int])
        /// Follow a run's outline (`RunOutline`): the workload's choices by position, scheduling picks by
        /// the client that should run, every other choice by the transition drawing it. The shrinker
        /// replays an edited outline this way, so deleting a client does not shift the meaning of the
        /// choices of the clients that stay.
        case guided(ChoiceGuide)
    }

    private var mode: Mode
    private var cursor = 0
    /// Every value handed out, in order.
    package private(set) var recorded: [Int] = []
    /// The bound each recorded value was drawn below (exhaustive search and the shrinker use them).
    package private(set) var bounds: [Int] = []

    /// A source in the given mode.
    package init(_ mode: Mode) {
        self.mode = mode
        recorded.reserveCapacity(64)
        bounds.reserveCapacity(64)
    }

    /// A source generating from `seed`.
    package init(seed: UInt64) { self.init(.generate(SplitMix64(seed: seed))) }

    /// A source replaying `values`.
    package init(replaying values: [Int]) { self.init(.replay(values)) }

    /// Whether this source replays recorded values (strategies never need to know; schedulers do not
    /// consult their policy when replaying).
    package var isReplaying: Bool {
        if case .replay = mode { return true }
        return false
    }

    /// A value in `0..<bound`. When generating, `generate` draws it from the PRNG with whatever
    /// distribution the call site wants (its result is clamped into range); when replaying it is ignored.
    package mutating func choose(below bound: Int, generate: (inout SplitMix64) -> Int) -> Int {
        precondition(bound > 0, "a choice needs at least one option")
        let value: Int
        switch mode {
        case .generate(var rng):
            value = min(max(generate(&rng), 0), bound - 1)
            mode = .generate(rng)
        case .replay(let values):
            let stored = cursor < values.count ? values[cursor] : 0
            value = (0..<bound).contains(stored) ? stored : 0
        case .guided(let guide):
            // A scheduling pick's closure asks the guide's policy (`GuidedScheduling`), which marks the
            // draw as a pick; every other closure draws from this throwaway generator and is ignored.
            var unused = SplitMix64(seed: 0)
            let proposed = generate(&unused)
            let stored = guide.value(at: cursor, proposed: proposed)
            value = (0..<bound).contains(stored) ? stored : 0
        }
        cursor += 1
        recorded.append(value)
        bounds.append(bound)
        return value
    }

    /// Tells a guided source which client the scheduler resumed (every other mode ignores it). Called
    /// only while a run traces its schedule, which guided runs always do.
    mutating func noteScheduled(slot: Int, beginsOperation: Bool) {
        if case .guided(let guide) = mode { guide.noteScheduled(slot: slot, beginsOperation: beginsOperation) }
    }

    /// A uniformly distributed value in `0..<bound`.
    package mutating func choose(below bound: Int) -> Int {
        choose(below: bound) { $0.below(bound) }
    }
}
