/// Why a run could not be completed: a defect in the strategy or its use of the simulation, not a
/// property violation. Each names the problem and the fix in one line.
public enum SimulationFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// A client awaited something the simulation does not control and so never came back to it.
    case escaped(ClientID, during: ClientOperation?)
    /// A step ran on a thread other than the simulation's (from `Task {}`, `Task.detached`, …).
    case stepFromOutsideTheSimulation
    /// The run took more scheduling points than its budget: the strategy probably loops.
    case stepBudgetExceeded(budget: Int, client: ClientID, during: ClientOperation?)
    /// A strategy threw an error the simulation did not inject.
    case unexpectedError(ClientID, during: ClientOperation, error: String)
    /// A client started a step while another step of its own was waiting (concurrent child tasks).
    case concurrentSteps(ClientID)
    /// Every unfinished client waits for a lock that no runnable client will release.
    case deadlock(waiting: [ClientID], keys: [Key])

    public var description: String {
        func during(_ operation: ClientOperation?) -> String { operation.map { " during its \($0)" } ?? "" }
        switch self {
        case .escaped(let client, let operation):
            return "\(client) awaited something outside the simulation\(during(operation)) (Task.sleep, real I/O, "
                + "an actor or a task it never resumed); use env.clock.sleep, env.lock and env.random instead"
        case .stepFromOutsideTheSimulation:
            return "a cache, database or clock call came from outside the simulated clients (Task {} or "
                + "Task.detached in the strategy); await the work directly in read/write instead"
        case .stepBudgetExceeded(let budget, let client, let operation):
            return "the run exceeded its budget of \(budget) scheduling points, last \(client)\(during(operation)); "
                + "the strategy probably loops forever — bound its retries, or raise --step-budget"
        case .unexpectedError(let client, let operation, let error):
            return "\(client)'s \(operation) threw \(error), which the simulation did not inject; "
                + "strategies may only let injected faults (CacheUnavailable) escape"
        case .concurrentSteps(let client):
            return "\(client) took two steps at once (async let or a task group around cache or database calls); "
                + "make each client's calls sequential"
        case .deadlock(let waiting, let keys):
            return "deadlock: \(waiting.map(\.description).joined(separator: ", ")) wait for lock "
                + "\(keys.map(\.description).joined(separator: ", ")) that no running client will release; "
                + "release every lock you acquire (use defer)"
        }
    }
}
