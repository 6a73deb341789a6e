import CacheAsideCheck
import CacheAsideHistories

/// A second, plain oracle for histories too long for `BruteForceLinearizability` (up to 64 operations):
/// Wing & Gong's search with Lowe's memo written the obvious way — recursion over "which operation
/// next", a `Set` of (linearised bitmask, register value) — and none of `RegisterSearch`'s reductions
/// (no forced state-preserving operations, no dropped no-op operations, no linked list). One key.
enum MemoisedLinearizability {
    private struct Configuration: Hashable {
        var linearised: UInt64
        var value: Int
    }

    /// Whether some order of the completed operations and any subset of the unknown-outcome ones
    /// respects real time and register semantics, from `initialValue`.
    static func isLinearizable(_ operations: [RegisterOperation], initialValue: Int = 0) -> Bool {
        precondition(operations.count <= 64)
        var completed: UInt64 = 0
        // Which completed operations returned before each one was invoked, and so must precede it.
        var mustPrecede = [UInt64](repeating: 0, count: operations.count)
        for (index, op) in operations.enumerated() {
            let bit: UInt64 = 1 << UInt64(index)
            guard let returned = op.returnedAt else { continue }
            completed |= bit
            for (later, other) in operations.enumerated() where returned < other.invokedAt { mustPrecede[later] |= bit }
        }
        var explored = Set<Configuration>()
        func search(_ configuration: Configuration) -> Bool {
            if configuration.linearised & completed == completed { return true }
            guard explored.insert(configuration).inserted else { return false }
            for index in operations.indices where configuration.linearised & 1 << UInt64(index) == 0 {
                guard mustPrecede[index] & ~configuration.linearised == 0,
                    let after = BruteForceLinearizability.apply(operations[index], to: configuration.value)
                else { continue }
                if search(Configuration(linearised: configuration.linearised | 1 << UInt64(index), value: after)) {
                    return true
                }
            }
            return false
        }
        return search(Configuration(linearised: 0, value: initialValue))
    }
}
