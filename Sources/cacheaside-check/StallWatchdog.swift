import CacheAsideCheck
import Dispatch
import Foundation

/// Stops the command with a clear error when no simulated run has finished for `timeout`: a strategy is
/// then stuck in a loop with no `await`, which no in-process mechanism can interrupt (see
/// `SimulationHeartbeat`). Runs take microseconds, and every other phase (shrinking, the linearizability
/// search with its own time limit) finishes runs continually, so a long silence means a hang.
final class StallWatchdog: @unchecked Sendable {
    static let message = "Error: no simulated run finished for %d s: a strategy is probably stuck in a loop that "
        + "never awaits env.cache, env.database or env.clock (the step budget only counts awaited calls); "
        + "make every loop await one of them, or bound it"

    private let timer: DispatchSourceTimer

    /// Starts watching `progress` (by default the process's finished runs), checking every `interval`;
    /// calls `onStall` once if it stays unchanged for `timeout`.
    init(
        timeout: Duration, interval: Duration = .seconds(1), progress: @escaping @Sendable () -> Int = { SimulationHeartbeat.finishedRuns },
        onStall: @escaping @Sendable () -> Void
    ) {
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "cacheaside-check.watchdog"))
        var last = progress()
        var unchangedSince = ContinuousClock.now
        var fired = false
        let milliseconds = Int(interval.components.seconds * 1000 + interval.components.attoseconds / 1_000_000_000_000_000)
        timer.schedule(deadline: .now() + .milliseconds(milliseconds), repeating: .milliseconds(milliseconds))
        timer.setEventHandler {
            let now = progress()
            if now != last {
                last = now
                unchangedSince = ContinuousClock.now
            } else if !fired, ContinuousClock.now - unchangedSince >= timeout {
                fired = true
                onStall()
            }
        }
        timer.resume()
    }

    /// Stops watching.
    func cancel() { timer.cancel() }

    /// The watchdog the command line uses: after `seconds` without progress it prints the error and
    /// exits with status 2.
    static func forCommandLine(seconds: Int) -> StallWatchdog {
        StallWatchdog(timeout: .seconds(seconds)) {
            FileHandle.standardError.write(Data((String(format: message, seconds) + "\n").utf8))
            exit(2)
        }
    }
}
