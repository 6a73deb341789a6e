/// Shrinks a failing run by editing its choice sequence and replaying it, keeping an edit only when the
/// run still fails (Hypothesis' approach: MacIver & Donaldson, ECOOP 2020).
///
/// Because choice `0` is the simplest option everywhere, a sequence that is shorter, or equally long and
/// smaller value by value (shortlex order), describes a simpler run: fewer operations, fewer preemptions,
/// fewer faults. Every accepted edit makes the sequence shortlex-smaller, so shrinking terminates; each
/// pass tries one kind of edit, and passes repeat until none makes progress.
package struct Shrinker: Sendable {
    /// At most this many replays.
    public var attemptLimit: Int
    /// At most this many scheduling points replayed in all. Both limits are counts, never time, so a
    /// shrink gives the same counterexample on every machine.
    public var stepLimit: Int

    /// A shrinker with the given bounds.
    public init(attemptLimit: Int = 10_000, stepLimit: Int = 5_000_000) {
        self.attemptLimit = attemptLimit
        self.stepLimit = stepLimit
    }

    /// What a shrink found.
    public struct Result: Sendable {
        /// The smallest failing run found.
        public var run: RunRecord
        /// How many replays it took.
        public var attempts: Int
        /// Whether a limit stopped it before no single edit could simplify the run further.
        public var stoppedAtLimit: Bool
    }

    /// The smallest failing run reachable from `run`.
    /// - Parameters:
    ///   - run: the failing run to start from.
    ///   - isFailing: whether a replayed run still shows the failure being shrunk.
    ///   - replay: replays a choice sequence.
    public func shrink(
        _ run: RunRecord, isFailing: (RunRecord) -> Bool, replay: ([Int]) -> RunRecord
    ) -> Result {
        var state = ShrinkState(best: run, attemptLimit: attemptLimit, stepLimit: stepLimit)
        var improved = true
        while improved, !state.exhausted {
            improved = false
            for pass in ShrinkPass.all where !state.exhausted {
                if pass.apply(&state, isFailing, replay) { improved = true }
            }
        }
        return Result(run: state.best, attempts: state.attempts, stoppedAtLimit: state.exhausted)
    }
}

/// The shrinker's working state: the best run so far and the budget left.
struct ShrinkState {
    var best: RunRecord
    var attempts = 0
    var replayedSteps = 0
    let attemptLimit: Int
    let stepLimit: Int

    init(best: RunRecord, attemptLimit: Int, stepLimit: Int) {
        self.best = best
        self.attemptLimit = attemptLimit
        self.stepLimit = stepLimit
    }

    var exhausted: Bool { attempts >= attemptLimit || replayedSteps >= stepLimit }

    /// Replays `candidate`; adopts it if it still fails and is simpler. Returns whether it was adopted.
    mutating func consider(
        _ candidate: [Int], _ isFailing: (RunRecord) -> Bool, _ replay: ([Int]) -> RunRecord
    ) -> Bool {
        guard !exhausted, ShrinkOrder.isSimpler(candidate, than: best.choices) else { return false }
        attempts += 1
        let run = replay(candidate)
        replayedSteps += run.schedulingPoints
        // The replay's own record is normalised (out-of-range values read as 0, unread values dropped),
        // so compare that, not the candidate.
        guard isFailing(run), ShrinkOrder.isSimpler(run.choices, than: best.choices) else { return false }
        best = run
        return true
    }
}

/// Shortlex order on choice sequences: shorter is simpler; at equal length, the first differing value
/// decides. Trailing zeros do not count, since a replay reads zeros past the end.
enum ShrinkOrder {
    static func isSimpler(_ a: [Int], than b: [Int]) -> Bool {
        let a = trimmed(a)
        let b = trimmed(b)
        if a.count != b.count { return a.count < b.count }
        for (x, y) in zip(a, b) where x != y { return x < y }
        return false
    }

    static func trimmed(_ values: [Int]) -> ArraySlice<Int> {
        var slice = values[...]
        while slice.last == 0 { slice = slice.dropLast() }
        return slice
    }
}
