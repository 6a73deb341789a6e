/// One kind of edit to a choice sequence. Each pass walks the current best sequence and tries its edit
/// at every position, restarting from the new best after each success.
struct ShrinkPass: Sendable {
    let name: String
    let apply: @Sendable (inout ShrinkState) -> Bool

    static let all: [ShrinkPass] = [
        deleteLargeBlocks, zeroLargeBlocks, dropClientChunks, dropClients, dropOperations, dropOperationPairs, mergeClients,
        dropOperationChunks, deleteBlocks, zeroBlocks, zeroEach, lowerEach, lowerPausesTogether, swapAdjacentPreemptions,
        quietTransitions, simplifyWorkloadChoices, readsToWrites, warmEntries, lowerClientSlots,
    ]

    /// The same passes, coarse edits by meaning first: whole clients in chunks, then everything before
    /// a race in one edit, before any positional edit. Greedy descent ends in a local minimum that
    /// depends on the path, and neither order reaches the smaller one on every run (a stampede under
    /// hot-key-expiry: 6 steps this way, 9 the other; a mass-expiry stampede: 22 this way, 16 the
    /// other), so the shrinker descends along both (`Shrinker.shrink`).
    static let coarseFirst: [ShrinkPass] = [
        dropClientChunks, deleteLargeBlocks, zeroLargeBlocks, dropClients, dropOperationChunks, dropOperations,
        dropOperationPairs, mergeClients, deleteBlocks, zeroBlocks, zeroEach, lowerEach, lowerPausesTogether,
        swapAdjacentPreemptions, quietTransitions, simplifyWorkloadChoices, readsToWrites, warmEntries, lowerClientSlots,
    ]

    /// The pass orders a shrink descends along, one after the other.
    static let orders: [[ShrinkPass]] = [all, coarseFirst]

    /// Block sizes for long sequences: halves, quarters, … down to 16 choices, so that a run of
    /// thousands of operations loses whole clients' worth of them per replay instead of eight choices at
    /// a time (the small-block passes alone ran out of budget on 64 × 100 runs). Short sequences, where
    /// the small passes are cheap, get none, so their counterexamples are what they always were.
    private static func largeBlockSizes(_ count: Int) -> [Int] {
        guard count >= 32 else { return [] }
        var sizes: [Int] = []
        var size = 16
        while size * 4 <= count { size *= 2 }  // the largest power of two up to half the count
        while size >= 16 {
            sizes.append(size)
            size /= 2
        }
        return sizes
    }

    /// Deletes aligned blocks of the large sizes, left to right.
    static let deleteLargeBlocks = ShrinkPass(name: "delete large blocks") { state in
        largeBlockSizes(state.best.choices.count).reduce(false) { improved, size in
            sweepAlignedWindows(of: size, &state) { candidate, window in
                candidate.removeSubrange(window)
                return true
            } || improved
        }
    }

    /// Zeroes aligned blocks of the large sizes: the workload's operation choices come first, so this
    /// turns off many operations at once.
    static let zeroLargeBlocks = ShrinkPass(name: "zero large blocks") { state in
        largeBlockSizes(state.best.choices.count).reduce(false) { improved, size in
            sweepAlignedWindows(of: size, &state) { candidate, window in
                guard candidate[window].contains(where: { $0 != 0 }) else { return false }
                for index in window { candidate[index] = 0 }
                return true
            } || improved
        }
    }

    /// Like `sweepWindows`, but windows start at multiples of `size` (and a window that shrank the
    /// sequence is tried again at the same place).
    private static func sweepAlignedWindows(
        of size: Int, _ state: inout ShrinkState,
        edit: (inout [Int], Range<Int>) -> Bool
    ) -> Bool {
        var improved = false
        var start = 0
        while start + size <= state.best.choices.count, !state.exhausted {
            var candidate = state.best.choices
            let before = candidate.count
            let adopted = edit(&candidate, start..<(start + size)) && state.consider(candidate)
            improved = improved || adopted
            if !(adopted && state.best.choices.count < before) { start += size }
        }
        return improved
    }

    /// Deletes runs of consecutive choices (8, 4, 2, then 1 long): removes whole scheduling decisions
    /// and the steps that depended on them.
    static let deleteBlocks = ShrinkPass(name: "delete blocks") { state in
        [8, 4, 2, 1].reduce(false) { improved, size in
            // After a deletion new choices slide into the window, so the same position is tried again.
            let planChoices = state.best.planChoiceCount
            return sweepWindows(of: size, &state, retryAfterSuccess: true) { candidate, window in
                // Deleting empty operation slots only slides the plan's later operations onto other
                // clients; `mergeClients` does that by meaning, so those windows are not worth a replay.
                if window.upperBound <= planChoices, !candidate[window].contains(where: { $0 != 0 }) { return false }
                candidate.removeSubrange(window)
                return true
            } || improved
        }
    }

