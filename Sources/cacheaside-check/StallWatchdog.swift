import CacheAsideCheck
import Foundation

/// The command line's wording for `SimulationWatchdog`: when a strategy is stuck in a loop with no
/// `await`, one `Error:` line naming the client, its operation and the fix, then exit status 2.
enum StallWatchdog {
    /// The error line for `failure` (a `SimulationFailure.stalled`).
    static func message(for failure: SimulationFailure) -> String {
        guard case .stalled(let client, let operation, let timeout) = failure else { return "Error: \(failure)" }
        let during = operation.map { " during its \($0)" } ?? ""
        return "Error: \(client) ran for \(timeout.components.seconds) s without reaching a scheduling point\(during): "
            + "the strategy is probably stuck in a loop that never awaits env.cache, env.database or env.clock (the "
            + "step budget only counts awaited calls); make every loop await one of them, or bound it"
    }

    /// Makes stalls print the command line's message and exit with status 2.
    static func installForCommandLine() {
        SimulationWatchdog.stallHandler = { failure in
            FileHandle.standardError.write(Data((message(for: failure) + "\n").utf8))
            exit(2)
        }
    }
}
