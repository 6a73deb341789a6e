/// Linearizability of a read/write register whose writes all write distinct values, decided in
/// O(n log n) without search: Gibbons & Korach ("Testing shared memories", SIAM J. Computing 1997)
/// showed that, once every read names the write it saw, the history is linearizable exactly when the
/// *zones* of the writes' clusters fit together. Our own code, after their characterisation.
///
/// A *cluster* is a write and the reads that returned its value; the initial value is a write that
/// returned before everything began. Its zone runs between `f`, the earliest return in the cluster, and
/// `s`, the latest invocation. When `f < s` some operation of the cluster finished before another
/// started, so the register must hold the value throughout (f, s): a *forward* zone. Otherwise all of
/// the cluster's operations overlap, and it can be placed anywhere in [s, f]: a *backward* zone. The
/// history is linearizable iff (1) no read returned before its write was invoked, (2) no two forward
/// zones overlap — two values cannot both be held throughout one interval — and (3) no backward zone
/// lies inside a forward zone, since its write would land inside another value's interval.
///
/// The simulation writes fresh values (`v1`, `v2`, …) and reads only, so `Property.linearizability`
/// always takes this path; the Wing & Gong search (`RegisterSearch`) remains for compare-and-set,
/// repeated values and the longest-prefix explanation of a violation.
package enum UniqueValueRegisterCheck {
    /// What the check found.
    package enum Outcome: Equatable {
        case linearizable
        /// Not linearizable; `operation` is a read that could not see its write (for the report when the
        /// search cannot find the longest prefix within its budget), and `heldValue` the value that had
        /// to be the register's over a stretch its value also needed; `nil` when the read returned
        /// before its value's write was even invoked.
        case violation(operation: Int, heldValue: Int?)
    }

    /// The verdict, or `nil` when the history is outside the check's scope: it has a compare-and-set, a
    /// value written twice or a write of the initial value, or two events at the same time (the
    /// characterisation assumes every event has its own instant).
    package static func decide(_ operations: [RegisterOperation], initialValue: Int) -> Outcome? {
        // Cluster 0 is the initial value; writes get clusters 1… in order of appearance.
        var clusterOfValue: [Int: Int] = [initialValue: 0]
        var writeOf: [Int] = [-1]  // per cluster, the write's operation index (-1: the initial value)
        var valueOf: [Int] = [initialValue]
        var times: [Int] = []
        times.reserveCapacity(operations.count * 2)
        for (index, op) in operations.enumerated() {
            switch op.kind {
            case .compareAndSet: return nil
            case .write:
                guard let value = op.written, clusterOfValue[value] == nil else { return nil }
                clusterOfValue[value] = writeOf.count
                writeOf.append(index)
                valueOf.append(value)
            case .read:
                guard op.observed != nil, op.returnedAt != nil else { continue }
            }
            times.append(op.invokedAt)
            if let returned = op.returnedAt { times.append(returned) }
        }
        times.sort()
        for index in times.indices.dropFirst() where times[index] == times[index - 1] { return nil }

        // f: earliest return; s: latest invocation; per cluster. A write that never returned may take
        // effect at any time after its invocation: its return is "never" (Int.max).
        let clusters = writeOf.count
        var earliestReturn = [Int](repeating: Int.max, count: clusters)
        var latestInvoke = [Int](repeating: Int.min, count: clusters)
        var hasReads = [Bool](repeating: false, count: clusters)
        var firstRead = [Int](repeating: -1, count: clusters)
        earliestReturn[0] = Int.min
        for (index, op) in operations.enumerated() where op.kind == .read {
            guard let observed = op.observed, let returned = op.returnedAt else { continue }
            // A read of a value nobody wrote is the pre-pass's business; here it simply fails.
            guard let cluster = clusterOfValue[observed] else { return .violation(operation: index, heldValue: nil) }
            if cluster > 0 {
                // (1) A read that returned before its write was invoked.
                if returned < operations[writeOf[cluster]].invokedAt { return .violation(operation: index, heldValue: nil) }
            }
            hasReads[cluster] = true
            if firstRead[cluster] < 0 { firstRead[cluster] = index }
            earliestReturn[cluster] = min(earliestReturn[cluster], returned)
            latestInvoke[cluster] = max(latestInvoke[cluster], op.invokedAt)
        }
        var forward: [(f: Int, s: Int, cluster: Int)] = []
        var backward: [(s: Int, f: Int, cluster: Int)] = []
        for cluster in 0..<clusters {
            if cluster > 0 {
                let write = operations[writeOf[cluster]]
                // A write nobody read may never have taken effect, if its outcome is unknown; if it
                // returned, it took effect somewhere in its interval.
                if !hasReads[cluster] && write.returnedAt == nil { continue }
                earliestReturn[cluster] = min(earliestReturn[cluster], write.returnedAt ?? Int.max)
                latestInvoke[cluster] = max(latestInvoke[cluster], write.invokedAt)
            } else if !hasReads[0] {
                continue
            }
            let f = earliestReturn[cluster], s = latestInvoke[cluster]
            if f < s { forward.append((f, s, cluster)) } else { backward.append((s, f, cluster)) }
        }
        forward.sort { $0.f < $1.f }
        /// A read to name for a conflict between two clusters — one of the first's, else one of the
        /// second's — and the other cluster's value.
        func blame(_ cluster: Int, _ other: Int) -> Outcome {
            firstRead[cluster] >= 0
                ? .violation(operation: firstRead[cluster], heldValue: valueOf[other])
                : .violation(operation: firstRead[other], heldValue: valueOf[cluster])
        }
        // (2) Forward zones, in order of their starts, must each end before the next starts.
        for index in forward.indices.dropFirst() where forward[index].f < forward[index - 1].s {
            return blame(forward[index].cluster, forward[index - 1].cluster)
        }
        // (3) A backward zone inside a forward zone; zones are disjoint, so only the forward zone that
        // starts last before the backward zone's start can contain it.
        for zone in backward {
            var low = 0, high = forward.count
            while low < high {
                let middle = (low + high) / 2
                if forward[middle].f < zone.s { low = middle + 1 } else { high = middle }
            }
            if low > 0, zone.f < forward[low - 1].s {
                return blame(zone.cluster, forward[low - 1].cluster)
            }
        }
        return .linearizable
    }

}
