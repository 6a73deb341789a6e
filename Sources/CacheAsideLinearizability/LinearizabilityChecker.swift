/// Decides whether a history of register operations is linearizable (Herlihy & Wing 1990): whether
/// some total order of the operations respects real time (an operation that returned before another
/// was invoked comes first) and reads and compare-and-sets see what that order wrote.
///
/// The search is Wing & Gong's (1993) with Lowe's memoisation (2017), as in Porcupine
/// (anishathalye/porcupine) and Knossos, plus one reduction of our own — reads and failed compare-and-sets
/// are linearised as soon as they are legal, with no alternative tried — and a memo of 16-byte
/// configurations; see `RegisterSearch` and `LinearizationMemo`. Each key is checked on its own,
/// which P-compositionality (Horn & Kroening 2015) makes exact and which keeps each search small.
///
/// ```swift
/// let verdict = LinearizabilityChecker().check(operations) { _ in 0 }
/// ```
///
/// Limits: a search that runs out of `stepLimit` steps or `memoryLimit` bytes of memo answers
/// `.unknown` for its key. Both are counted per key, not timed, so the same history gets the same
/// verdict on every machine. `timeLimit` is the one wall-clock limit, for callers (a command line) that
/// must stop on time and say so.
public struct LinearizabilityChecker: Sendable {
    /// The default step limit per key: 200 million steps, about a second or two of searching on one
    /// core. Linearizable histories usually need a few steps per operation (a 50,000-operation key
    /// takes a few million); what exhausts it is a hard history, where more time rarely helps.
    public static let defaultStepLimit = 200_000_000
    /// The default memo limit per key: 512 MiB.
    public static let defaultMemoryLimit = 512 << 20

    /// How many search steps one key's search may take before its answer is `.unknown(.searchSteps)`.
    public var stepLimit: Int
    /// How many bytes the memo of one key's search may take before its answer is `.unknown(.memory)`.
    /// The memo is what grows on hard histories; this bounds memory whatever the other limits.
    public var memoryLimit: Int
    /// How long one `check` may search before answering `.unknown(.time)`; `nil` = no limit. Wall-clock,
    /// so a verdict it cuts short depends on the machine: leave it `nil` where reports must be stable.
    public var timeLimit: Duration?

    /// Creates a checker with counted limits per key (defaults: `defaultStepLimit`,
    /// `defaultMemoryLimit`) and an optional wall-clock limit for the whole call.
    public init(
        stepLimit: Int = defaultStepLimit, memoryLimit: Int = defaultMemoryLimit, timeLimit: Duration? = nil
    ) {
        self.stepLimit = stepLimit
        self.memoryLimit = memoryLimit
        self.timeLimit = timeLimit
    }

    /// Checks every key and returns one verdict: the first violation by key order, else `.unknown`
    /// if any key was undecided, else `.linearizable`. Stops at the first violation.
    ///
    /// - Parameters:
    ///   - operations: the history's operations, in invocation order.
    ///   - initialValue: the register's value before any operation, per key.
    public func check(
        _ operations: [RegisterOperation], initialValue: (Int) -> Int = { _ in 0 }
    ) -> LinearizabilityVerdict {
        var undecided: SearchLimit?
        for result in checkEachKey(operations, initialValue: initialValue, stopAtViolation: true) {
            switch result.verdict {
            case .linearizable: continue
            case .violation: return result.verdict
            case .unknown(let limit): undecided = undecided ?? limit
            }
        }
        return undecided.map { .unknown($0) } ?? .linearizable
    }

    /// Checks every key and returns each key's verdict, in ascending key order.
    ///
    /// The time limit covers the whole call: once it has passed, the keys not yet checked are unknown.
    public func checkEachKey(
        _ operations: [RegisterOperation], initialValue: (Int) -> Int = { _ in 0 }
    ) -> [KeyLinearizabilityVerdict] {
        checkEachKey(operations, initialValue: initialValue, stopAtViolation: false)
    }

    private func checkEachKey(
        _ operations: [RegisterOperation], initialValue: (Int) -> Int, stopAtViolation: Bool
    ) -> [KeyLinearizabilityVerdict] {
        let budget = RegisterSearch.Budget(
            stepLimit: stepLimit, memoryLimit: memoryLimit,
            deadline: timeLimit.map { ContinuousClock.now.advanced(by: $0) })
        var results: [KeyLinearizabilityVerdict] = []
        for (key, keyOperations) in Self.partitionByKey(operations) {
            let initial = initialValue(key)
            let verdict: LinearizabilityVerdict
            if let deadline = budget.deadline, ContinuousClock.now >= deadline {
                verdict = .unknown(.time)
            } else {
                verdict = Self.checkKey(key, keyOperations, initialValue: initial, budget: budget)
            }
            results.append(KeyLinearizabilityVerdict(key: key, operationCount: keyOperations.count, verdict: verdict))
            if stopAtViolation, case .violation = verdict { break }
        }
        return results
    }

