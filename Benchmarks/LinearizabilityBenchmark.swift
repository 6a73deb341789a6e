import CacheAsideHistories
import CacheAsideCheck
import Foundation

/// Measures the linearizability checker on random register histories (issue 3's speed targets, one
/// core, release build): 3 clients × 4 operations, 4 × 8, 8 × 25 on one key, and one 50-client,
/// 1,700-operation, 10-key history. Histories are generated before timing; only `check` is timed.
enum LinearizabilityBenchmark {
    private struct Scenario {
        var name: String
        var shape: RandomRegisterHistory
        var histories: Int
        var target: String
        /// Whether to corrupt each history into a (usually) non-linearizable one.
        var corrupt = false
    }

    /// Prints histories/s (median of 5 repetitions) and the slowest single history per scenario.
    static func run() {
        let scenarios = [
            Scenario(name: "3 clients x 4 ops, 1 key", shape: RandomRegisterHistory(clients: 3, operationsPerClient: 4),
                     histories: 20_000, target: ">= 30,000/s"),
            Scenario(name: "4 clients x 8 ops, 1 key", shape: RandomRegisterHistory(clients: 4, operationsPerClient: 8),
                     histories: 10_000, target: ">= 15,000/s"),
            Scenario(name: "8 clients x 25 ops, 1 key", shape: RandomRegisterHistory(clients: 8, operationsPerClient: 25),
                     histories: 1_000, target: ">= 1,000/s"),
            Scenario(name: "50 clients x 34 ops, 10 keys (1,700 ops)",
                     shape: RandomRegisterHistory(clients: 50, operationsPerClient: 34, keys: 10),
                     histories: 5, target: "< 0.2 s each"),
            // Harder variants, for information: cut-short operations, repeated values, violations.
            Scenario(name: "8 clients x 25 ops, 10% cut short",
                     shape: RandomRegisterHistory(clients: 8, operationsPerClient: 25, crashFraction: 0.1),
                     histories: 1_000, target: "none"),
            Scenario(name: "8 clients x 25 ops, values 0..<3",
                     shape: RandomRegisterHistory(clients: 8, operationsPerClient: 25, valueRange: 3),
                     histories: 1_000, target: "none"),
            Scenario(name: "8 clients x 25 ops, one result corrupted",
                     shape: RandomRegisterHistory(clients: 8, operationsPerClient: 25),
                     histories: 1_000, target: "none", corrupt: true),
        ]
        print("Linearizability checker (reads 50%, cas 10%, writes 40%; seeded; median of 5 runs)")
        let checker = LinearizabilityChecker()
        for scenario in scenarios {
            let histories = (0..<scenario.histories).map { index in
                let history = scenario.shape.generate(seed: UInt64(index) + 1)
                return scenario.corrupt ? RandomRegisterHistory.corrupted(history, seed: UInt64(index)) : history
            }
            var rates: [Double] = []
            // Each history's fastest time over the repetitions, so a preempted run does not count as slow.
            var fastest = [Duration](repeating: .seconds(1_000), count: histories.count)
            var linearizable = 0
            for _ in 0..<5 {
                linearizable = 0
                let clock = ContinuousClock()
                let start = clock.now
                for (index, history) in histories.enumerated() {
                    let before = clock.now
                    if checker.check(history).isLinearizable { linearizable += 1 }
                    fastest[index] = min(fastest[index], clock.now - before)
                }
                rates.append(Double(histories.count) / seconds(clock.now - start))
            }
            let slowest = fastest.max() ?? .zero
            let median = rates.sorted()[rates.count / 2]
            let rate = median.formatted(.number.precision(.fractionLength(0)))
            print("  \(scenario.name): \(rate) histories/s, slowest \(milliseconds(slowest)) ms,"
                + " \(linearizable)/\(histories.count) linearizable (target \(scenario.target))")
        }
    }

    /// One hard history (issue 20): `clients` clients × 40 operations on one key, values drawn from
    /// 0..<5 (so many writes write the same value and the O(n log n) unique-value check does not apply),
    /// every operation completed, and the read that returned *last* corrupted to another value. The
    /// corruption is late, so nothing refutes the history until the search has explored nearly every
    /// configuration: the worst case for Wing & Gong with Lowe's memo, and for Porcupine alike.
    static func hardHistory(clients: Int, seed: UInt64 = 20, readFraction: Double = 0.5) -> [RegisterOperation] {
        let valueRange = 5
        var history = RandomRegisterHistory(
            clients: clients, operationsPerClient: 40, readFraction: readFraction, compareAndSetFraction: 0.1,
            valueRange: valueRange
        ).generate(seed: seed)
        let lastRead = history.indices.filter { history[$0].kind == .read }
            .max { history[$0].returnedAt! < history[$1].returnedAt! }!
        history[lastRead].observed = (history[lastRead].observed! + 1) % valueRange
        return history
    }

