/// The linearizability search for the operations on one key: Wing & Gong's backtracking search
/// ("Testing and verifying concurrent objects", JPDC 1993) with Lowe's memoisation of configurations
/// ("Testing for linearizability", CCPE 2017), laid out as Porcupine's `checkSingle` lays it out
/// (anishathalye/porcupine, checker.go; our own code).
///
/// The history is one doubly-linked list of call and return entries in time order. The search walks it
/// from the front: a call entry is a candidate to linearise next; linearising it lifts its call and return
/// entries out of the list and restarts from the front. Reaching a return entry means that operation had
/// to be linearised before anything later, and every earlier candidate failed: backtrack. Lifting and
/// restoring are O(1) pointer swaps ("dancing links"), so the hot loop allocates nothing but memo growth.
///
/// One reduction on top (our own, argued here; Lowe's JIT linearisation and Porcupine have none like it):
/// an operation that cannot change the register — a completed read, a failed compare-and-set — is
/// linearised at once, with no alternative tried, as soon as it is a candidate and legal. Exchange
/// argument: if configuration C has a successful completion σ, moving such an operation r to the front
/// of σ keeps σ valid — r is legal now, the register is the same for everything after it, and every
/// operation that had to precede r is already in C (that is what being a candidate means). So C
/// succeeds iff C + r does, and when C + r fails the search backtracks past C at once (a *forced*
/// frame). The longest linearisable prefix survives too: any prefix from C extends to one from C + r at
/// least as long. On a register history half reads, this removes the orders of the reads among the
/// writes, which is most of the configurations a hard history has; `BruteForceLinearizability` in the
/// tests checks the argument on thousands of small histories.
///
/// Register values are interned to 0..<k up front, so a state is a small integer the memo can pack.
///
/// Operations with an unknown outcome have no return entry: they may be linearised at any point after
/// their call, or never. So the search succeeds as soon as every *completed* operation is linearised.
package struct RegisterSearch {
    /// How a search ended.
    package enum Outcome {
        case linearizable
        /// No order works. `prefix` is the longest linearisable prefix found (in order), `registerValue`
        /// the value after it, and `blocking` the earliest-returning operation outside it.
        case stuck(prefix: [RegisterOperation], registerValue: Int, blocking: RegisterOperation)
        /// A limit ran out first.
        case abandoned(SearchLimit)
    }

    /// When to give up. The step and memo limits are counted, so they trip at the same point on every
    /// machine; the deadline is wall-clock and is consulted only every `stepsPerClockCheck` steps.
    struct Budget {
        var stepLimit: Int
        var memoryLimit: Int
        var deadline: ContinuousClock.Instant?
        var stepsPerClockCheck = 4096
    }

    /// What a search cost, in counted units that do not depend on the machine (for benchmarks).
    package struct Statistics {
        /// Steps taken: entries of the history considered.
        package var steps = 0
        /// Configurations remembered.
        package var memoEntries = 0
        /// Bytes of memo, as the memory limit counts them.
        package var memoBytes = 0
    }

    /// What an operation does to the register, decided once up front so the hot loop is one switch.
    private enum Effect: UInt8 {
        case read, write, succeededCompareAndSet, failedCompareAndSet, unknownWrite, unknownCompareAndSet

        /// Whether the operation returned, so the search must linearise it.
        var isCompleted: Bool { rawValue < Effect.unknownWrite.rawValue }

        /// Whether linearising it, when legal, leaves the register as it was: such an operation is
        /// linearised as soon as it can be (see the type's comment).
        var preservesState: Bool { self == .read || self == .failedCompareAndSet }
    }

    /// Runs the search for `operations`, all on one key.
    static func run(_ operations: [RegisterOperation], initialValue: Int, budget: Budget) -> Outcome {
        var statistics = Statistics()
        return run(operations, initialValue: initialValue, budget: budget, statistics: &statistics)
    }

    /// Runs the search at the checker's default limits and returns what it cost.
    package static func statistics(_ operations: [RegisterOperation], initialValue: Int) -> Statistics {
        var statistics = Statistics()
        let budget = Budget(
            stepLimit: LinearizabilityChecker.defaultStepLimit, memoryLimit: LinearizabilityChecker.defaultMemoryLimit,
            deadline: nil)
        _ = run(operations, initialValue: initialValue, budget: budget, statistics: &statistics)
        return statistics
    }

    private static func run(
        _ operations: [RegisterOperation], initialValue: Int, budget: Budget, statistics: inout Statistics
    ) -> Outcome {
        // A read with an unknown outcome, or a compare-and-set that would write what it expects,
        // cannot change what anyone observes: leaving them out cannot change the verdict.
        var ops = [RegisterOperation](), effects = [Effect](), first = [Int](), second = [Int]()
        ops.reserveCapacity(operations.count); effects.reserveCapacity(operations.count)
        first.reserveCapacity(operations.count); second.reserveCapacity(operations.count)
        // Values interned in order of appearance; the initial value is 0.
        var valueIndex: [Int: Int] = [initialValue: 0], values = [initialValue]
        func intern(_ value: Int) -> Int {
            if let index = valueIndex[value] { return index }
            valueIndex[value] = values.count
            values.append(value)
            return values.count - 1
        }
        var remaining = 0
        for op in operations {
            guard let (effect, a, b) = effect(of: op) else { continue }
            ops.append(op); effects.append(effect); first.append(intern(a)); second.append(intern(b))
            if effect.isCompleted { remaining += 1 }
        }
        let n = ops.count
        if remaining == 0 { return .linearizable }

        // Entries: call of op i is i, its return is n + i; `head` and `tail` are sentinels.
        let head = 2 * n, tail = 2 * n + 1
        var next = [Int32](repeating: 0, count: 2 * n + 2), prev = next
        var events: [(time: Int, isReturn: Bool, entry: Int32)] = []
        events.reserveCapacity(2 * n)
        for (i, op) in ops.enumerated() {
            events.append((op.invokedAt, false, Int32(i)))
            if effects[i].isCompleted { events.append((op.returnedAt!, true, Int32(n + i))) }
        }
        // At equal times calls come first: the intervals are closed, so such operations overlap.
        events.sort { $0.time != $1.time ? $0.time < $1.time : (!$0.isReturn && $1.isReturn) }
        var last = Int32(head)
        for event in events {
            next[Int(last)] = event.entry
            prev[Int(event.entry)] = last
            last = event.entry
        }
        next[Int(last)] = Int32(tail)
        prev[tail] = last

        var linearised = LinearisedSet(count: n)
        var memo = LinearizationMemo()
        var stackOps = [Int32](repeating: 0, count: n), stackStates = [Int](repeating: 0, count: n)
        var stackForced = [Bool](repeating: false, count: n)
        var depth = 0
        // The longest prefix so far is kept by patching: only the part of the stack below which it has
        // not changed since the last save is copied again, so tracking it stays linear overall.
        var longestPrefix: [Int32] = [], longestDepth = -1, longestValue = 0, longestBlocking = 0
        var unchangedDepth = 0
        var state = 0
        var steps = 0
        var entry = Int(next[head])
        // Whether the search has just reached a new configuration and must first look for an operation
        // that preserves the state and is legal there (to linearise it forced) before trying the others.
        var seekingForced = true
        defer {
            statistics.steps = steps
            statistics.memoEntries = memo.count
            statistics.memoBytes = memo.byteCount
        }

        // Undoes the top frame and, while the frame undone was forced, the one below: a forced frame
        // failing means the configuration it was forced from fails too. Returns false at the bottom.
        func backtrack() -> Bool {
            while depth > 0 {
                depth -= 1
                unchangedDepth = min(unchangedDepth, depth)
                let op = Int(stackOps[depth])
                state = stackStates[depth]
                linearised.remove(op)
                unlift(op, n: n, next: &next, prev: &prev, completed: effects[op].isCompleted)
                if effects[op].isCompleted { remaining += 1 }
                if !stackForced[depth] {
                    entry = Int(next[op])
                    return true
                }
            }
            return false
        }

        func stuck() -> Outcome {
            .stuck(
                prefix: longestPrefix.map { ops[Int($0)] }, registerValue: values[longestValue],
                blocking: ops[longestBlocking])
        }

        while true {
            steps &+= 1
            if steps > budget.stepLimit { return .abandoned(.searchSteps(budget.stepLimit)) }
            if steps & 1023 == 0, let limit = exhausted(budget, steps: steps, memo: memo) {
                return .abandoned(limit)
            }
            if seekingForced {
                // Scan the candidates (calls before the first return) for a legal state-preserving one.
                if entry < n {
                    let op = entry
                    let legal: Bool
                    switch effects[op] {
                    case .read: legal = state == first[op]
                    case .failedCompareAndSet: legal = state != first[op]
                    default: legal = false
                    }
                    if !legal {
                        entry = Int(next[entry])
                        continue
                    }
                    linearised.insert(op)
                    if memo.insert(linearised, state: state) {
                        stackOps[depth] = Int32(op)
                        stackStates[depth] = state
                        stackForced[depth] = true
                        depth += 1
                        lift(op, n: n, next: &next, prev: &prev, completed: true)
                        remaining -= 1
                        if remaining == 0 { return .linearizable }
                        entry = Int(next[head])
                        continue
                    }
                    // Explored before and failed, so the configuration it was forced from fails too.
                    linearised.remove(op)
                    if !backtrack() { return stuck() }
                    seekingForced = false
                    continue
                }
                // None: now try every candidate in turn, from the front.
                seekingForced = false
                entry = Int(next[head])
                continue
            }
            if entry == tail { return .linearizable }
            if entry < n {
                let op = entry
                let newState: Int
                let legal: Bool
                switch effects[op] {
                // Legal state-preserving candidates were all taken while seeking; the rest are illegal.
                case .read, .failedCompareAndSet: legal = false; newState = state
                case .write: legal = true; newState = first[op]
                case .succeededCompareAndSet: legal = state == first[op]; newState = second[op]
                // Linearising an unknown write of the value already held changes nothing: skip it.
                case .unknownWrite: legal = state != first[op]; newState = first[op]
                case .unknownCompareAndSet: legal = state == first[op]; newState = second[op]
                }
                if legal {
                    linearised.insert(op)
                    if memo.insert(linearised, state: newState) {
                        stackOps[depth] = Int32(op)
                        stackStates[depth] = state
                        stackForced[depth] = false
                        depth += 1
                        state = newState
                        lift(op, n: n, next: &next, prev: &prev, completed: effects[op].isCompleted)
                        if effects[op].isCompleted {
                            remaining -= 1
                            if remaining == 0 { return .linearizable }
                        }
                        entry = Int(next[head])
                        seekingForced = true
                        continue
                    }
                    linearised.remove(op)
                }
                entry = Int(next[entry])
            } else {
                // A return entry: its operation had to be linearised by now and could not be.
                if depth > longestDepth {
                    let kept = min(unchangedDepth, longestPrefix.count)
                    longestPrefix.removeLast(longestPrefix.count - kept)
                    longestPrefix.append(contentsOf: stackOps[kept..<depth])
                    longestDepth = depth; longestValue = state; longestBlocking = entry - n
                    unchangedDepth = depth
                }
                if !backtrack() { return stuck() }
            }
        }
    }

    /// What the search does with `op`, or nil when it cannot matter.
    private static func effect(of op: RegisterOperation) -> (Effect, Int, Int)? {
        switch op.kind {
        case .read:
            guard op.isCompleted, let observed = op.observed else { return nil }
            return (.read, observed, 0)
        case .write:
            return (op.isCompleted ? .write : .unknownWrite, op.written!, 0)
        case .compareAndSet:
            let expected = op.expected!, new = op.written!
            switch (op.isCompleted, op.succeeded) {
            // One that found and wrote the same value only read it.
            case (true, true?): return (expected == new ? .read : .succeededCompareAndSet, expected, new)
            case (true, false?): return (.failedCompareAndSet, expected, new)
            default: return expected == new ? nil : (.unknownCompareAndSet, expected, new)
            }
        }
    }

    private static func exhausted(_ budget: Budget, steps: Int, memo: LinearizationMemo) -> SearchLimit? {
        if memo.byteCount > budget.memoryLimit { return .memory(bytes: budget.memoryLimit) }
        if let deadline = budget.deadline, steps % budget.stepsPerClockCheck == 0, ContinuousClock.now >= deadline {
            return .time
        }
        return nil
    }

    /// Removes the operation's call entry, and its return entry if it has one, from the list.
    @inline(__always)
    private static func lift(_ op: Int, n: Int, next: inout [Int32], prev: inout [Int32], completed: Bool) {
        next[Int(prev[op])] = next[op]
        prev[Int(next[op])] = prev[op]
        if completed {
            let ret = n + op
            next[Int(prev[ret])] = next[ret]
            prev[Int(next[ret])] = prev[ret]
        }
    }

    /// Puts back what `lift` removed, in the reverse order, so the list is exactly as before.
    @inline(__always)
    private static func unlift(_ op: Int, n: Int, next: inout [Int32], prev: inout [Int32], completed: Bool) {
        if completed {
            let ret = n + op
            next[Int(prev[ret])] = Int32(ret)
            prev[Int(next[ret])] = Int32(ret)
        }
        next[Int(prev[op])] = Int32(op)
        prev[Int(next[op])] = Int32(op)
    }

    /// SplitMix64's finaliser: spreads every input bit over the whole word.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
