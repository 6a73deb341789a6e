extension History {
    /// One client operation reassembled from a history: when it was invoked, how it ended and what it returned.
    public struct Operation: Sendable, Hashable {
        /// How an operation ended.
        public enum Ending: Sendable, Hashable {
            /// It returned normally.
            case returned
            /// It threw an injected fault; it may or may not have taken effect.
            case failed
            /// Its client crashed mid-operation; it may or may not have taken effect.
            case crashed
            /// The run stopped before it ended.
            case unfinished
        }

        /// The client that performed it.
        public var client: ClientID
        /// What was invoked.
        public var operation: ClientOperation
        /// Index of the invoke event in `History.events`.
        public var invokeIndex: Int
        /// Tick of the invocation (the tick of its first step).
        public var invokeTick: Ticks
        /// Index of the event that ended it, if it ended.
        public var endIndex: Int?
        /// Tick at which it ended, if it ended.
        public var endTick: Ticks?
        /// How it ended.
        public var ending: Ending
        /// For a read that returned: the value it returned.
        public var result: Value?

        /// Whether it returned normally, so its effect and result are certain.
        public var returned: Bool { ending == .returned }
    }
}

/// The operations of a history as it grows: an invoke opens one, and its client's next return, failure
/// or crash closes it.
struct OperationLog: Sendable {
    private(set) var records: [History.Operation] = []
    /// The open operation of each client number, as its position + 1 (0 = none): client numbers are
    /// small and dense, so no hashing here.
    private var open: [Int] = []

    mutating func reserveCapacity(_ count: Int, clients: Int) {
        records.reserveCapacity(count)
        if open.count <= clients { open += repeatElement(0, count: clients + 1 - open.count) }
    }

    mutating func note(_ event: HistoryEvent, at index: Int) {
        guard let client = event.client else { return }
        switch event.kind {
        case .invoke(let operation):
            if client.number >= 0 {
                if client.number >= open.count { open += repeatElement(0, count: client.number + 1 - open.count) }
                open[client.number] = records.count + 1
            }
            records.append(
                History.Operation(
                    client: client, operation: operation, invokeIndex: index, invokeTick: event.tick,
                    endIndex: nil, endTick: nil, ending: .unfinished, result: nil))
        case .returned(_, let value): close(client, index, event.tick, .returned, value)
        case .failed: close(client, index, event.tick, .failed, nil)
        case .crashed: close(client, index, event.tick, .crashed, nil)
        default: break
        }
    }

    private mutating func close(
        _ client: ClientID, _ index: Int, _ tick: Ticks, _ ending: History.Operation.Ending, _ value: Value?
    ) {
        guard client.number >= 0, client.number < open.count, open[client.number] > 0 else { return }
        let position = open[client.number] - 1
        open[client.number] = 0
        records[position].endIndex = index
        records[position].endTick = tick
        records[position].ending = ending
        records[position].result = value
    }
}

extension History {
    /// For each key, the values the database committed, in commit order, with the event index and tick
    /// of the commit; every key starts with `v0` committed at index -1, tick 0.
    public func databaseCommits(keys: [Key]) -> [Key: [(value: Value, eventIndex: Int, tick: Ticks)]] {
        var commits: [Key: [(value: Value, eventIndex: Int, tick: Ticks)]] = [:]
        commits.reserveCapacity(keys.count)
        for key in keys { commits[key] = [(Value.initial, -1, 0)] }
        for (index, event) in events.enumerated() {
            guard case .step(let step) = event.kind else { continue }
            if case .databaseWrite(let key, let value) = step.action {
                commits[key, default: [(Value.initial, -1, 0)]].append((value, index, event.tick))
            } else if case .databaseCommit = step.action, case .entries(let written) = step.outcome {
                // A transaction's rows are committed at its commit step, not at its writes.
                for entry in written {
                    guard let value = entry.value else { continue }
                    commits[entry.key, default: [(Value.initial, -1, 0)]].append((value, index, event.tick))
                }
            }
        }
        return commits
    }
}
