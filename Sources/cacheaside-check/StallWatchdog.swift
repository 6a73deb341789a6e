import CacheAsideCheck
import Foundation

/// The command line's wording for `SimulationWatchdog`: when a strategy is stuck in a loop with no
/// `await`, one `Error:` line naming the client, its operation and the fix, then exit status 2.
enum StallWatchdog {
    /// The error line for `failure` (a `SimulationFailure.stalled`).
    static func message(for failure: SimulationFailure) -> String { "Error: \(failure.commandLineDescription)" }

    /// Makes stalls print the command line's message and exit with status 2.
    static func installForCommandLine() {
        SimulationWatchdog.stallHandler = { failure in
            FileHandle.standardError.write(Data((message(for: failure) + "\n").utf8))
            exit(2)
        }
    }
}
