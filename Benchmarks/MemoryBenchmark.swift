import CacheAsideModels
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Peak memory of a whole check, per catalogue model, at 1k and 100k seeds: memory that grows with the
/// number of runs is a leak (a run's tasks kept alive after it ended once cost 3 GB at 200k seeds), so
/// the 100k figure must stay close to the 1k one. Each check is the release `cacheaside-check` run as a
/// child process, and its peak resident set is read from `wait4`, which reports it for that child alone
/// (`getrusage(RUSAGE_CHILDREN)` keeps the maximum over every child so far).
enum MemoryBenchmark {
    /// A 100k-seed peak above this multiple of the 1k one is flagged.
    static let growthLimit = 2.0

    static func run(models: [String] = ModelCatalogue.names, seedCounts: [Int] = [1_000, 100_000]) {
        guard let binary = checkBinary() else {
            print("memory: no cacheaside-check beside this binary; run `swift build -c release` first")
            return
        }
        print("peak RSS of `cacheaside-check --model M --seeds N --quiet` (one process each, MB):")
        var flagged: [String] = []
        for model in models {
            let peaks = seedCounts.map { seeds in
                peakResidentMegabytes(binary, ["--model", model, "--seeds", String(seeds), "--quiet"])
            }
            let figures = zip(seedCounts, peaks).map { "\($0 / 1_000)k \(format($1))" }.joined(separator: ", ")
            let growth = peaks.last! / peaks.first!
            print("  \(model.padding(toLength: 38, withPad: " ", startingAt: 0)) \(figures); growth \(String(format: "%.2f", growth))×")
            if growth > growthLimit { flagged.append(model) }
        }
        print(flagged.isEmpty ? "no model grows past \(growthLimit)×" : "GROWS past \(growthLimit)×: \(flagged.joined(separator: ", "))")
    }

    /// The release `cacheaside-check` built beside this executable.
    private static func checkBinary() -> String? {
        guard let me = Bundle.main.executablePath else { return nil }
        let path = URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("cacheaside-check").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// Runs `binary` with `arguments`, its output discarded, and returns its peak resident set in MB.
    private static func peakResidentMegabytes(_ binary: String, _ arguments: [String]) -> Double {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        guard posix_spawn(&pid, binary, &actions, nil, argv, environ) == 0 else { return .nan }
        var status: Int32 = 0
        var usage = rusage()
        guard wait4(pid, &status, 0, &usage) == pid else { return .nan }
        // Linux reports `ru_maxrss` in kilobytes, macOS in bytes.
        #if canImport(Darwin)
        return Double(usage.ru_maxrss) / 1_048_576
        #else
        return Double(usage.ru_maxrss) / 1_024
        #endif
    }

    private static func format(_ megabytes: Double) -> String { String(format: "%.1f", megabytes) }
}
