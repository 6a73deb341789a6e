/// Where each of a workload plan's choices sits at the start of a run's choice sequence, as
/// `WorkloadPlan(drawing:from:)` draws them: per client slot and operation slot, the kind, then the key
/// (with several keys), then the pause (with a think-time range); then, for a warm start, each key's
/// entry. The shrinker edits these by meaning: a client's kinds, a pause, a warm entry.
package struct WorkloadChoiceLayout: Sendable, Hashable {
    /// Operation slots per client slot.
    package let operationsPerClient: Int
    /// Client slots.
    package let clients: Int
    /// Choices per operation slot.
    package let stride: Int
    /// The offset of the key choice within an operation slot, if there is one.
    package let keyOffset: Int?
    /// The offset of the pause choice within an operation slot, if there is one.
    package let thinkOffset: Int?
    /// The shortest pause, which a pause choice of `0` means.
    package let thinkLowerBound: Ticks
    /// How many values a pause choice takes.
    package let thinkChoices: Int
    /// How many warm-entry choices follow the operations, and the largest value each takes.
    package let warmEntries: Int
    /// See `warmEntries`.
    package let warmSpread: Int

    /// The layout `workload` draws.
    package init(_ workload: Workload) {
        clients = workload.clients
        operationsPerClient = workload.operationsPerClient
        var stride = 1
        keyOffset = workload.keys > 1 ? stride : nil
        if workload.keys > 1 { stride += 1 }
        let thinks = workload.thinkTime.upperBound > workload.thinkTime.lowerBound
        thinkOffset = thinks ? stride : nil
        thinkLowerBound = workload.thinkTime.lowerBound
        thinkChoices = workload.thinkTime.count
        if thinks { stride += 1 }
        self.stride = stride
        let spread = workload.warmStart ?? 0
        warmEntries = spread > 0 ? max(workload.keys, 1) : 0
        warmSpread = spread
    }

    /// The index of the kind choice of operation slot `operation` of client slot `slot`.
    package func kindIndex(slot: Int, operation: Int) -> Int { (slot * operationsPerClient + operation) * stride }

    /// The indices of every pause choice.
    package var thinkIndices: [Int] {
        guard let thinkOffset else { return [] }
        return (0..<(clients * operationsPerClient)).map { $0 * stride + thinkOffset }
    }

    /// The indices of every key choice.
    package var keyIndices: [Int] {
        guard let keyOffset else { return [] }
        return (0..<(clients * operationsPerClient)).map { $0 * stride + keyOffset }
    }

    /// The indices of the warm-entry choices, one per key.
    package var warmIndices: Range<Int> {
        let start = clients * operationsPerClient * stride
        return start..<(start + warmEntries)
    }
}
