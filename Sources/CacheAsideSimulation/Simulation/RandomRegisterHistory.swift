import CacheAsideLinearizability

/// Generates random histories of register operations, for testing and benchmarking the
/// linearizability checker.
///
/// Clients run operations one after another against a real (atomic) register map; each operation takes
/// three scheduling steps — invoke, take effect, return — and a seeded random scheduler interleaves the
/// clients' steps, so operations overlap the way concurrent clients' do. The histories it produces are
/// therefore linearizable; `corrupted(_:seed:)` changes one result to make (usually) non-linearizable ones.
package struct RandomRegisterHistory: Sendable {
    /// How many clients run concurrently.
    package var clients: Int
    /// How many operations each client runs.
    package var operationsPerClient: Int
    /// How many keys (registers) the operations spread over, uniformly.
    package var keys: Int
    /// The fraction of operations that are reads.
    package var readFraction: Double
    /// The fraction of operations that are compare-and-sets; the rest are writes.
    package var compareAndSetFraction: Double
    /// The fraction of operations cut short: no return, and they take effect or not, at random.
    package var crashFraction: Double
    /// `nil`: every write writes a fresh value (1, 2, …; 0 is the initial value). Otherwise values are
    /// drawn from `0..<valueRange`, so different writes may write the same value.
    package var valueRange: Int?

    /// Describes the histories to generate.
    package init(
        clients: Int, operationsPerClient: Int, keys: Int = 1, readFraction: Double = 0.5,
        compareAndSetFraction: Double = 0.1, crashFraction: Double = 0, valueRange: Int? = nil
    ) {
        self.clients = clients
        self.operationsPerClient = operationsPerClient
        self.keys = keys
        self.readFraction = readFraction
        self.compareAndSetFraction = compareAndSetFraction
        self.crashFraction = crashFraction
        self.valueRange = valueRange
    }

    /// One history, a pure function of the seed; every key starts at 0.
    package func generate(seed: UInt64) -> [RegisterOperation] {
        var random = SplitMix64(seed: seed)
        var register = [Int](repeating: 0, count: keys)
        var lastFreshValue = 0
        var operations: [RegisterOperation] = []
        operations.reserveCapacity(clients * operationsPerClient)
        var left = [Int](repeating: operationsPerClient, count: clients)
        // The operation each client has in flight (an index into `operations`) and whether it took effect.
        var pending = [(index: Int, applied: Bool, crashes: Bool)?](repeating: nil, count: clients)
        var active = Array(0..<clients).filter { _ in operationsPerClient > 0 }
        var time = 0

        func value() -> Int {
            if let valueRange { return random.below(valueRange) }
            lastFreshValue += 1
            return lastFreshValue
        }

        while !active.isEmpty {
            let slot = random.below(active.count)
            let client = active[slot]
            guard let inFlight = pending[client] else {
                let key = random.below(keys)
                let draw = random.unitInterval()
                var op: RegisterOperation
                if draw < readFraction {
                    op = .read(process: client, key: key, observed: nil, invokedAt: time, returnedAt: nil)
                } else if draw < readFraction + compareAndSetFraction {
                    // Half the time expect the current value, so compare-and-sets often succeed.
                    let expected = random.below(2) == 0 ? register[key] : random.below(max(lastFreshValue, valueRange ?? 1) + 1)
                    op = .compareAndSet(
                        process: client, key: key, expected: expected, new: value(), succeeded: nil,
                        invokedAt: time, returnedAt: nil)
                } else {
                    op = .write(process: client, key: key, value: value(), invokedAt: time, returnedAt: nil)
                }
                time += 1
                operations.append(op)
                pending[client] = (operations.count - 1, false, random.unitInterval() < crashFraction)
                continue
            }
            var op = operations[inFlight.index]
            if !inFlight.applied && !(inFlight.crashes && random.below(2) == 0) {
                switch op.kind {
                case .read: op.observed = register[op.key]
                case .write: register[op.key] = op.written!
                case .compareAndSet:
                    op.succeeded = register[op.key] == op.expected
                    if op.succeeded! { register[op.key] = op.written! }
                }
                operations[inFlight.index] = op
                pending[client]!.applied = true
                if !inFlight.crashes { continue }
            }
            if inFlight.crashes {
                // Cut short: the client never hears back, whatever happened.
                op.observed = nil
                op.succeeded = nil
            } else {
                op.returnedAt = time
                time += 1
            }
            operations[inFlight.index] = op
            pending[client] = nil
            left[client] -= 1
            if left[client] == 0 { active.remove(at: slot) }
        }
        return operations
    }

    /// The history with one completed read's result changed to another value, or one completed
    /// compare-and-set's outcome flipped: usually no longer linearizable.
    package static func corrupted(_ operations: [RegisterOperation], seed: UInt64) -> [RegisterOperation] {
        var random = SplitMix64(seed: seed)
        let candidates = operations.indices.filter { operations[$0].isCompleted && operations[$0].kind != .write }
        guard !candidates.isEmpty else { return operations }
        var result = operations
        let index = candidates[random.below(candidates.count)]
        if result[index].kind == .read {
            let largest = operations.compactMap { $0.written }.max() ?? 0
            let old = result[index].observed!
            let new = random.below(largest + 1)
            result[index].observed = new == old ? largest + 1 : new
        } else {
            result[index].succeeded!.toggle()
        }
        return result
    }
}