    private static func checkKey(
        _ key: Int, _ operations: [RegisterOperation], initialValue: Int, budget: RegisterSearch.Budget
    ) -> LinearizabilityVerdict {
        var budget = budget
        // A pre-check's refutation: the read, why it fails, and the value that had to be held instead.
        var refutation: (read: RegisterOperation, cause: LinearizabilityViolation.Cause, held: Int)?
        if let read = firstReadOfUnwrittenValue(operations, initialValue: initialValue) {
            refutation = (read, .readOfUnwrittenValue, initialValue)
        } else {
            switch UniqueValueRegisterCheck.decide(operations, initialValue: initialValue) {
            case .linearizable?: return .linearizable
            case .violation(let index, let held?)?: refutation = (operations[index], .readOfWrongValue, held)
            case .violation(let index, nil)?: refutation = (operations[index], .readBeforeItsWrite, initialValue)
            case nil: break
            }
        }
        // Already refuted: search only briefly, for the longest prefix to show.
        if refutation != nil { budget.stepLimit = min(budget.stepLimit, Self.refutedSearchSteps) }
        let outcome = RegisterSearch.run(operations, initialValue: initialValue, budget: budget)
        if let (read, cause, held) = refutation, case .abandoned = outcome {
            // Without a prefix, the register value reported is the one that had to be held instead.
            return .violation(LinearizabilityViolation(
                key: key, operation: read, longestLinearizablePrefix: [], registerValue: held,
                initialValue: initialValue, cause: cause, prefixFound: false))
        }
        switch outcome {
        case .linearizable:
            return .linearizable
        case .abandoned(let limit):
            return .unknown(limit)
        case .stuck(let prefix, let registerValue, let blocking):
            return .violation(LinearizabilityViolation(
                key: key, operation: blocking, longestLinearizablePrefix: prefix, registerValue: registerValue,
                initialValue: initialValue,
                cause: cause(of: blocking, among: operations, initialValue: initialValue)))
        }
    }

    /// How many steps the search may take for its longest prefix once a pre-check (a read of an
    /// unwritten value, or `UniqueValueRegisterCheck`) has refuted a key: some milliseconds. Small
    /// histories get their exact prefix; a large one that would need more gets the refutation alone
    /// (`prefixFound == false`).
    static let refutedSearchSteps = 100_000

    /// The completed read that returned first among those that returned a value no operation could have
    /// written (nor the initial value), if any. Such a read refutes linearizability outright, whatever
    /// the order, so this linear pre-pass answers at once where the search might first wander among the
    /// orders of many concurrent writes. Its violation has an empty prefix: no order was searched.
    private static func firstReadOfUnwrittenValue(
        _ operations: [RegisterOperation], initialValue: Int
    ) -> RegisterOperation? {
        var written: Set<Int> = [initialValue]
        for op in operations where op.kind != .read && op.succeeded != false {
            if let value = op.written { written.insert(value) }
        }
        var first: RegisterOperation?
        for op in operations where op.kind == .read {
            guard let observed = op.observed, let returned = op.returnedAt, !written.contains(observed) else { continue }
            if first == nil || returned < first!.returnedAt! { first = op }
        }
        return first
    }

    private static func cause(
        of op: RegisterOperation, among operations: [RegisterOperation], initialValue: Int
    ) -> LinearizabilityViolation.Cause {
        switch op.kind {
        case .read:
            let observed = op.observed
            let everWritten = observed == initialValue || operations.contains { other in
                other.kind != .read && other.written == observed && other.succeeded != false
            }
            return everWritten ? .readOfWrongValue : .readOfUnwrittenValue
        case .compareAndSet where op.succeeded == false:
            return .compareAndSetFailedOnExpectedValue
        case .compareAndSet, .write:
            // A write can always be linearised, so it is never the operation named; only a successful
            // compare-and-set reaches here.
            return .compareAndSetSucceededOnWrongValue
        }
    }

    /// The operations grouped by key, keys ascending; a one-key history is passed through uncopied.
    private static func partitionByKey(_ operations: [RegisterOperation]) -> [(Int, [RegisterOperation])] {
        guard let firstKey = operations.first?.key else { return [] }
        if operations.allSatisfy({ $0.key == firstKey }) { return [(firstKey, operations)] }
        return Dictionary(grouping: operations, by: \.key).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
