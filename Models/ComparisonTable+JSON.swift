import CacheAsideCheck
import Foundation

extension ComparisonTable {
    /// The document `compare --json` prints: what was run, and one object per model.
    struct Document: Codable {
        var scenario: String
        var seeds: [UInt64]
        var clients: Int
        var operationsPerClient: Int
        var keys: Int
        var writeRatio: Double
        var ttl: Ticks?
        var faults: [String]
        var clockJumps: Ticks?
        var thinkTime: [Ticks]
        var timing: String
        var keySkew: Double
        var warmStart: Ticks?
        var absentKeys: Int
        /// Per kind of call (`cache`, `databaseRead`, `databaseWrite`, `workerLag` for workers' log
        /// reads): `[lowest, highest]` ticks.
        var latencies: [String: [Ticks]]
        var properties: [String]
        var models: [ComparisonRow]
        /// `timeLimit` or `interrupted` when the comparison was cut short; absent when it completed.
        var stop: String?
        /// The models not run because the comparison was cut short; absent when every model ran.
        var notRun: [String]?
        /// The database's capacity and timeout and the scheduled flush's tick; each absent when unset.
        var databaseCapacity: Int?
        var databaseTimeout: Ticks?
        var cacheFlushAt: Ticks?
    }

    /// The table as one JSON document with sorted keys, so that equal tables print byte-identical text.
    /// `seeds` is `[first, end)`; an unbounded staleness is `Measurement.unbounded` (`Int.max`).
    package func renderJSON() -> String {
        func bounds(_ range: ClosedRange<Ticks>) -> [Ticks] { [range.lowerBound, range.upperBound] }
        let document = Document(
            scenario: scenario, seeds: [seeds.lowerBound, seeds.upperBound], clients: workload.clients,
            operationsPerClient: workload.operationsPerClient, keys: workload.keys, writeRatio: workload.writeRatio,
            ttl: ttl, faults: faults.map(\.rawValue), clockJumps: clockJumps, thinkTime: bounds(workload.thinkTime),
            timing: timing.rawValue, keySkew: workload.keySkew, warmStart: workload.warmStart,
            absentKeys: workload.absentKeys,
            latencies: [
                "cache": bounds(latencies.cacheCall), "databaseRead": bounds(latencies.databaseRead),
                "databaseWrite": bounds(latencies.databaseWrite), "workerLag": bounds(latencies.logRead),
            ], properties: properties, models: rows,
            stop: stop == .completed ? nil : "\(stop)", notRun: notRun.isEmpty ? nil : notRun,
            databaseCapacity: databaseCapacity, databaseTimeout: databaseTimeout, cacheFlushAt: cacheFlushAt)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        // Encoding plain integers, strings and finite doubles cannot fail.
        let data = try! encoder.encode(document)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
