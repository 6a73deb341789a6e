/// How a workload and call latencies read in a report's header line: the classic shape in the words the
/// reports have always used, and each other knob only when it is not at its default, so the default
/// header stays as it was.
extension Workload {
    /// E.g. `64 clients × 4 ops, 4 keys, write ratio 0.02, key skew 1.2, think 0-40, warm start ≤ 20`.
    package var summary: String {
        var text = "\(clients) clients × \(operationsPerClient) ops, \(keys) " + (keys == 1 ? "key" : "keys")
            + ", write ratio \(writeRatio)"
        if keySkew > 0 { text += ", key skew \(keySkew)" }
        if thinkTime != 0...0 { text += ", think \(thinkTime.rangeText)" }
        if let warmStart { text += ", warm start ≤ \(warmStart)" }
        if absentKeys > 0 { text += ", \(absentKeys) absent " + (absentKeys == 1 ? "key" : "keys") }
        if hosts > 1 { text += ", \(hosts) hosts" }
        return text
    }
}

extension SimulationOptions.Latencies {
    /// The latencies that differ from one tick, each as `, db reads 2-6`; empty for `.instant`.
    package var summary: String {
        var text = ""
        if cacheCall != 1...1 { text += ", cache calls \(cacheCall.rangeText)" }
        if databaseRead != 1...1 { text += ", db reads \(databaseRead.rangeText)" }
        if databaseWrite != 1...1 { text += ", db writes \(databaseWrite.rangeText)" }
        if logRead != 1...1 { text += ", worker lag \(logRead.rangeText)" }
        return text
    }
}

extension ClosedRange<Ticks> {
    /// `3` for a single value, `2-6` for a range: the form `--db-read-latency` and friends accept.
    package var rangeText: String { lowerBound == upperBound ? "\(lowerBound)" : "\(lowerBound)-\(upperBound)" }
}

extension SimulationOptions {
    /// The timing when concurrent, then the latencies: `, concurrent time, db reads 2-6`; empty for the
    /// classic serial time with one tick per call.
    public var timeSummary: String {
        (timing == .serial ? "" : ", \(timing.rawValue) time") + latencies.summary + overloadSummary
    }

    /// The database's capacity and timeout and the scheduled flush, those that are set: `, db capacity 8,
    /// db timeout 12, cache flush at t60`; empty by default.
    package var overloadSummary: String {
        var text = ""
        if let databaseCapacity { text += ", db capacity \(databaseCapacity)" }
        if let databaseTimeout { text += ", db timeout \(databaseTimeout)" }
        if let cacheFlushAt { text += ", cache flush at t\(cacheFlushAt)" }
        return text
    }
}