    /// Times the hard histories (12, 16, 20 clients) at the checker's default limits: verdict, median
    /// wall time of 3, and the counted figures (search steps, memo entries and bytes) that do not depend
    /// on the machine. `export` names a directory to also write each history as JSON Lines (for
    /// `check-history`) and as the plain operation list the Porcupine comparison reads (a Go program
    /// calling `porcupine.CheckOperations` with a compare-and-set register model, one line per operation).
    /// The last rows, 20% reads, are for information: reads are what the forced linearisation removes.
    static func runHard(export: String?) {
        print("Hard one-key histories (40 ops per client, values 0..<5, last read corrupted; default limits; median of 3)")
        for (clients, readFraction) in [(12, 0.5), (16, 0.5), (20, 0.5), (12, 0.2), (16, 0.2), (20, 0.2)] {
            let history = hardHistory(clients: clients, readFraction: readFraction)
            if let export, readFraction == 0.5 {
                let base = "\(export)/hard-\(clients)"
                try! jsonLines(history).write(toFile: base + ".jsonl", atomically: true, encoding: .utf8)
                try! operationList(history).write(toFile: base + ".ops", atomically: true, encoding: .utf8)
            }
            var times: [Duration] = []
            var verdict = ""
            for _ in 0..<3 {
                let clock = ContinuousClock()
                let start = clock.now
                let result = LinearizabilityChecker().check(history)
                times.append(clock.now - start)
                switch result {
                case .linearizable: verdict = "linearizable"
                case .violation: verdict = "not linearizable"
                case .unknown(let limit): verdict = "unknown (\(limit))"
                }
            }
            let median = times.sorted()[1]
            let statistics = RegisterSearch.statistics(history, initialValue: 0)
            let reads = readFraction == 0.5 ? "" : ", \(Int(readFraction * 100))% reads"
            print("  \(clients) clients x 40 ops\(reads): \(verdict), \(milliseconds(median)) ms;"
                + " \(statistics.steps) steps, \(statistics.memoEntries) memo entries, \(statistics.memoBytes >> 20) MiB memo")
        }
    }

    /// The history as `check-history` JSON Lines, one event per line in time order; value 0 (the
    /// generator's initial value) is written as null, `check-history`'s initial value.
    private static func jsonLines(_ history: [RegisterOperation]) -> String {
        func value(_ v: Int) -> String { v == 0 ? "null" : String(v) }
        var events: [(Int, String)] = []
        for op in history {
            let p = op.process
            switch op.kind {
            case .read:
                events.append((op.invokedAt, #"{"process":\#(p),"type":"invoke","f":"read","key":0,"value":null}"#))
                events.append((op.returnedAt!, #"{"process":\#(p),"type":"ok","f":"read","key":0,"value":\#(value(op.observed!))}"#))
            case .write:
                let v = value(op.written!)
                events.append((op.invokedAt, #"{"process":\#(p),"type":"invoke","f":"write","key":0,"value":\#(v)}"#))
                events.append((op.returnedAt!, #"{"process":\#(p),"type":"ok","f":"write","key":0,"value":\#(v)}"#))
            case .compareAndSet:
                let v = "[\(value(op.expected!)),\(value(op.written!))]"
                events.append((op.invokedAt, #"{"process":\#(p),"type":"invoke","f":"cas","key":0,"value":\#(v)}"#))
                events.append((op.returnedAt!, #"{"process":\#(p),"type":"ok","f":"cas","key":0,"value":\#(v),"succeeded":\#(op.succeeded!)}"#))
            }
        }
        return events.sorted { $0.0 < $1.0 }.map(\.1).joined(separator: "\n") + "\n"
    }

    /// The history as "process kind a b outcome invokedAt returnedAt" lines (kind r/w/c; outcome is a
    /// read's value or a cas's 1/0), for the Go program that runs Porcupine on the same operations.
    private static func operationList(_ history: [RegisterOperation]) -> String {
        history.map { op in
            switch op.kind {
            case .read: return "\(op.process) r 0 0 \(op.observed!) \(op.invokedAt) \(op.returnedAt!)"
            case .write: return "\(op.process) w \(op.written!) 0 0 \(op.invokedAt) \(op.returnedAt!)"
            case .compareAndSet:
                return "\(op.process) c \(op.expected!) \(op.written!) \(op.succeeded! ? 1 : 0) \(op.invokedAt) \(op.returnedAt!)"
            }
        }.joined(separator: "\n") + "\n"
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func milliseconds(_ duration: Duration) -> String {
        (seconds(duration) * 1000).formatted(.number.precision(.fractionLength(3)))
    }
}
