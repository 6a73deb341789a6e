/// Why a run could not be completed: a defect in the strategy or its use of the simulation, not a
/// property violation. Each names the problem and the fix in one line, in the library's terms (a
/// `SimulationOptions` parameter, never a command-line flag: the command line words its own).
package enum SimulationFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// A client awaited something the simulation does not control (so it never came back to it), or
    /// called the cache, database or clock from a task that is not a simulated client.
    case escaped(ActorID, during: ClientOperation?)
    /// A client started a task of its own (`Task {}` or `Task.detached`), which runs outside the
    /// simulation, on another thread, at a time no seed decides. Reported when the task is started, so
    /// the same seed always names the same client and operation, whatever the task later does.
    case spawnedTask(ActorID, during: ClientOperation?)
    /// A client ran for `SimulationOptions.stallTimeout` (wall clock) without reaching a scheduling point:
    /// a loop with no `await`, which nothing can interrupt. Reported by `SimulationWatchdog`, which then
    /// ends the process; never part of a report.
    case stalled(ActorID, during: ClientOperation?, after: Duration)
    /// The run took more scheduling points than its budget: the strategy probably loops.
    case stepBudgetExceeded(budget: Int, client: ActorID, during: ClientOperation?)
    /// A strategy threw an error the simulation did not inject.
    case unexpectedError(ActorID, during: ClientOperation?, error: String)
    /// A client called `env.random(below:)` with a bound below 1, which has no value to draw.
    case randomBoundBelowOne(ActorID, during: ClientOperation?, bound: Int)
    /// A client started a step while another step of its own was waiting (concurrent child tasks).
    case concurrentSteps(ActorID)
    /// Every unfinished client waits for a lock that no runnable client will release.
    case deadlock(waiting: [ActorID], keys: [Key])
    /// Nothing else can run, and a client waits for an entry after position `after` on `log`: none will
    /// come, and a client would not be woken by one anyway (only background workers are; a client's
    /// long poll is a wait no schedule can end).
    case waitsForLogEntry(ActorID, during: ClientOperation?, log: WaitedLog, after: Int)
    /// The same run came out differently when repeated: a first failure that does not fail again on
    /// replay, or a difference found by `--check-determinism`. `seed` is `nil` for a schedule of an
    /// exhaustive search; `difference` says where the two runs first part.
    case nondeterministic(seed: UInt64?, difference: String)

    /// A log a client can wait on.
    package enum WaitedLog: Sendable, Hashable, CustomStringConvertible {
        /// The database's commit log (`env.database.changes(after:limit:)`).
        case changeLog
        /// The work queue (`env.queue.entries(after:limit:)`).
        case workQueue

        /// `the change log`, `the work queue`.
        package var description: String {
            switch self {
            case .changeLog: "the change log"
            case .workQueue: "the work queue"
            }
        }
    }

    /// The failure in the library's words (the command line words some of them its own way).
    package var description: String {
        func during(_ operation: ClientOperation?) -> String { operation.map { " during its \($0)" } ?? "" }
        switch self {
        case .escaped(let client, let operation):
            return "\(client) awaited something outside the simulation\(during(operation)) (Task.sleep, real I/O, "
                + "an actor, Task {} or Task.detached); use env.clock.sleep, env.lock and env.random, and await "
                + "cache and database calls directly in read/write"
        case .spawnedTask(let client, let operation):
            return "\(client) started a task (Task {} or Task.detached)\(during(operation)), which runs outside the "
                + "simulation, on another thread at a time no seed decides; await the cache, database and clock calls "
                + "directly in read/write"
        case .stalled(let client, let operation, let timeout):
            let seconds = timeout.components.seconds
            let waited = seconds > 0 ? "\(seconds) s" : "\(timeout.components.attoseconds / 1_000_000_000_000_000) ms"
            return "\(client) ran for \(waited) without reaching a scheduling point\(during(operation)): it is probably "
                + "stuck in a loop that never awaits; make every loop await env.cache, env.database or env.clock, or "
                + "bound it (SimulationOptions.stallTimeout sets how long to wait)"
        case .stepBudgetExceeded(let budget, let client, let operation):
            return "the run exceeded its budget of \(budget) scheduling points, last \(client)\(during(operation)); "
                + "the strategy probably loops forever — bound its retries, or raise SimulationOptions.stepBudget"
        case .unexpectedError(let client, let operation, let error):
            return "\(client)\(operation.map { "'s \($0)" } ?? "") threw \(error), which the simulation did not inject; "
                + "strategies may only let injected faults (CacheClient.Unavailable) escape"
        case .randomBoundBelowOne(let client, let operation, let bound):
            return "\(client) called env.random(below: \(bound))\(during(operation)); the bound must be at least 1"
        case .concurrentSteps(let client):
            return "\(client) took two steps at once (async let or a task group around cache or database calls); "
                + "make each client's calls sequential"
        case .nondeterministic(let seed, let difference):
            return "\(seed.map { "seed \($0)" } ?? "the failing schedule") gave different runs when repeated "
                + "(\(difference)): the strategy depends on something outside the simulation (global or static "
                + "state, the system clock or random generator); take time from env.clock and randomness from "
                + "env.random"
        case .deadlock(let waiting, let keys):
            return "deadlock: \(waiting.map(\.description).joined(separator: ", ")) \(waiting.count == 1 ? "waits" : "wait") "
                + "for \(keys.count == 1 ? "the lock on" : "the locks on") \(keys.map(\.description).joined(separator: ", ")) "
                + "that no running client will release; "
                + "release every lock you acquire (use defer)"
        case .waitsForLogEntry(let client, let operation, let log, let position):
            return "deadlock: \(client) waits\(during(operation)) for an entry after #\(position) on \(log) that no "
                + "running client or worker will write, and only background workers are woken by new entries; "
                + "follow logs in a BackgroundWorker, or read only positions already written"
        }
    }
}
