import CacheAsideCheck
import CacheAsideHistories

/// An independent oracle for the linearizability checker: tries every order of every choice of
/// unknown-outcome operations, with no memoisation and no partitioning by key (all keys share one
/// order, so it also tests the checker's P-compositionality). Exponential: for histories of at most
/// about 8 operations.
///
/// It enumerates orders depth-first, abandoning an order as soon as its last operation is illegal or
/// breaks real time; that visits exactly the prefixes of the valid orders, so it decides the same thing
/// as enumerating all permutations and subsets, only sooner.
enum BruteForceLinearizability {
    /// Whether some order of all completed operations and any subset of unknown-outcome ones respects
    /// real time and register semantics, starting from `initialValue` on every key.
    static func isLinearizable(_ operations: [RegisterOperation], initialValue: Int = 0) -> Bool {
        var found = false
        explore(operations, initialValue: initialValue, effectfulUnknownsOnly: false) { placed in
            if operations.indices.allSatisfy({ !operations[$0].isCompleted || placed.contains($0) }) { found = true }
            return found
        }
        return found
    }

    /// The length of the longest linearisable prefix, counting an unknown-outcome operation only when it
    /// changes the register (the checker leaves no-op ones out, which cannot change a verdict).
    static func longestPrefixLength(_ operations: [RegisterOperation], initialValue: Int = 0) -> Int {
        var longest = 0
        explore(operations, initialValue: initialValue, effectfulUnknownsOnly: true) { placed in
            longest = max(longest, placed.count)
            return false
        }
        return longest
    }

    /// Whether `prefix` is a linearisable prefix of `operations`: legal from `initialValue`, and every
    /// completed operation that returned before one in the prefix was invoked comes earlier in it.
    static func isLinearisablePrefix(
        _ prefix: [RegisterOperation], of operations: [RegisterOperation], initialValue: Int = 0
    ) -> Bool {
        var registers: [Int: Int] = [:]
        for (position, op) in prefix.enumerated() {
            let earlier = prefix[..<position]
            let mustPrecede = operations.filter { other in
                other.returnedAt.map { $0 < op.invokedAt } ?? false
            }
            if mustPrecede.contains(where: { !earlier.contains($0) }) { return false }
            guard let after = apply(op, to: registers[op.key] ?? initialValue) else { return false }
            registers[op.key] = after
        }
        return true
    }

    /// Whether `op` could be linearised after `prefix`, i.e. the prefix could be extended by it.
    static func canExtend(
        _ prefix: [RegisterOperation], with op: RegisterOperation, in operations: [RegisterOperation],
        initialValue: Int = 0
    ) -> Bool {
        isLinearisablePrefix(prefix + [op], of: operations, initialValue: initialValue)
    }

    /// The register's value after `op` when it runs on `value`, or nil when its result contradicts it.
    /// Unknown outcomes: a read constrains nothing; a compare-and-set that finds another value fails.
    static func apply(_ op: RegisterOperation, to value: Int) -> Int? {
        switch op.kind {
        case .read:
            guard op.isCompleted else { return value }
            return op.observed == value ? value : nil
        case .write:
            return op.written!
        case .compareAndSet:
            guard op.isCompleted, let succeeded = op.succeeded else {
                return value == op.expected ? op.written! : value
            }
            if succeeded { return value == op.expected ? op.written! : nil }
            return value != op.expected ? value : nil
        }
    }

    /// Calls `visit` with every linearisable prefix (as indices, in order) until it returns true.
    private static func explore(
        _ operations: [RegisterOperation], initialValue: Int, effectfulUnknownsOnly: Bool,
        visit: ([Int]) -> Bool
    ) {
        var placed: [Int] = []
        var registers: [Int: Int] = [:]
        func search() -> Bool {
            if visit(placed) { return true }
            for candidate in operations.indices where !placed.contains(candidate) {
                let op = operations[candidate]
                // Real time: an unplaced completed operation that returned before this one was invoked
                // must come first.
                let blocked = operations.indices.contains { other in
                    !placed.contains(other) && (operations[other].returnedAt.map { $0 < op.invokedAt } ?? false)
                }
                if blocked { continue }
                let before = registers[op.key] ?? initialValue
                guard let after = apply(op, to: before) else { continue }
                if effectfulUnknownsOnly, !op.isCompleted, after == before { continue }
                placed.append(candidate)
                registers[op.key] = after
                if search() { return true }
                placed.removeLast()
                registers[op.key] = before
            }
            return false
        }
        _ = search()
    }
}
