import CacheAsideCheck

extension SimulationFailure {
    /// The failure as the command line words it: where the library names a `SimulationOptions` parameter,
    /// the terminal names the flag that sets it (or says what to change when there is none).
    var commandLineDescription: String {
        func during(_ operation: ClientOperation?) -> String { operation.map { " during its \($0)" } ?? "" }
        switch self {
        case .stepBudgetExceeded(let budget, let client, let operation):
            return "the run exceeded its budget of \(budget) scheduling points, last \(client)\(during(operation)); "
                + "the strategy probably loops forever — bound its retries, or raise --step-budget"
        case .stalled(let client, let operation, let timeout):
            return "\(client) ran for \(timeout.components.seconds) s without reaching a scheduling point"
                + "\(during(operation)): the strategy is probably stuck in a loop that never awaits env.cache, "
                + "env.database or env.clock (the step budget only counts awaited calls); make every loop await one "
                + "of them, or bound it"
        default:
            return description
        }
    }
}
