import Synchronization

/// A process-wide count of finished runs, for watchdogs.
///
/// Escape detection and the step budget catch strategies that await something foreign or loop through
/// awaited calls, but a loop with no `await` at all never returns control to the simulation, and nothing
/// inside the process can interrupt it. A watchdog that sees this count stand still for long (runs take
/// microseconds) can at least say so and stop, instead of leaving the user with a silent hang.
public enum SimulationHeartbeat {
    private static let finished = Atomic<Int>(0)

    /// How many runs have finished in this process so far.
    public static var finishedRuns: Int { finished.load(ordering: .relaxed) }

    static func runFinished() { finished.add(1, ordering: .relaxed) }
}
