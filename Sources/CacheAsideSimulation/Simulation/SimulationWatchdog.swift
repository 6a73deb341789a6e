import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Stops a process whose strategy loops without ever awaiting, instead of letting it hang for ever.
///
/// Escape detection and the step budget catch strategies that await something foreign or loop through
/// awaited calls, but a loop with no `await` at all never hands control back to the simulation, and
/// nothing can interrupt a thread that spins. So one process-wide timer (started by the first run)
/// samples every simulation thread's `RunActivity` ten times a second; when one client has run for its
/// run's `SimulationOptions.stallTimeout` without reaching a scheduling point, the stall handler is
/// called with `SimulationFailure.stalled`. It watches that, and only that: a long exhaustive search
/// or shrink reaches scheduling points all the time and is never stopped. It never changes a report; it
/// only ends a process that could otherwise never end. It stands down while a debugger is attached (a
/// breakpoint in a strategy looks just like a spin). `package`: users set the timeout, not the watchdog.
package enum SimulationWatchdog {
    private static let activities = Mutex<[RunActivity]>([])
    private static let handler = Mutex<@Sendable (SimulationFailure) -> Void>(defaultHandler)

    /// What happens on a stall. The default prints the failure to standard error and exits with status 2
    /// (the thread cannot be stopped, so the process must be); a command line may word its own message,
    /// and a test may record the failure instead (the spinning thread then spins on).
    package static var stallHandler: @Sendable (SimulationFailure) -> Void {
        get { handler.withLock { $0 } }
        set { handler.withLock { $0 = newValue } }
    }

    /// Prints `failure` to standard error and exits with status 2.
    package static let defaultHandler: @Sendable (SimulationFailure) -> Void = { failure in
        let line = "error: \(failure)\n"
        _ = line.withCString { write(2, $0, strlen($0)) }
        exit(2)
    }

    /// Starts watching a thread's activity (once per thread).
    static func watch(_ activity: RunActivity) {
        _ = timer
        activities.withLock { $0.append(activity) }
    }

    /// Stops watching a thread's activity (its thread exited).
    static func unwatch(_ activity: RunActivity) {
        activities.withLock { $0.removeAll { $0 === activity } }
    }

    /// How many threads are watched.
    package static var watchedThreads: Int { activities.withLock { $0.count } }

    /// Created once, never touched again: the timer only calls `sweep`.
    nonisolated(unsafe) private static let timer: any DispatchSourceTimer = {
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "CacheAsideCheck.SimulationWatchdog"))
        timer.schedule(deadline: .now() + .milliseconds(100), repeating: .milliseconds(100), leeway: .milliseconds(50))
        timer.setEventHandler { sweep(now: .now) }
        timer.resume()
        return timer
    }()

    /// One look at every thread's activity at `now`; reports each stall once.
    static func sweep(now: ContinuousClock.Instant) {
        for activity in activities.withLock({ $0 }) {
            if let stall = check(activity, now: now) { stallHandler(stall) }
        }
    }

    /// The stall `activity` shows at `now`, if any (its watchdog-only fields are updated; called from the
    /// watchdog's queue only, or from a test that owns the activity).
    static func check(_ activity: RunActivity, now: ContinuousClock.Instant) -> SimulationFailure? {
        let (word, timeout) = activity.sample
        if word != activity.lastWord {
            activity.lastWord = word
            activity.unchangedSince = now
            activity.reported = false
            return nil
        }
        let waited = now - activity.unchangedSince
        guard word != 0, timeout > 0, !activity.reported, waited >= .milliseconds(timeout), !DebuggerPresence.isAttached,
            let (client, operation) = activity.stalledClient(word: word)
        else { return nil }
        activity.reported = true
        return .stalled(client, during: operation, after: .milliseconds(timeout))
    }
}
