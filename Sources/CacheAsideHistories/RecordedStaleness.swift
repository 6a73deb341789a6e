/// Stale-read windows of a recorded history, in the recording's own time unit: for each completed
/// read, how long before its invocation the value it returned had certainly been overwritten by a
/// completed write (0 if it had not).
///
/// A recording has no database commit order, only real time, so "certainly overwritten" means: some
/// write (or successful compare-and-set) on the same key was invoked after the write of the returned
/// value had returned, and itself returned before the read was invoked. Real time then forces it after
/// that value, and the read began after it finished. Overlapping writes may have been ordered either
/// way, so they do not count: this is the staleness every linearisation agrees on, a lower bound. The
/// initial value counts as written before everything; a value whose write never returned is never
/// certainly overwritten. Mirrors `Property.staleness` for simulated runs, where commits are known.
public struct RecordedStaleness: Sendable, Equatable {
    /// One window per completed read that has timestamps, in the order of `history.operations`.
    public var windows: [Int]

    /// How many reads had a window above 0.
    public var staleReadCount: Int { windows.filter { $0 > 0 }.count }
    /// The longest window, 0 if no read was stale.
    public var maximum: Int { windows.max() ?? 0 }

    /// The nearest-rank percentile (0–100) of the stale reads' windows (windows above 0 only, as for
    /// simulated staleness, so many fresh reads do not drown the stale ones); 0 when none was stale.
    public func percentile(_ percent: Int) -> Int {
        let stale = windows.filter { $0 > 0 }.sorted()
        guard !stale.isEmpty else { return 0 }
        let rank = max(1, (percent * stale.count + 99) / 100)
        return stale[min(rank, stale.count) - 1]
    }

    /// The windows of `history`'s reads, or `nil` when the history has no timestamps.
    public init?(_ history: RecordedHistory) {
        guard !history.times.isEmpty else { return nil }
        let operations = history.operations, times = history.times
        // Per key, the completed writes as (invoked, returned), sorted by invocation, with the earliest
        // return among each suffix: "the first completion of a write invoked after t" is one search.
        var writesByKey: [Int: [(invoked: Int, returned: Int)]] = [:]
        var writtenAt: [Int: [Int: Int?]] = [:]  // key → value → its write's return time (nil: never)
        for (index, op) in operations.enumerated() {
            guard op.kind != .read, op.succeeded != false, let value = op.written else { continue }
            let returned = op.isCompleted ? times[index].returned : nil
            writtenAt[op.key, default: [:]][value] = .some(returned)
            if let invoked = times[index].invoked, let returned {
                writesByKey[op.key, default: []].append((invoked, returned))
            }
        }
        var suffixMinimum: [Int: [Int]] = [:]
        for (key, writes) in writesByKey {
            let sorted = writes.sorted { $0.invoked < $1.invoked }
            writesByKey[key] = sorted
            var minimum = [Int](repeating: Int.max, count: sorted.count + 1)
            for index in sorted.indices.reversed() { minimum[index] = min(minimum[index + 1], sorted[index].returned) }
            suffixMinimum[key] = minimum
        }
        var windows: [Int] = []
        for (index, op) in operations.enumerated() where op.kind == .read && op.isCompleted {
            guard let observed = op.observed, let readInvoked = times[index].invoked else { continue }
            // When the value read was certainly in place: the initial value from the start; another
            // from its write's return. A value without a returned write is never certainly overwritten.
            let since: Int
            if observed == RecordedHistory.initialValue {
                since = Int.min
            } else if case let returned?? = writtenAt[op.key]?[observed] {
                since = returned
            } else {
                windows.append(0)
                continue
            }
            let writes = writesByKey[op.key] ?? []
            var low = 0, high = writes.count
            while low < high {
                let middle = (low + high) / 2
                if writes[middle].invoked > since { high = middle } else { low = middle + 1 }
            }
            let overwrittenAt = suffixMinimum[op.key]?[low] ?? Int.max
            guard overwrittenAt < readInvoked else { windows.append(0); continue }
            let (window, overflow) = readInvoked.subtractingReportingOverflow(overwrittenAt)
            windows.append(overflow ? Int.max : window)
        }
        self.windows = windows
    }
}
