/// Shrinks a failing run by editing it and replaying it, keeping an edit only when the run still fails
/// and is simpler (Hypothesis' approach: MacIver & Donaldson, ECOOP 2020).
///
/// "Simpler" is what a person reading the trace counts — fewer steps, then fewer clients, then fewer
/// operations — and, at equal size, a shortlex-smaller choice sequence (`ShrinkOrder`). Choice `0` is the
/// simplest option everywhere, so most edits are positional: delete or zero a block of choices, lower
/// one. Once calls have latencies or a strategy has workers, positional edits shift every later choice
/// onto another decision; the passes in `ShrinkPass+Guided` edit the run by meaning instead (drop a
/// client with its steps, drop an operation or two, hand an operation to another client, make calls
/// fast, start a key warm) and replay it through a guide that keeps everything else in place. Every
/// adopted edit descends the order, so shrinking terminates; passes repeat until none makes progress.
package struct Shrinker: Sendable {
    /// At most this many replays.
    package var attemptLimit: Int
    /// At most this many scheduling points replayed in all. Both limits are counts, never time, so a
    /// shrink gives the same counterexample on every machine.
    package var stepLimit: Int

    /// A shrinker with the given bounds.
    package init(attemptLimit: Int = 10_000, stepLimit: Int = 5_000_000) {
        self.attemptLimit = attemptLimit
        self.stepLimit = stepLimit
    }

    /// What a shrink found.
    package struct Result: Sendable {
        /// The smallest failing run found.
        package var run: RunRecord
        /// How many replays it took.
        package var attempts: Int
        /// Whether a limit stopped it before no single edit could simplify the run further.
        package var stoppedAtLimit: Bool
    }

    /// How the shrinker replays edits of a run by meaning (`RunOutline`) rather than by position.
    package struct GuidedReplay {
        /// Replays a choice sequence with its schedule traced, so that it has an outline.
        package var traced: ([Int]) -> RunRecord
        /// Replays an edited outline.
        package var following: (RunOutline) -> RunRecord
        /// Where the workload's choices sit in a sequence.
        package var layout: WorkloadChoiceLayout

        /// Replays through `traced` and `following`, for a workload laid out as `layout`.
        package init(
            traced: @escaping ([Int]) -> RunRecord, following: @escaping (RunOutline) -> RunRecord,
            layout: WorkloadChoiceLayout
        ) {
            self.traced = traced
            self.following = following
            self.layout = layout
        }
    }

    /// The smallest failing run reachable from `run`.
    /// - Parameters:
    ///   - run: the failing run to start from.
    ///   - isFailing: whether a replayed run still shows the failure being shrunk.
    ///   - replay: replays a choice sequence.
    ///   - guided: replays by meaning, for the passes that drop a client or an operation with all of its
    ///     steps, or make calls fast, while the rest of the run stays as it was; `nil` skips them.
    package func shrink(
        _ run: RunRecord, isFailing: @escaping (RunRecord) -> Bool, replay: @escaping ([Int]) -> RunRecord,
        guided: GuidedReplay? = nil
    ) -> Result {
        var state = ShrinkState(
            best: run, attemptLimit: attemptLimit, stepLimit: stepLimit, isFailing: isFailing, replay: replay,
            guided: guided)
        // Each order descends from `run` on the budget the ones before it left; the simplest end wins,
        // and an order cut short by the budget only counts as the answer if nothing finished simpler.
        // Only where clients think do the orders part ways (timing holds operations in place, and which
        // ones go first decides what timing is left), so a run without pauses takes one descent.
        let orders = guided?.layout.thinkOffset != nil ? ShrinkPass.orders : [ShrinkPass.all]
        var ends: [(run: RunRecord, stoppedAtLimit: Bool)] = []
        for passes in orders where !state.exhausted {
            state.best = run
            state.descend(passes)
            ends.append((state.best, state.exhausted))
        }
        let end = ends.dropFirst().reduce(ends.first ?? (run, true)) { ShrinkOrder.isSimpler($1.run, than: $0.run) ? $1 : $0 }
        return Result(run: end.run, attempts: state.attempts, stoppedAtLimit: end.stoppedAtLimit)
    }
}

