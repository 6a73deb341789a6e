import CacheAsideHistories
import CacheAsideCheck
import Foundation

/// Measures `check-history` at scale (issue 10) and at start-up (issue 13), release build, one core:
/// a generated 1,000,000-line JSON Lines history (500,000 operations, 10 keys, 50 processes,
/// linearizable by construction) — parse rate (events/s, median of 5), total parse + check time and
/// peak memory (VmHWM) — then the process time of `cacheaside-check check-history` on it and on a
/// four-line file, and the start-up time of `cacheaside-check --version` (medians of 50 spawns).
enum HistoryBenchmark {
    static func run() {
        print("check-history (1,000,000 lines: 500,000 operations, 10 keys, 50 processes; release, one core)")
        let bytes = generate(operations: 500_000, keys: 10, processes: 50, seed: 1)
        var rates: [Double] = []
        var history: RecordedHistory?
        for _ in 0..<5 {
            let start = ContinuousClock.now
            history = try? RecordedHistory(bytes: bytes, format: .jsonLines)
            rates.append(1_000_000 / seconds(ContinuousClock.now - start))
        }
        guard let history else { return print("  the generated history did not parse") }
        print("  parse: \(Int(median(rates)).formatted()) events/s (median of 5; target >= 1,000,000)")
        let start = ContinuousClock.now
        let parsed = try! RecordedHistory(bytes: bytes, format: .jsonLines)
        let parseTime = ContinuousClock.now - start
        let verdicts = LinearizabilityChecker().checkEachKey(parsed.operations) { _ in RecordedHistory.initialValue }
        let total = ContinuousClock.now - start
        let decided = verdicts.filter { if case .unknown = $0.verdict { false } else { true } }.count
        let linearizable = verdicts.filter(\.verdict.isLinearizable).count
        print("  parse + check: \(milliseconds(total)) ms (parse \(milliseconds(parseTime)) ms),"
            + " \(decided)/\(verdicts.count) keys decided, \(linearizable) linearizable, \(history.operations.count) operations")
        print("  peak memory (VmHWM) of this benchmark process: \(peakMemory())")
        measureRefutation()
        measureProcesses(bytes)
    }

    /// A linearizable history: each step picks a process at random; an idle one invokes a read or a
    /// write of a fresh value on a random key, a busy one returns, taking effect at its return.
    static func generate(operations: Int, keys: Int, processes: Int, seed: UInt64) -> [UInt8] {
        var random = SplitMix64(seed: seed)
        var register = [Int?](repeating: nil, count: keys)
        var open = [(isRead: Bool, key: Int, value: Int)?](repeating: nil, count: processes)
        var out = ""
        out.reserveCapacity(operations * 150)
        var started = 0, finished = 0, nextValue = 1
        while finished < operations {
            let process = Int(random.next() % UInt64(processes))
            if let (isRead, key, value) = open[process] {
                open[process] = nil
                let f = isRead ? "read" : "write"
                let shown: String
                if isRead { shown = register[key].map(String.init) ?? "null" } else { register[key] = value; shown = String(value) }
                out += "{\"process\": \(process), \"type\": \"ok\", \"f\": \"\(f)\", \"key\": \(key), \"value\": \(shown)}\n"
                finished += 1
            } else if started < operations {
                let key = Int(random.next() % UInt64(keys))
                let isRead = random.next() % 2 == 0
                open[process] = (isRead, key, nextValue)
                let shown = isRead ? "null" : String(nextValue)
                if !isRead { nextValue += 1 }
                out += "{\"process\": \(process), \"type\": \"invoke\", \"f\": \"\(isRead ? "read" : "write")\", \"key\": \(key), \"value\": \(shown)}\n"
                started += 1
            }
        }
        return Array(out.utf8)
    }

    /// A read of a value none of 30 concurrent writes wrote, with compare-and-sets around so only the
    /// pre-pass, not the unique-value check, can refute it quickly: median of 20.
    private static func measureRefutation() {
        var history = (1...30).map { RegisterOperation.write(process: $0, value: $0, invokedAt: $0, returnedAt: 100 + $0) }
        history.append(.compareAndSet(process: 31, expected: 1, new: 2, succeeded: false, invokedAt: 31, returnedAt: 140))
        history.append(.read(process: 0, observed: 99, invokedAt: 0, returnedAt: 200))
        var times: [Duration] = []
        var refuted = false
        for _ in 0..<20 {
            let start = ContinuousClock.now
            refuted = LinearizabilityChecker().check(history).violation != nil
            times.append(ContinuousClock.now - start)
        }
        print("  refuting a read of an unwritten value among 30 concurrent writes: \(milliseconds(times.sorted()[10])) ms"
            + " (median of 20), \(refuted ? "refuted" : "NOT refuted")")
    }

    /// Spawns the command-line tool (built beside this benchmark) and reports median wall times.
    private static func measureProcesses(_ bytes: [UInt8]) {
        let tool = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("cacheaside-check").path
        guard FileManager.default.isExecutableFile(atPath: tool) else {
            return print("  (build cacheaside-check in release for the process figures: swift build -c release)")
        }
        let directory = FileManager.default.temporaryDirectory
        let large = directory.appendingPathComponent("history-benchmark-1m.jsonl")
        let small = directory.appendingPathComponent("history-benchmark-small.jsonl")
        _ = FileManager.default.createFile(atPath: large.path, contents: Data(bytes))
        let smallHistory = """
            {"process": 1, "type": "invoke", "f": "write", "key": 1, "value": 3}
            {"process": 2, "type": "invoke", "f": "read", "key": 1, "value": null}
            {"process": 2, "type": "ok", "f": "read", "key": 1, "value": 3}
            {"process": 1, "type": "ok", "f": "write", "key": 1, "value": 3}

            """
        _ = FileManager.default.createFile(atPath: small.path, contents: Data(smallHistory.utf8))
        defer {
            try? FileManager.default.removeItem(at: large)
            try? FileManager.default.removeItem(at: small)
        }
        let largeTime = spawnMedian(tool, ["check-history", large.path], times: 3)
        print("  cacheaside-check check-history on it: \(milliseconds(largeTime)) ms (process wall time, median of 3)")
        let smallTime = spawnMedian(tool, ["check-history", small.path], times: 50)
        print("  cacheaside-check check-history on a 4-line file: \(milliseconds(smallTime)) ms (median of 50 spawns)")
        let startUp = spawnMedian(tool, ["--version"], times: 50)
        print("  cacheaside-check --version (start-up): \(milliseconds(startUp)) ms (median of 50 spawns)")
    }

    /// Median wall time of spawning `tool` and waiting for it, with posix_spawn and waitpid directly
    /// (Foundation's `Process.waitUntilExit` polls a run loop and would add its own tens of milliseconds).
    private static func spawnMedian(_ tool: String, _ arguments: [String], times: Int) -> Duration {
        var durations: [Duration] = []
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let argv = ([tool] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        for _ in 0..<times {
            var pid: pid_t = 0
            let start = ContinuousClock.now
            guard posix_spawn(&pid, tool, &actions, nil, argv, environ) == 0 else { return .zero }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            durations.append(ContinuousClock.now - start)
        }
        return durations.sorted()[durations.count / 2]
    }

    /// VmHWM from /proc/self/status: the most resident memory this process has held.
    static func peakMemory() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return "unavailable" }
        return line.dropFirst("VmHWM:".count).trimmingCharacters(in: .whitespaces)
    }

    private static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func milliseconds(_ duration: Duration) -> String {
        (seconds(duration) * 1000).formatted(.number.precision(.fractionLength(1)))
    }
}