    /// Sets runs of consecutive choices to zero: no operation, no preemption, no fault.
    static let zeroBlocks = ShrinkPass(name: "zero blocks") { state in
        [8, 4, 2].reduce(false) { improved, size in
            sweepWindows(of: size, &state, retryAfterSuccess: false) { candidate, window in
                guard candidate[window].contains(where: { $0 != 0 }) else { return false }
                for index in window { candidate[index] = 0 }
                return true
            } || improved
        }
    }

    /// Tries `edit` on every window of `size` consecutive choices of the best sequence, left to right;
    /// `edit` returns false when it has nothing to try at a window. Returns whether any edit was adopted.
    private static func sweepWindows(
        of size: Int, _ state: inout ShrinkState, retryAfterSuccess: Bool, edit: (inout [Int], Range<Int>) -> Bool
    ) -> Bool {
        var improved = false
        var start = 0
        while start + size <= state.best.choices.count, !state.exhausted {
            var candidate = state.best.choices
            let adopted = edit(&candidate, start..<(start + size)) && state.consider(candidate)
            improved = improved || adopted
            if !(adopted && retryAfterSuccess) { start += 1 }
        }
        return improved
    }

    /// Sets each choice to zero on its own. At a fixed point no single operation, preemption or fault can
    /// be removed: the run is 1-minimal in those terms.
    static let zeroEach = ShrinkPass(name: "zero each") { state in
        var improved = false
        var index = 0
        while index < state.best.choices.count, !state.exhausted {
            if state.best.choices[index] != 0 {
                var candidate = state.best.choices
                candidate[index] = 0
                if state.consider(candidate) { improved = true }
            }
            index += 1
        }
        return improved
    }

    /// Lowers each choice by binary search (a write becomes a read, a far switch a near one).
    static let lowerEach = ShrinkPass(name: "lower each") { state in
        var improved = false
        var index = 0
        while index < state.best.choices.count, !state.exhausted {
            var low = 0
            var high = state.best.choices[index]
            // Invariant: `high` fails (it is the current value); find the smallest value that still fails.
            while low + 1 < high, !state.exhausted, index < state.best.choices.count {
                let middle = (low + high) / 2
                var candidate = state.best.choices
                candidate[index] = middle
                if state.consider(candidate) {
                    improved = true
                    high = middle
                } else {
                    low = middle
                }
            }
            index += 1
        }
        return improved
    }

    /// Lowers several pauses by the same amount, by binary search: every pause at once, then each pair.
    /// A race between two thinking clients needs their start times a fixed distance apart, so lowering
    /// either alone passes and `lowerEach` would descend one tick per round (Hypothesis lowers duplicated
    /// blocks together for the same reason).
    static let lowerPausesTogether = ShrinkPass(name: "lower pauses together") { state in
        guard let layout = state.guided?.layout else { return false }
        let pauses = layout.thinkIndices.filter { $0 < state.best.choices.count && state.best.choices[$0] > 0 }
        guard pauses.count >= 2, pauses.count <= 16 else { return false }
        var groups = [pauses]
        for (position, first) in pauses.enumerated() {
            for second in pauses[(position + 1)...] { groups.append([first, second]) }
        }
        var improved = false
        for group in groups where !state.exhausted {
            var low = 0
            var high = group.map { state.best.choices[$0] }.min() ?? 0
            // Invariant: lowering by `low` is known to fail (by 0 it is the best run); find the largest.
            while low < high, !state.exhausted {
                let amount = (low + high + 1) / 2
                var candidate = state.best.choices
                guard group.allSatisfy({ candidate[$0] >= amount }) else { break }
                for index in group { candidate[index] -= amount }
                if state.consider(candidate) {
                    improved = true
                    high -= amount
                    low = 0
                } else {
                    high = amount - 1
                }
            }
        }
        return improved
    }

    /// Moves a non-zero choice one place earlier (swapping with a smaller neighbour), which can turn two
    /// preemptions into one.
    static let swapAdjacentPreemptions = ShrinkPass(name: "swap adjacent") { state in
        var improved = false
        var index = 0
        while index + 1 < state.best.choices.count, !state.exhausted {
            let choices = state.best.choices
            if choices[index] > choices[index + 1] {
                var candidate = choices
                candidate.swapAt(index, index + 1)
                if state.consider(candidate) { improved = true }
            }
            index += 1
        }
        return improved
    }
}