/// The shrinker's working state: the best run so far, the budget left, and how to replay.
struct ShrinkState {
    var best: RunRecord
    var attempts = 0
    var replayedSteps = 0
    let attemptLimit: Int
    let stepLimit: Int
    let isFailing: (RunRecord) -> Bool
    let replay: ([Int]) -> RunRecord
    let guided: Shrinker.GuidedReplay?

    init(
        best: RunRecord, attemptLimit: Int, stepLimit: Int, isFailing: @escaping (RunRecord) -> Bool,
        replay: @escaping ([Int]) -> RunRecord, guided: Shrinker.GuidedReplay?
    ) {
        self.best = best
        self.attemptLimit = attemptLimit
        self.stepLimit = stepLimit
        self.isFailing = isFailing
        self.replay = replay
        self.guided = guided
    }

    var exhausted: Bool { attempts >= attemptLimit || replayedSteps >= stepLimit }

    /// Applies `passes` in turn, again and again until none adopts an edit (or the budget runs out), so
    /// the best run is 1-minimal for every edit they try: no single deletion, zeroing, dropped client or
    /// operation gives a simpler failing run.
    mutating func descend(_ passes: [ShrinkPass]) {
        var improved = true
        while improved, !exhausted {
            improved = false
            for pass in passes where !exhausted {
                if pass.apply(&self) { improved = true }
            }
        }
    }

    /// Replays `candidate`; adopts it if it still fails and is simpler. Returns whether it was adopted.
    mutating func consider(_ candidate: [Int]) -> Bool {
        // Every positional edit makes the sequence shortlex-smaller; one that does not cannot help.
        guard !exhausted, ShrinkOrder.isSimpler(candidate, than: best.choices) else { return false }
        return adoptIfSimpler(replay(candidate))
    }

    /// Replays `outline` through the guide; adopts the run if it still fails and is simpler.
    mutating func consider(_ outline: RunOutline) -> Bool {
        guard !exhausted, let guided else { return false }
        return adoptIfSimpler(guided.following(outline))
    }

    /// The outline of the best run (one traced replay, counted against the budget).
    mutating func bestOutline() -> RunOutline? {
        guard !exhausted, let guided else { return nil }
        attempts += 1
        let traced = guided.traced(best.choices)
        replayedSteps += traced.schedulingPoints
        return RunOutline(traced)
    }

    private mutating func adoptIfSimpler(_ run: RunRecord) -> Bool {
        attempts += 1
        replayedSteps += run.schedulingPoints
        // The replay's own record is normalised (out-of-range values read as 0, unread values dropped),
        // so compare that, not the candidate.
        guard isFailing(run), ShrinkOrder.isSimpler(run, than: best) else { return false }
        best = run
        best.schedule = nil
        return true
    }
}

/// The order shrinking descends: a run is simpler than another if it has fewer steps, then fewer
/// clients, then fewer operations — what a person reading the trace counts — and, at equal size, if its
/// choice sequence is shortlex-smaller. Every adopted edit is a strict descent in this well-founded
/// order, so shrinking terminates; a pass may lengthen the sequence (a warm entry instead of a refill)
/// when that shortens the trace.
package enum ShrinkOrder {
    /// What a person counts in a trace: steps, clients, operations, compared in that order.
    package static func size(of run: RunRecord) -> [Int] {
        let operations = run.history.operations
        return [run.history.stepCount, Set(operations.map(\.client)).count, operations.count]
    }

    /// Whether `a` is simpler than `b`.
    package static func isSimpler(_ a: RunRecord, than b: RunRecord) -> Bool {
        let (sizeA, sizeB) = (size(of: a), size(of: b))
        if sizeA != sizeB { return sizeA.lexicographicallyPrecedes(sizeB) }
        return isSimpler(a.choices, than: b.choices)
    }

    /// Shortlex order on choice sequences: shorter is simpler; at equal length, the first differing
    /// value decides. Trailing zeros do not count, since a replay reads zeros past the end.
    package static func isSimpler(_ a: [Int], than b: [Int]) -> Bool {
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
