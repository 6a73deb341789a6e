/// Decides whether a history of register operations is linearizable (Herlihy & Wing 1990): whether
/// some total order of the operations respects real time (an operation that returned before another
/// was invoked comes first) and reads and compare-and-sets see what that order wrote.
///
/// The search is Wing & Gong's (1993) with Lowe's memoisation (2017), as in Porcupine
/// (anishathalye/porcupine) and Knossos; see `RegisterSearch`. Each key is checked on its own,
/// which P-compositionality (Horn & Kroening 2015) makes exact and which keeps each search small.
///
/// ```swift
/// let verdict = LinearizabilityChecker(timeLimit: .seconds(1)).check(operations) { _ in 0 }
/// ```
public struct LinearizabilityChecker: Sendable {
    /// How long one `check` may search before answering `.unknown(reason: "time limit")`; `nil` = no limit.
    public var timeLimit: Duration?
    /// How many bytes the memo of one key's search may take before the answer is `.unknown`.
    /// The memo is what grows on hard histories; this bounds memory even without a time limit.
    public var memoryLimit: Int

    /// Creates a checker with an optional time limit and a memo limit (default 512 MiB).
    public init(timeLimit: Duration? = nil, memoryLimit: Int = 512 << 20) {
        self.timeLimit = timeLimit
        self.memoryLimit = memoryLimit
    }

    /// Checks every key and returns one verdict: the first violation by key order, else `.unknown`
    /// if any key was undecided, else `.linearizable`. Stops at the first violation.
    ///
    /// - Parameter initialValue: the register's value before any operation, per key.
    public func check(
        _ operations: [RegisterOperation], initialValue: (Int) -> Int = { _ in 0 }
    ) -> LinearizabilityVerdict {
        var undecided: String?
        for result in checkEachKey(operations, initialValue: initialValue, stopAtViolation: true) {
            switch result.verdict {
            case .linearizable: continue
            case .violation: return result.verdict
            case .unknown(let reason): undecided = undecided ?? reason
            }
        }
        return undecided.map { .unknown(reason: $0) } ?? .linearizable
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
            deadline: timeLimit.map { ContinuousClock.now.advanced(by: $0) }, memoryLimit: memoryLimit)
        var results: [KeyLinearizabilityVerdict] = []
        for (key, keyOperations) in Self.partitionByKey(operations) {
            let initial = initialValue(key)
            let verdict = Self.checkKey(key, keyOperations, initialValue: initial, budget: budget)
            results.append(KeyLinearizabilityVerdict(key: key, operationCount: keyOperations.count, verdict: verdict))
            if stopAtViolation, case .violation = verdict { break }
        }
        return results
    }

    private static func checkKey(
        _ key: Int, _ operations: [RegisterOperation], initialValue: Int, budget: RegisterSearch.Budget
    ) -> LinearizabilityVerdict {
        switch RegisterSearch.run(operations, initialValue: initialValue, budget: budget) {
        case .linearizable:
            return .linearizable
        case .abandoned(let reason):
            return .unknown(reason: reason)
        case .stuck(let prefix, let registerValue, let blocking):
            return .violation(LinearizabilityViolation(
                key: key, operation: blocking, longestLinearizablePrefix: prefix, registerValue: registerValue,
                initialValue: initialValue,
                cause: cause(of: blocking, among: operations, initialValue: initialValue)))
        }
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
